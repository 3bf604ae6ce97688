"""Builders for the Invalidity Scheme tests: contribution histories and invalidity / death cases."""

from __future__ import annotations

from typing import Any

from estimator import parse_case
from estimator.engine.dates import age_on
from estimator.engine.rules import RulePack, default_rules
from estimator.engine.trace import Trace
from estimator.law.context import Ctx, NothingMorePayable
from estimator.law.schemes import laws_for
from estimator.model.case import Case
from estimator.model.result import BenefitRecord
from tests.core_helpers import FAR_FUTURE


def month_add(month: str, k: int) -> str:
    idx = int(month[:4]) * 12 + int(month[5:7]) - 1 + k
    y, m = divmod(idx, 12)
    return f"{y:04d}-{m + 1:02d}"


def months_run(first: str, n: int, wage: str | list[str]) -> list[dict[str, str]]:
    """``n`` consecutive months from ``first`` (wages: one value, or one per month)."""
    wages = wage if isinstance(wage, list) else [wage] * n
    return [{"month": month_add(first, k), "wage": wages[k]} for k in range(n)]


def before_event(event: str, n: int, wage: str | list[str], gap: int = 0) -> list[dict[str, str]]:
    """``n`` consecutive months ending ``gap`` months before the month of ``event`` (gap 0: the month before)."""
    last = month_add(event[:7], -1 - gap)
    return months_run(month_add(last, -(n - 1)), n, wage)


def inv_case(
    event: str, wages: list[dict[str, str]], outcome: str = "invalidity", dob: str = "1975-01-15", **kw: Any
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": "faedah-case",
        "version": 1,
        "scheme": "invalidity",
        "incident_type": "illness",
        "outcome": outcome,
        "event_date": event,
        "date_of_birth": dob,
        "monthly_wages": wages,
    }
    data.update(kw)
    return data


def make_ctx(data: dict[str, Any] | Case, rules: RulePack | None = None) -> Ctx:
    """The engine's Ctx, for calling the laws of the Invalidity Scheme directly."""
    case = data if isinstance(data, Case) else parse_case(data, today=FAR_FUTURE)
    pack = rules or default_rules()
    return Ctx(
        case=case,
        rules=pack,
        trace=Trace(pack),
        age=age_on(case.date_of_birth, case.event_date),
        wages=sorted((w.month, w.wage) for w in case.monthly_wages),
    )


def invalidity_benefits(ctx: Ctx) -> list[BenefitRecord]:
    """Walk the scheme's laws for the case's outcome, as ``estimate`` does (without building the Result)."""
    benefits: list[BenefitRecord] = []
    try:
        for law in laws_for("invalidity", ctx.case.outcome):
            paid = law(ctx)
            if isinstance(paid, list):
                benefits.extend(paid)
            elif paid is not None:
                benefits.append(paid)
    except NothingMorePayable:
        pass
    return benefits


SPOUSE_AND_TWO_CHILDREN = [
    {"relationship": "spouse", "date_of_birth": "1978-04-02"},
    {"relationship": "child", "date_of_birth": "2010-05-01"},
    {"relationship": "child", "date_of_birth": "2015-09-20"},
]
