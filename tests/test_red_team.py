"""Red team: hostile inputs (files, paths, numbers, rule packs via FAEDAH_RULES_DIR) thrown at the CLI.

For each: a result or a clear refusal (exit 0, 1 or 2, never 3, never a traceback, never a hang); nothing
replaced that should not be (every file in the sandbox other than the chosen PDF is as it was, special files
keep their type); no claimant data left outside the files the user chose (no temp files, no stray copies).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, SAMPLES

SECRET_NAME = "Merah Pasukan Rahsia"
posix = os.name == "posix"


def _doc(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads((SAMPLES / "pdb_partial_commuting.json").read_text(encoding="utf-8"))
    doc["claimant_name"] = SECRET_NAME
    doc.update(changes)
    return doc


def _write(folder: Path, doc: Any, name: str = "case.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


Setup = Callable[[Path], tuple[list[str], dict[str, str]]]


def _case_file(make: Callable[[Path], Path]) -> Setup:
    def setup(folder: Path) -> tuple[list[str], dict[str, str]]:
        return ["estimate", str(make(folder)), "--pdf", str(folder / "out.pdf")], {}

    return setup


def _pdf_to(make: Callable[[Path], Path]) -> Setup:
    def setup(folder: Path) -> tuple[list[str], dict[str, str]]:
        case = _write(folder, _doc())
        return ["estimate", str(case), "--pdf", str(make(folder))], {}

    return setup


def _number(field: str, value: Any) -> Setup:
    return _case_file(lambda folder: _write(folder, _doc(**{field: value})))


def _pack(damage: Callable[[Path], None]) -> Setup:
    def setup(folder: Path) -> tuple[list[str], dict[str, str]]:
        pack = folder / "pack"
        shutil.copytree(ROOT / "resources" / "rules", pack)
        damage(pack)
        case = _write(folder, _doc())
        return ["estimate", str(case)], {"FAEDAH_RULES_DIR": str(pack)}

    return setup


def _raw(data: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / "case.json"
        path.write_bytes(data)
        return path

    return make


def _fifo(folder: Path, name: str = "case.json") -> Path:
    path = folder / name
    os.mkfifo(path)
    return path


def _symlink(target: str | Path, name: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        link = folder / name
        link.symlink_to(target if isinstance(target, str) else folder / target)
        return link

    return make


def _sparse(folder: Path) -> Path:
    path = folder / "case.json"
    with path.open("wb") as fh:
        fh.truncate(3_000_000_000)
    return path


def _read_only_pdf(folder: Path) -> Path:
    path = folder / "old.pdf"
    path.write_bytes(b"%PDF old")
    path.chmod(0o444)
    return path


def _link_to_case(folder: Path) -> Path:
    link = folder / "alias.pdf"
    link.symlink_to(folder / "case.json")
    return link


def _link_to_pdf(folder: Path) -> Path:
    real = folder / "real.pdf"
    real.write_bytes(b"%PDF old")
    link = folder / "link.pdf"
    link.symlink_to(real)
    return link


def _dir(folder: Path) -> Path:
    path = folder / "adir"
    path.mkdir()
    return path


def _dup_manifest(pack: Path) -> None:
    text = (pack / "manifest.json").read_text(encoding="utf-8")
    (pack / "manifest.json").write_text(text.replace("{", '{"version": "x", ', 1), encoding="utf-8")


def _fifo_in_pack(pack: Path) -> None:
    (pack / "parameters_ei.json").unlink()
    os.mkfifo(pack / "parameters_ei.json")


def _unlink_in_pack(name: str) -> Callable[[Path], None]:
    return lambda pack: (pack / name).unlink()


def _garbage_in_pack(name: str) -> Callable[[Path], None]:
    return lambda pack: (pack / name).write_bytes(b"\x00\xff garbage {[")


HOSTILE: list[tuple[str, Setup, bool]] = [
    # case files
    ("case: a FIFO", _case_file(_fifo), posix),
    ("case: /dev/zero", _case_file(lambda folder: Path("/dev/zero")), posix),
    ("case: /dev/urandom", _case_file(lambda folder: Path("/dev/urandom")), posix),
    ("case: a symlink to /dev/zero", _case_file(_symlink("/dev/zero", "case.json")), posix),
    ("case: a symlink loop", _case_file(_symlink("case.json", "case.json")), posix),
    ("case: a folder", _case_file(_dir), True),
    ("case: missing", _case_file(lambda folder: folder / "nope.json"), True),
    ("case: empty", _case_file(_raw(b"")), True),
    ("case: 3 GB sparse", _case_file(_sparse), True),
    ("case: binary", _case_file(_raw(bytes(range(256)) * 10)), True),
    ("case: UTF-16", _case_file(_raw(json.dumps(_doc()).encode("utf-16"))), True),
    ("case: nested 100000 deep", _case_file(_raw(b"[" * 100_000)), True),
    (
        "case: meta nested 500 deep",
        _case_file(
            _raw(json.dumps(_doc())[:-1].encode() + b', "meta": ' + b'{"a":' * 500 + b"1" + b"}" * 501)
        ),
        True,
    ),
    (
        "case: duplicate key",
        _case_file(
            _raw(json.dumps(_doc()).replace('"scheme"', '"scheme": "invalidity", "scheme"', 1).encode())
        ),
        True,
    ),
    ("case: NaN", _case_file(_raw(json.dumps(_doc())[:-1].encode() + b', "funeral_expenses": NaN}')), True),
    (
        "case: a 5000-digit integer",
        _case_file(_raw(json.dumps(_doc())[:-1].encode() + b', "medical_leave_days": ' + b"9" * 5000 + b"}")),
        True,
    ),
    # output paths
    ("pdf: /dev/null", _pdf_to(lambda folder: Path("/dev/null")), posix),
    ("pdf: a FIFO", _pdf_to(lambda folder: _fifo(folder, "out.pdf")), posix),
    ("pdf: the case file itself", _pdf_to(lambda folder: folder / "case.json"), True),
    ("pdf: a symlink to the case file", _pdf_to(_link_to_case), posix),
    ("pdf: a folder", _pdf_to(_dir), True),
    ("pdf: read-only file", _pdf_to(_read_only_pdf), posix),
    ("pdf: missing folder", _pdf_to(lambda folder: folder / "no" / "such" / "out.pdf"), True),
    ("pdf: a 250-character name", _pdf_to(lambda folder: folder / ("p" * 246 + ".pdf")), True),
    ("pdf: a symlink to an old PDF", _pdf_to(_link_to_pdf), posix),
    # numbers and dates
    ("number: Arabic-Indic digits", _number("funeral_expenses", "\u0663\u0665\u0660\u0660"), True),
    ("number: fullwidth digits", _number("funeral_expenses", "\uff13\uff15\uff10\uff10"), True),
    ("number: underscores", _number("funeral_expenses", "3_500.00"), True),
    ("number: plus sign", _number("loss_of_earning_capacity_percent", "+30"), True),
    ("number: exponent text", _number("loss_of_earning_capacity_percent", "3e1"), True),
    ("number: true as days", _number("medical_leave_days", True), True),
    ("number: negative days", _number("medical_leave_days", -5), True),
    ("number: huge percent", _number("loss_of_earning_capacity_percent", "1" * 400), True),
    ("date: Unix timestamp", _number("date_of_birth", 490060800), True),
    ("date: date-time", _number("event_date", "2025-06-10T10:00:00"), True),
    ("date: Thai digits", _number("event_date", "\u0e52\u0e50\u0e52\u0e55-06-10"), True),
    # rule packs
    (
        "pack: missing folder",
        lambda folder: (
            ["estimate", str(_write(folder, _doc()))],
            {"FAEDAH_RULES_DIR": str(folder / "none")},
        ),
        True,
    ),
    (
        "pack: a file, not a folder",
        lambda folder: (
            ["estimate", str(_write(folder, _doc()))],
            {"FAEDAH_RULES_DIR": str(_write(folder, {}, "pack.json"))},
        ),
        True,
    ),
    ("pack: manifest missing", _pack(_unlink_in_pack("manifest.json")), True),
    ("pack: garbage parameters", _pack(_garbage_in_pack("parameters_ei.json")), True),
    ("pack: garbage wage bands", _pack(_garbage_in_pack("wage_bands_2024-10.csv")), True),
]
PACK_FILES: list[tuple[str, Setup, bool]] = [
    ("pack: a FIFO as a parameter file", _pack(_fifo_in_pack), posix),
    ("pack: duplicate key in the manifest", _pack(_dup_manifest), True),
]


def _snapshot(folder: Path) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        if stat.S_ISREG(info.st_mode) and info.st_size < 10_000_000:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            digest = str(info.st_size) if stat.S_ISREG(info.st_mode) else ""
        kind = "link" if stat.S_ISLNK(info.st_mode) else stat.filemode(info.st_mode)[0]
        out[str(path.relative_to(folder))] = (kind, digest)
    return out


def _run(folder: Path, setup: Setup) -> None:
    argv, env_extra = setup(folder)
    pdf = Path(argv[argv.index("--pdf") + 1]) if "--pdf" in argv else None
    before = _snapshot(folder)
    devnull_before = os.stat("/dev/null").st_mode if posix else 0
    env = {**os.environ, **env_extra, "HOME": str(folder / "home"), "TMPDIR": str(folder / "tmp")}
    (folder / "home").mkdir()
    (folder / "tmp").mkdir()
    code = "import sys; from estimator.cli.main import main; sys.exit(main(sys.argv[1:]))"
    proc = subprocess.run(
        [sys.executable, "-c", code, *argv],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode in (0, 1, 2), proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
    if proc.returncode:
        assert proc.stderr.strip(), "a refusal says why"
    after = _snapshot(folder)
    chosen = set()
    if pdf is not None:
        chosen.add(str(pdf.relative_to(folder)) if pdf.is_relative_to(folder) else "")
        if pdf.is_symlink():
            chosen.add(str(Path(os.path.realpath(pdf)).relative_to(folder.resolve())))
    for name, value in before.items():
        if name in chosen or name.startswith(("home", "tmp")):
            continue
        assert after.get(name) == value, f"{name} was changed or replaced"
    if posix:
        assert os.stat("/dev/null").st_mode == devnull_before and not Path("/dev/null.bak").exists()
    new = set(after) - set(before) - chosen
    assert not {n for n in new if not n.startswith(("home", "tmp"))}, f"stray files: {new}"
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink() and str(path.relative_to(folder)) not in chosen:
            if str(path.relative_to(folder)) in before:
                continue
            assert SECRET_NAME.encode() not in path.read_bytes(), f"claimant data in {path}"


@pytest.mark.parametrize(("what", "setup", "runs_here"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_input_gets_a_result_or_a_clear_refusal(
    tmp_path: Path, what: str, setup: Setup, runs_here: bool
) -> None:
    if not runs_here:
        pytest.skip("POSIX special files")
    _run(tmp_path, setup)


@pytest.mark.parametrize(("what", "setup", "runs_here"), PACK_FILES, ids=[h[0] for h in PACK_FILES])
def test_hostile_pack_files(tmp_path: Path, what: str, setup: Setup, runs_here: bool) -> None:
    if not runs_here:
        pytest.skip("POSIX special files")
    _run(tmp_path, setup)


def test_there_are_at_least_thirty_kinds() -> None:
    assert len(HOSTILE) + len(PACK_FILES) >= 30
