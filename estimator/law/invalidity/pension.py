"""The invalidity pension (Act 4 s.19, s.20) and the figures the survivors' pension shares with it.

* Average monthly wage (s.20(2)): the average of the assumed wages of the last 24 contributions (the window is
  INFERRED from DR28/1991, hence provisional), each month banded with the table in force in that month, raised to
  the minimum average monthly wage in force on the event date (P.U.(A) 323/2022: RM1,100 from 2023).
* Rate (s.20(1)): full qualifying period 50% + 1% for every 12 contributions beyond the first 24 (whole steps),
  at most 65%; reduced 50%.  Monthly pension = rate x AMW to the sen, at least the minimum pension in force.
* Accrual (s.19): from the day of the notice; a part month is paid per day (monthly / days in that month).
"""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal
from typing import Any

from estimator.engine.dates import month_index
from estimator.engine.i18n import Text, tr
from estimator.engine.money import ZERO, num, pct, rm, sen
from estimator.engine.rules import RuleNotInForce
from estimator.engine.trace import Later, StepTrace, Trace, fill, fill_rows, fills_later, join_texts
from estimator.law.context import Ctx, NothingMorePayable
from estimator.law.facts import AverageWage, History, PensionCalc, QualifyingKind
from estimator.law.invalidity import history, qualifying
from estimator.law.wages import bander_of, month_start
from estimator.model.result import InvalidityPension, WageMonthInfo


def _runs(infos: list[WageMonthInfo]) -> list[Text]:
    """Consecutive months with the same wage and band, as one line each (the lines of one template are filled
    together: a long history repeats its wages, tables and bands)."""
    single: list[tuple[int, dict[str, Any]]] = []
    ranged: list[tuple[int, dict[str, Any]]] = []
    start = 0
    for k in range(1, len(infos) + 1):
        if k < len(infos):
            a, b = infos[k - 1].__dict__, infos[k].__dict__
            if (
                b["wage"] == a["wage"]
                and b["band_item"] == a["band_item"]
                and b["assumed_wage"] == a["assumed_wage"]
                and b["table"] == a["table"]
                and month_index(b["month"]) == month_index(a["month"]) + 1
            ):
                continue
        first, last = infos[start], infos[k - 1]
        values = {
            "wage": first.wage,
            "item": first.band_item,
            "table": first.table,
            "assumed": first.assumed_wage,
        }
        if k - 1 == start:
            single.append((len(single) + len(ranged), {"month": first.month, **values}))
        else:
            row = {"first": first.month, "last": last.month, "count": k - start, **values}
            ranged.append((len(single) + len(ranged), row))
        start = k
    lines: list[Text] = [{}] * (len(single) + len(ranged))
    for key, rows in (("inv.amw.run", single), ("inv.amw.run_range", ranged)):
        for (at, _), line in zip(rows, fill_rows(key, [row for _, row in rows]), strict=True):
            lines[at] = line
    return lines


def _runs_text(infos: list[WageMonthInfo]) -> Text:
    return join_texts(_runs(infos))


def _runs_later(infos: list[WageMonthInfo]) -> bool:
    """The run lines can be written later without fail: the templates take the values of a month (every month
    holds values of the same types: records of the same bander) and every amount is a finite Decimal."""
    first = infos[0]
    values = {
        "month": first.month,
        "first": first.month,
        "last": first.month,
        "count": 1,
        "wage": first.wage,
        "item": first.band_item,
        "table": first.table,
        "assumed": first.assumed_wage,
    }
    return fills_later(("inv.amw.run", "inv.amw.run_range"), values) and all(
        i.wage.is_finite() and i.assumed_wage.is_finite() for i in infos
    )


def average_monthly_wage(ctx: Ctx, hist: History, death: bool = False) -> AverageWage:
    """Average of the assumed wages of the last contributions (24, provisional), floored at the minimum."""
    prefix = "surv" if death else "inv"
    bands = ctx.step(f"{prefix}.amw_bands")
    count: int = bands.rule("invalidity.average_wage_contributions")
    last = hist.contributions[-count:]
    if not last:
        return AverageWage([], None, None, None, False, False, [])
    bander = bander_of(ctx)
    infos = [bander.describe(m, hist.wages[m], in_window=True) for m in last]
    seen: set[date] = set()
    for i in infos:  # the tables in force in the months averaged, each recorded once
        tv = bander.table(i.month)
        if tv.start not in seen:
            seen.add(tv.start)
            bands.value("wages.band_table", month_start(i.month))
    inferred = sorted({i.band_item for i in infos if i.provisional})
    note = fill("inv.amw_inferred_bands", items=", ".join(map(str, inferred))) if inferred else None
    if note:
        ctx.trace.note_provisional(f"inv.band:{inferred}", note)
    counts: dict[Decimal, int] = {}
    for i in infos:
        counts[i.assumed_wage] = counts.get(i.assumed_wage, 0) + 1
    terms = join_texts([fill("inv.amw.term", count=n, assumed=aw) for aw, n in sorted(counts.items())], " + ")
    bands.provisional_input(bool(inferred))
    s1 = bands.done(
        "inv_amw_bands",
        terms,
        inputs={i.month: num(i.wage) for i in infos},
        note=note,
        runs=Later(_runs_text, infos) if _runs_later(infos) else _runs_text(infos),
    )
    exact = sum((i.assumed_wage for i in infos), ZERO) / len(infos)
    avg = ctx.step(f"{prefix}.amw")
    avg.rule("invalidity.average_wage_contributions")
    try:
        minimum: Decimal | None = avg.rule("invalidity.min_average_monthly_wage")
    except RuleNotInForce:
        minimum = None
    used = exact if minimum is None or exact >= minimum else minimum
    floored = used != exact
    few = fill("inv.amw_fewer", n=len(infos), count=count) if len(infos) < count else None
    avg.provisional_input(s1.provisional)
    s2 = avg.done(
        "inv_amw",
        rm(sen(used)),
        inputs={"months": f"{infos[0].month} – {infos[-1].month}"},
        rounding="inv_amw",
        note=fill("inv.amw_floored", minimum=minimum) if floored and minimum is not None else few,
        terms=terms,
        count=len(infos),
        exact=exact,
        floor=fill("inv.amw.floor", minimum=minimum, used=used) if minimum is not None else "",
    )
    return AverageWage(infos, exact, minimum, used, floored, s1.provisional or s2.provisional, [s1.id, s2.id])


# ----------------------------------------------------------------------------------------------- rate, pension


def pension_rate(
    trace: Trace, on: date, contributions: int, kind: QualifyingKind, survivors: bool = False
) -> tuple[Decimal, str, bool]:
    """Rate % of the AMW, with its step: (rate, step id, provisional)."""
    s = trace.step(f"{'surv' if survivors else 'inv'}.rate", on)
    inputs = {"contributions": str(contributions)}
    title = tr("step.inv_rate")
    if kind == "reduced":
        key = "invalidity.survivors_reduced_rate_percent" if survivors else "invalidity.reduced_rate_percent"
        rate: Decimal = s.rule(key)
        step = s.done("inv_rate_reduced", pct(rate), title=title, inputs=inputs, rate=rate)
        return rate, step.id, step.provisional
    base: Decimal = s.rule("invalidity.base_rate_percent")
    free: int = s.rule("invalidity.rate_free_contributions")
    per: int = s.rule("invalidity.rate_step_contributions")
    increment: Decimal = s.rule("invalidity.rate_step_percent")
    top: Decimal = s.rule("invalidity.max_rate_percent")
    steps = max(contributions - free, 0) // per
    raw = base + increment * steps
    rate = min(raw, top)
    step = s.done(
        "inv_rate_full",
        pct(rate),
        title=title,
        inputs=inputs,
        base=base,
        increment=increment,
        contributions=contributions,
        free=free,
        per=per,
        steps=steps,
        raw=raw,
        capped=fill("inv.rate.capped", top=top) if raw > top else "",
    )
    return rate, step.id, step.provisional


def pension(
    trace: Trace,
    on: date,
    amw: Decimal,
    contributions: int,
    kind: QualifyingKind,
    survivors: bool = False,
    amw_provisional: bool = False,
) -> PensionCalc:
    """Monthly pension = rate x AMW (to the sen), at least the minimum pension in force on ``on``."""
    rate, rate_id, rate_provisional = pension_rate(trace, on, contributions, kind, survivors)
    raw = sen(amw * rate / 100)
    s: StepTrace = trace.step(f"{'surv' if survivors else 'inv'}.pension", on)
    try:
        minimum: Decimal | None = s.rule("invalidity.min_pension")
    except RuleNotInForce:
        minimum = None
    monthly = raw if minimum is None or raw >= minimum else minimum
    if minimum is None:
        floor: Text | str = ""
    else:
        floor = fill(
            "inv.pension.raised" if monthly != raw else "inv.pension.minimum",
            minimum=minimum,
            monthly=monthly,
        )
    s.provisional_input(amw_provisional or rate_provisional)
    step = s.done(
        "inv_pension",
        rm(monthly),
        title=tr("step.inv_pension_survivors" if survivors else "step.inv_pension"),
        rounding="inv_pension",
        note=fill("inv.raised_to_minimum", minimum=minimum) if minimum and monthly != raw else None,
        rate=rate,
        amw=amw,
        raw=raw,
        floor=floor,
    )
    return PensionCalc(rate, monthly, minimum, monthly != raw, step.provisional, [rate_id, step.id])


def daily_rates(ctx: Ctx, on: date, monthly: Decimal, provisional: bool) -> tuple[Decimal, Text, str]:
    """Per-day rate for part months (s.19: monthly / days in that month): the rate in the month of ``on`` and
    the amount for the part month from ``on`` to the month's end.  Returns (daily rate, its note, step id)."""
    days = calendar.monthrange(on.year, on.month)[1]
    daily = sen(monthly / days)
    remaining = days - on.day + 1
    part = sen(monthly * remaining / days)
    s = ctx.step("inv.daily", on)
    s.provisional_input(provisional)
    note = fill("inv.daily_note", date=on, days=remaining, amount=part)
    step = s.done(
        "inv_daily",
        rm(daily),
        rounding="inv_daily",
        note=note,
        monthly=monthly,
        days=days,
        daily=daily,
        month=f"{on.month:02d}/{on.year:04d}",
        remaining=remaining,
        on=on,
        part=part,
        rate28=sen(monthly / 28),  # the rates of the other month lengths
        rate29=sen(monthly / 29),
        rate30=sen(monthly / 30),
        rate31=sen(monthly / 31),
    )
    return daily, note, step.id


def pension_of(ctx: Ctx, death: bool) -> PensionCalc | None:
    """The AMW and the monthly pension of the case (invalidity or survivors'), or None with the refusal."""
    hist = history.fact(ctx)
    q = qualifying.fact(ctx)
    assert q.kind is not None
    amw = average_monthly_wage(ctx, hist, death=death)
    if amw.used is None:  # only possible for a pensioner with no listed wages
        ctx.trace.refuse(qualifying.main_code(ctx), tr("inv.refuse.no_wages"))
        return None
    ctx.average_monthly_wage = sen(amw.used)
    ctx.wage_months = history.mark_averaged(ctx.wage_months, amw.months[0].month, amw.months[-1].month)
    calc = pension(
        ctx.trace,
        ctx.case.event_date,
        amw.used,
        hist.total,
        q.kind,
        survivors=death,
        amw_provisional=amw.provisional,
    )
    calc.step_ids = [*amw.step_ids, *calc.step_ids]
    calc.average = amw
    ctx.pension = calc
    ctx.trace.warn("inv.cola", tr("inv.warn.cola"), severity="info")
    return calc


def pension_notes(ctx: Ctx, calc: PensionCalc) -> list[Text]:
    q = qualifying.fact(ctx)
    notes = [q.note if q.test != "none" else tr("inv.qp.pensioner")]
    amw = calc.average
    if amw is not None and amw.floored and amw.minimum is not None:
        notes.append(fill("inv.amw_floored", minimum=amw.minimum))
    return notes


# ----------------------------------------------------------------------------------------------- the law


def invalidity_pension(ctx: Ctx) -> InvalidityPension | None:
    """Act 4 s.19-s.20: the monthly invalidity pension, with its per-day rate for the first part month."""
    on = ctx.case.event_date
    q = qualifying.fact(ctx)
    if q.kind is None:  # the invalidity grant applies instead
        return None
    with ctx.trace.collect() as ids:
        calc = pension_of(ctx, death=False)
        if calc is None:
            raise NothingMorePayable
        daily, part_month_note, _ = daily_rates(ctx, on, calc.monthly, calc.provisional)
    assert calc.average is not None and calc.average.used is not None and q.kind is not None
    notes = pension_notes(ctx, calc)
    notes.append(part_month_note)
    notes.append(tr("inv.accrual_note"))
    return InvalidityPension(
        title=tr("inv.title.pension"),
        rate_percent=calc.rate_percent,
        monthly_amount=calc.monthly,
        daily_rate=daily,
        average_monthly_wage=sen(calc.average.used),
        qualifying=q.kind,
        contributions=q.total,
        provisional=ctx.trace.provisional(ids),
        step_ids=[*ctx.base_ids, *ids],
        notes=notes,
    )
