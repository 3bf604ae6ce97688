"""Death under the Invalidity Scheme: the survivors' pension (Act 4 s.17A, s.20, Eighth Schedule) and the
funeral benefit (s.20A).

* Survivors' pension: the same rate and average monthly wage as the invalidity pension (a deceased invalidity
  pensioner's equals that pension), shared among the dependants.  The Act 4 Eighth Schedule was not found: the
  shares of the dependants' benefit are used (INFERRED, provisional).
* Funeral benefit: actual expenses up to the maximum in force on the date of death, when the deceased had met a
  qualifying period or was receiving an invalidity pension.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from estimator.engine.i18n import tr
from estimator.engine.money import ZERO, rm, sen
from estimator.engine.trace import fill
from estimator.law import dependants
from estimator.law.context import Ctx
from estimator.law.funeral import funeral_benefit
from estimator.law.invalidity import pension, qualifying
from estimator.model.result import Funeral, Payee, SchedulePeriod, SurvivorsPension

# ----------------------------------------------------------------------------------------------- shared laws
# The survivors share the pension as the dependants share the dependants' benefit (Act 4 s.20; Eighth Schedule).


def _shares(ctx: Ctx, whole: Decimal, on: date) -> tuple[list[Payee], list[SchedulePeriod], list[str]]:
    return dependants.dependants_schedule(ctx, whole, per="month", on=on, step_prefix="surv")


def _funeral_benefit(ctx: Ctx, on: date, base_ids: list[str]) -> Funeral:
    return funeral_benefit(
        ctx,
        on,
        ctx.case.funeral_expenses,
        step_id="surv.funeral",
        text_key="inv_funeral",
        payee_note=tr("inv.funeral_payees"),
        base_ids=base_ids,
    )


# ----------------------------------------------------------------------------------------------- the laws


def survivors_pension(ctx: Ctx) -> SurvivorsPension | None:
    """The monthly pension of the deceased, shared among the dependants (provisional shares)."""
    q = qualifying.fact(ctx)
    assert q.kind is not None
    with ctx.trace.collect() as ids:
        calc = pension.pension_of(ctx, death=True)
        if calc is None:
            return None
        if not ctx.case.dependants:
            ctx.trace.refuse("SURVIVORS_PENSION", fill("inv.refuse.no_dependants", amount=rm(calc.monthly)))
            return None
        payees, schedule, _ = _shares(ctx, calc.monthly, ctx.case.event_date)
    if not payees:
        ctx.trace.refuse("SURVIVORS_PENSION", tr("inv.refuse.no_eligible_dependants"))
        return None
    notes = pension.pension_notes(ctx, calc)
    note = tr("inv.survivors_shares_note")
    ctx.trace.note_provisional("surv.shares", note)
    notes.append(note)
    ctx.survivors_paid = True
    assert calc.average is not None
    return SurvivorsPension(
        title=tr("inv.title.survivors"),
        rate_percent=calc.rate_percent,
        monthly_amount=calc.monthly,
        average_monthly_wage=sen(calc.average.used) if calc.average.used is not None else ZERO,
        qualifying=q.kind,
        payees=payees,
        schedule=schedule,
        provisional=True,
        step_ids=[*ctx.base_ids, *ids],
        notes=notes,
    )


def funeral(ctx: Ctx) -> Funeral:
    """s.20A: the funeral benefit after a qualifying period (or to a deceased invalidity pensioner)."""
    return _funeral_benefit(ctx, ctx.case.event_date, list(ctx.base_ids))
