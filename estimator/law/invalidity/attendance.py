"""Constant attendance allowance with the invalidity pension (Act 4 s.20(3); perkeso-rules.md 3.6), and the
benefits in kind that come with the pensions (rehabilitation, s.57; education loan for a pensioner's child)."""

from __future__ import annotations

from decimal import Decimal

from estimator.engine.i18n import tr
from estimator.engine.money import rm, sen
from estimator.engine.rules import RuleNotInForce
from estimator.law.context import Ctx
from estimator.model.result import CAA, BenefitRecord, Info


def constant_attendance(ctx: Ctx) -> CAA | None:
    """The fixed monthly allowance (before 2013: 40% of the pension) when constant attendance is needed."""
    calc = ctx.pension
    if calc is None or not ctx.case.needs_constant_attendance:
        return None
    s = ctx.step("inv.caa")
    inputs = {"needs_constant_attendance": "true"}
    try:
        amount: Decimal = s.rule("ei.caa_monthly")
        step = s.done("inv_caa", rm(amount), subst="inv_caa_fixed", inputs=inputs, amount=amount)
    except RuleNotInForce:
        share: Decimal = s.rule("invalidity.caa_percent_of_pension")
        amount = sen(calc.monthly * share / 100)
        step = s.done(
            "inv_caa",
            rm(amount),
            subst="inv_caa_share",
            inputs=inputs,
            share=share,
            pension=calc.monthly,
            amount=amount,
        )
    return CAA(
        title=tr("benefit.CAA"),
        monthly_amount=amount,
        provisional=step.provisional,
        step_ids=[step.id],
        notes=[tr("inv.caa_note")],
    )


def _education() -> Info:
    return Info(
        code="EDUCATION",
        title=tr("benefit.EDUCATION"),
        conditions=[tr("inv.info.education_1"), tr("inv.info.education_2")],
    )


def rehabilitation_and_education(ctx: Ctx) -> list[BenefitRecord]:
    """With an invalidity pension: rehabilitation (and dialysis), and the education loan."""
    if ctx.pension is None:
        return []
    rehabilitation = Info(
        code="REHABILITATION",
        title=tr("benefit.REHABILITATION"),
        conditions=[tr("inv.info.rehab_1"), tr("inv.info.rehab_2")],
    )
    return [rehabilitation, _education()]


def education(ctx: Ctx) -> list[BenefitRecord]:
    """With a survivors' pension: the education loan for a dependant child."""
    return [_education()] if ctx.survivors_paid else []
