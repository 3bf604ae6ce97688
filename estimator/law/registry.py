"""Which laws make up each scheme (imported once, by :func:`estimator.law.schemes.laws_for`)."""

from __future__ import annotations

from estimator.law.context import Ctx
from estimator.law.injury import injury_benefits
from estimator.law.invalidity import invalidity_benefits
from estimator.law.schemes import register
from estimator.model.result import BenefitRecord


def _injury(ctx: Ctx) -> list[BenefitRecord]:  # TRANSITIONAL: one entry until the benefits are split
    return injury_benefits(ctx)  # type: ignore[return-value]


def _invalidity(ctx: Ctx) -> list[BenefitRecord]:  # TRANSITIONAL
    return list(invalidity_benefits(ctx))


for _scheme in ("employment_injury", "non_employment_injury"):
    for _outcome in ("injury", "death"):
        register(_scheme, _outcome, [_injury])
for _outcome in ("invalidity", "death"):
    register("invalidity", _outcome, [_invalidity])
