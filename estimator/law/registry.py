"""Which laws make up each scheme (imported once, by :func:`estimator.law.schemes.laws_for`)."""

from __future__ import annotations

from estimator.law.context import Ctx
from estimator.law.injury import injury_benefits
from estimator.law.invalidity import DEATH_LAWS, INVALIDITY_LAWS
from estimator.law.schemes import register
from estimator.model.result import BenefitRecord


def _injury(ctx: Ctx) -> list[BenefitRecord]:  # TRANSITIONAL: one entry until the benefits are split
    return injury_benefits(ctx)  # type: ignore[return-value]


for _scheme in ("employment_injury", "non_employment_injury"):
    for _outcome in ("injury", "death"):
        register(_scheme, _outcome, [_injury])
register("invalidity", "invalidity", INVALIDITY_LAWS)
register("invalidity", "death", DEATH_LAWS)
