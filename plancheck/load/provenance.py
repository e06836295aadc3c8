"""Checking provenance: every quote is a byte-for-byte substring of its source, states its number,
and identifies its statement: it occurs in its file only where it is cited."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from plancheck.errors import PlanError
from plancheck.load.quantities import chinese_value, quantities
from plancheck.model import Plan, Source


def number_forms(value: Decimal) -> set[str]:
    """Return the ways a number is commonly written: 1540, 1,540, 1540.0, and full-width digits."""
    plain = format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
    forms = {plain, format(value, "f")}
    if value == value.to_integral() and abs(value) >= 1000:
        forms.add(f"{int(value):,}")
    full = str.maketrans("0123456789.,", "０１２３４５６７８９．，")
    return forms | {f.translate(full) for f in forms}


def states(quote: str, value: Decimal) -> bool:
    """Whether ``quote`` writes ``value``: in Arabic numerals (see ``number_forms``), or in Chinese
    numerals that are a quantity (五十亿 states 50 of 亿元, and 5000000000; 千亿 states 1000)."""
    if any(form in quote for form in number_forms(value)):
        return True
    for q in quantities(quote):
        run = quote[q.start:q.numeral_end]
        if q.chinese and value in (chinese_value(run), chinese_value(run.rstrip("万亿"))):
            return True
    return False


def occurrences(text: str, quote: str) -> list[int]:
    """Where ``quote`` begins in ``text``, every place (overlapping ones too)."""
    found, at = [], text.find(quote)
    while at != -1:
        found.append(at)
        at = text.find(quote, at + 1)
    return found


def check_sources(plans: list[Plan], seeds: Path) -> list[PlanError]:
    """Return one error per quote that is not in its source file, occurs there more often than it
    is cited, or does not state its target's number."""
    texts: dict[str, str | None] = {}
    errors: list[PlanError] = []

    def text_of(name: str) -> str | None:
        if name not in texts:
            path = seeds / name
            texts[name] = path.read_text("utf-8") if path.is_file() else None
        return texts[name]

    def check(sources: Iterable[Source], line: int, column: int | None, path: str) -> None:
        cited = Counter((s.file, s.quote) for s in sources)
        for (name, quote), times in cited.items():
            text = text_of(name)
            if text is None:
                errors.append(PlanError(path, line, column, f"source file {name} is not in {seeds}"))
                continue
            found = occurrences(text, quote)
            if not found:
                errors.append(PlanError(path, line, column, f"quote not found in {name}: "
                                                            f"{quote[:40]!r}; copy it exactly from the file"))
            elif len(_elsewhere(text, quote, found, [q for f, q in cited if f == name and q != quote])) > times:
                lines = ", ".join(str(text.count("\n", 0, at) + 1) for at in found)
                cited_here = "once" if times == 1 else f"{times} times"
                errors.append(PlanError(path, line, column, f"quote {quote[:40]!r} occurs {len(found)} times in "
                                                            f"{name} (lines {lines}) but is cited {cited_here} here; "
                                                            "lengthen it so that it names one statement"))

    for plan in plans:
        for target in plan.targets:
            loc = target.location
            check(target.sources, loc.line, loc.column, loc.path)
            if target.stated and not any(states(s.quote, Decimal(target.stated)) for s in target.sources):
                errors.append(PlanError(loc.path, loc.line, loc.column,
                                        f"{target.indicator}: no quote states the value {target.stated}"))
            if target.baseline is not None and target.baseline.origin == "plan":
                check(target.baseline.sources, loc.line, loc.column, loc.path)
        for item in plan.inputs:
            check(item.sources, 1, None, plan.path)
    # A baseline is shared by its indicator's targets: report each problem once.
    return _unique(errors)


def _elsewhere(text: str, quote: str, found: list[int], others: list[str]) -> list[int]:
    """The places of ``quote`` (at ``found``) that are not inside another quote cited beside it: a
    restatement quoted at greater length (新培育独角兽企业1家 within 过亿级企业20家,新培育独角兽企业1家)."""
    spans = [(at, at + len(q)) for q in others for at in occurrences(text, q)]
    return [at for at in found if not any(lo <= at and at + len(quote) <= hi for lo, hi in spans)]


def _unique(errors: list[PlanError]) -> list[PlanError]:
    seen: set[str] = set()
    out = []
    for e in errors:
        if str(e) not in seen:
            seen.add(str(e))
            out.append(e)
    return out
