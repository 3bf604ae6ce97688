"""Builders for core tests: cases as plain dicts, validated with a fixed 'today' far ahead."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from estimator import estimate, parse_case
from estimator.model.result import Result

FAR_FUTURE = date(2045, 1, 1)


def months_before(event: str, n: int, wage: str | list[str]) -> list[dict[str, str]]:
    y, m = int(event[:4]), int(event[5:7])
    idx = y * 12 + m - 1
    wages = wage if isinstance(wage, list) else [wage] * n
    out = []
    for k, i in enumerate(range(idx - n, idx)):
        yy, mm = divmod(i, 12)
        out.append({"month": f"{yy:04d}-{mm + 1:02d}", "wage": wages[k]})
    return out


def case(
    event: str = "2025-06-10", wage: str | list[str] = "2000.00", n: int = 6, **kw: Any
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": "faedah-case",
        "version": 1,
        "scheme": "employment_injury",
        "incident_type": "work_accident",
        "outcome": "injury",
        "event_date": event,
        "date_of_birth": "1985-03-01",
        "monthly_wages": months_before(event, n, wage),
    }
    data.update(kw)
    return data


def run(data: dict[str, Any]) -> Result:
    return estimate(parse_case(data, today=FAR_FUTURE))


def benefit(result: Result, code: str) -> Any:
    for b in result.benefits:
        if b.code == code:
            return b
    return None


def refused(result: Result) -> set[str]:
    return {n.code for n in result.not_payable}


def D(x: str) -> Decimal:
    return Decimal(x)
