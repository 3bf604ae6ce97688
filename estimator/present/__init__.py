"""How each benefit is shown: its labelled rows, declared once and rendered by the screen, the PDF and the text.

A presenter turns one benefit record into a :class:`BenefitView`; the renderers walk views and never look at a
benefit's code or class.  A new benefit registers its presenter with :func:`presenter`::

    @presenter(TDB)
    def _tdb(b: TDB, result: Result) -> BenefitView: ...
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from estimator.engine.i18n import Text
from estimator.model.result import BenefitRecord, Result

RowKind = Literal["amount", "detail", "option", "note"]


@dataclass(frozen=True)
class Row:
    """A label and its value, both in both languages (values already formatted: RM1,234.56, 15/03/2025)."""

    label: Text
    value: Text
    kind: RowKind = "detail"
    provisional: bool = False
    step_id: str | None = None  # the step of the explanation behind the figure


@dataclass(frozen=True)
class Table:
    """A small table (payees, the dated schedule): column headings and rows of cells."""

    title: Text
    columns: list[Text]
    rows: list[list[Text]]


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


B = TypeVar("B", bound=BenefitRecord)
Presenter = Callable[[B, Result], BenefitView]
_PRESENTERS: dict[type[BenefitRecord], Callable[[BenefitRecord, Result], BenefitView]] = {}


def presenter(kind: type[B]) -> Callable[[Presenter[B]], Presenter[B]]:
    """Register the presenter of a benefit class."""

    def deco(fn: Presenter[B]) -> Presenter[B]:
        _PRESENTERS[kind] = fn  # type: ignore[assignment]
        return fn

    return deco


def present(benefit: BenefitRecord, result: Result) -> BenefitView:
    if not _PRESENTERS:
        from estimator.present import benefits  # noqa: F401 - registers the presenters

    for cls in type(benefit).__mro__:
        fn = _PRESENTERS.get(cls)
        if fn is not None:
            return fn(benefit, result)
    raise LookupError(f"no presenter for {type(benefit).__name__}")


def present_all(result: Result) -> list[BenefitView]:
    return [present(b, result) for b in result.benefits]
