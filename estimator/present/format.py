"""Formatted values and catalogue labels for the presenters: every value is a bilingual :data:`Text`."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from estimator.engine.i18n import Text, same, tr
from estimator.engine.money import pct, rm
from estimator.engine.trace import malaysian_date


def label(key: str, /, **args: object) -> Text:
    """The presentation catalogue entry ``present.<key>`` in both languages."""
    return tr(f"present.{key}", **args)


def money(value: Decimal | None) -> Text:
    return same("—" if value is None else rm(value))


def day(value: date | None) -> Text:
    """DD/MM/YYYY; an open end reads "no end date"."""
    return label("open_ended") if value is None else same(malaysian_date(value))


def percent(value: Decimal) -> Text:
    return same(pct(value))


def number(value: Decimal | int | str) -> Text:
    if isinstance(value, Decimal):
        return same(f"{value.normalize():f}")
    return same(str(value))


def yes_no(value: bool) -> Text:
    return label("yes" if value else "no")


_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def local_dates(text: Text) -> Text:
    """A text with every ISO date (2025-07-10) written the Malaysian way (10/07/2025)."""
    return {lang: _ISO_DATE.sub(r"\3/\2/\1", value) for lang, value in text.items()}


_REFERENCE = re.compile(
    r"\s*\((?:s\.|ss\.|Act |Akta |Fourth Sch|Jadual |reg\.|perenggan |para )[^()]*(?:\([^()]*\)[^()]*)*\)"
)


def without_references(text: Text) -> Text:
    """A text without its legal references in brackets ("(s.96C)", "(Act 838 s.28)"): the claimant's pages
    speak plainly; the office's part keeps them."""
    return {lang: _REFERENCE.sub("", value) for lang, value in text.items()}
