"""What every law module is given: the case, the rule pack, the trace, and what earlier benefits found."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from estimator.engine.rules import RulePack
from estimator.engine.trace import StepTrace, Trace
from estimator.model.case import Case
from estimator.model.result import BenefitRecord, RulesInfo, WageRun


@dataclass
class Ctx:
    case: Case
    rules: RulePack
    trace: Trace
    age: int  # completed years on the event date
    wages: list[tuple[str, Decimal]]  # (YYYY-MM, wage), oldest first
    average_monthly_wage: Decimal | None = None  # exact; set by the wage basis
    wage_months: list[WageRun] = field(default_factory=list)  # the listed months banded, as runs
    facts: dict[str, Any] = field(default_factory=dict)  # what one benefit leaves for a later one

    def step(self, step_id: str, on: date | None = None) -> StepTrace:
        """Open a step of the explanation; rule values are read through it (default date: the event)."""
        return self.trace.step(step_id, on or self.case.event_date)


Law = Callable[[Ctx], BenefitRecord | list[BenefitRecord] | None]
"""A law: returns what it pays (or ``None``, having recorded why not)."""


class NothingMorePayable(Exception):  # noqa: N818 - a signal, not an error
    """Raised by a law when no later law of the scheme can pay (the reason is already recorded)."""


def rules_info(pack: RulePack) -> RulesInfo:
    """What every result says of the rule pack it was computed with."""
    return RulesInfo(
        version=pack.version,
        sha256=pack.sha256,
        name=pack.name,
        origin=pack.origin,
        differs_from_published=pack.differs_from_published,
    )
