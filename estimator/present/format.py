"""Formatted values and catalogue labels for the presenters: every value is a bilingual :data:`Text`."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from functools import partial

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
_ISO_MONTH = re.compile(r"(?<![\w./-])((?:19|20)\d{2})-(0[1-9]|1[0-2])(?![\w/-])")


def local_date_text(value: str) -> str:
    """Every ISO date (2025-07-10) and month (2025-02) of ``value`` written the Malaysian way (10/07/2025,
    02/2025)."""
    if "-" not in value:
        return value
    return _ISO_MONTH.sub(r"\2/\1", _ISO_DATE.sub(r"\3/\2/\1", value))


def local_dates(text: Text) -> Text:
    """A text with every ISO date (2025-07-10) and month (2025-02) written the Malaysian way."""
    return {lang: local_date_text(value) for lang, value in text.items()}


_TABLE_FILE = re.compile(r"\bwage_bands_((?:19|20)\d{2})-(0[1-9]|1[0-2])\.csv\b")


def readable(text: Text) -> Text:
    """A core text as an officer reads it: dates DD/MM/YYYY, months MM/YYYY and a wage band table by the month
    PERKESO's table took effect ("PERKESO table from 10/2024"), not by its file name."""
    out: Text = {}
    for lang, value in text.items():
        if "wage_bands_" in value:
            value = _TABLE_FILE.sub(partial(_table_from, lang), value)
        out[lang] = local_date_text(value)
    return out


def _table_from(lang: str, found: re.Match[str]) -> str:
    return label("band_table_from", month=f"{found[2]}/{found[1]}")[lang]


def month(value: str) -> Text:
    """A month ``2025-02`` as ``02/2025``."""
    return same(local_date_text(value))


_INTERNAL = (
    (re.compile(r"\s*\((?:see )?seed \d{3}_[0-9a-f]+\)"), ""),  # "(seed 001_3008f32e6bc0d2fb)"
    (re.compile(r"seed \d{3}_[0-9a-f]+:\s*"), ""),  # "(seed 004_844e...: 'minimum pension ...')"
    (re.compile(r"\bseed:\s*"), ""),
    (re.compile(r"\s*\(?\b(?:tables|statutes)/[\w./-]+\)?"), ""),
    (re.compile(r"[;,]?\s*\(?sources-\d{4}-\d{2}\.md\)?:?\s*"), " "),
    (re.compile(r"\s*\(perkeso-rules\.md[^()]*(?:\([^()]*\)[^()]*)?\)"), ""),
    (re.compile(r"[;,]?\s*perkeso-rules\.md[\s\d.,]*(?:and )?(?:\(open question[^()]*\))?"), ""),
    (re.compile(r"\bopen question \d+:?\s*"), ""),
    (re.compile(r"\s*\(reference README[^()]*\)"), ""),
    (re.compile(r"\bFaedah assumption\b"), "an assumption of this estimate (no public source)"),
    (re.compile(r"PERKESO (Employment Injury|Invalidity) Scheme page"), r"perkeso.gov.my (\1 Scheme page)"),
    (re.compile(r"\bESSA s\."), "Act 4 s."),
    (re.compile(r"(?:\s+per|;)\s*$"), ""),
)


def without_internal(text: str) -> str:
    """``text`` without the reference notes this program was built from (file names, seed numbers, question
    numbers): an officer cannot open them."""
    for pattern, repl in _INTERNAL:
        text = pattern.sub(repl, text)
    return re.sub(r"\(\s*\)", "", text)


def public_source(source: str) -> str:
    """A rule's source as an officer can open it: the Act and section, the gazette or the public page (a source
    left empty says so)."""
    text = without_internal(source)
    text = re.sub(r"\s*;\s*(?=;|$)", "", text)
    text = re.sub(r"\s{2,}", " ", text).strip(" ;,:")
    if text.startswith("("):  # only the page's section was left: the page is PERKESO's
        text = f"perkeso.gov.my {text}"
    return text or "no public source found: to be confirmed with PERKESO"


_REFERENCE = re.compile(
    r"\s*\((?:s\.|ss\.|Act |Akta |Fourth Sch|Jadual |reg\.|perenggan |para )[^()]*(?:\([^()]*\)[^()]*)*\)"
)


def without_references(text: Text) -> Text:
    """A text without its legal references in brackets ("(s.96C)", "(Act 838 s.28)"): the claimant's pages
    speak plainly; the office's part keeps them."""
    return {lang: _REFERENCE.sub("", value) for lang, value in text.items()}
