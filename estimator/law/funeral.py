"""Funeral benefit (Act 4 s.15(1) and the Fourth Schedule; also paid on the death of an invalidity pensioner):
the actual funeral expenses up to ``ei.funeral_max`` in force on the date of death."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from estimator.engine.i18n import Text, tr
from estimator.engine.money import num, rm
from estimator.law.context import Ctx
from estimator.model.result import Funeral


def funeral_benefit(
    ctx: Ctx,
    on: date,
    expenses: Decimal | None,
    *,
    step_id: str = "funeral",
    text_key: str = "funeral",
    payee_note: Text | None = None,
    base_ids: list[str] | None = None,
    provisional_base: bool = False,
) -> Funeral:
    """The benefit, explained by step ``step_id`` with the title and formula of ``text_key``."""
    s = ctx.step(step_id, on)
    cap: Decimal = s.rule("ei.funeral_max")
    total = cap if expenses is None else min(expenses, cap)
    step = s.done(
        text_key,
        rm(total),
        subst="funeral_cap" if expenses is None else "funeral",
        inputs={"funeral_expenses": num(expenses) if expenses is not None else "—"},
        expenses=expenses,
        cap=cap,
        total=total,
    )
    notes = [payee_note or tr("note.funeral_payee")]
    if expenses is None:
        notes.insert(0, tr("note.funeral_no_expenses"))
    return Funeral(
        title=tr("benefit.FUNERAL"),
        total=total,
        cap=cap,
        expenses=expenses,
        step_ids=[*(base_ids or []), step.id],
        provisional=step.provisional or provisional_base,
        notes=notes,
    )


def funeral(ctx: Ctx) -> Funeral:
    """The law of a death from an employment or non-employment injury (or a self-employment injury)."""
    return funeral_benefit(
        ctx, ctx.case.event_date, ctx.case.funeral_expenses, provisional_base=ctx.unchecked_coverage
    )
