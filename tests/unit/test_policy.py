from datetime import date

import pytest

from plancheck.evaluate.policy import ExitPolicy, exit_code
from plancheck.exitcodes import ExitCode
from plancheck.model import Result, Results, Status
from tests.builders import target


def results(*pairs: tuple[Status, bool]) -> Results:
    items = tuple(Result(target=target(soft=soft), status=s, as_of=date(2021, 1, 1)) for s, soft in pairs)
    return Results(as_of=date(2021, 1, 1), items=items)


@pytest.mark.parametrize(("statuses", "policy", "expected"), [
    ([Status.MET, Status.ON_TRACK, Status.PENDING], ExitPolicy(), ExitCode.OK),
    ([Status.MET, Status.LAGGING], ExitPolicy(), ExitCode.LAGGING),
    ([Status.LAGGING, Status.MISSED], ExitPolicy(), ExitCode.MISSED),
    ([Status.LAGGING], ExitPolicy(fail_on="missed"), ExitCode.OK),
    ([Status.MISSED], ExitPolicy(fail_on="missed"), ExitCode.MISSED),
    ([Status.MISSED], ExitPolicy(fail_on="never"), ExitCode.OK),
    ([Status.NO_DATA], ExitPolicy(), ExitCode.OK),
    ([Status.NO_DATA], ExitPolicy(no_data_fails=True), ExitCode.LAGGING),
    ([Status.NO_DATA], ExitPolicy(no_data_fails=True, fail_on="missed"), ExitCode.OK),
    ([], ExitPolicy(), ExitCode.OK),
])
def test_exit_code_from_the_worst_counted_status(statuses: list[Status], policy: ExitPolicy,
                                                  expected: ExitCode) -> None:
    assert exit_code(results(*[(s, False) for s in statuses]), policy) is expected


def test_soft_missed_warns_unless_strict() -> None:
    soft_missed = results((Status.MISSED, True))
    assert exit_code(soft_missed, ExitPolicy()) is ExitCode.LAGGING
    assert exit_code(soft_missed, ExitPolicy(strict=True)) is ExitCode.MISSED


def test_worst_is_by_severity() -> None:
    assert results((Status.NO_DATA, False), (Status.MET, False)).worst is Status.NO_DATA
    assert results().worst is None
