"""The scheme's terms in both languages, one word each (``resources/i18n/glossary.json``, each with its source).

The paper, the screen's answer card and the CLI's text explain the terms their answer uses with
:func:`terms_used`; every Malay catalogue text prints the glossary's word, never one of its ``avoid`` forms.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from estimator.engine.i18n import LANGS, Text
from estimator.engine.paths import resources_dir

if TYPE_CHECKING:
    from estimator.present.result import ResultView


@dataclass(frozen=True)
class Term:
    key: str
    term: Text  # the word itself, in both languages
    explain: Text  # a plain sentence
    source: str
    avoid: tuple[str, ...]  # other Malay forms, never printed
    avoid_when_en: str = ""  # the avoid list holds only where the English says this (a word right elsewhere)


@lru_cache(maxsize=1)
def glossary() -> tuple[Term, ...]:
    data = json.loads((resources_dir() / "i18n" / "glossary.json").read_text(encoding="utf-8"))
    out = []
    for key, entry in data["_glossary"].items():
        source = str(entry.get("source", "")).strip()
        if not source:
            raise ValueError(f"glossary.json: {key} has no source")
        out.append(
            Term(
                key=key,
                term={lang: str(entry[lang]) for lang in LANGS},
                explain={lang: str(entry["explain"][lang]) for lang in LANGS},
                source=source,
                avoid=tuple(str(a) for a in entry.get("avoid", [])),
                avoid_when_en=str(entry.get("avoid_when_en", "")),
            )
        )
    return tuple(out)


@lru_cache(maxsize=1)
def avoided_everywhere() -> tuple[str, ...]:
    """Malay forms no catalogue prints, whatever the term (``_avoid_everywhere`` of glossary.json)."""
    data = json.loads((resources_dir() / "i18n" / "glossary.json").read_text(encoding="utf-8"))
    return tuple(str(form) for form in data.get("_avoid_everywhere", {}).get("forms", []))


def avoided_forms(en: str, ms: str) -> list[str]:
    """The glossary's avoided Malay forms that ``ms`` (the Malay of the English ``en``) prints (whole words)."""
    found: list[str] = []
    for t in glossary():
        if t.avoid_when_en and t.avoid_when_en.casefold() not in en.casefold():
            continue
        found += [form for form in t.avoid if _has_word(ms, form)]
    found += [form for form in avoided_everywhere() if _has_word(ms, form)]
    return found


def _has_word(text: str, form: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text, re.IGNORECASE) is not None


def term(key: str) -> Text:
    """One term in both languages."""
    for t in glossary():
        if t.key == key:
            return dict(t.term)
    raise KeyError(key)


def terms_used(texts: Iterable[Text]) -> list[Term]:
    """The glossary terms that occur (in either language) in ``texts``, in glossary order."""
    haystack = {lang: " ".join(t.get(lang, "") for t in texts).casefold() for lang in LANGS}
    return [t for t in glossary() if any(t.term[lang].casefold() in haystack[lang] for lang in LANGS)]


def glossary_line(t: Term) -> Text:
    """ "commutation: taking part of a monthly pension now as one sum ..." in both languages."""
    return {lang: f"{t.term[lang]}: {t.explain[lang]}" for lang in LANGS}


def answer_texts(view: ResultView) -> list[Text]:
    """The claimant-facing sentences of a result: the answers and the next steps (not the benefit titles)."""
    texts = [line for b in view.benefits for line in b.answer]
    texts += [s.timing for s in view.next_steps] + [d for s in view.next_steps for d in s.documents]
    return texts
