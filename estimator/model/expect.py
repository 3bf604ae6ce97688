"""Golden cases as data: a case file with the figures its result must show.

A golden file (``{"format": "faedah-golden", "version": 1, ...}``) holds a full case file and ``expect``, a map
from a path into the result's JSON (``Result.model_dump(mode="json")``, the same as ``faedah estimate --json``)
to the value expected there::

    "average_assumed_monthly_wage": "850.00"
    "benefits.TDB.daily_rate": "30.00"             # benefits.<CODE>: the benefit with that code
    "benefits.DEPENDANTS.payees[0].share": "3/7"   # [i]: the i-th element (negative from the end)
    "steps[tdb.daily].provisional": false          # [name]: the element whose id, code or key is name
    "benefits.CAA": null                           # null: absent (or null); its container must exist
    "not_payable": ["TDB"]                         # a list of strings against a list of records: their codes

Scalars are compared as strings of the JSON value (money ``"52.00"``, a count ``10`` or ``"10"``); booleans,
null, lists and objects as JSON.  The format is shared by the golden tests and the rule pack's own acceptance
cases.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from estimator.model.result import Result

GOLDEN_FORMAT = "faedah-golden"
GOLDEN_VERSION = 1

_SELECTOR_FIELDS = ("id", "code", "key")
_SEGMENT = re.compile(r"\[([^\[\]]*)\]|([^.\[\]]+)")


class GoldenCase(BaseModel):
    """One golden case: where it comes from, the case, and what its result must show."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal["faedah-golden"]
    version: Literal[1]
    name: str = Field(min_length=1)
    source: str = Field(min_length=1)
    note: str = ""
    today: date | None = None  # the 'today' the case is validated against (future-dated events)
    case: dict[str, Any]
    expect: dict[str, Any] = Field(min_length=1)


class PathError(Exception):
    """A path that does not lead anywhere in the result."""


def load_golden(path: Path | str) -> GoldenCase:
    """Read and check a golden file (unknown keys refused; numbers with a fraction are read as Decimal)."""
    text = Path(path).read_text(encoding="utf-8")
    return GoldenCase.model_validate(json.loads(text, parse_float=Decimal))


def split_path(path: str) -> list[str | int]:
    """``benefits.PDB.options[0].kind`` -> ``["benefits", "PDB", "options", 0, "kind"]``."""
    parts: list[str | int] = []
    position = 0
    while position < len(path):
        if path[position] == "." and parts:
            position += 1
        match = _SEGMENT.match(path, position)
        if match is None:
            raise PathError(f"{path}: cannot read the path at character {position + 1}")
        bracket, name = match.group(1), match.group(2)
        if bracket is not None:
            parts.append(int(bracket) if re.fullmatch(r"-?\d+", bracket) else bracket)
        else:
            parts.append(name)
        position = match.end()
    if not parts:
        raise PathError("an empty path")
    return parts


def _select(records: list[Any], name: str, shown: str) -> Any:
    found = [
        item
        for item in records
        if isinstance(item, dict) and any(item.get(field) == name for field in _SELECTOR_FIELDS)
    ]
    if not found:
        raise PathError(f"{shown}: no element with id, code or key {name!r}")
    if len(found) > 1:
        raise PathError(f"{shown}: {len(found)} elements named {name!r}")
    return found[0]


def _step(node: Any, part: str | int, shown: str) -> Any:
    if isinstance(node, dict):
        if not isinstance(part, str) or part not in node:
            raise PathError(f"{shown}: no field {part!r}")
        return node[part]
    if isinstance(node, list):
        if isinstance(part, int):
            if not -len(node) <= part < len(node):
                raise PathError(f"{shown}: index {part} outside a list of {len(node)}")
            return node[part]
        return _select(node, part, shown)
    raise PathError(f"{shown}: {part!r} inside a value that has no parts")


def resolve(document: Any, path: str) -> Any:
    """The value at ``path`` in a result's JSON document; :class:`PathError` if there is none."""
    node = document
    shown = "(result)"
    for part in split_path(path):
        node = _step(node, part, shown)
        shown = _join(shown, part)
    return node


def _join(shown: str, part: str | int) -> str:
    if isinstance(part, int) or shown != "(result)" and "." in part:
        return f"{shown}[{part}]"
    return part if shown == "(result)" else f"{shown}.{part}"


def _as_codes(actual: Any) -> Any:
    """A list of records (benefits, not_payable, warnings) against a list of strings: their sorted codes."""
    if isinstance(actual, list) and all(isinstance(item, dict) and "code" in item for item in actual):
        return sorted(str(item["code"]) for item in actual)
    return actual


def _matches(expected: Any, actual: Any) -> bool:
    if isinstance(expected, list) and all(isinstance(item, str) for item in expected):
        codes = _as_codes(actual)
        return sorted(expected) == codes if codes is not actual else bool(expected == actual)
    if expected is None or isinstance(expected, bool | list | dict):
        return type(expected) is type(actual) and bool(expected == actual)
    if actual is None or isinstance(actual, bool | list | dict):
        return False
    return str(expected) == str(actual)


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def check(document: Any, expect: Mapping[str, object]) -> list[str]:
    """Like :func:`failures`, on a result already turned into its JSON document."""
    out: list[str] = []
    for path, expected in expect.items():
        try:
            if expected is None:
                parts = split_path(path)
                try:
                    actual = resolve(document, path)
                except PathError:
                    if len(parts) > 1:
                        resolve(document, path[: _parent_end(path)])  # the container itself must be there
                    continue
            else:
                actual = resolve(document, path)
        except PathError as exc:
            out.append(f"{path}: expected {_shown(expected)}, but {exc}")
            continue
        if not _matches(expected, actual):
            shown_actual = _as_codes(actual) if isinstance(expected, list) else actual
            shown_expected = _shown(expected)
            if isinstance(expected, str) and (actual is None or isinstance(actual, bool | list | dict)):
                shown_expected = json.dumps(expected)  # "false" the string, not false
            out.append(f"{path}: expected {shown_expected}, got {_shown(shown_actual)}")
    return out


def _parent_end(path: str) -> int:
    """Where the last segment of ``path`` starts (``a.b[2]`` -> the length of ``a.b``)."""
    if path.endswith("]"):
        return path.rindex("[")
    return path.rindex(".") if "." in path else 0


def failures(result: Result, expect: Mapping[str, object]) -> list[str]:
    """One readable line for each expectation the result does not meet; empty when all are met.

    ``"benefits.TDB.daily_rate: expected 52.00, got 53.33"``.
    """
    return check(result.model_dump(mode="json"), expect)


def unresolved(result: Result, expect: Mapping[str, object]) -> list[str]:
    """The paths of ``expect`` that lead nowhere in the result (null expectations: their container)."""
    document = result.model_dump(mode="json")
    out: list[str] = []
    for path, expected in expect.items():
        target = path[: _parent_end(path)] if expected is None and len(split_path(path)) > 1 else path
        try:
            resolve(document, target)
        except PathError as exc:
            out.append(f"{path}: {exc}")
    return out
