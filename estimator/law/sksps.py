"""The Self-Employment Social Security Scheme (SKSPS, Act 789; DR14/2017 bill).

* s.3: a self-employment injury arises out of and in the course of the self-employment activity, including while
  travelling for the purpose of that activity; s.16: a Fifth Schedule occupational disease is deemed one.
* s.3 and s.14(2): a claim must be for an injury within the coverage period of a contribution paid (up to
  ``sksps.coverage_months`` consecutive months from the payment); s.14(3): rejected 72 months after the accident.
* Second Schedule para 1-3: the plan chosen fixes the selected insured monthly earning; the selected insured daily
  earning is one-thirtieth of it; temporary disablement 80%, permanent disablement 90% (partial: x the loss of
  earning capacity).  The benefits are those of Act 4 on that basis, so the employment-injury laws are reused:
  the scheme's declaration in :mod:`estimator.law.registry` makes them read Act 789's own rules (no RM30 minimum,
  siblings at 4/10, s.29 commutation) and lists the Act 4 rules it inherits, each with its reason.
* A case without the day the contribution was paid cannot be checked against the coverage period: every figure is
  provisional (``ctx.unchecked_coverage``).
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from estimator.engine.dates import add_months
from estimator.engine.i18n import tr
from estimator.engine.money import rm, sen
from estimator.engine.rules import RuleNotInForce
from estimator.law.context import Ctx, NothingMorePayable
from estimator.law.facts import WageBasis


def plan_rule(plan: int, what: str) -> str:
    """The pack key of a plan's figure: ``what`` is "insured_monthly_earning" or "monthly_contribution"."""
    return f"sksps.plan{plan}_{what}"


def coverage(ctx: Ctx) -> None:
    """s.3, s.14, s.16: the scheme's start, the plan, the coverage period and the kind of injury."""
    case = ctx.case
    on = case.event_date
    s = ctx.step("sksps.coverage")
    start = s.rule("sksps.start_date")
    months = s.rule("sksps.coverage_months", max(on, start))  # read at the start for an earlier event
    paid = case.contribution_paid_on
    reasons: list[str] = []
    if on < start:
        reasons.append("refuse.sksps_before_start")
    if case.sksps_plan is None:
        reasons.append("refuse.sksps_no_plan")
    if paid is not None and not paid <= on < add_months(paid, months):
        reasons.append("refuse.sksps_outside_period")
    period_end = add_months(paid, months) - timedelta(days=1) if paid is not None else None
    s.provisional_input(paid is None)
    s.done(
        "sksps_coverage",
        tr("common.not_covered") if reasons else tr("sksps.covered"),
        subst="sksps_coverage" if paid is not None else "sksps_coverage_unknown",
        inputs={"contribution_paid_on": paid.isoformat() if paid else "—"},
        note=None if paid is not None else tr("note.sksps_period_unknown"),
        on=on,
        start=start,
        months=months,
        paid=paid or on,
        end=period_end or on,
    )
    for key in reasons:
        ctx.trace.refuse("SKSPS", tr(key, date=start.isoformat(), months=months))
    if reasons:
        raise NothingMorePayable
    ctx.unchecked_coverage = paid is None  # then every figure rests on a coverage period not checked
    if paid is None:
        ctx.trace.note_provisional("sksps.period_unknown", tr("note.sksps_period_unknown"))
    kind = case.incident_type
    ctx.trace.warn("SKSPS_INJURY_" + kind.upper(), tr(f"warn.sksps.{kind}"), severity="info")
    limit: int = ctx.step("sksps.claim_limit").rule("sksps.claim_limit_months")
    deadline = add_months(on, limit)
    ctx.trace.warn(
        "SKSPS_CLAIM_LIMIT",
        tr("warn.sksps_claim_limit", date=deadline.isoformat(), months=limit),
        severity="info",
    )
    ctx.trace.warn("SKSPS_ONE_BENEFIT", tr("warn.sksps_one_benefit"), severity="info")


def plan_basis(ctx: Ctx) -> None:
    """Second Schedule para 1-3: the plan's insured monthly earning is the basis of every cash benefit."""
    case = ctx.case
    assert case.sksps_plan is not None  # coverage() refused the case otherwise
    s = ctx.step("sksps.plan")
    try:
        earning: Decimal = s.rule(plan_rule(case.sksps_plan, "insured_monthly_earning"))
        contribution: Decimal = s.rule(plan_rule(case.sksps_plan, "monthly_contribution"))
    except RuleNotInForce:
        ctx.trace.refuse("SKSPS", tr("refuse.sksps_no_plan"))
        raise NothingMorePayable from None
    plan_step = s.done(
        "sksps_plan",
        rm(earning),
        inputs={"sksps_plan": str(case.sksps_plan)},
        plan=case.sksps_plan,
        earning=earning,
        contribution=contribution,
    )
    d = ctx.step("sksps.daily")
    divisor = d.rule("wages.days_divisor")
    daily = earning / divisor
    daily_step = d.done(
        "sksps_daily", rm(sen(daily)), rounding="display_only", earning=earning, divisor=divisor, daily=daily
    )
    basis = WageBasis(
        average_monthly=earning,
        step_ids=[plan_step.id, daily_step.id],
        provisional=ctx.unchecked_coverage,
    )
    ctx.wage_basis = basis
    ctx.average_monthly_wage = earning
