"""The result's JSON written faster, the same text: a long history's runs written without pydantic
(estimator/model/runs_json.py) must be byte for byte what pydantic alone writes, whatever the history, and read
back; the schedules' Sen figures (written by pydantic as they are) must have exactly two places."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from estimator import estimate, parse_case
from estimator.model.case import CaseError, decode_case_bytes
from estimator.model.casefile import injury_ids
from estimator.model.expect import load_golden
from estimator.model.record import _to_the_sen
from estimator.model.result import Result, ScheduleGroup, WageRun
from estimator.model.runs_json import FIELDS, runs_json
from tests.core_helpers import FAR_FUTURE
from tests.invalidity_helpers import before_event, inv_case

ROOT = Path(__file__).resolve().parent.parent
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


def _sen_fields(cls: type[BaseModel]) -> list[str]:
    return [
        name
        for name, info in cls.model_fields.items()
        if any(getattr(m, "func", None) is _to_the_sen for m in info.metadata)
    ]


def _sen_values(record: Any) -> list[Decimal]:
    """Every Sen figure of a record and the records inside it."""
    found: list[Decimal] = []
    if isinstance(record, BaseModel):
        found += [getattr(record, name) for name in _sen_fields(type(record))]
        for name in type(record).model_fields:
            found += _sen_values(getattr(record, name))
    elif isinstance(record, list):
        for item in record:
            found += _sen_values(item)
    return found


def _every_case() -> list[dict[str, Any]]:
    cases = [decode_case_bytes(p.read_bytes()) for p in sorted((ROOT / "samples").glob("*.json"))]
    cases += [load_golden(p).case for p in sorted((ROOT / "tests" / "golden").rglob("*.json"))]
    return cases


def test_the_law_makes_sen_figures_with_two_places() -> None:
    """pydantic writes a Sen figure as it is: every one the law makes has exactly two places (else the JSON would
    say 3000 where Money says 3000.00)."""
    seen = 0
    for data in _every_case():
        try:
            result = estimate(parse_case(data, today=FAR_FUTURE, injury_ids=injury_ids()))
        except CaseError:
            continue
        for value in _sen_values(result):
            assert value.as_tuple().exponent == -2, value
            seen += 1
    assert seen > 100


def test_a_sen_figure_read_back_has_two_places() -> None:
    group = ScheduleGroup.model_validate(
        {"relationship": "child", "share": "1/2", "daily_rate": "12.5", "monthly_amount": 375, "indexes": [1]}
    )
    assert group.model_dump(mode="json")["daily_rate"] == "12.50"
    assert group.model_dump(mode="json")["monthly_amount"] == "375.00"
