"""A long history's runs are written into the result's JSON without pydantic (estimator/model/runs_json.py): the
text must be byte for byte what pydantic alone writes, whatever the history, and it must read back."""

from __future__ import annotations

import json
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from estimator import estimate, parse_case
from estimator.model.result import Result, WageRun
from estimator.model.runs_json import FIELDS, runs_json
from tests.core_helpers import FAR_FUTURE
from tests.invalidity_helpers import before_event, inv_case

WAGES = [
    "0.00",
    "0",
    "-0",
    "900.00",
    "1000.00",
    "1000.01",
    "2000",
    "2000.00",
    "2950.00",
    "5100.00",
    "12345.67",
]


def _both(result: Result) -> tuple[str, str]:
    return result.to_json(), result.model_dump_json(indent=2)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(WAGES), min_size=1, max_size=120), st.sampled_from(["invalidity", "death"]))
def test_an_invalidity_history_is_written_as_pydantic_writes_it(wages: list[str], outcome: str) -> None:
    data = inv_case("2025-06-10", before_event("2025-06-10", len(wages), wages), outcome=outcome)
    if outcome == "death":
        data["dependants"] = [{"relationship": "spouse", "date_of_birth": "1976-02-01"}]
    result = estimate(parse_case(data, today=FAR_FUTURE))
    fast, plain = _both(result)
    assert fast == plain
    assert Result.model_validate_json(fast).wage_months == result.wage_months


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(WAGES[3:]), min_size=18, max_size=60))
def test_an_injury_history_is_written_as_pydantic_writes_it(wages: list[str]) -> None:
    data = {
        "format": "faedah-case",
        "version": 1,
        "scheme": "employment_injury",
        "incident_type": "work_accident",
        "outcome": "injury",
        "event_date": "2025-06-10",
        "date_of_birth": "1980-01-15",
        "monthly_wages": before_event("2025-06-10", len(wages), wages),
        "medical_leave_days": 10,
    }
    result = estimate(parse_case(data, today=FAR_FUTURE))
    assert len(result.wage_months) >= 1
    fast, plain = _both(result)
    assert fast == plain


def test_forty_years_a_new_wage_every_month() -> None:
    wages = [f"{2000 + (k % 40) * 25}.00" for k in range(480)]
    data = inv_case("2025-06-10", before_event("2025-06-10", 480, wages), dob="1960-01-15")
    result = estimate(parse_case(data, today=FAR_FUTURE))
    assert len(result.wage_months) == 480
    fast, plain = _both(result)
    assert fast == plain
    document = json.loads(fast)
    assert [list(run) for run in document["wage_months"]] == [list(FIELDS)] * 480


def test_a_run_it_cannot_write_is_left_to_pydantic() -> None:
    """A hand-made record with a month text that needs escaping, or a field of another type: pydantic writes all."""
    run = dict.fromkeys(FIELDS)
    run.update(
        first='2025-"01',
        last="2025-01",
        months=1,
        wage=Decimal("1.00"),
        band_item=1,
        band="a",
        assumed_wage=Decimal("1.00"),
        table="t",
        in_window=False,
        provisional=False,
    )
    assert runs_json([WageRun.of(run)]) is None
    assert runs_json([WageRun.of({**run, "first": "2025-01", "in_window": 1})]) is None
    assert runs_json([WageRun.of({**run, "first": "2025-01"})]) is not None
    data = inv_case("2025-06-10", before_event("2025-06-10", 40, ["2000.00", "2100.00"] * 20))
    result = estimate(parse_case(data, today=FAR_FUTURE))
    odd = WageRun.of({**run, "table": 'quote " and \\ back\nslash'})
    result.wage_months = [*result.wage_months, odd]
    fast, plain = _both(result)
    assert fast == plain and '\\"' in fast
