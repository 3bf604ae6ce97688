"""The rule pack in force: the bundled pack, or an office's pack that has earned its place.

An office pack (``rules/`` beside the program) is put in force only if it loads within the plausibility bounds, has
its own version when its content differs from the published pack, and passes its self-test (its own acceptance
cases and every bundled sample).  The verdict is cached by the pack's sha256; the last office pack that passed is
copied into the user data folder and stays in force when a newer one is refused, else the bundled pack does.
Every value an office pack changes says so in its source, and the pack counts them (``differs_from_published``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sys
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from estimator.engine.i18n import Text, tr
from estimator.engine.paths import (
    accepted_office_pack_dir,
    office_commutation_file,
    office_rules_dir,
    pack_verdicts_file,
    resources_dir,
)
from estimator.engine.rules.fingerprint import ValueDiff, diff_packs
from estimator.engine.rules.loader import load_pack
from estimator.engine.rules.model import RulePack, RulePackError, Value
from estimator.engine.rules.readers import parse_json, read_text
from estimator.engine.rules.selftest import SelfTestTools, run_self_test
from estimator.engine.rules.tables import CommutationTable, load_commutation_table

ORIGIN_BUNDLED = "bundled"
ORIGIN_OFFICE = "office"
ORIGIN_ACCEPTED = "office (last accepted copy)"
ORIGIN_GIVEN = "given"
# a verdict holds for this program's law code only: the one version (the package is imported before its modules;
# reading it from sys.modules keeps the engine free of an import of the package root, which names the law)
PROGRAM_VERDICT_KEY = f"faedah-{getattr(sys.modules.get('estimator'), '__version__', '')}"

_VERIFIER: SelfTestTools | None = None


def set_pack_verifier(tools: SelfTestTools | None) -> None:
    """Hand in the estimating tools of the self-test (the law layer does this; without them no office pack is
    put in force)."""
    global _VERIFIER
    _VERIFIER = tools


def bundled_pack_dir() -> Path:
    return resources_dir() / "rules"


def load_bundled() -> RulePack:
    return load_pack(bundled_pack_dir())


# ----------------------------------------------------------------------------------------------- verdicts


def _read_verdicts() -> dict[str, list[str]]:
    path = pack_verdicts_file()
    try:
        data = parse_json(path, "verdicts", read_text(path, "verdicts"))
    except RulePackError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, list) and all(isinstance(r, str) for r in v)}


def _write_verdicts(verdicts: dict[str, list[str]]) -> None:
    path = pack_verdicts_file()
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".verdicts-")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(verdicts, handle, indent=1)
        os.replace(tmp, path)


def self_test_reasons(pack: RulePack) -> list[str]:
    """Why ``pack`` fails its self-test (cached by sha256; empty: it passes)."""
    key = f"{PROGRAM_VERDICT_KEY}:{load_bundled().sha256[:16]}:{pack.sha256}"
    verdicts = _read_verdicts()
    if key in verdicts:
        return verdicts[key]
    if _VERIFIER is None:
        return ["the self-test cannot run in this program context (no estimator), so the pack is not used"]
    reasons = run_self_test(pack, _VERIFIER)
    verdicts[key] = reasons
    _write_verdicts(verdicts)
    return reasons


# ----------------------------------------------------------------------------------------------- trust


def mark_differences(pack: RulePack, published: RulePack) -> list[ValueDiff]:
    """Count the values ``pack`` changes from the published pack and say so in each changed value's source."""
    diffs = diff_packs(published, pack)
    pack.differs_from_published = len(diffs)
    if pack is published or not diffs:
        return diffs
    changed = {(d.key, d.start) for d in diffs}
    label = f"office rule pack {pack.version}, changed from the published pack {published.version}"
    for key, param in pack.parameters.items():
        if any((key, v.start) in changed for v in param.values):
            param.values = [
                replace(v, source=f"{label}: {v.source}") if (key, v.start) in changed else v
                for v in param.values
            ]
            param._starts = []
            param.__dict__.pop("_settled_cache", None)
    pack.use_cache.clear()
    return diffs


def _manifest(folder: Path) -> dict[str, Any]:
    path = folder / "manifest.json"
    data = parse_json(path, "manifest.json", read_text(path, "manifest.json"))
    if not isinstance(data, dict):
        raise RulePackError("manifest.json", "format", "must be an object")
    return data


def _listed_files_present(pack: RulePack) -> None:
    """Every file the manifest lists is one the pack reads: an acceptance case deleted after sealing (which the
    loader, reading only what is there, cannot miss otherwise) refuses the pack."""
    listed = _manifest(pack.folder).get("files")
    if not isinstance(listed, dict):
        return  # the loader already refused a pack without its list
    gone = sorted(name for name in listed if name not in pack.file_sha256)
    if gone:
        more = f" (and {len(gone) - 3} more)" if len(gone) > 3 else ""
        raise RulePackError(
            "manifest.json",
            f"files.{gone[0]}",
            f"listed in the manifest but missing from the pack: {', '.join(gone[:3])}{more} "
            "(deleted after sealing)",
        )


def trusted_office_pack(folder: Path, published: RulePack) -> RulePack:
    """The office pack in ``folder`` if it may be put in force; else :class:`RulePackError` with the reason.

    This is THE verdict: deployment (:func:`load_rules`) and ``faedah rules --check`` both call it, so a pack the
    check passes is a pack the office PCs put in force, and the other way round."""
    pack = load_pack(folder)
    _listed_files_present(pack)
    if pack.version == published.version and pack.sha256 != published.sha256:
        raise RulePackError(
            "manifest.json",
            "version",
            f"the pack's content differs from the published pack {published.version} under the same version: "
            "a changed pack needs its own version",
        )
    reasons = self_test_reasons(pack)
    if reasons:
        more = f" (and {len(reasons) - 3} more)" if len(reasons) > 3 else ""
        raise RulePackError(folder.name, "self-test", "failed: " + "; ".join(reasons[:3]) + more)
    return pack


def _keep_accepted_copy(pack: RulePack) -> None:
    """Copy the accepted office pack (the files it reads) into the user data folder."""
    dest = accepted_office_pack_dir()
    with contextlib.suppress(OSError, RulePackError):
        if (dest / "manifest.json").is_file() and load_pack(dest).sha256 == pack.sha256:
            return
    with contextlib.suppress(OSError):
        staging = dest.with_name(dest.name + ".new")
        shutil.rmtree(staging, ignore_errors=True)
        for name in pack.file_sha256:
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(pack.folder / name, target)
        shutil.rmtree(dest, ignore_errors=True)
        staging.rename(dest)


def _office_or_bundled(published: RulePack, notices: list[str]) -> RulePack:
    office = office_rules_dir()
    if not (office / "manifest.json").exists():
        return published
    try:
        pack = trusted_office_pack(office, published)
    except Exception as exc:  # any damage in an office pack: refuse it with the reason, never crash
        notices.append(f"office rule pack refused: {exc}")
    else:
        pack.origin = ORIGIN_OFFICE
        _keep_accepted_copy(pack)
        return pack
    accepted = accepted_office_pack_dir()
    if (accepted / "manifest.json").is_file():
        try:
            pack = trusted_office_pack(accepted, published)
        except Exception as exc:  # the kept copy is damaged too: the bundled pack stays in force
            notices.append(f"last accepted office rule pack refused: {exc}")
        else:
            pack.origin = ORIGIN_ACCEPTED
            notices.append(f"the last accepted office rule pack {pack.version} stays in force")
            return pack
    return published


def load_rules(
    folder: Path | None = None, commutation_file: Path | None = None, use_office_overrides: bool = True
) -> RulePack:
    """The rule pack in force (see the module's description).  A pack given explicitly (``folder``) is loaded as
    it is, and a damaged one raises; a refused office pack or commutation file leaves a notice in ``pack.notices``.
    """
    notices: list[str] = []
    published = load_bundled()
    if folder is not None:
        pack = load_pack(folder)
        pack.origin = ORIGIN_GIVEN if pack.sha256 != published.sha256 else ORIGIN_BUNDLED
    elif use_office_overrides:
        pack = _office_or_bundled(published, notices)
    else:
        pack = published
    comm = commutation_file
    if comm is None and use_office_overrides and office_commutation_file().exists():
        comm = office_commutation_file()
    if comm is not None:
        try:
            apply_commutation_table(pack, load_commutation_table(comm))
        except Exception as exc:  # an explicitly given file raises; an office file is refused with a notice
            if commutation_file is not None:
                raise
            notices.append(f"office commutation table refused: {exc}")
    if pack is not published:
        mark_differences(pack, published)
    pack.notices.extend(notices)
    return pack


def apply_commutation_table(pack: RulePack, table: CommutationTable, start: date = date(1971, 1, 1)) -> None:
    """Put an office's (official) commutation table in force for every date.

    The table keeps the provisional mark of the table it replaces if its factors are the same (a relabelled copy
    of the provisional table is still the provisional table), and the pack's sha256 then covers the file's bytes.
    """
    param = pack.param("ei.commutation_table")
    relabelled = any(
        isinstance(v.value, CommutationTable) and v.provisional and v.value.factors == table.factors
        for v in param.values
    )
    if relabelled:
        table = replace(table, provisional=True, confidence="INFERRED")
    changed = any(getattr(v.value, "sha256", None) != table.sha256 for v in param.values)
    value = Value(
        key=param.key,
        value=table,
        start=start,
        source=table.source,
        confidence=table.confidence,
        provisional=table.provisional,
        note=f"office file {table.file}" + (" (same factors as the provisional table)" if relabelled else ""),
        raw=table.file,
    )
    param.values = [value]
    param._starts = []
    param.__dict__.pop("_settled_cache", None)
    pack.use_cache.clear()
    if changed:
        pack.differs_from_published += 1
    pack.file_sha256[f"commutation:{table.file}"] = table.sha256
    pack.sha256 = hashlib.sha256(f"{pack.sha256}:{table.sha256}".encode()).hexdigest()


_DEFAULT: RulePack | None = None


def default_rules() -> RulePack:
    """The cached pack used when none is given (loaded once per process)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = load_rules()
    return _DEFAULT


def set_default_rules(pack: RulePack | None) -> None:
    global _DEFAULT
    _DEFAULT = pack


def sealed_manifest(folder: Path) -> tuple[bytes, dict[str, str]]:
    """The manifest of the pack in ``folder`` with the sha256 of every file it reads, as bytes to write (the
    caller writes them atomically, so a full disk leaves the old manifest), and the files listed.  The pack
    must load (bounds, relations) before it is sealed; only the hashes are not checked."""
    pack = load_pack(folder, check_hashes=False)
    listed = {name: sha for name, sha in pack.file_sha256.items() if name != "manifest.json"}
    manifest = _manifest(folder)
    manifest["files"] = dict(sorted(listed.items()))
    return (json.dumps(manifest, indent=1, ensure_ascii=False) + "\n").encode("utf-8"), listed


def pack_disclaimer(pack: RulePack) -> Text:
    """The estimate's disclaimer: "the published rules", or the office pack's name when its values differ."""
    if pack.differs_from_published:
        return tr("disclaimer.office_pack", pack=f"{pack.name} {pack.version}")
    return tr("disclaimer")
