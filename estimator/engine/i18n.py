"""Bilingual text (English / Bahasa Malaysia) from the JSON catalogs in ``resources/i18n``.

Every catalog file maps ``key -> {"en": ..., "ms": ...}``; all files are merged (a key defined twice is an
error).  Text values carry both languages (:data:`Text`), so the screen, the PDF and the JSON can each pick one.
"""

from __future__ import annotations

import json
import sys
from functools import lru_cache
from typing import Literal

from estimator.engine.paths import resources_dir

Lang = Literal["en", "ms"]
LANGS: tuple[Lang, Lang] = ("en", "ms")
Text = dict[str, str]


class CatalogError(Exception):
    pass


class MissingText(KeyError):
    """A catalogue key that does not exist: raised under the tests, so a benefit cannot ship half-written."""


def _missing(key: str) -> Text:
    """The key itself stands in for a missing entry, except under pytest, where it is an error."""
    if "pytest" in sys.modules:
        raise MissingText(f"no catalogue entry {key!r}")
    return {lang: key for lang in LANGS}


@lru_cache(maxsize=1)
def catalog() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    folder = resources_dir() / "i18n"
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CatalogError(f"{path.name}: {exc}") from exc
        for key, entry in data.items():
            if key.startswith("_"):
                continue
            if key in merged:
                raise CatalogError(f"{path.name}: key {key!r} is defined in two catalogs")
            if not isinstance(entry, dict) or any(lang not in entry for lang in LANGS):
                raise CatalogError(f"{path.name}: key {key!r} needs both 'en' and 'ms'")
            merged[key] = entry
    return merged


def tr(key: str, /, **args: object) -> Text:
    """Both languages of a catalog entry, formatted with ``args`` (``str.format`` named fields)."""
    if not args:
        return dict(_plain(key))
    entry = catalog().get(key)
    if entry is None:
        return _missing(key)
    out: Text = {}
    for lang in LANGS:
        template = entry[lang]
        try:
            out[lang] = template.format(**args) if args else template
        except (KeyError, IndexError, ValueError):
            out[lang] = template
    return out


@lru_cache(maxsize=2048)
def _plain(key: str) -> tuple[tuple[str, str], ...]:
    entry = catalog().get(key)
    if entry is None:
        return tuple(_missing(key).items())
    return tuple((lang, entry[lang]) for lang in LANGS)


def text(key: str, lang: str, /, **args: object) -> str:
    return tr(key, **args).get(lang) or tr(key, **args)["en"]


def same(value: str) -> Text:
    """A text that reads the same in both languages (a formula, a number)."""
    return {lang: value for lang in LANGS}


def pick(value: Text | None, lang: str) -> str:
    if not value:
        return ""
    return value.get(lang) or value.get("en", "")


def join(parts: list[Text], sep: str = " ") -> Text:
    return {lang: sep.join(p[lang] for p in parts if p.get(lang)) for lang in LANGS}
