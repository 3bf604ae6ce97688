"""The banded history as runs (issue 22 point 3): one record per run of identical consecutive months, the same
months as banding each month on its own, and results saved with months read back as runs."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from estimator import estimate, parse_case
from estimator.engine.dates import month_from_index
from estimator.engine.rules import Value, default_rules
from estimator.engine.trace import Trace
from estimator.law.invalidity.history import mark_averaged
from estimator.law.wages import MonthBander, month_start
from estimator.model.result import Result, WageMonthInfo, WageRun, runs_of
from tests.invalidity_helpers import FAR_FUTURE, before_event, inv_case

D = Decimal
START = 2016 * 12 + 3  # 2016-04: the history crosses the 2016-06, 2022-09 and 2024-10 tables


def month_record(table_value: Value, month: str, wage: Decimal, in_window: bool) -> WageMonthInfo:
    """One month banded on its own: its band under ``table_value`` and the band's assumed wage."""
    band = table_value.value.band_for(wage)
    return WageMonthInfo.model_construct(
        month=month,
        wage=wage,
        band_item=band.item,
        band=band.label(),
        assumed_wage=band.assumed_wage,
        table=table_value.value.name,
        in_window=in_window,
        provisional=band.provisional or table_value.provisional,
    )


def _one_by_one(wages: list[tuple[str, Decimal]], lo: str = "~", hi: str = "") -> list[WageMonthInfo]:
    """Each month banded on its own, with the rule pack's table in force on the month's first day."""
    pack = default_rules()
    return [
        month_record(pack.at("wages.band_table", month_start(m)), m, w, lo <= m <= hi and w > 0)
        for m, w in wages
    ]


def _bander() -> MonthBander:
    """A bander reading the bundled pack through a step, as the law does."""
    return MonthBander(Trace(default_rules()).step("wages.months", date(2026, 1, 1)))


histories = st.lists(
    st.tuples(st.integers(0, 3), st.sampled_from(["0.00", "900.00", "2000.00", "2000.01", "5100.00"])),
    min_size=1,
    max_size=60,
)


def _wages(steps: list[tuple[int, str]]) -> list[tuple[str, Decimal]]:
    """A history from (months since the previous listed month (0: the next month), wage)."""
    out, index = [], START
    for gap, wage in steps:
        index += gap + 1
        out.append((month_from_index(index), D(wage)))
    return out


@settings(max_examples=60, deadline=None)
@given(histories, st.integers(0, 80), st.integers(0, 40))
def test_runs_hold_the_months_banded_one_by_one(steps: list[tuple[int, str]], a: int, n: int) -> None:
    wages = _wages(steps)
    lo, hi = month_from_index(START + a), month_from_index(START + a + n)
    runs = _bander().runs(wages, (lo, hi))
    assert [m for run in runs for m in run.expand()] == _one_by_one(wages, lo, hi)
    for before, after in zip(runs, runs[1:], strict=False):  # runs are as long as they can be
        assert runs_of([*before.expand(), *after.expand()]) == [before, after]
    # marking the averaged months afterwards gives the same runs as banding with the window
    unmarked = _bander().runs(wages)
    assert mark_averaged(unmarked, lo, hi) == runs_of(_one_by_one(wages, lo, hi))


def test_a_long_history_of_one_wage_is_a_run_per_table() -> None:
    data = inv_case("2025-06-10", before_event("2025-06-10", 480, "3000.00"), dob="1967-01-15")
    result = estimate(parse_case(data, today=FAR_FUTURE))
    assert [(r.first, r.last, r.months, r.table, r.in_window) for r in result.wage_months] == [
        ("1985-06", "2008-05", 276, "wage_bands_1971-01.csv", False),
        (
            "2008-06",
            "2009-12",
            19,
            "wage_bands_2008-06.csv",
            False,
        ),  # the RM3,000 ceiling's start is provisional
        ("2010-01", "2016-05", 77, "wage_bands_2008-06.csv", False),  # until 1 Jan 2010: a run of its own
        ("2016-06", "2022-08", 75, "wage_bands_2016-06.csv", False),
        ("2022-09", "2023-05", 9, "wage_bands_2022-09.csv", False),
        ("2023-06", "2024-09", 16, "wage_bands_2022-09.csv", True),
        ("2024-10", "2025-05", 8, "wage_bands_2024-10.csv", True),
    ]
    months = result.months()
    assert len(months) == 480 and sum(m.in_window for m in months) == 24
    assert months[0].month == "1985-06" and months[-1].month == "2025-05"
    document = json.loads(result.to_json())
    assert len(document["wage_months"]) == 7 and "month" not in document["wage_months"][0]


def test_a_result_saved_with_months_reads_back_as_runs() -> None:
    data = inv_case("2025-06-10", before_event("2025-06-10", 30, "2000.00"))
    result = estimate(parse_case(data, today=FAR_FUTURE))
    document = json.loads(result.to_json())
    document["wage_months"] = [m.model_dump(mode="json") for m in result.months()]  # as saved before runs
    again = Result.model_validate(document)
    assert again.wage_months == result.wage_months
    assert all(isinstance(r, WageRun) for r in again.wage_months)


def test_the_json_lists_each_run_in_the_fields_order() -> None:
    data = inv_case("2025-06-10", before_event("2025-06-10", 40, ["2000.00", "2100.00"] * 20))
    document = json.loads(estimate(parse_case(data, today=FAR_FUTURE)).to_json())
    assert len(document["wage_months"]) == 40  # a new wage every month: a run a month
    assert all(list(run) == list(WageRun.model_fields) for run in document["wage_months"])
