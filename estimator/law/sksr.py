"""The Housewives' Social Security Scheme (SKSSR, Act 838; DR20/2022 bill).

* s.20(3): the incident a claim relates to must occur within Malaysia; s.20(2): a claim is made within twelve
  months of the domestic injury (twenty-four of becoming invalid).
* s.3: a domestic injury is a personal injury to an insured housewife caused by an incident arising out of and in
  the course of managing her household (not of any trade or business of hers); the contribution period is the
  twelve months from the contribution paid in advance (``sksr.contribution_period_months``); the coverage period
  for invalidity and survivors is twenty months for those twelve months paid (``sksr.invalidity_coverage_months``).
* s.15: RM120 for twelve months on a presumed monthly income of RM600 (Third Schedule); contributions end at 55.
* s.25-26, Second Schedule: permanent disablement is a lump sum, loss of capacity % x RM30,000.
* s.31-35, Fourth Schedule: morbid (invalidity) allowance, 50% of the presumed monthly income, until 55.
* s.36, Fourth Schedule: survivors' pension (:mod:`estimator.law.sksr_survivors`); s.29: funeral RM2,000
  (Sixth Schedule); s.30: constant attendance RM250 a month (Seventh Schedule); s.22(3), s.37: the aid for
  end-stage renal failure, rehabilitation and dialysis (Fifth and Eighth Schedules).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from estimator.engine.dates import add_months, add_years
from estimator.engine.i18n import tr
from estimator.engine.money import num, pct, rm, sen
from estimator.law.context import Ctx, NothingMorePayable
from estimator.law.injuries import HUNDRED
from estimator.law.pdb import loss_of_earning_capacity
from estimator.model.result import CAA, Funeral, Info
from estimator.model.result_schemes import DisablementLumpSum, MorbidAllowance


def _period_end(paid: date, months: int) -> date:
    return date.fromordinal(add_months(paid, months).toordinal() - 1)


def coverage(ctx: Ctx) -> None:
    """The scheme's start, the contribution in force and the age limit; raises when nothing is payable."""
    case = ctx.case
    on = case.event_date
    s = ctx.step("sksr.coverage")
    start = s.rule("sksr.start_date")
    in_force = max(on, start)  # an event before the scheme is refused below; its rules are read at the start
    end_age = s.rule("sksr.end_age", in_force)
    # an injury needs the contribution period; invalidity and a death the (longer) coverage period
    key = "sksr.contribution_period_months" if case.outcome == "injury" else "sksr.invalidity_coverage_months"
    months = s.rule(key, in_force)
    paid = case.contribution_paid_on
    reasons: list[str] = []
    if on < start:
        reasons.append("refuse.sksr_before_start")
    if paid is not None and not paid <= on <= _period_end(paid, months):
        reasons.append("refuse.sksr_outside_period")
    if ctx.age >= end_age and not case.receiving_invalidity_pension:
        reasons.append("refuse.sksr_age")
    if case.accident_outside_malaysia:
        reasons.append("refuse.sksr_outside_malaysia")
    s.provisional_input(paid is None)
    s.done(
        "sksr_coverage",
        tr("common.not_covered") if reasons else tr("sksr.covered"),
        subst="sksr_coverage" if paid is not None else "sksr_coverage_unknown",
        inputs={"contribution_paid_on": paid.isoformat() if paid else "—", "age": str(ctx.age)},
        note=None if paid is not None else tr("note.sksr_period_unknown"),
        on=on,
        start=start,
        months=months,
        paid=paid or on,
        end=_period_end(paid, months) if paid is not None else on,
        age=ctx.age,
        end_age=end_age,
    )
    for reason in reasons:
        ctx.trace.refuse("SKSSR", tr(reason, date=start.isoformat(), months=months, age=end_age))
    if reasons:
        raise NothingMorePayable
    ctx.unchecked_coverage = paid is None  # then every figure rests on a coverage period not checked
    if paid is None:
        ctx.trace.note_provisional("sksr.period_unknown", tr("note.sksr_period_unknown"))
    if case.incident_type == "domestic_injury":
        ctx.trace.warn("SKSSR_DOMESTIC_INJURY", tr("warn.sksr_domestic_injury"), severity="info")
    ctx.trace.warn("SKSSR_ILLEGAL_ACT", tr("warn.sksr_illegal_act"), severity="info")


def disablement_lump_sum(ctx: Ctx) -> DisablementLumpSum | None:
    """s.25-26: the Second Schedule's percentage of the loss x the maximum sum, paid once."""
    lec, total_disablement, lec_ids = loss_of_earning_capacity(ctx)
    if lec is None:
        return None
    if lec <= 0:
        ctx.trace.refuse("PDB", tr("refuse.pdb_zero"))
        return None
    capacity = HUNDRED if total_disablement else lec
    s = ctx.step("sksr.pdb")
    maximum: Decimal = s.rule("sksr.pdb_max_sum")
    total = sen(maximum * capacity / HUNDRED)
    step = s.done(
        "sksr_pdb",
        rm(total),
        inputs={"loss_of_earning_capacity_percent": pct(capacity)},
        lec=capacity,
        maximum=maximum,
        total=total,
    )
    ctx.sksr_disabled = True
    step_ids = [*lec_ids, step.id]
    return DisablementLumpSum(
        title=tr("benefit.PDB_LUMP_SUM"),
        loss_of_earning_capacity_percent=capacity,
        maximum=maximum,
        total=total,
        step_ids=step_ids,
        provisional=ctx.trace.provisional(step_ids) or ctx.unchecked_coverage,
        notes=[tr("note.sksr_pdb_once")],
    )


def morbid_allowance(ctx: Ctx) -> MorbidAllowance:
    """s.35: 50% of the presumed monthly income, from the notice of invalidity to the 55th birthday."""
    case = ctx.case
    s = ctx.step("sksr.morbid")
    income: Decimal = s.rule("sksr.presumed_monthly_income")
    rate: Decimal = s.rule("sksr.morbid_allowance_percent")
    end_age: int = s.rule("sksr.end_age")
    monthly = sen(income * rate / HUNDRED)
    ends_on = add_years(case.date_of_birth, end_age)
    step = s.done(
        "sksr_morbid",
        rm(monthly),
        inputs={"notice_of_invalidity": case.event_date.isoformat()},
        income=income,
        rate=rate,
        monthly=monthly,
        ends=ends_on,
        end_age=end_age,
    )
    ctx.sksr_disabled = True
    step_ids = [step.id]
    return MorbidAllowance(
        title=tr("benefit.MORBID_ALLOWANCE"),
        presumed_monthly_income=income,
        rate_percent=rate,
        monthly_amount=monthly,
        starts_on=case.event_date,
        ends_on=ends_on,
        step_ids=step_ids,
        provisional=ctx.trace.provisional(step_ids) or ctx.unchecked_coverage,
        notes=[tr("note.sksr_morbid_days"), tr("note.sksr_one_pension")],
    )


def constant_attendance(ctx: Ctx) -> CAA | None:
    """s.30, Seventh Schedule: a fixed monthly allowance with the lump sum or the morbid allowance, until 55."""
    case = ctx.case
    if not case.needs_constant_attendance:
        return None
    if not ctx.sksr_disabled:
        ctx.trace.refuse("CAA", tr("refuse.sksr_caa"))
        return None
    s = ctx.step("sksr.caa")
    amount: Decimal = s.rule("sksr.caa_monthly")
    end_age: int = s.rule("sksr.end_age")
    ends_on = add_years(case.date_of_birth, end_age)
    step = s.done("sksr_caa", rm(amount), amount=amount, ends=ends_on, end_age=end_age)
    return CAA(
        title=tr("benefit.CAA"),
        monthly_amount=amount,
        step_ids=[step.id],
        provisional=step.provisional,
        notes=[tr("note.sksr_caa_end", date=ends_on.isoformat())],
    )


def aid_and_rehabilitation(ctx: Ctx) -> Info:
    """s.22(3), s.37, Fifth and Eighth Schedules: the amounts the Act fixes, given on application."""
    on = ctx.case.event_date
    s = ctx.step("sksr.aid")
    rehab: Decimal = s.rule("sksr.rehabilitation_max")
    dialysis: Decimal = s.rule("sksr.dialysis_monthly")
    renal: Decimal = s.rule("sksr.esrf_aid_monthly")
    step = s.done("sksr_aid", rm(rehab), rehab=rehab, dialysis=dialysis, renal=renal, on=on)
    return Info(
        code="REHABILITATION",
        title=tr("benefit.REHABILITATION"),
        conditions=[
            tr("info.sksr_rehabilitation", amount=num(rehab)),
            tr("info.sksr_dialysis", amount=num(dialysis)),
            tr("info.sksr_renal_aid", amount=num(renal)),
        ],
        step_ids=[step.id],
        provisional=step.provisional,
    )


def funeral(ctx: Ctx) -> Funeral | None:
    """s.29, Sixth Schedule: a one-off amount when she dies before 55, to the widower, eldest son, ..."""
    s = ctx.step("sksr.funeral")
    amount: Decimal = s.rule("sksr.funeral_amount")
    step = s.done("sksr_funeral", rm(amount), amount=amount)
    step_ids = [step.id]
    return Funeral(
        title=tr("benefit.FUNERAL"),
        total=amount,
        cap=amount,
        expenses=ctx.case.funeral_expenses,  # kept as typed: the Sixth Schedule's sum is paid whatever they were
        step_ids=step_ids,
        provisional=step.provisional or ctx.unchecked_coverage,
        notes=[tr("note.sksr_funeral_payee")],
    )
