"""The status bar's line: the answer card's headline (the same words and amounts), built from the core's
presentation (``estimator.present``), never computed here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from estimator.present import present_result
from estimator.present.format import label

from ..text import lang, pick

if TYPE_CHECKING:
    from estimator.model.result import Result


_last: dict[str, object] = {"result": None, "lang": "", "text": ""}  # the status bar asks on every keystroke


def headline(result: Result) -> str:
    """'Permanent disablement benefit: RM96,684.57 once …' — each money benefit's first answer sentence
    (presented once per result and language)."""
    if _last["result"] is not result or _last["lang"] != lang():
        _last.update(result=result, lang=lang(), text=_headline(result))
    return str(_last["text"])


def _headline(result: Result) -> str:
    view = present_result(result)
    # the answer's first sentence, without the colon that introduces its payees' lines
    parts = [
        f"{pick(b.title)}: {pick((b.answer or [b.headline])[0]).rstrip(': ')}" for b in view.money_benefits
    ]
    if parts:
        return " · ".join(parts)
    if view.not_payable:
        return pick(view.not_payable[0])
    return pick(label("no_benefits"))
