"""What a self-employed person pays for an SKSPS plan (Act 789 s.11(2), Second Schedule para 2)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from estimator.engine.rules import RulePack, default_rules
from estimator.engine.trace import Trace
from estimator.law.sksps import plan_rule
from estimator.model.record import Money

MONTHS_A_YEAR = 12
PLANS = (1, 2, 3, 4)


class PlanContribution(BaseModel):
    model_config = ConfigDict(extra="forbid")
    format: str = "faedah-sksps-contribution"
    plan: int
    on: date
    insured_monthly_earning: Money
    insured_daily_earning: Money
    monthly_contribution: Money
    yearly_contribution: Money
    source: str
    confidence: str


def plan_contribution(plan: int, on: date, rules: RulePack | None = None) -> PlanContribution:
    """The plan's monthly contribution and the twelve months of it, from the pack in force on ``on``."""
    rules = rules or default_rules()
    if plan not in PLANS:
        raise ValueError(f"the SKSPS plans are {PLANS[0]} to {PLANS[-1]}")
    reader = Trace(rules).step(
        "sksps.plan", on
    )  # never closed: the plan's figures, read as the law reads them
    earning = reader.value(plan_rule(plan, "insured_monthly_earning"))
    monthly = reader.value(plan_rule(plan, "monthly_contribution"))
    divisor: int = reader.rule("sksps.days_divisor")
    amount: Decimal = monthly.value
    return PlanContribution(
        plan=plan,
        on=on,
        insured_monthly_earning=earning.value,
        insured_daily_earning=(earning.value / divisor).quantize(Decimal("0.01")),
        monthly_contribution=amount,
        yearly_contribution=amount * MONTHS_A_YEAR,
        source=monthly.source,
        confidence=monthly.confidence,
    )
