"""The records of a rule pack: errors, dated values, parameters and the pack itself."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

CONFIDENCES = ("VERBATIM", "VERBATIM-2ND", "DERIVED", "INFERRED", "CONFLICT", "NOT FOUND")
PROVISIONAL_CONFIDENCES = frozenset({"INFERRED", "CONFLICT", "NOT FOUND"})


class RulePackError(Exception):
    """A rule pack (or override file) that cannot be used; names the file and the key at fault."""

    def __init__(self, file: str, key: str, message: str) -> None:
        super().__init__(f"{file}: {key}: {message}")
        self.file = file
        self.key = key
        self.message = message


class RuleNotInForce(LookupError):
    """No value of a parameter is in force on the date asked for (the date is before the first value)."""

    def __init__(self, key: str, on: date) -> None:
        super().__init__(f"no value of {key} is in force on {on.isoformat()}")
        self.key = key
        self.on = on


@dataclass(frozen=True)
class Value:
    key: str
    value: Any
    start: date
    source: str
    confidence: str
    provisional: bool
    note: str = ""
    raw: str = ""
    note_ms: str = ""
    # the value is certain but its start date is not: provisional only for dates before this one
    date_provisional_until: date | None = None


@dataclass
class Parameter:
    key: str
    kind: str
    unit: str
    description: dict[str, str]
    values: list[Value]
    _starts: list[date] = field(default_factory=list, repr=False)

    def at(self, on: date) -> Value:
        if not self._starts:
            self._starts = [v.start for v in self.values]
        i = bisect.bisect_right(self._starts, on) - 1
        if i < 0:
            raise RuleNotInForce(self.key, on)
        v = self.values[i]
        if v.date_provisional_until is not None and on >= v.date_provisional_until:
            return self._settled(v)
        return v

    def _settled(self, v: Value) -> Value:
        """The same value for a date well after its uncertain start date: not provisional."""
        cache = self.__dict__.setdefault("_settled_cache", {})
        if v.start not in cache:
            cache[v.start] = replace(
                v,
                provisional=False,
                date_provisional_until=None,
                note=f"{v.note}; certain by {v.date_provisional_until}" if v.note else "",
            )
        settled: Value = cache[v.start]
        return settled


@dataclass
class RulePack:
    name: str
    version: str
    published: str
    sha256: str
    folder: Path
    parameters: dict[str, Parameter]
    origin: str = "bundled"  # "bundled", "office", "office (last accepted copy)" or "given"
    notices: list[str] = field(default_factory=list)  # e.g. a refused office override
    use_cache: dict[Any, Any] = field(default_factory=dict, repr=False)  # ParamUse records (calc.param_use)
    file_sha256: dict[str, str] = field(default_factory=dict)  # every file the pack reads -> its sha256
    # how many dated values differ from the published (bundled) pack; 0 for the bundled pack itself
    differs_from_published: int = 0

    def param(self, key: str) -> Parameter:
        try:
            return self.parameters[key]
        except KeyError:
            raise RulePackError("manifest.json", key, "parameter is not in the rule pack") from None

    def at(self, key: str, on: date) -> Value:
        return self.param(key).at(on)

    def table(self, key: str, on: date) -> Any:
        return self.at(key, on).value
