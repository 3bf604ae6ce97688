"""``faedah rules``: show the rule pack in force, check a pack folder, list its values, or show how an office pack
differs from the published (bundled) pack.  Also the binding of the rule pack's self-test to the estimator."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from estimator.engine.rules import (
    ORIGIN_BUNDLED,
    RulePack,
    diff_packs,
    load_bundled,
    load_pack,
    load_rules,
)
from estimator.engine.rules.office import sealed_manifest, trusted_office_pack
from estimator.law.selftest import install_pack_verifier


def _origin_of(folder: Path, pack: RulePack, published: RulePack) -> str:
    if pack.sha256 == published.sha256:
        return f"{ORIGIN_BUNDLED} (identical to the published pack), checked in {folder}"
    return f"office pack in {folder}, differs from the published pack {published.version}"


def _cmd_rules(args: argparse.Namespace) -> int:
    published = load_bundled()
    if args.seal:
        from estimator.model.fileio import atomic_write_bytes, remove_stale_temp_files

        folder = Path(args.seal)
        data, listed = sealed_manifest(folder)
        remove_stale_temp_files([folder])
        atomic_write_bytes(folder / "manifest.json", data, backup=False)  # atomic; a 0444 manifest is refused
        print(f"sealed {len(listed)} files in {folder / 'manifest.json'}")
        return 0
    if args.diff:
        office = load_pack(Path(args.diff))
        diffs = diff_packs(published, office)
        print(f"{office.name} {office.version} vs published {published.version}: {len(diffs)} values differ")
        for d in diffs:
            print(f"{d.key}\t{d.start.isoformat()}\t{d.published} -> {d.office}\t{d.source}")
        return 0
    if args.check:
        folder = Path(args.check)
        install_pack_verifier()
        pack = trusted_office_pack(folder, published)  # the very verdict deployment gives
        origin = _origin_of(folder, pack, published)
        pack.differs_from_published = len(diff_packs(published, pack))
    else:
        install_pack_verifier()
        pack = load_rules()
        origin = f"{pack.origin} ({pack.folder})"
    print(f"{pack.name}\nversion {pack.version} (published {pack.published}, {origin})\nsha256 {pack.sha256}")
    if pack.differs_from_published:
        print(f"differs from the published pack {published.version} in {pack.differs_from_published} values")
    for notice in pack.notices:
        print(f"notice: {notice}")
    if args.list:
        for key, param in sorted(pack.parameters.items()):
            for v in param.values:
                flag = " PROVISIONAL" if v.provisional else ""
                print(f"{key}\t{v.start.isoformat()}\t{v.raw}\t{v.confidence}{flag}\t{v.source}")
    return 0


def add_rules_parser(sub: Any) -> None:
    rules = sub.add_parser("rules", help="show (or check) the rule pack in force")
    group = rules.add_mutually_exclusive_group()
    group.add_argument("--check", metavar="DIR", help="validate the rule pack in this folder")
    group.add_argument(
        "--diff", metavar="DIR", help="list each value of this pack that differs from the published one"
    )
    group.add_argument(
        "--seal", metavar="DIR", help="write the sha256 of every file into the pack's manifest"
    )
    rules.add_argument("--list", action="store_true", help="list every dated value")
    rules.set_defaults(func=_cmd_rules)
