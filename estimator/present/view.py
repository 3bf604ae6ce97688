"""The presentation records (rows, tables, views) and the registry of presenters."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Literal, TypeVar

from estimator.engine.i18n import Text
from estimator.model.result import BenefitRecord, Result
from estimator.present.answer import answer_for

RowKind = Literal["amount", "detail", "option", "note"]


@dataclass(frozen=True)
class Row:
    """A label and its value, both in both languages (values already formatted: RM1,234.56, 15/03/2025).

    ``amount``: a figure paid (drawn bold); ``detail``: a figure behind it; ``option``: a choice the claimant
    may take instead (a lump sum); ``note``: a condition or remark (the label may be empty).
    """

    label: Text
    value: Text
    kind: RowKind = "detail"
    provisional: bool = False
    step_id: str | None = None  # the step of the explanation behind the figure


@dataclass(frozen=True)
class Table:
    """A small table (payees, the dated schedule, options side by side): headings and rows of cells.

    A cell may hold two lines (``"RM830.10\n2/9"``): the second is a detail of the first.
    """

    title: Text
    columns: list[Text]
    rows: list[list[Text]]
    numeric: frozenset[int] = frozenset()  # columns of figures (aligned right)
    marked: frozenset[tuple[int, int]] = frozenset()  # (row, column) of provisional cells
    hint: Text | None = None  # one line under the title: how to read the table


@dataclass(frozen=True)
class Segment:
    start: date
    end: date | None  # last day; None: open-ended
    amount: Decimal


@dataclass(frozen=True)
class Series:
    """One line of a chart over time (a payee's monthly amount); ``total``: the sum line of the others."""

    label: Text
    segments: list[Segment]
    total: bool = False


@dataclass(frozen=True)
class BenefitView:
    code: str
    title: Text
    headline: Text  # one line: the figure a claimant looks for first
    rows: list[Row] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    notes: list[Text] = field(default_factory=list)
    provisional: bool = False
    step_ids: list[str] = field(default_factory=list)
    summary: list[Text] = field(default_factory=list)  # how it is paid, in a line or two
    in_kind: bool = False  # no amount: a service or help on application (its conditions are note rows)
    series: list[Series] = field(default_factory=list)  # amounts over time, for the timeline charts
    answer: list[Text] = field(default_factory=list)  # the plain sentences a claimant reads first


B = TypeVar("B", bound=BenefitRecord)
Presenter = Callable[[B, Result], BenefitView]
_PRESENTERS: dict[type[BenefitRecord], Callable[[BenefitRecord, Result], BenefitView]] = {}


def presenter(kind: type[B]) -> Callable[[Presenter[B]], Presenter[B]]:
    """Register the presenter of a benefit class."""

    def deco(fn: Presenter[B]) -> Presenter[B]:
        _PRESENTERS[kind] = fn  # type: ignore[assignment]
        return fn

    return deco


def unregister(kind: type[BenefitRecord]) -> None:
    """Forget the presenter of ``kind`` (tests that register a toy benefit)."""
    _PRESENTERS.pop(kind, None)


def present(benefit: BenefitRecord, result: Result) -> BenefitView:
    for cls in type(benefit).__mro__:
        fn = _PRESENTERS.get(cls)
        if fn is not None:
            view = fn(benefit, result)
            answer = answer_for(benefit, result)  # the one story of every renderer, when answer.py knows it
            return replace(view, answer=answer) if answer else view
    raise LookupError(f"no presenter for {type(benefit).__name__}")


def present_all(result: Result) -> list[BenefitView]:
    return [present(b, result) for b in result.benefits]
