"""The comparison record: scenarios side by side, what each receives, and where they differ.

Built by :func:`estimator.law.compare.compare`; shown by :mod:`estimator.present.compare` and the renderers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, NamedTuple

from estimator.engine.i18n import Text
from estimator.model.case import Case
from estimator.model.result import Result


@dataclass(frozen=True)
class Totals:
    by_60: Decimal
    by_70: Decimal
    by_life_expectancy: Decimal | None  # None: the rule pack gives no life expectancy


class SeriesPoint(NamedTuple):
    age: int
    total: Decimal  # everything received from the event up to this birthday


@dataclass(frozen=True)
class BenefitFigures:
    code: str
    title: Text
    totals: Totals
    totals_commuted: Totals | None = None
    daily_rate: Decimal | None = None
    monthly_amount: Decimal | None = None
    paid_once: Decimal | None = None
    lump_sum: Decimal | None = None
    commutation: Literal["compulsory", "optional"] | None = None
    commuted_daily_rate: Decimal | None = None
    monthly_if_commuted: Decimal | None = None
    break_even_age: Decimal | None = None
    provisional: bool = False


@dataclass(frozen=True)
class Scenario:
    label: str
    case: Case
    result: Result
    benefits: list[BenefitFigures]
    life_expectancy_age: Decimal | None
    totals: Totals
    totals_commuted: Totals | None
    series: list[SeriesPoint]
    series_commuted: list[SeriesPoint] | None

    def figures(self, code: str) -> BenefitFigures | None:
        return next((b for b in self.benefits if b.code == code), None)


@dataclass(frozen=True)
class Difference:
    path: str
    values: list[str | None]


@dataclass(frozen=True)
class Comparison:
    scenarios: list[Scenario]
    differences: list[Difference] = field(default_factory=list)

    def labels(self) -> list[str]:
        return [s.label for s in self.scenarios]

    def differs(self, path: str) -> bool:
        return any(d.path == path for d in self.differences)


class CurvePoint(NamedTuple):
    lec_percent: Decimal
    monthly: Decimal
    lump_sum: Decimal
