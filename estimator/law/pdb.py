"""Permanent disablement benefit (Act 4 s.15(1) and the Fourth Schedule; Second Schedule for scheduled injuries).

* Loss of earning capacity: as assessed by the Medical Board, else the sum of the scheduled injuries (at most
  100%); a Part I injury, or scheduled injuries adding up to 100% or more, is permanent total disablement.
* Daily rate: the PTD daily rate (:mod:`estimator.law.rates`) for total disablement, else round₂(PTD daily rate ×
  loss of earning capacity %).  Paid monthly (``ei.monthly_days`` days) for life after a final assessment.
* The lump-sum or commutation option: :mod:`estimator.law.commutation`.
"""

from __future__ import annotations

from decimal import Decimal

from estimator.engine.i18n import LANGS, Text, tr
from estimator.engine.money import ZERO, num, pct, rm, sen
from estimator.engine.trace import fill
from estimator.law.commutation import options
from estimator.law.context import Ctx
from estimator.law.facts import WageBasis
from estimator.law.injuries import HUNDRED, combine
from estimator.law.rates import daily_rate
from estimator.law.wages import basis_of
from estimator.model.result import PDB

SHORTEST_MONTH_DAYS = 28  # calendar facts: a month pays the daily rate × its days
LONGEST_MONTH_DAYS = 31


def loss_of_earning_capacity(ctx: Ctx) -> tuple[Decimal | None, bool, list[str]]:
    """Loss of earning capacity %, whether it is total, and the ids of the step that explains it."""
    case = ctx.case
    with ctx.trace.collect() as ids:
        if case.loss_of_earning_capacity_percent is not None:
            lec = case.loss_of_earning_capacity_percent
            note = None
            if case.injuries:
                scheduled, _ = combine(ctx.step("pdb.schedule").rule("ei.injury_schedule"), case.injuries)
                note = tr("note.board_over_schedule", schedule=pct(scheduled))
            ctx.step("pdb.lec").done(
                "pdb_lec_board",
                pct(lec),
                inputs={"loss_of_earning_capacity_percent": pct(lec)},
                note=note,
                lec=lec,
            )
            return lec, lec >= HUNDRED, ids
        if not case.injuries:
            return None, False, ids
        s = ctx.step("pdb.lec")
        schedule = s.rule("ei.injury_schedule")
        injuries = [schedule[i] for i in case.injuries]
        parts: Text = {
            lang: " + ".join(
                fill("pdb.injury_part", id=i.id, description=i.description, percent=i.percent)[lang]
                for i in injuries
            )
            for lang in LANGS
        }
        raw = sum((i.percent for i in injuries), ZERO)
        total = raw >= HUNDRED or any(i.part == "I" for i in injuries)
        lec = HUNDRED if total else min(raw, HUNDRED)
        s.done(
            "pdb_lec_schedule",
            pct(lec),
            subst="pdb_lec_schedule_capped" if raw != lec else "pdb_lec_schedule",
            inputs={"injuries": ", ".join(case.injuries)},
            note=tr("note.schedule_total") if total else None,
            parts=parts,
            raw=raw,
            lec=lec,
        )
        return lec, total, ids


def _pdb(ctx: Ctx, basis: WageBasis) -> PDB | None:
    lec, total, lec_ids = loss_of_earning_capacity(ctx)
    if lec is None:
        return None
    if lec <= 0:
        ctx.trace.refuse("PDB", tr("refuse.pdb_zero"))
        return None
    with ctx.trace.collect() as ids:
        ptd = daily_rate(ctx, basis, "ptd")
        daily = ptd
        if not total:
            daily = sen(ptd * lec / HUNDRED)
            s = ctx.step("pdb.daily")
            if daily < ctx.step("pdb.minimum").rule("ei.min_daily_rate"):
                # only here does it matter whether the minimum applies before or after the % (unverified)
                s.rule("ei.pdb_minimum_before_lec")
            s.provisional_input(basis.provisional)
            s.done(
                "pdb_daily",
                rm(daily),
                inputs={"ptd_daily_rate": num(ptd), "loss_of_earning_capacity_percent": pct(lec)},
                rounding="final_daily",
                ptd=ptd,
                lec=lec,
                daily=daily,
            )
        m = ctx.step("pdb.monthly")
        month_days = m.rule("ei.monthly_days")
        monthly = sen(daily * month_days)
        short_month, long_month = sen(daily * SHORTEST_MONTH_DAYS), sen(daily * LONGEST_MONTH_DAYS)
        m.provisional_input(basis.provisional)
        m.done(
            "pdb_monthly",
            rm(monthly),
            daily=daily,
            days=month_days,
            monthly=monthly,
            shortest=SHORTEST_MONTH_DAYS,
            longest=LONGEST_MONTH_DAYS,
            short_month=short_month,
            long_month=long_month,
        )
        commutation = options(ctx, daily, lec)
    step_ids = basis.step_ids + lec_ids + ids
    return PDB(
        title=tr("benefit.PDB"),
        daily_rate=daily,
        ptd_daily_rate=ptd,
        monthly_amount=monthly,
        monthly_amount_28=short_month,
        monthly_amount_31=long_month,
        loss_of_earning_capacity_percent=lec,
        total_disablement=total,
        options=commutation,
        step_ids=step_ids,
        provisional=ctx.trace.provisional(step_ids),
        notes=[tr("note.pdb_life")],
    )


def permanent_disablement(ctx: Ctx) -> PDB | None:
    """The law: the benefit, leaving ``ctx.pdb`` for the later laws."""
    basis = basis_of(ctx)
    ctx.pdb = _pdb(ctx, basis) if basis is not None else None
    return ctx.pdb
