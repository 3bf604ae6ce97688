"""Constant attendance allowance (Act 4 s.15(1); Fourth Schedule): a fixed monthly amount for a permanent
total disablement that needs the constant personal attendance of another person (Medical Board)."""

from __future__ import annotations

from estimator.engine.i18n import tr
from estimator.engine.money import rm
from estimator.engine.rules import RuleNotInForce
from estimator.law.context import Ctx
from estimator.model.result import CAA


def constant_attendance(ctx: Ctx) -> CAA | None:
    case = ctx.case
    if not case.needs_constant_attendance:
        return None
    if not ctx.permanent_total:
        ctx.trace.refuse("CAA", tr("refuse.caa_not_total"))
        return None
    s = ctx.step("caa")
    try:
        amount = s.rule("ei.caa_monthly")
    except RuleNotInForce:
        ctx.trace.refuse("CAA", tr("refuse.no_rule", date=case.event_date.isoformat()))
        return None
    step = s.done("caa", rm(amount), amount=amount)
    return CAA(
        title=tr("benefit.CAA"), monthly_amount=amount, step_ids=[step.id], provisional=step.provisional
    )
