"""The rule pack: every rate, cap, minimum, band table, share and schedule as dated values with a source.

Layout of a pack folder (``resources/rules`` is the bundled one)::

    manifest.json            {"format": "faedah-rules", "version", "name", "published", "parameter_files": [...]}
    parameters_*.json        {"parameters": {key: {"unit", "kind", "description": {en, ms}, "values": [...]}}}
    *.csv / *.json           tables referred to by parameters of kind "band_table", "eis_table", ...

Each value: ``{"value", "from": "YYYY-MM-DD", "source", "confidence", "provisional"?, "note"?}``.  The value in force
on a date is the last one whose ``from`` is on or before that date; the legally relevant date of the case (accident,
death, notice, wage month) is always the date asked for.  Values tagged INFERRED, NOT FOUND or CONFLICT (or marked
``"provisional": true``) are provisional, and so is every figure computed from them.

The loader validates the pack and raises :class:`RulePackError` naming the file and key at fault.
"""

from __future__ import annotations

import bisect
import csv
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import Any

from estimator.engine.paths import office_commutation_file, office_rules_dir, resources_dir

CONFIDENCES = ("VERBATIM", "VERBATIM-2ND", "DERIVED", "INFERRED", "CONFLICT", "NOT FOUND")
PROVISIONAL_CONFIDENCES = frozenset({"INFERRED", "CONFLICT", "NOT FOUND"})
MAX_PACK_FILE_BYTES = 2_000_000


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


# ----------------------------------------------------------------------------------------------- tables


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


# ----------------------------------------------------------------------------------------------- loading


def _dec(file: str, key: str, text: str) -> Decimal:
    try:
        value = Decimal(str(text).strip().replace(",", ""))
    except InvalidOperation as exc:
        raise RulePackError(file, key, f"not a number: {text!r}") from exc
    if not value.is_finite():
        raise RulePackError(file, key, f"not a finite number: {text!r}")
    return value


def _int(file: str, key: str, text: str) -> int:
    try:
        return int(str(text).strip())
    except ValueError as exc:
        raise RulePackError(file, key, f"not a whole number: {text!r}") from exc


def _date(file: str, key: str, text: str) -> date:
    try:
        return date.fromisoformat(str(text))
    except ValueError as exc:
        raise RulePackError(file, key, f"'from' must be a date YYYY-MM-DD, got {text!r}") from exc


def _read_text(path: Path, key: str) -> str:
    try:
        if path.stat().st_size > MAX_PACK_FILE_BYTES:
            raise RulePackError(path.name, key, "file is too large for a rule pack")
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise RulePackError(path.name, key, "file not found") from exc
    except UnicodeDecodeError as exc:
        raise RulePackError(path.name, key, "file is not UTF-8 text") from exc
    except OSError as exc:
        raise RulePackError(path.name, key, f"cannot read: {exc.strerror or exc}") from exc


def _read_json(path: Path, key: str) -> Any:
    try:
        return json.loads(_read_text(path, key))
    except json.JSONDecodeError as exc:
        raise RulePackError(path.name, key, f"not valid JSON (line {exc.lineno}): {exc.msg}") from exc
    except RecursionError as exc:
        raise RulePackError(path.name, key, "JSON is nested too deeply") from exc


def _csv_rows(path: Path, key: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    rows = list(csv.DictReader(_read_text(path, key).splitlines()))
    if not rows:
        raise RulePackError(path.name, key, "table is empty")
    missing = [c for c in columns if c not in rows[0]]
    if missing:
        raise RulePackError(path.name, key, f"missing column(s): {', '.join(missing)}")
    return rows


def _check_contiguous(file: str, key: str, lowers: list[Decimal], uppers: list[Decimal | None]) -> None:
    if lowers[0] != 0:
        raise RulePackError(file, key, "the first band must start at RM0")
    for i in range(1, len(lowers)):
        if uppers[i - 1] is None or lowers[i] != uppers[i - 1]:
            raise RulePackError(file, key, f"bands are not contiguous at row {i + 1}")
        if uppers[i] is not None and uppers[i] <= lowers[i]:  # type: ignore[operator]
            raise RulePackError(file, key, f"band at row {i + 1} is empty or reversed")
    if uppers[-1] is not None:
        raise RulePackError(file, key, "the last band must have no upper limit")


def _check_confidence(file: str, key: str, value: str) -> str:
    conf = value.strip().upper()
    if conf not in CONFIDENCES:
        raise RulePackError(file, key, f"unknown confidence {value!r} (one of {', '.join(CONFIDENCES)})")
    return conf


def _upper(file: str, key: str, text: str) -> Decimal | None:
    return _dec(file, key, text) if text.strip() else None


def _load_banded(
    path: Path, key: str, cls: Any, amounts: tuple[str, ...], rising: tuple[str, ...]
) -> BandTable:
    """A wage-band CSV: item, wage_exceeds, wage_not_exceeding, the ``amounts`` columns, source, confidence.

    Bands must be contiguous from RM0 with an open last band; the ``rising`` columns must never fall.
    """
    f = path.name
    rows = [
        cls(
            _int(f, key, r["item"]),
            _dec(f, key, r["wage_exceeds"]),
            _upper(f, key, r["wage_not_exceeding"]),
            *(_dec(f, key, r[c]) for c in amounts),
            r["source"],
            _check_confidence(f, key, r["confidence"]),
        )
        for r in _csv_rows(
            path, key, ("item", "wage_exceeds", "wage_not_exceeding", *amounts, "source", "confidence")
        )
    ]
    _check_contiguous(f, key, [b.lower for b in rows], [b.upper for b in rows])
    for prev, cur in zip(rows, rows[1:], strict=False):
        if any(getattr(cur, c) < getattr(prev, c) for c in rising):
            raise RulePackError(f, key, f"assumed wages / contributions must not fall (item {cur.item})")
    return BandTable(f, rows)


def load_band_table(path: Path, key: str) -> BandTable:
    amounts = ("assumed_wage", "cat1_employer", "cat1_employee", "cat1_total", "cat2_employer")
    table = _load_banded(path, key, Band, amounts, rising=("assumed_wage", "cat1_total"))
    for b in table.rows:
        if b.cat1_employer + b.cat1_employee != b.cat1_total:
            raise RulePackError(path.name, key, f"item {b.item}: employer + employee != total")
        if b.upper is not None and not (b.lower <= b.assumed_wage <= b.upper):
            raise RulePackError(path.name, key, f"item {b.item}: assumed wage outside its band")
    return table


def load_eis_table(path: Path, key: str) -> BandTable:
    return _load_banded(path, key, EisBand, ("employer", "employee", "total"), rising=("total",))


def load_lindung_table(path: Path, key: str) -> BandTable:
    phases = ("phase1", "phase2", "phase3")
    return _load_banded(path, key, LindungBand, ("assumed_wage", *phases), rising=phases)


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
    for r in _csv_rows(path, key, cols):
        pct = _dec(f, key, r["percent"])
        if not (0 < pct <= 100):
            raise RulePackError(f, key, f"{r['id']}: percent must be within 0-100")
        if r["id"] in out:
            raise RulePackError(f, key, f"{r['id']}: duplicate id")
        out[r["id"]] = Injury(
            id=r["id"],
            part=r["part"],
            group={"en": r["group_en"], "ms": r["group_ms"] or r["group_en"]},
            description={"en": r["description_en"], "ms": r["description_ms"] or r["description_en"]},
            percent=pct,
            source=r["source"],
            confidence=_check_confidence(f, key, r["confidence"]),
        )
    return out


def load_commutation_table(path: Path, key: str = "ei.commutation_table") -> CommutationTable:
    """A commutation table: JSON ``{"name", "method": {en, ms}, "unit": "per_rm1_daily_rate", "source",
    "confidence", "rows": [[age, factor], ...]}``; factors must be positive and must not rise with age."""
    f = path.name
    data = _read_json(path, key)
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
    method.setdefault("ms", method["en"])
    rows = data["rows"]
    if not isinstance(rows, list) or len(rows) < 2:
        raise RulePackError(f, "rows", "needs at least two [age, factor] rows")
    factors: dict[int, Decimal] = {}
    last_age, last_factor = -1, None
    for i, row in enumerate(rows):
        if not (isinstance(row, list) and len(row) == 2 and isinstance(row[0], int)):
            raise RulePackError(f, f"rows[{i}]", "each row is [age, factor]")
        age, factor = row[0], _dec(f, f"rows[{i}]", str(row[1]))
        if age <= last_age:
            raise RulePackError(f, f"rows[{i}]", "ages must be ascending")
        if factor <= 0:
            raise RulePackError(f, f"rows[{i}]", "factor must be positive")
        if last_factor is not None and factor > last_factor:
            raise RulePackError(f, f"rows[{i}]", "factors must not rise with age")
        factors[age] = factor
        last_age, last_factor = age, factor
    conf = _check_confidence(f, "confidence", str(data["confidence"]))
    rate = data.get("interest_rate_percent")
    return CommutationTable(
        name=str(data["name"]),
        method=method,
        unit=data["unit"],
        source=str(data["source"]),
        confidence=conf,
        provisional=bool(data.get("provisional", conf in PROVISIONAL_CONFIDENCES)),
        factors=factors,
        file=f,
        interest_rate_percent=_dec(f, "interest_rate_percent", str(rate)) if rate is not None else None,
    )


TABLE_LOADERS: dict[str, Callable[[Path, str], Any]] = {
    "band_table": load_band_table,
    "eis_table": load_eis_table,
    "lindung_table": load_lindung_table,
    "injury_schedule": load_injury_schedule,
    "commutation_table": load_commutation_table,
}


def _parse_value(file: str, key: str, kind: str, raw: Any, folder: Path, cache: dict[str, Any]) -> Any:
    if kind in ("decimal", "percent", "money"):
        v = _dec(file, key, str(raw))
        if kind == "percent" and not (0 <= v <= 100):
            raise RulePackError(file, key, f"a percentage must be within 0-100, got {v}")
        if v < 0:
            raise RulePackError(file, key, "must not be negative")
        return v
    if kind == "int":
        if not isinstance(raw, int) or isinstance(raw, bool):
            raise RulePackError(file, key, f"must be a whole number, got {raw!r}")
        return raw
    if kind == "share":
        try:
            share = Fraction(str(raw))
        except (ValueError, ZeroDivisionError) as exc:
            raise RulePackError(file, key, f"share must be a fraction like 3/5, got {raw!r}") from exc
        if not (0 < share <= 1):
            raise RulePackError(file, key, f"share must be above 0 and at most 1, got {raw}")
        return share
    if kind == "bool":
        if not isinstance(raw, bool):
            raise RulePackError(file, key, "must be true or false")
        return raw
    if kind == "date":
        return _date(file, key, str(raw))
    if kind == "text":
        return str(raw)
    if kind in TABLE_LOADERS:
        name = str(raw)
        if "/" in name or "\\" in name or name.startswith("."):
            raise RulePackError(file, key, "a table must be a file name in the pack folder")
        if name not in cache:
            cache[name] = TABLE_LOADERS[kind](folder / name, key)
        return cache[name]
    raise RulePackError(file, key, f"unknown kind {kind!r}")


REQUIRED_PARAMETERS = (
    "wages.band_table",
    "wages.window_months",
    "wages.days_divisor",
    "ei.tdb_rate_percent",
    "ei.ptd_rate_percent",
    "ei.min_daily_rate",
    "ei.tdb_min_mc_days",
    "ei.claim_period_months",
    "ei.lump_sum_max_lec_percent",
    "ei.commutable_fraction",
    "ei.commutation_table",
    "ei.caa_monthly",
    "ei.funeral_max",
    "ei.injury_schedule",
    "dependants.share_spouse",
    "dependants.share_child",
    "dependants.share_children_no_spouse",
    "dependants.share_parents",
    "dependants.share_siblings",
    "dependants.share_grandparents",
    "dependants.child_age_limit",
    "dependants.sibling_age_limit",
    "dependants.higher_education_end_age",
    "lindung.tdb_rate_percent",
    "lindung.ptd_rate_percent",
    "lindung.phase",
    "lindung.start_date",
)


@dataclass
class RulePack:
    name: str
    version: str
    published: str
    sha256: str
    folder: Path
    parameters: dict[str, Parameter]
    origin: str = "bundled"  # "bundled" or "office"
    notices: list[str] = field(default_factory=list)  # e.g. a refused office override
    use_cache: dict[Any, Any] = field(default_factory=dict, repr=False)  # ParamUse records (calc.param_use)

    def param(self, key: str) -> Parameter:
        try:
            return self.parameters[key]
        except KeyError:
            raise RulePackError("manifest.json", key, "parameter is not in the rule pack") from None

    def at(self, key: str, on: date) -> Value:
        return self.param(key).at(on)

    def table(self, key: str, on: date) -> Any:
        return self.at(key, on).value


def _hash_files(folder: Path, names: list[str]) -> str:
    h = hashlib.sha256()
    for name in sorted(set(names)):
        h.update(name.encode())
        h.update(b"\0")
        h.update((folder / name).read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def load_pack(folder: Path, required: tuple[str, ...] = REQUIRED_PARAMETERS) -> RulePack:
    """Load and validate the pack in ``folder``; raises :class:`RulePackError`."""
    manifest = _read_json(folder / "manifest.json", "manifest")
    if not isinstance(manifest, dict) or manifest.get("format") != "faedah-rules":
        raise RulePackError(
            "manifest.json", "format", "not a Faedah rule pack (format must be 'faedah-rules')"
        )
    for k in ("version", "name", "published", "parameter_files"):
        if k not in manifest:
            raise RulePackError("manifest.json", k, "required key is missing")
    files = manifest["parameter_files"]
    if not isinstance(files, list) or not files:
        raise RulePackError("manifest.json", "parameter_files", "must list at least one file")
    params: dict[str, Parameter] = {}
    cache: dict[str, Any] = {}
    for fname in files:
        if not isinstance(fname, str) or "/" in fname or "\\" in fname or fname.startswith("."):
            raise RulePackError("manifest.json", "parameter_files", f"not a file name in the pack: {fname!r}")
        data = _read_json(folder / fname, "parameters")
        if not isinstance(data, dict) or not isinstance(data.get("parameters"), dict):
            raise RulePackError(fname, "parameters", 'must be an object {"parameters": {...}}')
        for key, spec in data["parameters"].items():
            if key in params:
                raise RulePackError(fname, key, "parameter defined twice")
            if not isinstance(spec, dict):
                raise RulePackError(fname, key, "must be an object")
            kind = spec.get("kind", "decimal")
            if not isinstance(kind, str):
                raise RulePackError(fname, key, "'kind' must be text")
            desc = spec.get("description") or {}
            if not isinstance(desc, dict) or not all(isinstance(t, str) for t in desc.values()):
                raise RulePackError(fname, key, '\'description\' must be {"en": text, "ms": text}')
            values_raw = spec.get("values")
            if not isinstance(values_raw, list) or not values_raw:
                raise RulePackError(fname, key, "needs a non-empty list of dated values")
            values: list[Value] = []
            for i, v in enumerate(values_raw):
                vk = f"{key}[{i}]"
                if not isinstance(v, dict):
                    raise RulePackError(fname, vk, "each value is an object")
                for req in ("value", "from", "source", "confidence"):
                    if req not in v:
                        raise RulePackError(fname, vk, f"'{req}' is missing")
                start = _date(fname, vk, v["from"])
                if values and start <= values[-1].start:
                    raise RulePackError(fname, vk, "dates must be strictly ascending")
                conf = _check_confidence(fname, vk, str(v["confidence"]))
                parsed = _parse_value(fname, vk, kind, v["value"], folder, cache)
                table_prov = (
                    bool(getattr(parsed, "provisional", False)) if kind == "commutation_table" else False
                )
                until = None
                if "date_provisional_until" in v:
                    until = _date(fname, vk, v["date_provisional_until"])
                    if until <= start:
                        raise RulePackError(fname, vk, "'date_provisional_until' must be after 'from'")
                prov = (
                    bool(v.get("provisional", conf in PROVISIONAL_CONFIDENCES or until is not None))
                    or table_prov
                )
                values.append(
                    Value(
                        key=key,
                        value=parsed,
                        start=start,
                        source=str(v["source"]),
                        confidence=conf,
                        provisional=prov,
                        note=str(v.get("note", "")),
                        note_ms=str(v.get("note_ms", "")),
                        raw=str(v["value"]),
                        date_provisional_until=until,
                    )
                )
            params[key] = Parameter(
                key=key,
                kind=kind,
                unit=str(spec.get("unit", "")),
                description={"en": desc.get("en", key), "ms": desc.get("ms", desc.get("en", key))},
                values=values,
            )
    for key in required:
        if key not in params:
            raise RulePackError("manifest.json", key, "required parameter is missing from the pack")
    _check_shares(params)
    names = ["manifest.json", *files, *cache.keys()]
    return RulePack(
        name=str(manifest["name"]),
        version=str(manifest["version"]),
        published=str(manifest["published"]),
        sha256=_hash_files(folder, names),
        folder=folder,
        parameters=params,
    )


def _check_shares(params: dict[str, Parameter]) -> None:
    """Shares must be sensible: a spouse plus one child never exceeds the whole, and so on."""
    if "dependants.share_spouse" not in params or "dependants.share_child" not in params:
        return
    for sp in params["dependants.share_spouse"].values:
        for ch in params["dependants.share_child"].values:
            if sp.value + ch.value > 1:
                raise RulePackError(
                    "parameters",
                    "dependants.share_spouse",
                    "a spouse's and one child's shares together exceed the whole",
                )
    if "dependants.share_parents" in params and "dependants.share_siblings" in params:
        for pa in params["dependants.share_parents"].values:
            for si in params["dependants.share_siblings"].values:
                if pa.value + si.value > 1:
                    raise RulePackError(
                        "parameters",
                        "dependants.share_parents",
                        "parents' and siblings' shares together exceed the whole",
                    )


_DEFAULT: RulePack | None = None


def load_rules(
    folder: Path | None = None, commutation_file: Path | None = None, use_office_overrides: bool = True
) -> RulePack:
    """The rule pack in force: an office pack beside the executable if it is valid, else the bundled one.

    A damaged office pack or commutation file is refused (its error is kept in ``pack.notices``) and the
    bundled pack / provisional table stays in force.
    """
    notices: list[str] = []
    pack: RulePack | None = None
    if folder is not None:
        pack = load_pack(folder)
        pack.origin = "given"
    else:
        office = office_rules_dir()
        if use_office_overrides and (office / "manifest.json").exists():
            try:
                pack = load_pack(office)
                pack.origin = "office"
            except Exception as exc:  # any damage in an office pack: refuse it, keep the bundled one
                notices.append(f"office rule pack refused: {exc}")
        if pack is None:
            pack = load_pack(resources_dir() / "rules")
    comm = commutation_file
    if comm is None and use_office_overrides and office_commutation_file().exists():
        comm = office_commutation_file()
    if comm is not None:
        try:
            apply_commutation_table(pack, load_commutation_table(comm))
        except Exception as exc:
            if commutation_file is not None:
                raise
            notices.append(f"office commutation table refused: {exc}")
    pack.notices.extend(notices)
    return pack


def apply_commutation_table(pack: RulePack, table: CommutationTable, start: date = date(1971, 1, 1)) -> None:
    """Put an office's (official) commutation table in force for every date."""
    param = pack.param("ei.commutation_table")
    value = Value(
        key=param.key,
        value=table,
        start=start,
        source=table.source,
        confidence=table.confidence,
        provisional=table.provisional,
        note=f"office file {table.file}",
        raw=table.file,
    )
    param.values = [value]
    param._starts = []
    pack.use_cache.clear()
    h = hashlib.sha256((pack.sha256 + table.file).encode())
    h.update(json.dumps({str(k): str(v) for k, v in table.factors.items()}, sort_keys=True).encode())
    pack.sha256 = h.hexdigest()


def default_rules() -> RulePack:
    """The cached pack used when none is given (loaded once per process)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = load_rules()
    return _DEFAULT


def set_default_rules(pack: RulePack | None) -> None:
    global _DEFAULT
    _DEFAULT = pack
