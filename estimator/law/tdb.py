"""Temporary disablement benefit (Act 4 s.15(1); Fourth Schedule para 1(1)(a), as amended by A1788 s.18).

Payable for medical leave certified for at least ``ei.tdb_min_mc_days`` days including the day of the accident, at
the TDB daily rate for each day of leave on which the employee did not work with wages.  Under Act 4 the
benefits must be claimed within ``ei.claim_period_months`` months of the last day of leave (:func:`claim_period`,
a law of the employees' schemes only: Act 789 has its own limit, s.14(3)).
"""

from __future__ import annotations

from datetime import timedelta

from estimator.engine.dates import add_months
from estimator.engine.i18n import tr
from estimator.engine.money import rm
from estimator.law.context import Ctx
from estimator.law.facts import WageBasis
from estimator.law.rates import daily_rate
from estimator.law.wages import basis_of
from estimator.model.result import TDB


def _tdb(ctx: Ctx, basis: WageBasis) -> TDB | None:
    case = ctx.case
    on = case.event_date
    leave = case.medical_leave_days
    if leave <= 0:
        return None
    s = ctx.step("tdb.eligibility")
    minimum = s.rule("ei.tdb_min_mc_days")
    if leave < minimum:
        s.done(
            "tdb_eligibility",
            tr("common.not_payable"),
            inputs={"medical_leave_days": str(leave)},
            days=leave,
            minimum=minimum,
        )
        ctx.trace.refuse("TDB", tr("refuse.tdb_short_leave", days=leave, min=minimum))
        return None
    days = leave - case.days_worked_with_wages
    if days <= 0:
        ctx.trace.refuse("TDB", tr("refuse.tdb_worked_all"))
        return None
    last_day = on + timedelta(days=leave - 1)
    with ctx.trace.collect() as ids:
        daily = daily_rate(ctx, basis, "tdb")
        total = daily * days
        s = ctx.step("tdb.total")
        s.rule("ei.tdb_min_mc_days")
        s.provisional_input(basis.provisional)
        s.done(
            "tdb_total",
            rm(total),
            inputs={
                "medical_leave_days": str(leave),
                "days_worked_with_wages": str(case.days_worked_with_wages),
                "first_day": on.isoformat(),
                "last_day": last_day.isoformat(),
            },
            daily=daily,
            leave=leave,
            worked=case.days_worked_with_wages,
            total=total,
        )
    step_ids = basis.step_ids + ids
    return TDB(
        title=tr("benefit.TDB"),
        daily_rate=daily,
        days=days,
        total=total,
        first_day=on,
        last_day=last_day,
        step_ids=step_ids,
        provisional=ctx.trace.provisional(step_ids),
    )


def temporary_disablement(ctx: Ctx) -> TDB | None:
    """The law of an injury: the benefit (left in ``ctx.tdb`` for the claim period)."""
    basis = basis_of(ctx)
    if basis is None:
        return None
    case = ctx.case
    ctx.tdb = _tdb(ctx, basis)
    if ctx.tdb is None and (
        case.medical_leave_days == 0 and case.loss_of_earning_capacity_percent is None and not case.injuries
    ):
        ctx.trace.warn("NO_LEAVE", tr("warn.no_leave"), severity="info")
    return ctx.tdb


def claim_period(ctx: Ctx) -> None:
    """Act 4: the benefits are claimed within ``ei.claim_period_months`` of the last day of leave."""
    tdb = ctx.tdb
    if tdb is None:
        return
    case = ctx.case
    months: int = ctx.step("tdb.claim_period").rule("ei.claim_period_months")
    deadline = add_months(tdb.last_day, months)
    ctx.trace.warn(
        "CLAIM_PERIOD", tr("warn.claim_by", date=deadline.isoformat(), months=months), severity="info"
    )
    if case.claim_date and case.claim_date > deadline:
        ctx.trace.warn("CLAIM_LATE", tr("warn.claim_late", date=deadline.isoformat(), months=months))


def temporary_disablement_before_death(ctx: Ctx) -> TDB | None:
    """The law of a death: the benefit for the leave before the death (no claim period to warn about)."""
    basis = basis_of(ctx)
    return _tdb(ctx, basis) if basis is not None else None
