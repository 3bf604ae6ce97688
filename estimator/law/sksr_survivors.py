"""Survivors' pension of the Housewives' Social Security Scheme (Act 838 s.36; Fourth Schedule).

The whole pension is ``sksr.survivors_percent`` (50%) of the presumed monthly income.  The widower takes 3/5 and
each child 2/5, all scaled down to the whole when together they exceed it; with no widower the children share 3/5;
with neither a widower nor a child at the death, the parents share 4/10.  The widower is paid until he remarries or
reaches 55, a child until marriage or 21 (a child incapable of self-support until 55; one studying for a first
degree may be continued to the end of the studies), a parent until 55.  Whenever a payee's entitlement ends, the
shares of those still entitled are worked out again; the rounded parts never add up to more than the whole
(largest remainder, docs/decisions.md 3).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from estimator.engine.dates import add_years
from estimator.engine.i18n import Text, tr
from estimator.engine.money import rm, sen
from estimator.law.context import Ctx
from estimator.law.injuries import HUNDRED
from estimator.law.shares import common_shares, from_sen, schedule_groups, to_sen
from estimator.model.case import Dependant
from estimator.model.result import Payee, ScheduleGroup, SchedulePeriod
from estimator.model.result_schemes import HousewifeSurvivors

MONTH_DAYS = 30  # the daily figure shown; the Act divides by the days of the month paid (Fourth Sch para 1)


def _end(ctx: Ctx, dep: Dependant, limits: dict[str, int]) -> tuple[date | None, Text] | Text:
    """The last day of entitlement and why, or the reason the dependant is not entitled."""
    on = ctx.case.event_date
    rel = dep.relationship
    if rel in ("sibling", "grandparent"):
        return tr("sksr.refuse.not_dependant")
    if rel == "child" and dep.married:
        return tr("dep.refuse.married")
    if rel == "spouse":
        if dep.remarried_on is not None and dep.remarried_on <= on:
            return tr("sksr.refuse.remarried")
        last = add_years(dep.date_of_birth, limits["widower"]) - timedelta(days=1)
        if dep.remarried_on is not None and dep.remarried_on - timedelta(days=1) < last:
            return dep.remarried_on - timedelta(days=1), tr("sksr.end.remarried")
        return (last, tr("sksr.end.widower", age=limits["widower"])) if last >= on else tr("sksr.refuse.age")
    if rel == "parent":
        last = add_years(dep.date_of_birth, limits["parent"]) - timedelta(days=1)
        return (last, tr("sksr.end.age", age=limits["parent"])) if last >= on else tr("sksr.refuse.age")
    age = limits["disabled"] if dep.disabled else limits["child"]
    last = add_years(dep.date_of_birth, age) - timedelta(days=1)
    if dep.in_higher_education and dep.education_ends_on is not None and dep.education_ends_on > last:
        return dep.education_ends_on, tr("sksr.end.education")
    if last < on:
        return tr("sksr.refuse.age")
    return last, tr("sksr.end.disabled" if dep.disabled else "sksr.end.age", age=age)


def _wanted(
    rules: dict[str, Fraction], present: dict[str, list[int]]
) -> list[tuple[str, int, int, list[int]]]:
    """Each payee's share of the whole pension before any scaling down, for the relationships still paid."""
    out: list[tuple[str, int, int, list[int]]] = []
    for rel, indexes in present.items():
        n = len(indexes)
        if rel == "parent":
            share, divide = rules["parents"], n
        elif rel == "spouse":
            share, divide = rules["widower"], n
        elif "spouse" in present:
            share, divide = rules["child"], 1
        else:
            share, divide = rules["children"], n
        out.append((rel, share.numerator, share.denominator * divide, indexes))
    return out


def survivors_pension(ctx: Ctx) -> HousewifeSurvivors | None:
    case = ctx.case
    on = case.event_date
    s = ctx.step("sksr.survivors")
    income: Decimal = s.rule("sksr.presumed_monthly_income")
    rate: Decimal = s.rule("sksr.survivors_percent")
    limits = {
        "widower": s.rule("sksr.widower_end_age"),
        "parent": s.rule("sksr.parent_end_age"),
        "child": s.rule("sksr.child_age_limit"),
        "disabled": s.rule("sksr.disabled_child_end_age"),
    }
    share_rules = {
        "widower": s.rule("sksr.share_widower"),
        "child": s.rule("sksr.share_child"),
        "children": s.rule("sksr.share_children_no_widower"),
        "parents": s.rule("sksr.share_parents"),
    }
    whole = sen(income * rate / HUNDRED)
    step = s.done("sksr_survivors", rm(whole), income=income, rate=rate, whole=whole)
    entitled: list[tuple[int, Dependant, date | None, Text]] = []
    for index, dep in enumerate(case.dependants):
        found = _end(ctx, dep, limits)
        if isinstance(found, tuple):
            entitled.append((index, dep, found[0], found[1]))
        else:
            ctx.trace.refuse(f"DEPENDANT_{index + 1}", found)
    first_class = (
        "family" if any(d.relationship in ("spouse", "child") for _, d, _, _ in entitled) else "parent"
    )
    entitled = [e for e in entitled if (e[1].relationship == "parent") == (first_class == "parent")]
    if not entitled:
        ctx.trace.refuse("SURVIVORS", tr("sksr.refuse.no_survivors"))
        return None
    ends = sorted({end for _, _, end, _ in entitled if end is not None})
    starts = [on] + [end + timedelta(days=1) for end in ends]
    whole_sen = to_sen(whole)
    periods: list[SchedulePeriod] = []
    first: dict[int, tuple[ScheduleGroup, Decimal]] = {}
    for n, start in enumerate(starts):
        present: dict[str, list[int]] = {}
        for index, dep, end, _ in entitled:
            if end is None or end >= start:
                present.setdefault(dep.relationship, []).append(index)
        if not present:
            break
        shares = common_shares(_wanted(share_rules, present))
        groups, daily_total, monthly_total, explained = schedule_groups(whole_sen, shares, False, MONTH_DAYS)
        if n == 0:
            for record, (group, _) in zip(groups, explained, strict=True):
                for index in group.indexes:
                    first[index] = (record, shares.percent(group))
        periods.append(
            SchedulePeriod.model_construct(
                start=start,
                end=ends[n] if n < len(ends) else None,
                daily_total=from_sen(daily_total),
                monthly_total=from_sen(monthly_total),
                groups=groups,
                reason=tr("sksr.period.first") if n == 0 else tr("sksr.period.recomputed"),
            )
        )
    payees = []
    for index, dep, end, reason in entitled:
        record, percent = first[index]
        payees.append(
            Payee(
                index=index,
                relationship=dep.relationship,
                name=dep.name,
                date_of_birth=dep.date_of_birth,
                share=record.share,
                share_percent=percent,
                daily_rate=record.daily_rate,
                monthly_amount=record.monthly_amount,
                starts_on=on,
                ends_on=end,
                end_reason=reason,
            )
        )
    step_ids = [step.id]
    notes = [tr("note.sksr_survivors_days")]
    # the Act gives the children 3/5 "if the widower dies"; that it does so when his pension ends is a reading
    widower_ends = [end for _, d, end, _ in entitled if d.relationship == "spouse" and end is not None]
    reading = any(
        d.relationship == "child" and (end is None or end > min(widower_ends))
        for _, d, end, _ in entitled
        if widower_ends
    )
    if reading:
        notes.append(tr("note.sksr_widower_ended"))
        ctx.trace.note_provisional("sksr.widower_ended", tr("note.sksr_widower_ended"))
    return HousewifeSurvivors(
        title=tr("benefit.SURVIVORS"),
        presumed_monthly_income=income,
        rate_percent=rate,
        monthly_amount=periods[0].monthly_total,
        payees=payees,
        schedule=periods,
        step_ids=step_ids,
        provisional=reading or ctx.trace.provisional(step_ids),
        notes=notes,
    )
