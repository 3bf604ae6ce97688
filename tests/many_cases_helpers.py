"""Shared set-up of the many-case red-team tests (tests/test_many_cases*.py): the CLI as a process, case folders,
an office rule pack, CSVs read back as Excel would."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, SAMPLES

POSIX = os.name == "posix"
posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX special files, signals or byte file names")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CLI = "import sys; from estimator.cli.main import main; sys.exit(main(sys.argv[1:]))"


def env_for(folder: Path, **extra: str) -> dict[str, str]:
    """A clean environment: no office pack, no cached verdict, nothing of the real user."""
    (folder / "home").mkdir(exist_ok=True)
    env = {
        **os.environ,
        "HOME": str(folder / "home"),
        "FAEDAH_DATA_DIR": str(folder / "home" / "data"),
        "FAEDAH_CONFIG_DIR": str(folder / "home" / "config"),
        "FAEDAH_RULES_DIR": str(folder / "home" / "no-office-rules"),
        "FAEDAH_COMMUTATION_FILE": str(folder / "home" / "no-commutation.json"),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    env.update(extra)
    return env


def cli(
    folder: Path,
    *argv: str,
    env: dict[str, str] | None = None,
    timeout: float = 120,
    stdout: Any = subprocess.PIPE,
    preexec: Callable[[], None] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``faedah ARGV`` as a process; never a traceback, never exit 3 (checked here for every test)."""
    proc = subprocess.run(
        [sys.executable, "-c", CLI, *argv],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env=env or env_for(folder),
        stdin=subprocess.DEVNULL,
        preexec_fn=preexec,  # noqa: PLW1509 - only the resource limit of the child
    )
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert proc.returncode != 3 and "internal error" not in proc.stderr, proc.stderr[-3000:]
    return proc


def case_doc(sample: str = "tdb_work_accident.json", **changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads((SAMPLES / sample).read_text(encoding="utf-8"))
    doc.update(changes)
    return doc


def case_folder(
    folder: Path, count: int, sample: str = "tdb_work_accident.json", name: str = "cases"
) -> Path:
    out = folder / name
    out.mkdir(parents=True, exist_ok=True)
    text = json.dumps(case_doc(sample))
    for i in range(count):
        (out / f"c{i:03d}.json").write_text(text, encoding="utf-8")
    return out


def read_csv(path: Path) -> list[dict[str, str]]:
    """The rows of an exported CSV as Excel reads it: UTF-8 with a BOM."""
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "a CSV export starts with the UTF-8 BOM"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def cells_are_inert(path: Path) -> None:
    raw = path.read_bytes().decode("utf-8-sig")
    for row in csv.reader(io.StringIO(raw)):
        for cell in row:
            assert not cell.startswith(FORMULA_START), f"a formula cell: {cell!r}"


def office_pack(folder: Path, caa: str = "600.00", version: str = "office-2027.1") -> Path:
    """A valid office pack changing one figure (the constant attendance allowance), sealed."""
    pack = folder / "office-rules"
    shutil.copytree(ROOT / "resources" / "rules", pack)
    params = json.loads((pack / "parameters_ei.json").read_text(encoding="utf-8"))
    for value in params["parameters"]["ei.caa_monthly"]["values"]:
        value["value"] = caa
    (pack / "parameters_ei.json").write_text(json.dumps(params, indent=1), encoding="utf-8")
    manifest = json.loads((pack / "manifest.json").read_text(encoding="utf-8"))
    manifest["version"] = version
    (pack / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    proc = cli(folder, "rules", "--seal", str(pack))
    assert proc.returncode == 0, proc.stderr
    return pack


def small_disk() -> None:
    """In the child: files may not grow past 1,000 bytes (a full disk, as the file system reports it)."""
    import resource

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))
