"""UI strings in English and Bahasa Malaysia, switchable while the app runs.

The app's own catalog (``resources/i18n/ui.json``) is read directly, without importing the core, so that the
window can show before the calculation core is loaded.  Widgets register their texts with a :class:`Binder`;
``Binder.apply()`` re-reads every text in the current language.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

LANGS = ("en", "ms")
_state = {"lang": "en"}


def resources_dir() -> Path:
    """The bundled ``resources/`` folder (same rules as ``estimator.engine.paths.resources_dir``)."""
    env = os.environ.get("FAEDAH_RESOURCES")
    if env:
        return Path(env)
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


@lru_cache(maxsize=1)
def catalog() -> dict[str, dict[str, str]]:
    path = resources_dir() / "i18n" / "ui.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if not k.startswith("_") and isinstance(v, dict)}


def lang() -> str:
    return _state["lang"]


def set_lang(value: str) -> None:
    _state["lang"] = value if value in LANGS else "en"


def T(key: str, /, **args: Any) -> dict[str, str]:
    """Both languages of a UI string."""
    entry = catalog().get(key)
    if entry is None:
        return {code: key for code in LANGS}
    out = {}
    for code in LANGS:
        template = entry.get(code) or entry.get("en", key)
        try:
            out[code] = template.format(**args) if args else template
        except (KeyError, IndexError, ValueError):
            out[code] = template
    return out


def t(key: str, /, **args: Any) -> str:
    """A UI string in the current language."""
    return T(key, **args)[lang()]


def pick(value: dict[str, str] | None, code: str | None = None) -> str:
    """Pick a bilingual text (from the core or the catalog) in the current language."""
    if not value:
        return ""
    return value.get(code or lang()) or value.get("en", "")


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

    def label(self, label: Any, key: str, buddy: Any = None, tip: str | None = None) -> None:
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
