"""UI strings in English and Bahasa Malaysia, switchable while the app runs.

The texts come from the core's catalogue (``estimator.engine.i18n``: every ``resources/i18n/*.json``, the app's
own ``ui.json`` among them); that module is light, so the window still shows before the calculation core loads.
This module adds what only the app needs: the current language, and a :class:`Binder` with which widgets
register their texts, so that ``Binder.apply()`` re-reads every text in the current language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from estimator.engine.i18n import LANGS, CatalogError, Text, catalog, tr
from estimator.engine.i18n import pick as pick_lang

if TYPE_CHECKING:
    from decimal import Decimal

    from PySide6.QtWidgets import QLabel, QWidget

_state = {"lang": "en"}


def lang() -> str:
    return _state["lang"]


def set_lang(value: str) -> None:
    _state["lang"] = value if value in LANGS else "en"


def T(key: str, /, **args: Any) -> Text:
    """Both languages of a UI string (the key itself when the catalogue lacks it or cannot be read)."""
    try:
        return tr(key, **args)
    except CatalogError:  # a damaged install: show keys rather than stop the app
        return {code: key for code in LANGS}


def known(key: str) -> bool:
    """True when the catalogue has a text for ``key``."""
    try:
        return key in catalog()
    except CatalogError:
        return False


def t(key: str, /, **args: Any) -> str:
    """A UI string in the current language."""
    return T(key, **args)[lang()]


def pick(value: Text | None, code: str | None = None) -> str:
    """Pick a bilingual text (from the core or the catalogue) in the current language."""
    return pick_lang(value, code or lang())


def both(key: str, /, **args: Any) -> str:
    """English and Malay together (crash messages, where the language may be unknown)."""
    text = T(key, **args)
    return text["en"] if text["en"] == text["ms"] else f"{text['en']}\n\n{text['ms']}"


def plain(label: str) -> str:
    """A label without its mnemonic marker and trailing colon (for accessible names)."""
    return label.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(": ")


class Binder:
    """Remembers which text goes where, so that a language switch can set every text again."""

    def __init__(self) -> None:
        self._items: list[Callable[[], None]] = []

    def add(self, fn: Callable[[], None]) -> None:
        self._items.append(fn)
        fn()

    def text(self, setter: Callable[[str], Any], key: str, /, **args: Any) -> None:
        self.add(lambda: setter(t(key, **args)))

    def label(self, label: QLabel, key: str, buddy: QWidget | None = None, tip: str | None = None) -> None:
        """A label with a mnemonic; its buddy gets the label (and tip) as accessible name / tooltip."""

        def apply() -> None:
            text = t(key)
            label.setText(text)
            if buddy is not None:
                buddy.setAccessibleName(plain(text))
                if tip:
                    buddy.setToolTip(t(tip))
                    buddy.setAccessibleDescription(t(tip))

        if buddy is not None:
            label.setBuddy(buddy)
        self.add(apply)

    def apply(self) -> None:
        for fn in self._items:
            fn()


# -- figures, formatted by the core's money module (imported at first use: start-up does not need it)


def amount_text(value: Decimal) -> str:
    """'1,950.00' (``estimator.engine.money.num``)."""
    from estimator.engine.money import num

    return num(value)


def rm_text(value: Decimal) -> str:
    """'RM1,950.00' (``estimator.engine.money.rm``)."""
    from estimator.engine.money import rm

    return rm(value)


def percent_text(value: Decimal) -> str:
    """'33.5%' (``estimator.engine.money.pct``)."""
    from estimator.engine.money import pct

    return pct(value)
