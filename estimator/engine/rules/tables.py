"""The tables of a rule pack (wage bands, EIS and Lindung contributions, injury schedule, commutation factors)
and their loaders.  Every table is checked at load: contiguous bands from RM0 with an open last band, amounts that
never fall, contributions within a plausible share of the wage, commutation factors within an actuarial range.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from estimator.engine.rules import bounds
from estimator.engine.rules.model import PROVISIONAL_CONFIDENCES, RulePackError
from estimator.engine.rules.readers import (
    confidence,
    csv_rows,
    dec,
    decode,
    parse_json,
    read_bytes,
    text,
    whole,
)


@dataclass(frozen=True)
class Band:
    item: int
    lower: Decimal  # wage exceeds ...
    upper: Decimal | None  # ... but does not exceed (None: no upper limit)
    assumed_wage: Decimal
    cat1_employer: Decimal
    cat1_employee: Decimal
    cat1_total: Decimal
    cat2_employer: Decimal
    source: str
    confidence: str

    @property
    def provisional(self) -> bool:
        return self.confidence in PROVISIONAL_CONFIDENCES

    def label(self) -> str:
        if self.upper is None:
            return f"> RM{self.lower:,.2f}"
        return f"RM{self.lower:,.2f} – RM{self.upper:,.2f}"


class BandTable:
    """A wage band table: 'exceeds X but not exceeding Y' rows, contiguous from 0, the last one open."""

    def __init__(self, name: str, rows: list[Any]) -> None:
        self.name = name
        self.rows = rows
        self._uppers = [r.upper for r in rows[:-1]]

    def band_for(self, wage: Decimal) -> Any:  # Band | EisBand | LindungBand
        # a wage exactly on an edge belongs to the lower band ("not exceeding")
        i = bisect.bisect_left(self._uppers, wage)
        return self.rows[i]

    @property
    def max_assumed_wage(self) -> Decimal:
        return Decimal(max(r.assumed_wage for r in self.rows))

    @property
    def ceiling(self) -> Decimal:
        return Decimal(self.rows[-1].lower)


@dataclass(frozen=True)
class EisBand:
    item: int
    lower: Decimal
    upper: Decimal | None
    employer: Decimal
    employee: Decimal
    total: Decimal
    source: str
    confidence: str


@dataclass(frozen=True)
class LindungBand:
    item: int
    lower: Decimal
    upper: Decimal | None
    assumed_wage: Decimal
    phase1: Decimal
    phase2: Decimal
    phase3: Decimal
    source: str
    confidence: str


@dataclass(frozen=True)
class Injury:
    id: str
    part: str
    group: dict[str, str]
    description: dict[str, str]
    percent: Decimal
    source: str
    confidence: str


@dataclass
class CommutationTable:
    name: str
    method: dict[str, str]
    unit: str
    source: str
    confidence: str
    provisional: bool
    factors: dict[int, Decimal]
    file: str = ""
    interest_rate_percent: Decimal | None = None
    sha256: str = ""  # of the file's bytes: metadata included, so a relabelled table is a different table

    def factor(self, age: int) -> Decimal:
        ages = sorted(self.factors)
        if age <= ages[0]:
            return self.factors[ages[0]]
        if age >= ages[-1]:
            return self.factors[ages[-1]]
        if age in self.factors:
            return self.factors[age]
        lower = max(a for a in ages if a < age)
        return self.factors[lower]


# ----------------------------------------------------------------------------------------------- loaders


def _upper(file: str, key: str, raw: str) -> Decimal | None:
    return dec(file, key, raw) if raw.strip() else None


def _money(file: str, key: str, raw: str, what: str) -> Decimal:
    value = dec(file, key, raw)
    if value < 0 or value > bounds.MAX_BAND_MONEY:
        raise RulePackError(file, key, f"{what} {value} is outside 0..{bounds.MAX_BAND_MONEY}")
    return value


def _check_contiguous(file: str, key: str, lowers: list[Decimal], uppers: list[Decimal | None]) -> None:
    if lowers[0] != 0:
        raise RulePackError(file, key, "the first band must start at RM0")
    for i in range(len(lowers)):
        if i and (uppers[i - 1] is None or lowers[i] != uppers[i - 1]):
            raise RulePackError(file, key, f"bands are not contiguous at row {i + 1}")
        upper = uppers[i]
        if upper is not None and upper <= lowers[i]:
            raise RulePackError(file, key, f"band at row {i + 1} is empty or reversed")
    if uppers[-1] is not None:
        raise RulePackError(file, key, "the last band must have no upper limit")


def _load_banded(
    path: Path, key: str, cls: Any, amounts: tuple[str, ...], rising: tuple[str, ...]
) -> BandTable:
    """A wage-band CSV: item, wage_exceeds, wage_not_exceeding, the ``amounts`` columns, source, confidence.

    Bands must be contiguous from RM0 with an open last band; the ``rising`` columns must never fall.
    """
    f = path.name
    raw_rows = csv_rows(
        path, key, ("item", "wage_exceeds", "wage_not_exceeding", *amounts, "source", "confidence")
    )
    if len(raw_rows) > bounds.MAX_TABLE_ROWS:
        raise RulePackError(f, key, f"more than {bounds.MAX_TABLE_ROWS} rows")
    rows = []
    for n, r in enumerate(raw_rows, start=2):
        where = f"{key} (row {n})"
        rows.append(
            cls(
                whole(f, where, r["item"]),
                _money(f, where, r["wage_exceeds"], "wage_exceeds"),
                None
                if not r["wage_not_exceeding"].strip()
                else _money(f, where, r["wage_not_exceeding"], "upper"),
                *(_money(f, where, r[c], c) for c in amounts),
                text(f, where, r["source"]),
                confidence(f, where, r["confidence"]),
            )
        )
    _check_contiguous(f, key, [b.lower for b in rows], [b.upper for b in rows])
    for prev, cur in zip(rows, rows[1:], strict=False):
        if any(getattr(cur, c) < getattr(prev, c) for c in rising):
            raise RulePackError(f, key, f"assumed wages / contributions must not fall (item {cur.item})")
    items = [b.item for b in rows]
    if len(set(items)) != len(items):
        raise RulePackError(f, key, "item numbers must not repeat")
    return BandTable(f, rows)


def _wage_of(band: Any) -> Decimal:
    """The wage a contribution of the band is measured against: its assumed wage, else its upper (or lower) edge."""
    assumed = getattr(band, "assumed_wage", None)
    if assumed is not None:
        return Decimal(assumed)
    return Decimal(band.upper if band.upper is not None else band.lower)


def load_band_table(path: Path, key: str) -> BandTable:
    amounts = ("assumed_wage", "cat1_employer", "cat1_employee", "cat1_total", "cat2_employer")
    table = _load_banded(path, key, Band, amounts, rising=("assumed_wage", "cat1_total"))
    for b in table.rows:
        where = f"{key} (item {b.item})"
        if b.assumed_wage <= 0:
            raise RulePackError(path.name, where, "the assumed wage must be positive")
        if b.cat1_employer + b.cat1_employee != b.cat1_total:
            raise RulePackError(path.name, where, "employer + employee != total")
        if b.upper is not None and not (b.lower <= b.assumed_wage <= b.upper):
            raise RulePackError(path.name, where, "assumed wage outside its band")
        if b.upper is None and b.assumed_wage < b.lower - 100:
            raise RulePackError(path.name, where, "the open band's assumed wage is below the ceiling")
        limit = bounds.MAX_SOCSO_TOTAL_SHARE * b.assumed_wage + 1
        if b.cat1_total > limit or b.cat2_employer > limit:
            raise RulePackError(path.name, where, "contribution is implausibly high for the assumed wage")
    return table


def load_eis_table(path: Path, key: str) -> BandTable:
    table = _load_banded(path, key, EisBand, ("employer", "employee", "total"), rising=("total",))
    for b in table.rows:
        where = f"{key} (item {b.item})"
        if b.employer + b.employee != b.total:
            raise RulePackError(path.name, where, "employer + employee != total")
        if b.total > bounds.MAX_EIS_TOTAL_SHARE * _wage_of(b) + 1:
            raise RulePackError(path.name, where, "contribution is implausibly high for the wage")
    return table


def load_lindung_table(path: Path, key: str) -> BandTable:
    phases = ("phase1", "phase2", "phase3")
    table = _load_banded(path, key, LindungBand, ("assumed_wage", *phases), rising=phases)
    for b in table.rows:
        where = f"{key} (item {b.item})"
        if b.assumed_wage <= 0 or (b.upper is not None and not (b.lower <= b.assumed_wage <= b.upper)):
            raise RulePackError(path.name, where, "assumed wage must be positive and inside its band")
        if max(b.phase1, b.phase2, b.phase3) > bounds.MAX_LINDUNG_SHARE * b.assumed_wage + 1:
            raise RulePackError(path.name, where, "contribution is implausibly high for the assumed wage")
    return table


def load_injury_schedule(path: Path, key: str) -> dict[str, Injury]:
    cols = (
        "id",
        "part",
        "group_en",
        "description_en",
        "group_ms",
        "description_ms",
        "percent",
        "source",
        "confidence",
    )
    f = path.name
    out: dict[str, Injury] = {}
    rows = csv_rows(path, key, cols)
    if len(rows) > bounds.MAX_TABLE_ROWS:
        raise RulePackError(f, key, f"more than {bounds.MAX_TABLE_ROWS} rows")
    for r in rows:
        where = f"{key} ({r['id']})"
        pct = dec(f, where, r["percent"])
        if not (0 < pct <= 100):
            raise RulePackError(f, where, "percent must be within 0-100")
        if r["id"] in out:
            raise RulePackError(f, where, "duplicate id")
        out[r["id"]] = Injury(
            id=text(f, where, r["id"]),
            part=text(f, where, r["part"]),
            group={"en": r["group_en"], "ms": r["group_ms"] or r["group_en"]},
            description={"en": r["description_en"], "ms": r["description_ms"] or r["description_en"]},
            percent=pct,
            source=text(f, where, r["source"]),
            confidence=confidence(f, where, r["confidence"]),
        )
    return out


def load_commutation_table(path: Path, key: str = "ei.commutation_table") -> CommutationTable:
    """A commutation table: JSON ``{"name", "method": {en, ms}, "unit": "per_rm1_daily_rate", "source",
    "confidence", "rows": [[age, factor], ...]}``; factors must be within an actuarial range and must not rise
    with age.  A table is provisional if its confidence says so or it says ``"provisional": true``: the flag can
    add the mark, never remove it."""
    f = path.name
    content = read_bytes(path, key)
    data = parse_json(path, key, decode(path, key, content))
    if not isinstance(data, dict):
        raise RulePackError(f, key, "must be a JSON object")
    for required in ("name", "method", "unit", "source", "confidence", "rows"):
        if required not in data:
            raise RulePackError(f, required, "required key is missing")
    if data["unit"] != "per_rm1_daily_rate":
        raise RulePackError(f, "unit", "only 'per_rm1_daily_rate' is supported")
    method = data["method"]
    if isinstance(method, str):
        method = {"en": method, "ms": method}
    if (
        not isinstance(method, dict)
        or "en" not in method
        or not all(isinstance(t, str) for t in method.values())
    ):
        raise RulePackError(f, "method", "must be text or {en, ms}")
    method = {"en": text(f, "method", method["en"]), "ms": text(f, "method", method.get("ms", method["en"]))}
    rows = data["rows"]
    if not isinstance(rows, list) or not (2 <= len(rows) <= 200):
        raise RulePackError(f, "rows", "needs 2 to 200 [age, factor] rows")
    factors: dict[int, Decimal] = {}
    last_age, last_factor = -1, None
    for i, row in enumerate(rows):
        where = f"rows[{i}]"
        if not (isinstance(row, list) and len(row) == 2 and type(row[0]) is int):
            raise RulePackError(f, where, "each row is [age, factor]")
        age, factor = row[0], dec(f, where, str(row[1]))
        if not (bounds.MIN_COMMUTATION_AGE <= age <= bounds.MAX_COMMUTATION_AGE):
            raise RulePackError(
                f, where, f"age {age} is outside {bounds.MIN_COMMUTATION_AGE}-{bounds.MAX_COMMUTATION_AGE}"
            )
        if age <= last_age:
            raise RulePackError(f, where, "ages must be ascending")
        if not (bounds.MIN_COMMUTATION_FACTOR <= factor <= bounds.MAX_COMMUTATION_FACTOR):
            raise RulePackError(
                f,
                where,
                f"factor {factor} is outside the actuarial range {bounds.MIN_COMMUTATION_FACTOR}.."
                f"{bounds.MAX_COMMUTATION_FACTOR} per RM1 of daily rate",
            )
        if last_factor is not None and factor > last_factor:
            raise RulePackError(f, where, "factors must not rise with age")
        factors[age] = factor
        last_age, last_factor = age, factor
    conf = confidence(f, "confidence", str(data["confidence"]))
    flag = data.get("provisional", False)
    if not isinstance(flag, bool):
        raise RulePackError(f, "provisional", "must be true or false")
    rate = data.get("interest_rate_percent")
    interest = None
    if rate is not None:
        interest = dec(f, "interest_rate_percent", str(rate))
        if not (bounds.MIN_INTEREST_PERCENT <= interest <= bounds.MAX_INTEREST_PERCENT):
            raise RulePackError(f, "interest_rate_percent", f"{interest} is outside 0..20 percent a year")
    return CommutationTable(
        name=text(f, "name", data["name"]),
        method=method,
        unit=data["unit"],
        source=text(f, "source", data["source"]),
        confidence=conf,
        provisional=flag or conf in PROVISIONAL_CONFIDENCES,
        factors=factors,
        file=f,
        interest_rate_percent=interest,
        sha256=hashlib.sha256(content).hexdigest(),
    )


TABLE_LOADERS: dict[str, Callable[[Path, str], Any]] = {
    "band_table": load_band_table,
    "eis_table": load_eis_table,
    "lindung_table": load_lindung_table,
    "injury_schedule": load_injury_schedule,
    "commutation_table": load_commutation_table,
}
