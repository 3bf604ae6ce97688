"""Language handling for the PDF: English, Bahasa Malaysia, or both (Bahasa Malaysia first, English below).

Everything that reaches reportlab's paragraph markup goes through :func:`esc` first; markup tags are only ever
added by this package, so a name such as ``A & <B>`` prints exactly as typed.
"""

from __future__ import annotations

import sys
from datetime import date
from decimal import Decimal
from typing import Literal
from xml.sax.saxutils import escape

from estimator.engine.i18n import Text, tr
from estimator.engine.money import rm
from estimator.engine.trace import malaysian_date

ReportLang = Literal["en", "ms", "both"]
REPORT_LANGS: tuple[str, ...] = ("en", "ms", "both")
SECONDARY_COLOR = "#5f6b7a"


def esc(value: object) -> str:
    """Plain text -> reportlab paragraph markup that prints exactly that text."""
    return escape(str(value), {'"': "&quot;"})


def app_version() -> str:
    """The program's version (``estimator.__version__``; the package is imported before any of its modules, and
    importing it here would make the renderer depend on the law it loads)."""
    return str(getattr(sys.modules.get("estimator"), "__version__", ""))


def nobr(value: str) -> str:
    """Paragraph markup of a date or an amount that never breaks across lines (no-break spaces and hyphens)."""
    return esc(value).replace(" ", "\u00a0").replace("-", "\u2011")


def money(value: Decimal | None) -> str:
    return "—" if value is None else rm(value)


def num_text(value: Decimal | None) -> str:
    if value is None:
        return "—"
    text = f"{value.normalize():f}"
    return text


def day(value: date | None) -> str:
    """DD/MM/YYYY, as every date of the presentation."""
    return "—" if value is None else malaysian_date(value)


class Lx:
    """Picks and formats the report's texts in the chosen language(s)."""

    def __init__(self, lang: str) -> None:
        if lang not in REPORT_LANGS:
            raise ValueError(f"lang must be one of {', '.join(REPORT_LANGS)}, not {lang!r}")
        self.lang = lang
        self.langs: tuple[str, ...] = ("ms", "en") if lang == "both" else (lang,)

    @property
    def both(self) -> bool:
        return len(self.langs) == 2

    @property
    def primary(self) -> str:
        return self.langs[0]

    # -- catalog
    def k(self, key: str, **args: object) -> Text:
        return tr(f"report.{key}", **args)

    # -- plain text (canvas strings, chart labels, PDF metadata)
    def plain(self, text: Text | None, sep: str = " / ") -> str:
        if not text:
            return ""
        parts = self._parts(text)
        return sep.join(parts)

    def kp(self, key: str, sep: str = " / ", **args: object) -> str:
        return self.plain(self.k(key, **args), sep=sep)

    # -- markup
    def _parts(self, text: Text) -> list[str]:
        out: list[str] = []
        for lang in self.langs:
            value = text.get(lang) or text.get("en", "")
            if value and value not in out:
                out.append(value)
        return out

    def m(self, text: Text | None, size: float | None = None) -> str:
        """Stacked markup: the primary language, then (in "both") the other one below in grey."""
        if not text:
            return ""
        parts = self._parts(text)
        if len(parts) == 1:
            return esc(parts[0])
        second = f'<font color="{SECONDARY_COLOR}"' + (f' size="{size}"' if size else "") + ">"
        return esc(parts[0]) + "<br/>" + second + esc(parts[1]) + "</font>"

    def inline(self, text: Text | None, sep: str = " / ") -> str:
        """One-line markup: primary, then the other language in grey after a separator."""
        if not text:
            return ""
        parts = self._parts(text)
        if len(parts) == 1:
            return esc(parts[0])
        return f'{esc(parts[0])}<font color="{SECONDARY_COLOR}">{esc(sep)}{esc(parts[1])}</font>'

    def km(self, key: str, size: float | None = None, **args: object) -> str:
        return self.m(self.k(key, **args), size=size)

    def ki(self, key: str, **args: object) -> str:
        return self.inline(self.k(key, **args))
