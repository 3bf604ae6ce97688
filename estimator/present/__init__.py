"""How each benefit is shown: its labelled rows, declared once and rendered by the screen, the PDF and the text.

A presenter turns one benefit record into a :class:`BenefitView`; the renderers walk views and never look at a
benefit's code or class.  A new benefit registers its presenter with :func:`presenter`::

    @presenter(TDB)
    def _tdb(b: TDB, result: Result) -> BenefitView: ...

Every label comes from the bilingual catalogue (``resources/i18n/present.json``); every value is already
formatted (RM1,234.56, 15/03/2025), so a renderer only chooses the language and the layout.
"""

from __future__ import annotations

from estimator.present import benefits as _benefits  # noqa: F401 - registers the presenters
from estimator.present import schemes as _schemes  # noqa: F401 - the presenters of Act 838's benefits
from estimator.present.result import NextStepView, ResultView, StepView, present_result
from estimator.present.view import (
    BenefitView,
    Row,
    RowKind,
    Segment,
    Series,
    Table,
    present,
    present_all,
    presenter,
    unregister,
)

__all__ = [
    "BenefitView",
    "NextStepView",
    "ResultView",
    "Row",
    "RowKind",
    "Segment",
    "Series",
    "StepView",
    "Table",
    "present",
    "present_all",
    "present_result",
    "presenter",
    "unregister",
]
