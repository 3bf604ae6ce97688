"""Employment Injury Scheme and Lindung 24/7 (non-employment injury) benefits.

Lindung 24/7 pays the same benefits as an employment injury at the phased rates in force on the accident date
(rule pack ``lindung.*``); everything else is shared.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from estimator.engine.calc import Recorder, formula, title
from estimator.engine.i18n import Text, tr
from estimator.engine.money import ZERO, fraction_text, num, pct, rm, sen
from estimator.engine.rules import Injury, RuleNotInForce, RulePack
from estimator.law.context import Ctx
from estimator.law.dependants import dependants_schedule
from estimator.law.wages import WageBasis, injury_wage_basis
from estimator.model.case import add_months
from estimator.model.result import CAA, PDB, TDB, CommutationOption, Dependants, Funeral, Info

HUNDRED = Decimal(100)


# ----------------------------------------------------------------------------------------------- schedule


def injury_list(rules: RulePack, on: date | None = None) -> list[Injury]:
    """The schedule of injuries (Act 4 Second Schedule) in force on ``on`` (default: the latest)."""
    param = rules.param("ei.injury_schedule")
    table = param.at(on).value if on else param.values[-1].value
    return list(table.values())


def combine_injuries(rules: RulePack, ids: list[str], on: date | None = None) -> tuple[Decimal, bool]:
    """Combined % of several scheduled injuries (at most 100); ``True`` when it is a permanent total disablement."""
    table = {i.id: i for i in injury_list(rules, on)}
    total = sum((table[i].percent for i in ids if i in table), ZERO)
    return min(total, HUNDRED), total >= HUNDRED


# ----------------------------------------------------------------------------------------------- rates


@dataclass
class Rates:
    tdb_percent: Decimal
    ptd_percent: Decimal
    minimum: Decimal
    phase: int | None = None


def _rate_keys(ctx: Ctx) -> tuple[str, str]:
    if ctx.case.scheme == "non_employment_injury":
        return "lindung.tdb_rate_percent", "lindung.ptd_rate_percent"
    return "ei.tdb_rate_percent", "ei.ptd_rate_percent"


def _daily_rate(rec: Recorder, ctx: Ctx, basis: WageBasis, kind: str) -> Decimal:
    """round₂(rate% × average assumed monthly wage / 30), at least the minimum daily rate."""
    on = ctx.case.event_date
    key = _rate_keys(ctx)[0 if kind == "tdb" else 1]
    rate = rec.use(key, on)
    divisor = rec.use("wages.days_divisor", on)
    minimum = rec.use("ei.min_daily_rate", on)
    assert basis.average_monthly is not None
    exact: Decimal = rate * basis.average_monthly / HUNDRED / divisor
    computed = sen(exact)
    daily: Decimal = max(computed, minimum)
    sub = f"round₂({pct(rate)} × {num(basis.average_monthly, 4)} / {divisor}) = round₂({num(exact, 4)}) = {num(computed)}"
    if computed < minimum:
        sub += f" < {num(minimum)} → {num(daily)}"
    note = tr("note.minimum_applied", minimum=num(minimum)) if computed < minimum else None
    if ctx.case.scheme == "non_employment_injury" and computed < minimum:
        note = tr("note.lindung_minimum")
    rec.step(
        f"{kind}.daily",
        title(f"{kind}_daily"),
        formula(f"{kind}_daily"),
        sub,
        rm(daily),
        inputs={"average_assumed_monthly_wage": num(basis.average_monthly, 4)},
        rounding=tr("rounding.final_daily"),
        provisional=basis.provisional or (ctx.case.scheme == "non_employment_injury" and computed < minimum),
        note=note,
    )
    return daily


# ----------------------------------------------------------------------------------------------- benefits


def _tdb(ctx: Ctx, basis: WageBasis) -> TDB | None:
    case, rec = ctx.case, ctx.rec
    on = case.event_date
    min_days = rec.use("ei.tdb_min_mc_days", on)
    rec.discard_pending()
    if case.medical_leave_days <= 0:
        return None
    if case.medical_leave_days < min_days:
        rec.use("ei.tdb_min_mc_days", on)
        s = rec.step(
            "tdb.eligibility",
            title("tdb_eligibility"),
            formula("tdb_eligibility"),
            f"{case.medical_leave_days} < {min_days}",
            tr("common.not_payable")["en"],
            inputs={"medical_leave_days": str(case.medical_leave_days)},
        )
        _ = s
        rec.refuse("TDB", tr("refuse.tdb_short_leave", days=case.medical_leave_days, min=min_days))
        return None
    days = case.medical_leave_days - case.days_worked_with_wages
    if days <= 0:
        rec.refuse("TDB", tr("refuse.tdb_worked_all"))
        return None
    first_step = len(rec.steps)
    daily = _daily_rate(rec, ctx, basis, "tdb")
    total = daily * days
    last_day = on + timedelta(days=case.medical_leave_days - 1)
    rec.use("ei.tdb_min_mc_days", on)
    rec.step(
        "tdb.total",
        title("tdb_total"),
        formula("tdb_total"),
        f"{num(daily)} × ({case.medical_leave_days} − {case.days_worked_with_wages}) = {num(total)}",
        rm(total),
        inputs={
            "medical_leave_days": str(case.medical_leave_days),
            "days_worked_with_wages": str(case.days_worked_with_wages),
            "first_day": on.isoformat(),
            "last_day": last_day.isoformat(),
        },
        provisional=basis.provisional,
    )
    ids = basis.step_ids + [s.id for s in rec.steps[first_step:]]
    return TDB(
        title=tr("benefit.TDB"),
        daily_rate=daily,
        days=days,
        total=total,
        first_day=on,
        last_day=last_day,
        step_ids=ids,
        provisional=_prov(rec, ids),
    )


def _prov(rec: Recorder, ids: list[str]) -> bool:
    wanted = set(ids)
    return any(s.provisional for s in rec.steps if s.id in wanted)


def _lec(ctx: Ctx) -> tuple[Decimal | None, bool, str | None]:
    """Loss of earning capacity %, whether it is total, and the step id that explains it."""
    case, rec = ctx.case, ctx.rec
    on = case.event_date
    if case.loss_of_earning_capacity_percent is not None:
        lec = case.loss_of_earning_capacity_percent
        note = None
        if case.injuries:
            sched, _ = combine_injuries(ctx.rules, case.injuries, on)
            note = tr("note.board_over_schedule", schedule=pct(sched))
        s = rec.step(
            "pdb.lec",
            title("pdb_lec"),
            formula("pdb_lec_board"),
            f"{pct(lec)}",
            pct(lec),
            inputs={"loss_of_earning_capacity_percent": pct(lec)},
            note=note,
        )
        return lec, lec >= HUNDRED, s.id
    if case.injuries:
        sched = rec.use("ei.injury_schedule", on)
        parts = [f"{i} {sched[i].description['en']} {pct(sched[i].percent)}" for i in case.injuries]
        raw = sum((sched[i].percent for i in case.injuries), ZERO)
        lec = min(raw, HUNDRED)
        total = raw >= HUNDRED or any(sched[i].part == "I" for i in case.injuries)
        if total:
            lec = HUNDRED
        s = rec.step(
            "pdb.lec",
            title("pdb_lec"),
            formula("pdb_lec_schedule"),
            " + ".join(parts) + f" = {pct(raw)}" + (f" → {pct(lec)}" if raw != lec else ""),
            pct(lec),
            inputs={"injuries": ", ".join(case.injuries)},
            note=tr("note.schedule_total") if total else None,
        )
        return lec, total, s.id
    return None, False, None


def _pdb(ctx: Ctx, basis: WageBasis) -> tuple[PDB | None, bool]:
    case, rec = ctx.case, ctx.rec
    on = case.event_date
    lec, total, lec_step = _lec(ctx)
    if lec is None:
        return None, False
    if lec <= 0:
        rec.refuse("PDB", tr("refuse.pdb_zero"))
        return None, False
    first_step = len(rec.steps)
    ptd = _daily_rate(rec, ctx, basis, "ptd")
    if total:
        daily = ptd
    else:
        daily = sen(ptd * lec / HUNDRED)
        if daily < rec.rules.at("ei.min_daily_rate", on).value:
            # only here does it matter whether the minimum applies before or after the % (unverified)
            rec.use("ei.pdb_minimum_before_lec", on)
        rec.step(
            "pdb.daily",
            title("pdb_daily"),
            formula("pdb_daily"),
            f"round₂({num(ptd)} × {pct(lec)}) = {num(daily)}",
            rm(daily),
            inputs={"ptd_daily_rate": num(ptd), "loss_of_earning_capacity_percent": pct(lec)},
            rounding=tr("rounding.final_daily"),
            provisional=basis.provisional,
        )
    month_days = rec.use("ei.monthly_days", on)
    monthly = sen(daily * month_days)
    m28, m31 = sen(daily * 28), sen(daily * 31)
    rec.step(
        "pdb.monthly",
        title("pdb_monthly"),
        formula("pdb_monthly"),
        f"{num(daily)} × {month_days} = {num(monthly)} (28: {num(m28)}; 31: {num(m31)})",
        rm(monthly),
        provisional=basis.provisional,
    )
    options = _options(ctx, daily, lec)
    ids = basis.step_ids + ([lec_step] if lec_step else []) + [s.id for s in rec.steps[first_step:]]
    notes = [tr("note.pdb_life")]
    return PDB(
        title=tr("benefit.PDB"),
        daily_rate=daily,
        ptd_daily_rate=ptd,
        monthly_amount=monthly,
        monthly_amount_28=m28,
        monthly_amount_31=m31,
        loss_of_earning_capacity_percent=lec,
        total_disablement=total,
        options=options,
        step_ids=ids,
        provisional=_prov(rec, ids),
        notes=notes,
    ), total


def _options(ctx: Ctx, daily: Decimal, lec: Decimal) -> list[CommutationOption]:
    case, rec = ctx.case, ctx.rec
    on = case.event_date
    threshold = rec.use("ei.lump_sum_max_lec_percent", on)
    fraction: Fraction = rec.use("ei.commutable_fraction", on)
    table_value = rec.value("ei.commutation_table", on)
    table = table_value.value
    month_days = rec.use("ei.monthly_days", on)
    age = ctx.age
    factor = table.factor(age)
    full_monthly = sen(daily * month_days)
    kind: Literal["lump_sum", "commutation"]
    if lec <= threshold:
        kind = "lump_sum"
        commuted = daily
        remaining = ZERO
        sub = f"{pct(lec)} ≤ {pct(threshold)}: {num(daily)} × {num(factor)} (age {age})"
    else:
        kind = "commutation"
        commuted = sen(daily * Decimal(fraction.numerator) / Decimal(fraction.denominator))
        remaining = daily - commuted
        sub = (
            f"{pct(lec)} > {pct(threshold)}: round₂({num(daily)} × {fraction_text(fraction)}) = {num(commuted)}; "
            f"{num(commuted)} × {num(factor)} (age {age})"
        )
    lump = sen(commuted * factor)
    monthly_after = sen(remaining * month_days)
    gap = full_monthly - monthly_after
    break_even = None
    if gap > 0:
        break_even = (Decimal(age) + lump / (gap * 12)).quantize(Decimal("0.1"))
    sub += f" = {num(lump)}; {tr('common.monthly')['en']} {num(monthly_after)}"
    if break_even is not None:
        sub += f"; break-even {age} + {num(lump)} / ({num(gap)} × 12) = {break_even}"
    method = table.method
    s = rec.step(
        f"pdb.option.{kind}",
        title(f"pdb_option_{kind}"),
        formula(f"pdb_option_{kind}"),
        sub,
        rm(lump),
        inputs={"age": str(age), "factor": num(factor), "daily_rate": num(daily)},
        rounding=tr("rounding.lump_sum"),
        note=tr("note.commutation_method", method_en=method["en"], method_ms=method["ms"]),
    )
    if table.provisional:
        rec.note_provisional(
            "commutation", tr("prov.commutation", method_en=method["en"], method_ms=method["ms"])
        )
    return [
        CommutationOption(
            kind=kind,
            lump_sum=lump,
            monthly_amount=monthly_after,
            alternative_monthly_amount=full_monthly,
            commuted_daily_rate=commuted,
            remaining_daily_rate=remaining,
            age=age,
            factor=factor,
            break_even_age=break_even,
            provisional=s.provisional,
            method=method,
            step_id=s.id,
        )
    ]


def _caa(ctx: Ctx, total: bool, pdb_ids: list[str]) -> CAA | None:
    case, rec = ctx.case, ctx.rec
    if not case.needs_constant_attendance:
        return None
    if not total:
        rec.refuse("CAA", tr("refuse.caa_not_total"))
        return None
    try:
        amount = rec.use("ei.caa_monthly", case.event_date)
    except RuleNotInForce:
        rec.refuse("CAA", tr("refuse.no_rule", date=case.event_date.isoformat()))
        return None
    s = rec.step("caa", title("caa"), formula("caa"), rm(amount), rm(amount))
    return CAA(title=tr("benefit.CAA"), monthly_amount=amount, step_ids=[s.id], provisional=s.provisional)


def funeral_benefit(
    rec: Recorder,
    on: date,
    expenses: Decimal | None,
    *,
    step_id: str = "funeral",
    text_key: str = "funeral",
    payee_note: Text | None = None,
    base_ids: list[str] | None = None,
) -> Funeral:
    """Actual funeral expenses up to the maximum in force on the date of death (both schemes)."""
    cap: Decimal = rec.use("ei.funeral_max", on)
    if expenses is None:
        total = cap
        sub = f"{tr('common.up_to')['en']} {num(cap)}"
    else:
        total = min(expenses, cap)
        sub = f"min({num(expenses)}, {num(cap)}) = {num(total)}"
    s = rec.step(
        step_id,
        title(text_key),
        formula(text_key),
        sub,
        rm(total),
        inputs={"funeral_expenses": num(expenses) if expenses is not None else "—"},
    )
    notes = [payee_note or tr("note.funeral_payee")]
    if expenses is None:
        notes.insert(0, tr("note.funeral_no_expenses"))
    return Funeral(
        title=tr("benefit.FUNERAL"),
        total=total,
        cap=cap,
        expenses=expenses,
        step_ids=[*(base_ids or []), s.id],
        provisional=s.provisional,
        notes=notes,
    )


def _dependants(ctx: Ctx, basis: WageBasis) -> Dependants | None:
    case, rec = ctx.case, ctx.rec
    if not case.dependants:
        rec.refuse("DEPENDANTS", tr("refuse.no_dependants"))
        return None
    first_step = len(rec.steps)
    daily = _daily_rate(rec, ctx, basis, "dep")
    payees, schedule, ids = dependants_schedule(rec, case, daily, per="day", on=case.event_date)
    if not payees:
        rec.refuse("DEPENDANTS", tr("refuse.no_eligible_dependants"))
        return None
    all_ids = basis.step_ids + [s.id for s in rec.steps[first_step:]]
    notes = [tr("note.dependants_recomputed")]
    first = schedule[0]
    if first.daily_total != daily:
        notes.append(tr("note.dependants_rounding", whole=num(daily), parts=num(first.daily_total)))
    return Dependants(
        title=tr("benefit.DEPENDANTS"),
        daily_rate=daily,
        monthly_amount=first.monthly_total,  # what the payees receive together at first: the sum of the parts
        payees=payees,
        schedule=schedule,
        step_ids=all_ids,
        provisional=_prov(rec, all_ids),
        notes=notes,
    )


def _info(code: str, *keys: str) -> Info:
    return Info(code=code, title=tr(f"benefit.{code}"), conditions=[tr(k) for k in keys])  # type: ignore[arg-type,unused-ignore]


# ----------------------------------------------------------------------------------------------- entry point


def _coverage(ctx: Ctx) -> bool:
    """Lindung 24/7 exclusions and start date; employment-injury notes.  False: nothing is payable."""
    case, rec = ctx.case, ctx.rec
    if case.scheme != "non_employment_injury":
        if case.incident_type == "commuting_accident":
            if case.police_report_made is False:
                rec.warn("POLICE_REPORT", tr("warn.police_report_missing"))
            else:
                rec.warn("POLICE_REPORT", tr("warn.police_report"), severity="info")
            rec.warn("COMMUTING_DEVIATION", tr("warn.commuting_deviation"), severity="info")
        if case.incident_type == "occupational_disease":
            rec.warn("OCCUPATIONAL_DISEASE", tr("warn.occupational_disease"), severity="info")
        return True
    on = case.event_date
    try:
        start = rec.use("lindung.start_date", on)
    except RuleNotInForce:  # pragma: no cover - the start date parameter is dated 1971
        start = date.max
    if on < start:
        rec.step(
            "lindung.coverage",
            title("lindung_coverage"),
            formula("lindung_coverage"),
            f"{on.isoformat()} < {start.isoformat()}",
            tr("common.not_covered")["en"],
        )
        rec.refuse("LINDUNG", tr("refuse.lindung_before_start", date=start.isoformat()))
        return False
    exclusions = [
        (case.accident_outside_malaysia, "refuse.lindung_outside_malaysia"),
        (case.caused_by_disease, "refuse.lindung_disease"),
        (case.covered_by_self_employment_scheme, "refuse.lindung_self_employment"),
        (case.covered_by_housewives_scheme, "refuse.lindung_housewives"),
    ]
    hit = [key for flag, key in exclusions if flag]
    phase = rec.use("lindung.phase", on)
    rec.step(
        "lindung.coverage",
        title("lindung_coverage"),
        formula("lindung_coverage"),
        f"{on.isoformat()} ≥ {start.isoformat()}; phase {phase}" + (f"; excluded: {len(hit)}" if hit else ""),
        tr("common.not_covered")["en"] if hit else f"phase {phase}",
    )
    for key in hit:
        rec.refuse("LINDUNG", tr(key))
    if hit:
        return False
    rec.warn("LINDUNG_NO_DOUBLE", tr("warn.lindung_no_double"), severity="info")
    return True


def injury_benefits(ctx: Ctx) -> list[object]:
    case, rec = ctx.case, ctx.rec
    benefits: list[object] = []
    if not _coverage(ctx):
        return benefits
    basis = injury_wage_basis(rec, case.event_date, ctx.wages, case.similar_worker_monthly_wage)
    ctx.wage_months = basis.months
    ctx.average_monthly_wage = basis.average_monthly
    if basis.average_monthly is None:
        rec.refuse("WAGES", tr("refuse.no_wages_in_window"))
        wage_ok = False
    else:
        wage_ok = True
    if case.outcome == "death":
        if wage_ok:
            dep = _dependants(ctx, basis)
            if dep:
                benefits.append(dep)
        benefits.append(funeral_benefit(rec, case.event_date, case.funeral_expenses))
        benefits.append(_info("EDUCATION", "info.education"))
        if case.medical_leave_days and wage_ok:
            tdb = _tdb(ctx, basis)
            if tdb:
                benefits.insert(0, tdb)
        return benefits
    benefits.append(_info("MEDICAL", "info.medical"))
    if not wage_ok:
        return benefits
    tdb = _tdb(ctx, basis)
    if tdb:
        benefits.append(tdb)
        claim_months = rec.use("ei.claim_period_months", case.event_date)
        rec.discard_pending()
        deadline = add_months(tdb.last_day, claim_months)
        rec.warn(
            "CLAIM_PERIOD",
            tr("warn.claim_by", date=deadline.isoformat(), months=claim_months),
            severity="info",
        )
        if case.claim_date and case.claim_date > deadline:
            rec.warn("CLAIM_LATE", tr("warn.claim_late", date=deadline.isoformat(), months=claim_months))
    elif case.medical_leave_days == 0 and case.loss_of_earning_capacity_percent is None and not case.injuries:
        rec.warn("NO_LEAVE", tr("warn.no_leave"), severity="info")
    pdb, total = _pdb(ctx, basis)
    if pdb:
        benefits.append(pdb)
        caa = _caa(ctx, total, pdb.step_ids)
        if caa:
            benefits.append(caa)
        benefits.append(_info("REHABILITATION", "info.rehabilitation"))
        benefits.append(_info("EDUCATION", "info.education_pdb"))
    elif case.needs_constant_attendance:
        rec.refuse("CAA", tr("refuse.caa_not_total"))
    benefits.append(_info("RETURN_TO_WORK", "info.return_to_work"))
    return benefits


def text_of(t: Text, lang: str) -> str:  # small helper for renderers that only have the core
    return t.get(lang) or t["en"]
