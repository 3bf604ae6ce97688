"""The status bar's line: the answer card's headline (the same words and amounts), built from the core's
presentation (``estimator.present``), never computed here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from estimator.present import present_result
from estimator.present.format import label

from ..text import pick

if TYPE_CHECKING:
    from estimator.model.result import Result


def headline(result: Result) -> str:
    """'Permanent disablement benefit: RM96,684.57 once …' — each money benefit's first answer sentence."""
    view = present_result(result)
    parts = [f"{pick(b.title)}: {pick((b.answer or [b.headline])[0])}" for b in view.money_benefits]
    if parts:
        return " · ".join(parts)
    if view.not_payable:
        return pick(view.not_payable[0])
    return pick(label("no_benefits"))
