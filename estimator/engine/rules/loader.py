"""Loading and validating a rule pack folder.

Layout of a pack folder (``resources/rules`` is the bundled one)::

    manifest.json            {"format": "faedah-rules", "version", "name", "published", "parameter_files": [...],
                              "files": {file name: sha256, ...}}
    parameters_*.json        {"parameters": {key: {"unit", "kind", "description": {en, ms}, "values": [...]}}}
    *.csv / *.json           tables referred to by parameters of kind "band_table", "eis_table", ...
    acceptance/*.json        the pack's own acceptance cases (golden-case format)

Each value: ``{"value", "from": "YYYY-MM-DD", "source", "confidence", "provisional"?, "note"?}``.  The value in force
on a date is the last one whose ``from`` is on or before that date.  Values tagged INFERRED, NOT FOUND or CONFLICT
are provisional (``"provisional": true`` can add the mark, never remove it), and so is every figure computed from
them.  Every parameter must be one the program knows, within the plausibility bounds of
:mod:`estimator.engine.rules.bounds`; every file read must be listed in the manifest with its sha256.
"""

from __future__ import annotations

import json
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

from estimator.engine.rules import bounds
from estimator.engine.rules.fingerprint import check_manifest_files, pack_sha256
from estimator.engine.rules.model import PROVISIONAL_CONFIDENCES, Parameter, RulePack, RulePackError, Value
from estimator.engine.rules.readers import confidence, day, dec, plain_name, read_json, text
from estimator.engine.rules.tables import TABLE_LOADERS

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


def parse_value(
    file: str, key: str, bound: bounds.Bound, raw: Any, folder: Path, cache: dict[str, Any]
) -> Any:
    kind = bound.kind
    if kind in ("decimal", "percent", "money"):
        if isinstance(raw, bool) or not isinstance(raw, (str, int)):
            raise RulePackError(file, key, f"must be a number, got {raw!r}")
        value: Any = dec(file, key, raw)
        if kind == "percent" and not (0 <= value <= 100):
            raise RulePackError(file, key, f"a percentage must be within 0-100, got {value}")
        if value < 0:
            raise RulePackError(file, key, "must not be negative")
    elif kind == "int":
        if type(raw) is not int:
            raise RulePackError(file, key, f"must be a whole number, got {raw!r}")
        value = raw
    elif kind == "share":
        if not isinstance(raw, str) or len(raw) > 20:
            raise RulePackError(file, key, f"share must be a fraction like 3/5, got {raw!r}")
        try:
            value = Fraction(raw)
        except (ValueError, ZeroDivisionError) as exc:
            raise RulePackError(file, key, f"share must be a fraction like 3/5, got {raw!r}") from exc
        if not (0 < value <= 1):
            raise RulePackError(file, key, f"share must be above 0 and at most 1, got {raw}")
    elif kind == "bool":
        if not isinstance(raw, bool):
            raise RulePackError(file, key, "must be true or false")
        value = raw
    elif kind == "date":
        value = day(file, key, raw, "the value")
    elif kind == "text":
        value = text(file, key, raw)
    elif kind in TABLE_LOADERS:
        name = plain_name(file, key, raw)
        if name not in cache:
            cache[name] = TABLE_LOADERS[kind](folder / name, key)
        value = cache[name]
    else:  # pragma: no cover - the bounds table only holds known kinds
        raise RulePackError(file, key, f"unknown kind {kind!r}")
    bounds.check_value(file, key, bound, value)
    return value


def _parse_values(
    fname: str, key: str, bound: bounds.Bound, values_raw: Any, folder: Path, cache: dict[str, Any]
) -> list[Value]:
    if not isinstance(values_raw, list) or not values_raw:
        raise RulePackError(fname, key, "needs a non-empty list of dated values")
    if len(values_raw) > bounds.MAX_VALUES_PER_PARAMETER:
        raise RulePackError(fname, key, f"more than {bounds.MAX_VALUES_PER_PARAMETER} dated values")
    values: list[Value] = []
    for i, v in enumerate(values_raw):
        vk = f"{key}[{i}]"
        if not isinstance(v, dict):
            raise RulePackError(fname, vk, "each value is an object")
        for req in ("value", "from", "source", "confidence"):
            if req not in v:
                raise RulePackError(fname, vk, f"'{req}' is missing")
        start = day(fname, vk, v["from"])
        if values and start <= values[-1].start:
            raise RulePackError(fname, vk, "dates must be strictly ascending")
        conf = confidence(fname, vk, str(v["confidence"]))
        parsed = parse_value(fname, vk, bound, v["value"], folder, cache)
        table_prov = (
            bool(getattr(parsed, "provisional", False)) if bound.kind == "commutation_table" else False
        )
        until = None
        if "date_provisional_until" in v:
            until = day(fname, vk, v["date_provisional_until"], "'date_provisional_until'")
            if until <= start:
                raise RulePackError(fname, vk, "'date_provisional_until' must be after 'from'")
        flag = v.get("provisional", False)
        if not isinstance(flag, bool):
            raise RulePackError(fname, vk, "'provisional' must be true or false")
        # the flag can add the provisional mark, never remove the one the confidence gives
        prov = flag or conf in PROVISIONAL_CONFIDENCES or until is not None or table_prov
        values.append(
            Value(
                key=key,
                value=parsed,
                start=start,
                source=text(fname, vk, v["source"]),
                confidence=conf,
                provisional=prov,
                note=text(fname, vk, v.get("note", "")),
                note_ms=text(fname, vk, v.get("note_ms", "")),
                raw=text(fname, vk, v["value"]),
                date_provisional_until=until,
            )
        )
    return values


def _read_manifest(folder: Path) -> dict[str, Any]:
    manifest = read_json(folder / "manifest.json", "manifest")
    if not isinstance(manifest, dict) or manifest.get("format") != "faedah-rules":
        raise RulePackError(
            "manifest.json", "format", "not a Faedah rule pack (format must be 'faedah-rules')"
        )
    for k in ("version", "name", "published", "parameter_files"):
        if k not in manifest:
            raise RulePackError("manifest.json", k, "required key is missing")
        if k != "parameter_files" and not (isinstance(manifest[k], str) and manifest[k].strip()):
            raise RulePackError("manifest.json", k, "must be non-empty text")
    files = manifest["parameter_files"]
    if not isinstance(files, list) or not files or len(files) > 50:
        raise RulePackError("manifest.json", "parameter_files", "must list 1 to 50 files")
    for fname in files:
        plain_name("manifest.json", "parameter_files", fname, "a parameter file")
    if len(set(files)) != len(files):
        raise RulePackError("manifest.json", "parameter_files", "a file is listed twice")
    return manifest


def load_pack(
    folder: Path, required: tuple[str, ...] = REQUIRED_PARAMETERS, check_hashes: bool = True
) -> RulePack:
    """Load and validate the pack in ``folder``; raises :class:`RulePackError`."""
    manifest = _read_manifest(folder)
    files: list[str] = manifest["parameter_files"]
    params: dict[str, Parameter] = {}
    cache: dict[str, Any] = {}
    for fname in files:
        data = read_json(folder / fname, "parameters")
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
            bound = bounds.check_kind(fname, key, kind)
            desc = spec.get("description") or {}
            if not isinstance(desc, dict) or not all(isinstance(t, str) for t in desc.values()):
                raise RulePackError(fname, key, '\'description\' must be {"en": text, "ms": text}')
            params[key] = Parameter(
                key=key,
                kind=kind,
                unit=text(fname, key, spec.get("unit", "")),
                description={"en": desc.get("en", key), "ms": desc.get("ms", desc.get("en", key))},
                values=_parse_values(fname, key, bound, spec.get("values"), folder, cache),
            )
    for key in required:
        if key not in params:
            raise RulePackError("manifest.json", key, "required parameter is missing from the pack")
    _check_shares(params)
    _check_relations(params)
    names = ["manifest.json", *files, *cache.keys()]
    file_hashes = check_manifest_files(folder, manifest, names, enforce=check_hashes)
    return RulePack(
        name=str(manifest["name"]),
        version=str(manifest["version"]),
        published=str(manifest["published"]),
        sha256=pack_sha256(file_hashes),
        folder=folder,
        parameters=params,
        file_sha256=file_hashes,
    )


def _check_shares(params: dict[str, Parameter]) -> None:
    """Shares must be sensible: a spouse plus one child never exceeds the whole, and so on."""
    pairs = (
        ("dependants.share_spouse", "dependants.share_child", "a spouse's and one child's shares"),
        ("dependants.share_parents", "dependants.share_siblings", "parents' and siblings' shares"),
    )
    for first, second, what in pairs:
        if first not in params or second not in params:
            continue
        for one in params[first].values:
            for other in params[second].values:
                if one.value + other.value > 1:
                    raise RulePackError("parameters", first, f"{what} together exceed the whole")


def _check_relations(params: dict[str, Parameter]) -> None:
    """Pairs of values that must keep their order on every date (e.g. a reduced rate never above the full one)."""
    ordered = (
        ("invalidity.reduced_fraction", "invalidity.full_fraction"),
        ("invalidity.base_rate_percent", "invalidity.max_rate_percent"),
        ("invalidity.age_limit_first_contribution", "invalidity.age_limit_notice"),
        ("contributions.eis_min_age", "contributions.eis_late_entry_age"),
        ("contributions.eis_late_entry_age", "contributions.eis_max_age"),
        ("lindung.tdb_rate_percent", "lindung.ptd_rate_percent"),
    )
    for low_key, high_key in ordered:
        if low_key not in params or high_key not in params:
            continue
        low_param, high_param = params[low_key], params[high_key]
        for on in sorted({v.start for v in low_param.values} | {v.start for v in high_param.values}):
            low, high = _plain_at(low_param, on), _plain_at(high_param, on)
            if low is not None and high is not None and low.value > high.value:
                raise RulePackError(
                    "parameters", low_key, f"{low.value} is above {high_key} ({high.value}) from {on}"
                )


def _plain_at(param: Parameter, on: date) -> Value | None:
    found = None
    for value in param.values:
        if value.start <= on:
            found = value
    return found


def seal_pack(folder: Path) -> dict[str, str]:
    """Write the sha256 of every file the pack reads into its manifest (for whoever maintains a pack)."""
    pack = load_pack(folder, check_hashes=False)
    listed = {name: sha for name, sha in pack.file_sha256.items() if name != "manifest.json"}
    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["files"] = dict(sorted(listed.items()))
    manifest_path.write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return listed
