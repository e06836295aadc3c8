#!/bin/sh
# The monthly plancheck mail, for cron: the status and the report of the month, sent on every
# outcome with a subject that says it (ok, lagging, missed, invalid input, failed), and plancheck
# status's exit code kept as this script's own (cron's MAILTO, or a monitor, sees it too).
#
#   usage: plancheck-monthly.sh DATA_REPOSITORY ADDRESS [REPORT.html]
set -u
repo=${1:?usage: plancheck-monthly.sh DATA_REPOSITORY ADDRESS [REPORT.html]}
address=${2:?usage: plancheck-monthly.sh DATA_REPOSITORY ADDRESS [REPORT.html]}
html=${3:-}
cd "$repo" || exit 66
body=$(mktemp) || exit 70
trap 'rm -f "$body"' EXIT
since=$(date -d '1 month ago' +%F)

# Written to a file first, never piped: a pipe into mail would end with mail's code, not plancheck's.
plancheck status --format markdown --quiet >"$body" 2>&1
code=$?
if [ "$code" -le 2 ]; then
  printf '\n' >>"$body"
  plancheck report --format markdown --since "$since" >>"$body" 2>&1 || code=$?
  if [ -n "$html" ]; then
    plancheck report --format html --since "$since" -o "$html" >>"$body" 2>&1 || code=$?
  fi
fi
case $code in
  0) outcome="ok" ;;
  1) outcome="lagging" ;;
  2) outcome="missed" ;;
  3) outcome="invalid input" ;;
  *) outcome="failed (exit $code)" ;;
esac
mail -s "plancheck $(date +%F): $outcome" "$address" <"$body" || exit 75
exit "$code"
