"""Invalidity Scheme (Skim Keilatan): invalidity pension, invalidity grant, CAA, survivors' pension, funeral.

The case's ``monthly_wages`` is the contribution history: each month listed with a wage above zero is a
contribution paid.  ``first_contribution_month`` (optional) is when contributions first became payable when that is
earlier than the first month listed.  The event date is the date of the notice of invalidity, or of death.

* Age conditions (limits in force on the event date): first contribution before 55 (50 before 2013), notice or
  death before 60 (55 before 2013).
* Qualifying conditions (s.17 / s.17A): full = at least 24 contributions in the 40 months before the month of
  the event, or contributions in at least 2/3 of the complete months since contributions first became payable
  (minimum 24); reduced = 1/3 (minimum 24).
* Pension (s.20): 50% of the average monthly wage + 1% for every 12 contributions beyond the first 24, at most
  65%; reduced 50%.  The average monthly wage (AMW) is the average of the assumed wages of the last 24 contributions
  (provisional), each month banded with the table in force in that month, floored at the minimum in force on the
  event date; the minimum pension follows.  Monthly amount, and a per-day rate (monthly / days in the month) for part
  months.
* Invalidity grant when invalid but not qualifying: the invalidity contributions (employer + employee) with interest
  (provisional: the invalidity part of each month is taken as the band's Category 1 total minus its Category 2
  amount; the interest rate is not published).
* Death (any cause not connected with employment): survivors' pension shared like the dependants' benefit, funeral
  benefit.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal, Protocol

from estimator.engine.calc import Recorder, formula, title
from estimator.engine.i18n import Text, tr
from estimator.engine.money import ZERO, num, pct, rm, sen
from estimator.engine.rules import RuleNotInForce, RulePack
from estimator.law.wages import band_month, describe_month, month_start
from estimator.model.case import Case, age_on, month_from_index, month_index, month_of
from estimator.model.result import (
    CAA,
    Funeral,
    Info,
    InvalidityGrant,
    InvalidityPension,
    SurvivorsPension,
    WageMonthInfo,
)

QualifyingKind = Literal["full", "reduced"]


class InvalidityContext(Protocol):
    """What :func:`invalidity_benefits` needs from the engine's ``Ctx`` (it sets the last two fields)."""

    case: Case
    rules: RulePack

    @property
    def rec(self) -> Recorder: ...

    age: int
    wages: list[tuple[str, Decimal]]
    average_monthly_wage: Decimal | None
    wage_months: list[WageMonthInfo]


# ----------------------------------------------------------------------------------------------- history


@dataclass
class History:
    """The contribution history as far as the event: which months count."""

    event_month: str
    contributions: list[str]  # months with a wage above zero before the event month, oldest first
    wages: dict[str, Decimal]  # every listed month -> wage
    first_month: (
        str | None
    )  # when contributions first became payable (case field, else the first contribution)
    ignored: list[str] = field(default_factory=list)  # listed months in or after the event month

    @property
    def total(self) -> int:
        return len(self.contributions)


def history_of(case: Case, wages: list[tuple[str, Decimal]] | None = None) -> History:
    listed = wages if wages is not None else [(w.month, w.wage) for w in case.monthly_wages]
    event_month = month_of(case.event_date)
    ev = month_index(event_month)
    paid = sorted(m for m, w in listed if w > 0)
    before = [m for m in paid if month_index(m) < ev]
    ignored = [m for m in paid if month_index(m) >= ev]
    first = case.first_contribution_month
    if before and (first is None or month_index(first) > month_index(before[0])):
        first = before[0]
    return History(
        event_month=event_month, contributions=before, wages=dict(listed), first_month=first, ignored=ignored
    )


# ----------------------------------------------------------------------------------------------- qualifying


@dataclass
class Qualifying:
    kind: QualifyingKind | None  # None: neither condition met
    test: Literal["window", "two_thirds", "one_third", "none"]
    window: list[str]  # the 40 months before the event month
    window_count: int
    window_needed: int
    span_months: int  # complete months from the first payable month to the month before the event
    span_first: str | None
    span_count: int
    full_needed: int  # contributions needed for 2/3 of the span (at least the minimum)
    reduced_needed: int
    minimum: int
    total: int
    step_id: str = ""


def _ceil_share(share: Fraction, months: int) -> int:
    return -((-share.numerator * months) // share.denominator)


def qualifying(rec: Recorder, hist: History, on: date, death: bool = False) -> Qualifying:
    """The s.17 (notice) / s.17A (death) qualifying conditions, with their step."""
    n_window = rec.use("invalidity.qualifying_window_months", on)
    need_window = rec.use("invalidity.qualifying_window_contributions", on)
    full_share: Fraction = rec.use("invalidity.full_fraction", on)
    reduced_share: Fraction = rec.use("invalidity.reduced_fraction", on)
    minimum = rec.use("invalidity.min_contributions", on)
    ev = month_index(hist.event_month)
    window = [month_from_index(i) for i in range(ev - n_window, ev)]
    paid = set(hist.contributions)
    window_count = sum(1 for m in window if m in paid)
    span = ev - month_index(hist.first_month) if hist.first_month else 0
    span_count = hist.total  # every counted contribution lies within the span
    full_needed = max(_ceil_share(full_share, span), minimum)
    reduced_needed = max(_ceil_share(reduced_share, span), minimum)
    if window_count >= need_window:
        kind: QualifyingKind | None = "full"
        test: Literal["window", "two_thirds", "one_third", "none"] = "window"
    elif span_count >= full_needed:
        kind, test = "full", "two_thirds"
    elif span_count >= reduced_needed:
        kind, test = "reduced", "one_third"
    else:
        kind, test = None, "none"
    q = Qualifying(
        kind=kind,
        test=test,
        window=window,
        window_count=window_count,
        window_needed=need_window,
        span_months=span,
        span_first=hist.first_month,
        span_count=span_count,
        full_needed=full_needed,
        reduced_needed=reduced_needed,
        minimum=minimum,
        total=hist.total,
    )
    ok, no = "met", "not met"
    parts = [
        f"{window[0]} – {window[-1]}: {window_count} contributions (need {need_window}) "
        f"{ok if window_count >= need_window else no}",
        (
            f"since {hist.first_month}: {span_count} of {span} complete months; "
            f"2/3 needs {full_needed} {ok if span_count >= full_needed else no}; "
            f"1/3 needs {reduced_needed} {ok if span_count >= reduced_needed else no} (minimum {minimum})"
        )
        if hist.first_month
        else "no contribution before the month of the event",
    ]
    res = tr(f"inv.qp.{test}", window=window_count, need=need_window, n=span_count, months=span)
    s = rec.step(
        "surv.qualifying" if death else "inv.qualifying",
        title("inv_qualifying_death" if death else "inv_qualifying"),
        formula("inv_qualifying"),
        "; ".join(parts),
        {"window": "full", "two_thirds": "full", "one_third": "reduced", "none": "✗"}[test],
        inputs={
            "first_contribution_month": hist.first_month or "",
            "event_month": hist.event_month,
            "contributions": str(hist.total),
        },
        note=res,
    )
    q.step_id = s.id
    return q


# ----------------------------------------------------------------------------------------------- AMW


@dataclass
class AverageWage:
    months: list[WageMonthInfo]  # the months averaged (oldest first)
    exact: Decimal | None  # average of their assumed wages
    minimum: Decimal | None  # the minimum in force on the event date (None: none known)
    used: Decimal | None  # the AMW the pension uses
    floored: bool
    provisional: bool
    step_ids: list[str]


def _runs(infos: list[WageMonthInfo]) -> list[str]:
    """Consecutive months with the same wage and band, as one line each."""
    out: list[str] = []
    start = 0
    for k in range(1, len(infos) + 1):
        if k < len(infos):
            a, b = infos[k - 1], infos[k]
            if (
                b.wage == a.wage
                and b.band_item == a.band_item
                and b.assumed_wage == a.assumed_wage
                and b.table == a.table
                and month_index(b.month) == month_index(a.month) + 1
            ):
                continue
        first, last = infos[start], infos[k - 1]
        months = first.month if k - 1 == start else f"{first.month} – {last.month} ({k - start})"
        out.append(
            f"{months}: {rm(first.wage)} → #{first.band_item} ({first.table}) → {rm(first.assumed_wage)}"
        )
        start = k
    return out


def average_monthly_wage(rec: Recorder, hist: History, on: date, death: bool = False) -> AverageWage:
    """Average of the assumed wages of the last contributions (24, provisional), floored at the minimum."""
    rules = rec.rules
    count = rec.use("invalidity.average_wage_contributions", on)
    last = hist.contributions[-count:]
    infos = [describe_month(rules, m, hist.wages[m], in_window=True) for m in last]
    prefix = "surv" if death else "inv"
    if not infos:
        rec.discard_pending()
        return AverageWage([], None, None, None, False, False, [])
    seen: set[date] = set()
    for i in infos:
        tv = rules.at("wages.band_table", month_start(i.month))
        if tv.start not in seen:
            seen.add(tv.start)
            rec.value("wages.band_table", month_start(i.month))
    lines = _runs(infos)
    inferred = sorted({i.band_item for i in infos if i.provisional})
    note = tr("inv.amw_inferred_bands", items=", ".join(map(str, inferred))) if inferred else None
    if note:
        rec.note_provisional(f"inv.band:{inferred}", note)
    counts: dict[Decimal, int] = {}
    for i in infos:
        counts[i.assumed_wage] = counts.get(i.assumed_wage, 0) + 1
    terms = " + ".join(f"{n} × {num(aw)}" for aw, n in sorted(counts.items()))
    s1 = rec.step(
        f"{prefix}.amw_bands",
        title("inv_amw_bands"),
        formula("inv_amw_bands"),
        "; ".join(lines),
        terms,
        inputs={i.month: num(i.wage) for i in infos},
        provisional=bool(inferred),
        note=note,
    )
    exact = sum((i.assumed_wage for i in infos), ZERO) / len(infos)
    rec.use("invalidity.average_wage_contributions", on)
    try:
        minimum: Decimal | None = rec.use("invalidity.min_average_monthly_wage", on)
    except RuleNotInForce:
        minimum = None
    used = exact if minimum is None or exact >= minimum else minimum
    floored = used != exact
    sub = f"({terms}) / {len(infos)} = {num(exact, 4)}"
    if minimum is not None:
        sub += f"; minimum {num(minimum)} → {num(used, 4)}"
    few = tr("inv.amw_fewer", n=len(infos), count=count) if len(infos) < count else None
    s2 = rec.step(
        f"{prefix}.amw",
        title("inv_amw"),
        formula("inv_amw"),
        sub,
        rm(sen(used)),
        inputs={"months": f"{infos[0].month} – {infos[-1].month}"},
        rounding=tr("inv.rounding_amw"),
        provisional=s1.provisional,
        note=tr("inv.amw_floored", minimum=rm(minimum)) if floored and minimum is not None else few,
    )
    return AverageWage(infos, exact, minimum, used, floored, s1.provisional or s2.provisional, [s1.id, s2.id])


# ----------------------------------------------------------------------------------------------- pension


@dataclass
class PensionCalc:
    rate_percent: Decimal
    monthly: Decimal  # rounded to the sen, after the minimum
    minimum: Decimal | None
    raised_to_minimum: bool
    provisional: bool
    step_ids: list[str]


def pension_rate(
    rec: Recorder, on: date, contributions: int, kind: QualifyingKind, survivors: bool = False
) -> tuple[Decimal, str, bool]:
    """Rate % of the AMW, with its step: (rate, step id, provisional)."""
    prefix = "surv" if survivors else "inv"
    if kind == "reduced":
        key = "invalidity.survivors_reduced_rate_percent" if survivors else "invalidity.reduced_rate_percent"
        rate: Decimal = rec.use(key, on)
        s = rec.step(
            f"{prefix}.rate",
            title("inv_rate"),
            formula("inv_rate_reduced"),
            f"reduced: {pct(rate)}",
            pct(rate),
            inputs={"contributions": str(contributions)},
        )
        return rate, s.id, s.provisional
    base: Decimal = rec.use("invalidity.base_rate_percent", on)
    free: int = rec.use("invalidity.rate_free_contributions", on)
    per: int = rec.use("invalidity.rate_step_contributions", on)
    step: Decimal = rec.use("invalidity.rate_step_percent", on)
    top: Decimal = rec.use("invalidity.max_rate_percent", on)
    steps = max(contributions - free, 0) // per
    raw = base + step * steps
    rate = min(raw, top)
    sub = (
        f"{num(base, 0)} + {num(step, 0)} × floor(({contributions} - {free}) / {per}) = {num(base, 0)} + "
        f"{num(step, 0)} × {steps} = {pct(raw)}" + (f" → maximum {pct(top)}" if raw > top else "")
    )
    s = rec.step(
        f"{prefix}.rate",
        title("inv_rate"),
        formula("inv_rate_full"),
        sub,
        pct(rate),
        inputs={"contributions": str(contributions)},
    )
    return rate, s.id, s.provisional


def pension(
    rec: Recorder,
    on: date,
    amw: Decimal,
    contributions: int,
    kind: QualifyingKind,
    survivors: bool = False,
    amw_provisional: bool = False,
) -> PensionCalc:
    """Monthly pension = rate × AMW (to the sen), at least the minimum pension in force on ``on``."""
    prefix = "surv" if survivors else "inv"
    rate, rate_id, rate_prov = pension_rate(rec, on, contributions, kind, survivors)
    raw = sen(amw * rate / 100)
    try:
        minimum: Decimal | None = rec.use("invalidity.min_pension", on)
    except RuleNotInForce:
        minimum = None
    monthly = raw if minimum is None or raw >= minimum else minimum
    sub = f"{pct(rate)} × {num(amw, 4)} = {num(raw)}"
    if minimum is not None:
        sub += f"; minimum {num(minimum)}" + (f" → {num(monthly)}" if monthly != raw else "")
    s = rec.step(
        f"{prefix}.pension",
        title("inv_pension_survivors" if survivors else "inv_pension"),
        formula("inv_pension"),
        sub,
        rm(monthly),
        rounding=tr("inv.rounding_pension"),
        provisional=amw_provisional or rate_prov,
        note=tr("inv.raised_to_minimum", minimum=rm(minimum)) if minimum and monthly != raw else None,
    )
    return PensionCalc(rate, monthly, minimum, monthly != raw, s.provisional, [rate_id, s.id])


def daily_rates(rec: Recorder, on: date, monthly: Decimal, provisional: bool) -> tuple[Decimal, Decimal, str]:
    """Per-day rate for part months (monthly / days in that month): the rate in the month of ``on`` and the
    amount for the part month from ``on`` to the month's end.  Returns (daily rate, part-month amount, step id)."""
    days = calendar.monthrange(on.year, on.month)[1]
    daily = sen(monthly / days)
    remaining = days - on.day + 1
    part = sen(monthly * remaining / days)
    others = ", ".join(f"{d} days: {num(sen(monthly / d))}" for d in (28, 29, 30, 31))
    s = rec.step(
        "inv.daily",
        title("inv_daily"),
        formula("inv_daily"),
        f"{num(monthly)} / {days} = {num(daily)} a day in {on:%Y-%m}; {remaining} days from "
        f"{on.isoformat()}: {num(monthly)} × {remaining} / {days} = {num(part)} ({others})",
        rm(daily),
        rounding=tr("inv.rounding_daily"),
        provisional=provisional,
        note=tr("inv.daily_note", date=on.isoformat(), days=remaining, amount=rm(part)),
    )
    return daily, part, s.id


# ----------------------------------------------------------------------------------------------- grant


def invalidity_grant(rec: Recorder, hist: History, on: date) -> InvalidityGrant | None:
    """The invalidity contributions (employer + employee) with interest: a provisional estimate."""
    if not hist.contributions:
        return None
    rate: Decimal = rec.use("invalidity.grant_interest_percent", on)
    ev = month_index(hist.event_month)
    paid = ZERO
    total = Decimal(0)
    groups: dict[tuple[str, int, Decimal], int] = {}
    tables_seen: set[date] = set()
    for m in hist.contributions:
        band, tv = band_month(rec.rules, m, hist.wages[m])
        if tv.start not in tables_seen:
            tables_seen.add(tv.start)
            rec.value("wages.band_table", month_start(m))
        part = band.cat1_total - band.cat2_employer
        years = Decimal(ev - month_index(m)) / 12
        paid += part
        total += part * (1 + rate / 100) ** years
        key = (tv.value.name, band.item, part)
        groups[key] = groups.get(key, 0) + 1
    total = sen(total)
    interest = total - paid
    lines = [f"{n} × {num(part)} (#{item}, {table})" for (table, item, part), n in groups.items()]
    note = tr("inv.grant_assumption", rate=pct(rate))
    rec.note_provisional("inv.grant", note)
    s = rec.step(
        "inv.grant",
        title("inv_grant"),
        formula("inv_grant"),
        f"{'; '.join(lines)} = {num(paid)}; with interest at {pct(rate)} a year: {num(total)}",
        rm(total),
        inputs={"contributions": str(hist.total)},
        rounding=tr("inv.rounding_grant"),
        provisional=True,
        note=note,
    )
    notes = [note]
    if hist.total < 12:
        notes.append(tr("inv.grant_min_12"))
    return InvalidityGrant(
        title=tr("inv.title.grant"),
        total=total,
        contributions_paid=paid,
        interest=interest,
        provisional=True,
        step_ids=[s.id],
        notes=notes,
    )


# ----------------------------------------------------------------------------------------------- main entry


def _age_conditions(
    ctx: InvalidityContext, hist: History, on: date, death: bool, pensioner: bool
) -> tuple[Text | None, str]:
    """(None when the age conditions hold, else the reason; the id of the step that records them)."""
    rec = ctx.rec
    limit_first: int = rec.use("invalidity.age_limit_first_contribution", on)
    limit_event: int = rec.use("invalidity.age_limit_notice", on)
    first_age = age_on(ctx.case.date_of_birth, month_start(hist.first_month)) if hist.first_month else None
    reason: Text | None = None
    if pensioner:
        reason = None
    elif ctx.age >= limit_event:
        reason = tr(
            "inv.refuse.age_death" if death else "inv.refuse.age_notice", age=ctx.age, limit=limit_event
        )
    elif first_age is not None and first_age >= limit_first:
        reason = tr("inv.refuse.age_first", age=first_age, limit=limit_first, month=hist.first_month)
    sub = f"age {ctx.age} on {on.isoformat()} (limit: under {limit_event}); " + (
        f"age {first_age} in {hist.first_month} at the first contribution (limit: under {limit_first})"
        if first_age is not None
        else "no contribution listed"
    )
    if pensioner:
        sub += "; invalidity pensioner: age limits do not apply"
    s = rec.step(
        "surv.age" if death else "inv.age",
        title("inv_age"),
        formula("inv_age"),
        sub,
        "✓" if reason is None else "✗",
        inputs={"date_of_birth": ctx.case.date_of_birth.isoformat()},
        note=tr("inv.age_ok") if reason is None else reason,
    )
    return reason, s.id


def _funeral(ctx: InvalidityContext, on: date, base_ids: list[str]) -> Funeral:
    from estimator.law.funeral import funeral_benefit

    return funeral_benefit(
        ctx,  # type: ignore[arg-type]
        on,
        ctx.case.funeral_expenses,
        step_id="surv.funeral",
        text_key="inv_funeral",
        payee_note=tr("inv.funeral_payees"),
        base_ids=base_ids,
    )


def _caa(ctx: InvalidityContext, on: date, monthly_pension: Decimal) -> CAA:
    rec = ctx.rec
    try:
        amount: Decimal = rec.use("ei.caa_monthly", on)
        sub = f"fixed amount {num(amount)}"
    except RuleNotInForce:
        share: Decimal = rec.use("invalidity.caa_percent_of_pension", on)
        amount = sen(monthly_pension * share / 100)
        sub = f"{pct(share)} × {num(monthly_pension)} = {num(amount)}"
    s = rec.step(
        "inv.caa",
        title("inv_caa"),
        formula("inv_caa"),
        sub,
        rm(amount),
        inputs={"needs_constant_attendance": "true"},
    )
    return CAA(
        title=tr("benefit.CAA"),
        monthly_amount=amount,
        provisional=s.provisional,
        step_ids=[s.id],
        notes=[tr("inv.caa_note")],
    )


def _info(death: bool) -> list[Info]:
    out = [
        Info(
            code="EDUCATION",
            title=tr("benefit.EDUCATION"),
            conditions=[tr("inv.info.education_1"), tr("inv.info.education_2")],
        )
    ]
    if not death:
        out.insert(
            0,
            Info(
                code="REHABILITATION",
                title=tr("benefit.REHABILITATION"),
                conditions=[tr("inv.info.rehab_1"), tr("inv.info.rehab_2")],
            ),
        )
    return out


def _history_warnings(ctx: InvalidityContext, hist: History) -> None:
    rec = ctx.rec
    if hist.ignored:
        rec.warn(
            "inv.months_ignored",
            tr("inv.warn.months_ignored", months=", ".join(hist.ignored), event=hist.event_month),
            severity="info",
        )
    first_listed = hist.contributions[0] if hist.contributions else None
    cfm = ctx.case.first_contribution_month
    if cfm and first_listed and month_index(cfm) < month_index(first_listed):
        rec.warn("inv.history_gap", tr("inv.warn.history_gap", first=cfm, listed=first_listed))


def _describe_history(ctx: InvalidityContext, averaged: set[str]) -> list[WageMonthInfo]:
    return [describe_month(ctx.rules, m, w, in_window=m in averaged) for m, w in sorted(ctx.wages)]


def invalidity_benefits(ctx: InvalidityContext) -> list[Any]:
    """Every Invalidity Scheme benefit of the case (outcome "invalidity" or "death"); refusals go to ctx.rec."""
    case = ctx.case
    rec = ctx.rec
    on = case.event_date
    death = case.outcome == "death"
    pensioner = bool(getattr(case, "receiving_invalidity_pension", False)) and death
    hist = history_of(case, ctx.wages)
    _history_warnings(ctx, hist)
    ctx.wage_months = _describe_history(ctx, set())
    ctx.average_monthly_wage = None
    benefits: list[Any] = []
    main_code = "SURVIVORS_PENSION" if death else "INVALIDITY_PENSION"

    age_reason, age_id = _age_conditions(ctx, hist, on, death, pensioner)
    if age_reason is not None:
        rec.refuse(main_code, age_reason)
        if not death:
            rec.refuse("INVALIDITY_GRANT", tr("inv.refuse.grant_age"))
        else:
            rec.refuse("FUNERAL", tr("inv.refuse.funeral"))
        return benefits

    q = qualifying(rec, hist, on, death=death)
    base_ids = [age_id, q.step_id]
    kind: QualifyingKind | None = q.kind
    if kind is None and pensioner:
        kind = "full"
        rec.warn("surv.pensioner", tr("inv.warn.pensioner"))
    if kind is None:
        counts = tr(
            "inv.refuse.counts",
            window=q.window_count,
            need=q.window_needed,
            n=q.span_count,
            months=q.span_months,
            reduced=q.reduced_needed,
        )
        if death:
            rec.refuse(
                "SURVIVORS_PENSION",
                tr("inv.refuse.not_qualifying_death", counts_en=counts["en"], counts_ms=counts["ms"]),
            )
            rec.refuse("FUNERAL", tr("inv.refuse.funeral"))
            return benefits
        rec.refuse(
            "INVALIDITY_PENSION",
            tr("inv.refuse.not_qualifying", counts_en=counts["en"], counts_ms=counts["ms"]),
        )
        grant = invalidity_grant(rec, hist, on)
        if grant is None:
            rec.refuse("INVALIDITY_GRANT", tr("inv.refuse.grant_none"))
        else:
            grant.step_ids = [*base_ids, *grant.step_ids]
            benefits.append(grant)
        return benefits

    amw = average_monthly_wage(rec, hist, on, death=death)
    if amw.used is None:  # only possible for a pensioner with no listed wages
        rec.refuse(main_code, tr("inv.refuse.no_wages"))
        if death:
            benefits.append(_funeral(ctx, on, base_ids))
        return benefits
    ctx.average_monthly_wage = sen(amw.used)
    ctx.wage_months = _describe_history(ctx, {i.month for i in amw.months})
    calc = pension(rec, on, amw.used, hist.total, kind, survivors=death, amw_provisional=amw.provisional)
    rec.warn("inv.cola", tr("inv.warn.cola"), severity="info")
    notes: list[Text] = [
        tr(
            f"inv.qp.{q.test if q.kind else 'pensioner'}",
            window=q.window_count,
            need=q.window_needed,
            n=q.span_count,
            months=q.span_months,
        )
    ]
    if amw.floored and amw.minimum is not None:
        notes.append(tr("inv.amw_floored", minimum=rm(amw.minimum)))

    if not death:
        daily, part, daily_id = daily_rates(rec, on, calc.monthly, calc.provisional)
        notes.append(
            tr(
                "inv.daily_note",
                date=on.isoformat(),
                days=calendar.monthrange(on.year, on.month)[1] - on.day + 1,
                amount=rm(part),
            )
        )
        notes.append(tr("inv.accrual_note"))
        benefits.append(
            InvalidityPension(
                title=tr("inv.title.pension"),
                rate_percent=calc.rate_percent,
                monthly_amount=calc.monthly,
                daily_rate=daily,
                average_monthly_wage=sen(amw.used),
                qualifying=kind,
                contributions=hist.total,
                provisional=calc.provisional,
                step_ids=[*base_ids, *amw.step_ids, *calc.step_ids, daily_id],
                notes=notes,
            )
        )
        if case.needs_constant_attendance:
            benefits.append(_caa(ctx, on, calc.monthly))
        benefits.extend(_info(death=False))
        return benefits

    # death: survivors' pension shared among the dependants, funeral benefit
    survivors = _survivors(ctx, calc, amw, base_ids, kind, notes)
    if survivors is not None:
        benefits.append(survivors)
    benefits.append(_funeral(ctx, on, base_ids))
    if survivors is not None:
        benefits.extend(_info(death=True))
    return benefits


def _survivors(
    ctx: InvalidityContext,
    calc: PensionCalc,
    amw: AverageWage,
    base_ids: list[str],
    kind: QualifyingKind,
    notes: list[Text],
) -> SurvivorsPension | None:
    rec = ctx.rec
    case = ctx.case
    if not case.dependants:
        rec.refuse("SURVIVORS_PENSION", tr("inv.refuse.no_dependants", amount=rm(calc.monthly)))
        return None
    from estimator.law.dependants import (
        dependants_schedule,  # the lead's module (shares as in the dependants' benefit)
    )

    payees, schedule, share_ids = dependants_schedule(
        ctx,  # type: ignore[arg-type]
        calc.monthly,
        per="month",
        on=case.event_date,
        step_prefix="surv",
    )
    if not payees:
        rec.refuse("SURVIVORS_PENSION", tr("inv.refuse.no_eligible_dependants"))
        return None
    note = tr("inv.survivors_shares_note")
    rec.note_provisional("surv.shares", note)
    notes.append(note)
    return SurvivorsPension(
        title=tr("inv.title.survivors"),
        rate_percent=calc.rate_percent,
        monthly_amount=calc.monthly,
        average_monthly_wage=sen(amw.used) if amw.used is not None else ZERO,
        qualifying=kind,
        payees=payees,
        schedule=schedule,
        provisional=True,
        step_ids=[*base_ids, *amw.step_ids, *calc.step_ids, *share_ids],
        notes=notes,
    )
