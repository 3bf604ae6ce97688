"""Reading the files of a rule pack: size-limited, UTF-8, strict JSON (no duplicate keys), checked numbers."""

from __future__ import annotations

import csv
import json
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from estimator.engine.rules.model import CONFIDENCES, RulePackError
from estimator.engine.safeio import NotRegularFile, TooLarge, read_regular_file

MAX_PACK_FILE_BYTES = 2_000_000
MAX_TEXT_CHARS = 4000  # a source, note or name longer than this is not a rule pack's text
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2100, 12, 31)


def dec(file: str, key: str, text: Any) -> Decimal:
    raw = str(text).strip().replace(",", "")
    if len(raw) > 40:
        raise RulePackError(file, key, f"not a plausible number (too long): {raw[:40]!r}...")
    try:
        value = Decimal(raw)
    except InvalidOperation as exc:
        raise RulePackError(file, key, f"not a number: {text!r}") from exc
    if not value.is_finite():
        raise RulePackError(file, key, f"not a finite number: {text!r}")
    if abs(value.adjusted()) > 12:
        raise RulePackError(file, key, f"not a plausible number (magnitude): {text!r}")
    return value


def whole(file: str, key: str, text: Any) -> int:
    raw = str(text).strip()
    if len(raw) > 12:
        raise RulePackError(file, key, f"not a plausible whole number: {raw[:20]!r}")
    try:
        return int(raw)
    except ValueError as exc:
        raise RulePackError(file, key, f"not a whole number: {text!r}") from exc


def day(file: str, key: str, text: Any, what: str = "'from'") -> date:
    try:
        parsed = date.fromisoformat(str(text))
    except ValueError as exc:
        raise RulePackError(file, key, f"{what} must be a date YYYY-MM-DD, got {text!r}") from exc
    if not (EARLIEST_DATE <= parsed <= LATEST_DATE):
        raise RulePackError(file, key, f"{what} {parsed} is outside {EARLIEST_DATE.year}-{LATEST_DATE.year}")
    return parsed


def text(file: str, key: str, raw: Any) -> str:
    out = str(raw)
    if len(out) > MAX_TEXT_CHARS:
        raise RulePackError(file, key, f"text longer than {MAX_TEXT_CHARS} characters")
    return out


def read_bytes(path: Path, key: str) -> bytes:
    """The file's bytes: a regular file only (never a FIFO or a device), read up to a hard limit."""
    try:
        return read_regular_file(path, MAX_PACK_FILE_BYTES)
    except FileNotFoundError:
        raise RulePackError(path.name, key, "file not found") from None
    except NotRegularFile:
        raise RulePackError(path.name, key, "not a regular file") from None
    except TooLarge:
        raise RulePackError(path.name, key, "file is too large for a rule pack") from None
    except OSError as exc:
        raise RulePackError(path.name, key, f"cannot read: {exc.strerror or exc}") from exc


def decode(path: Path, key: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RulePackError(path.name, key, "file is not UTF-8 text") from exc


def read_text(path: Path, key: str) -> str:
    return decode(path, key, read_bytes(path, key))


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in pairs:
        if name in out:
            raise _DuplicateKey(name)
        out[name] = value
    return out


class _DuplicateKey(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def _finite_float(raw: str) -> Any:
    return raw  # keep the literal: numbers are parsed as Decimal (or refused) where they are used


def parse_json(path: Path, key: str, content: str) -> Any:
    try:
        return json.loads(
            content,
            object_pairs_hook=_no_duplicates,
            parse_float=_finite_float,
            parse_constant=_refuse_constant,
        )
    except _DuplicateKey as exc:
        raise RulePackError(path.name, exc.name, "key given twice in the same object") from exc
    except json.JSONDecodeError as exc:
        raise RulePackError(path.name, key, f"not valid JSON (line {exc.lineno}): {exc.msg}") from exc
    except RecursionError as exc:
        raise RulePackError(path.name, key, "JSON is nested too deeply") from exc
    except ValueError as exc:  # e.g. an integer literal with thousands of digits, NaN, Infinity
        raise RulePackError(path.name, key, f"not a usable JSON value: {str(exc)[:80]}") from exc


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a rule pack may hold")


def read_json(path: Path, key: str) -> Any:
    return parse_json(path, key, read_text(path, key))


def csv_rows(path: Path, key: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    try:
        rows = list(csv.DictReader(read_text(path, key).splitlines()))
    except csv.Error as exc:
        raise RulePackError(path.name, key, f"not a valid CSV table: {exc}") from exc
    if not rows:
        raise RulePackError(path.name, key, "table is empty")
    missing = [c for c in columns if c not in rows[0]]
    if missing:
        raise RulePackError(path.name, key, f"missing column(s): {', '.join(missing)}")
    for i, row in enumerate(rows):
        if None in row or any(row.get(c) is None for c in columns):
            raise RulePackError(path.name, key, f"row {i + 2} has the wrong number of cells")
    return rows


def confidence(file: str, key: str, value: str) -> str:
    conf = value.strip().upper()
    if conf not in CONFIDENCES:
        raise RulePackError(file, key, f"unknown confidence {value!r} (one of {', '.join(CONFIDENCES)})")
    return conf


def plain_name(file: str, key: str, name: Any, what: str = "a table") -> str:
    if not isinstance(name, str) or not name or "/" in name or "\\" in name or name.startswith("."):
        raise RulePackError(file, key, f"{what} must be a file name in the pack folder, got {name!r}")
    return name
