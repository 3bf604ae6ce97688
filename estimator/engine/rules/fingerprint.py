"""A pack's fingerprint bound to its content, the manifest's list of file hashes, and the difference between a
pack and the published (bundled) one.

The pack's sha256 covers every byte it reads (manifest, parameter files, tables, acceptance cases): whatever can
change a figure or a mark changes the fingerprint.  The manifest's ``files`` lists the sha256 of every file but
itself, so a file edited after the pack was sealed is refused.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from estimator.engine.rules.bounds import TABLE_KINDS
from estimator.engine.rules.model import RulePack, RulePackError, Value
from estimator.engine.rules.readers import read_bytes

ACCEPTANCE_FOLDER = "acceptance"
MAX_ACCEPTANCE_CASES = 200


def acceptance_files(folder: Path) -> list[str]:
    """The pack's acceptance cases, as names relative to the pack folder (``acceptance/x.json``)."""
    sub = folder / ACCEPTANCE_FOLDER
    if not sub.is_dir():
        return []
    names = sorted(f"{ACCEPTANCE_FOLDER}/{p.name}" for p in sub.iterdir() if p.suffix == ".json")
    if len(names) > MAX_ACCEPTANCE_CASES:
        raise RulePackError(ACCEPTANCE_FOLDER, "cases", f"more than {MAX_ACCEPTANCE_CASES} acceptance cases")
    return names


def file_sha256(folder: Path, name: str) -> str:
    return hashlib.sha256(read_bytes(folder / name, "files")).hexdigest()


def check_manifest_files(
    folder: Path, manifest: dict[str, Any], names: list[str], enforce: bool
) -> dict[str, str]:
    """The sha256 of every file the pack reads; with ``enforce`` each must match the manifest's ``files``."""
    used = sorted(set(names) | set(acceptance_files(folder)))
    hashes = {name: file_sha256(folder, name) for name in used}
    if not enforce:
        return hashes
    listed = manifest.get("files")
    if not isinstance(listed, dict):
        raise RulePackError("manifest.json", "files", "must list every file of the pack with its sha256")
    for name in used:
        if name == "manifest.json":
            continue
        if name not in listed:
            raise RulePackError("manifest.json", f"files.{name}", "file is not listed in the manifest")
        if listed[name] != hashes[name]:
            raise RulePackError(
                name, "sha256", "the file differs from the sha256 in the manifest (changed after sealing)"
            )
    return hashes


def pack_sha256(file_hashes: dict[str, str]) -> str:
    digest = hashlib.sha256()
    for name in sorted(file_hashes):
        digest.update(name.encode())
        digest.update(b"\0")
        digest.update(file_hashes[name].encode())
        digest.update(b"\0")
    return digest.hexdigest()


# ----------------------------------------------------------------------------------------------- difference


@dataclass(frozen=True)
class ValueDiff:
    key: str
    start: date
    published: str  # the bundled pack's value ("-" when it has none on that date)
    office: str
    source: str  # the office value's source


def _signature(pack: RulePack, kind: str, value: Value) -> tuple[str, str, bool]:
    if kind in TABLE_KINDS:
        content = getattr(value.value, "sha256", "") or pack.file_sha256.get(value.raw, value.raw)
    else:
        content = str(value.value)
    return content, value.confidence, value.provisional


def _shown(pack: RulePack, kind: str, value: Value | None) -> str:
    if value is None:
        return "-"
    flag = " PROVISIONAL" if value.provisional else ""
    if kind in TABLE_KINDS:
        content = getattr(value.value, "sha256", "") or pack.file_sha256.get(value.raw, "")
        return f"{value.raw} (sha256 {content[:12]}) {value.confidence}{flag}"
    return f"{value.raw} {value.confidence}{flag}"


def diff_packs(published: RulePack, office: RulePack) -> list[ValueDiff]:
    """Each dated value of ``office`` that differs from ``published`` (value, table content, confidence, mark)."""
    out: list[ValueDiff] = []
    for key in sorted(set(published.parameters) | set(office.parameters)):
        pub_param, off_param = published.parameters.get(key), office.parameters.get(key)
        kind = (off_param or pub_param).kind  # type: ignore[union-attr]
        pub_values = {v.start: v for v in (pub_param.values if pub_param else [])}
        off_values = {v.start: v for v in (off_param.values if off_param else [])}
        for start in sorted(set(pub_values) | set(off_values)):
            pub, off = pub_values.get(start), off_values.get(start)
            if (
                pub is not None
                and off is not None
                and _signature(published, kind, pub) == _signature(office, kind, off)
            ):
                continue
            out.append(
                ValueDiff(
                    key=key,
                    start=start,
                    published=_shown(published, kind, pub),
                    office=_shown(office, kind, off),
                    source=off.source if off is not None else "(removed by the office pack)",
                )
            )
    return out
