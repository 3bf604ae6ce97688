"""What one law finds and a later law of the same estimate builds on (the typed facts on
:class:`~estimator.law.context.Ctx`): plain records, importing nothing of the law, so that the context can name
them without an import cycle."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from estimator.engine.i18n import Text
from estimator.model.result import WageMonthInfo

QualifyingKind = Literal["full", "reduced"]
Test = Literal["window", "two_thirds", "one_third", "none"]


@dataclass
class History:
    """The contribution history as far as the event: which months count.

    Months are ``YYYY-MM`` strings, so their string order is their calendar order.
    """

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


@dataclass
class Qualifying:
    kind: QualifyingKind | None  # None: neither condition met (a pensioner's is set to "full")
    test: Test
    window: list[str]  # the months before the event month (40)
    window_count: int
    window_needed: int
    span_months: int  # complete months from the first payable month to the month before the event
    span_first: str | None
    span_count: int
    full_needed: int  # contributions needed for 2/3 of the span (at least the minimum)
    reduced_needed: int
    minimum: int
    total: int
    note: Text  # which condition is met, with the counts
    step_id: str = ""


@dataclass
class AverageWage:
    months: list[WageMonthInfo]  # the months averaged (oldest first)
    exact: Decimal | None  # average of their assumed wages
    minimum: Decimal | None  # the minimum in force on the event date (None: none known)
    used: Decimal | None  # the AMW the pension uses
    floored: bool
    provisional: bool
    step_ids: list[str]


@dataclass
class PensionCalc:
    rate_percent: Decimal
    monthly: Decimal  # rounded to the sen, after the minimum
    minimum: Decimal | None
    raised_to_minimum: bool
    provisional: bool
    step_ids: list[str]
    average: AverageWage | None = None


@dataclass
class WageBasis:
    used: list[WageMonthInfo] = field(default_factory=list)  # the contribution months that count, banded
    average_monthly: Decimal | None = None  # exact
    step_ids: list[str] = field(default_factory=list)
    provisional: bool = False
    similar_worker: bool = False
