"""Issue 24 (points 3, 6, 8, 11, 12, 13, 15, 17 and "also seen"): rule packs, settings, schema --write and compare,
each as a process.

`rules --check` gives the deployment's verdict; `rules --seal` is atomic and refuses a read-only manifest; an office
pack names itself in the disclaimer; the app starts whatever its ini holds; `schema --write` and `compare --pdf`
go through the safe writer.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES
from tests.many_cases_helpers import cli, env_for, office_pack, posix_only, small_disk

A, B = str(SAMPLES / "tdb_work_accident.json"), str(SAMPLES / "pdb_lump_sum.json")


def _start_app(folder: Path, ini: str) -> subprocess.CompletedProcess[str]:
    config = folder / "config"
    config.mkdir()
    (config / "faedah.ini").write_text(ini, encoding="utf-8")
    env = {
        **env_for(folder),
        "FAEDAH_CONFIG_DIR": str(config),
        "QT_QPA_PLATFORM": "offscreen",
        "QUIT_AFTER_SHOW": "1",
    }
    code = (
        "import sys; from ui.settings import Settings; s = Settings([]);"
        "print(len(s.office_name), len(s.office_address)); from ui.app import main; sys.exit(main(['faedah']))"
    )
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT, env=env,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip


@pytest.mark.parametrize("geometry", ["hello", "=12345", "@ByteArray(garbage)", "@Variant(\\0\\0\\0\\x7f)"])
def test_3_the_app_starts_whatever_the_ini_holds(tmp_path: Path, geometry: str) -> None:
    huge = "N" * 50_000
    proc = _start_app(tmp_path, f"[window]\ngeometry={geometry}\n[office]\nname={huge}\naddress={huge}\n")
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    assert proc.stdout.split()[:2] == ["200", "500"]  # capped on reading, as when it is set


def test_11_seal_refuses_a_read_only_manifest_and_keeps_it(tmp_path: Path) -> None:
    pack = office_pack(tmp_path)
    manifest = pack / "manifest.json"
    before = manifest.read_bytes()
    manifest.chmod(0o444)
    proc = cli(tmp_path, "rules", "--seal", str(pack))
    assert proc.returncode == 1 and "read-only" in proc.stderr
    assert manifest.read_bytes() == before and oct(manifest.stat().st_mode & 0o777) == oct(0o444)


@posix_only
def test_11_seal_on_a_full_disk_leaves_the_old_manifest(tmp_path: Path) -> None:
    pack = office_pack(tmp_path)
    manifest = pack / "manifest.json"
    (pack / "next_steps.json").write_text((pack / "next_steps.json").read_text() + " ", encoding="utf-8")
    before = manifest.read_bytes()
    assert len(before) > 1000  # the limit below makes the new manifest fail to write
    proc = cli(tmp_path, "rules", "--seal", str(pack), preexec=small_disk)
    assert proc.returncode == 1 and proc.stderr.strip()
    assert manifest.read_bytes() == before
    assert not [p for p in pack.iterdir() if p.name.endswith(".tmp")]


def test_11_seal_works_on_a_copy_of_the_bundled_pack(tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(ROOT / "resources" / "rules", copy)
    assert cli(tmp_path, "rules", "--seal", str(copy)).returncode == 0
    proc = cli(tmp_path, "rules", "--check", str(copy))
    assert proc.returncode == 0 and "identical to the published pack" in proc.stdout


def _edit_pack(pack: Path, file: str, key: str, value: str) -> None:
    params = json.loads((pack / file).read_text(encoding="utf-8"))
    params["parameters"][key]["values"][0]["value"] = value
    (pack / file).write_text(json.dumps(params, indent=1), encoding="utf-8")


def _refused_by_check_and_deployment(folder: Path, pack: Path, words: str) -> None:
    check = cli(folder, "rules", "--check", str(pack))
    assert check.returncode == 1 and words in check.stderr, check.stdout + check.stderr
    deployed = cli(folder, "estimate", A, "--json", env=env_for(folder, FAEDAH_RULES_DIR=str(pack)))
    result = json.loads(deployed.stdout)
    assert result["rules"]["origin"] == "bundled"


def test_12_same_version_with_a_changed_value_is_refused_by_check_and_deployment(tmp_path: Path) -> None:
    published = json.loads((ROOT / "resources" / "rules" / "manifest.json").read_text(encoding="utf-8"))
    pack = office_pack(tmp_path, version=published["version"])
    _refused_by_check_and_deployment(tmp_path, pack, "needs its own version")


def test_12_a_pack_failing_its_own_acceptance_cases_is_refused_by_check(tmp_path: Path) -> None:
    pack = office_pack(tmp_path)
    _edit_pack(pack, "parameters_ei.json", "ei.tdb_rate_percent", "70")
    assert cli(tmp_path, "rules", "--seal", str(pack)).returncode == 0
    _refused_by_check_and_deployment(tmp_path, pack, "self-test")


def test_12_an_acceptance_case_deleted_after_sealing_is_detected(tmp_path: Path) -> None:
    pack = office_pack(tmp_path)
    victim = sorted((pack / "acceptance").glob("*.json"))[0]
    victim.unlink()
    _refused_by_check_and_deployment(tmp_path, pack, "deleted after sealing")


def test_an_office_pack_names_itself_in_the_disclaimer(tmp_path: Path) -> None:
    pack = office_pack(tmp_path)
    office = cli(tmp_path, "estimate", A, "--json", env=env_for(tmp_path, FAEDAH_RULES_DIR=str(pack)))
    disclaimer = json.loads(office.stdout)["disclaimer"]
    # the result names the office pack as its origin (its self-test ran estimates before it was marked as such)
    assert json.loads(office.stdout)["rules"]["origin"] == "office"
    assert "office-2027.1" in disclaimer["en"] and "the published rules" not in disclaimer["en"]
    assert "office-2027.1" in disclaimer["ms"]
    bundled = json.loads(cli(tmp_path, "estimate", A, "--json").stdout)["disclaimer"]
    assert "the published rules" in bundled["en"]


def test_13_a_huge_office_name_is_refused_at_once(tmp_path: Path) -> None:
    for option, length in (("--office-name", 10_000), ("--office-address", 50_000)):
        proc = cli(
            tmp_path, "estimate", A, "--pdf", str(tmp_path / "o.pdf"), option, "x" * length, timeout=30
        )
        assert proc.returncode == 2 and "at most" in proc.stderr and not (tmp_path / "o.pdf").exists()
    ok = cli(tmp_path, "estimate", A, "--pdf", str(tmp_path / "o.pdf"), "--office-name", "x" * 200)
    assert ok.returncode == 0


@posix_only
@pytest.mark.parametrize("kind", ["fifo", "devnull", "read-only", "full disk", "dir is a file"])
def test_15_schema_write_goes_through_the_safe_writer(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "schema"
    folder.mkdir()
    target = folder / "result.schema.json"
    preexec = None
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "devnull":
        target.symlink_to("/dev/null")
    elif kind == "read-only":
        target.write_text("{}")
        target.chmod(0o444)
    elif kind == "full disk":
        target.write_text('{"old": true}')
        preexec = small_disk
    else:
        folder.rmdir()
        folder.write_text("not a folder")
    proc = cli(tmp_path, "schema", "--write", str(folder), timeout=60, preexec=preexec)
    assert proc.returncode == 1 and proc.stderr.strip()
    if kind == "read-only":
        assert target.read_text() == "{}"
    if kind == "full disk":
        assert target.read_text() == '{"old": true}'
    if kind == "devnull":
        assert Path("/dev/null").is_char_device()
    if folder.is_dir():
        assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_6_compare_never_writes_over_a_compared_file(tmp_path: Path) -> None:
    a = tmp_path / "a.json"
    a.write_bytes(Path(A).read_bytes())
    proc = cli(tmp_path, "compare", str(a), B, "--pdf", str(a))
    assert proc.returncode == 1 and a.read_bytes() == Path(A).read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "home"]


@posix_only
@pytest.mark.parametrize("kind", ["fifo", "sparse", "/dev/zero"])
def test_8_compare_refuses_special_and_huge_files_at_once(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "c.json"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "sparse":
        with path.open("wb") as fh:
            fh.truncate(3_000_000_000)
    else:
        path = Path(kind)
    proc = cli(tmp_path, "compare", str(path), timeout=30)
    assert proc.returncode == 2 and proc.stderr.strip()


def test_17_compare_with_a_closed_stdout_still_writes_its_pdf_and_no_bak(tmp_path: Path) -> None:
    pdf = tmp_path / "c.pdf"
    for _ in range(2):
        proc = subprocess.run(
            [sys.executable, "-c", "import os, sys; os.close(1); from estimator.cli.main import main; "
             "sys.exit(main(sys.argv[1:]))", "compare", A, B, "--pdf", str(pdf)],
            capture_output=False, stderr=subprocess.PIPE, text=True, timeout=120, cwd=ROOT, env=env_for(tmp_path),
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr
        assert "Traceback" not in proc.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    assert not list(tmp_path.glob("*.bak"))


@pytest.mark.parametrize(
    ("file", "key", "value"),
    [
        ("parameters_ei.json", "ei.tdb_rate_percent", "1"),  # within 1..100 once, absurd as a law
        ("parameters_ei.json", "ei.funeral_max", "0.00"),
        ("parameters_sksps.json", "sksps.caa_monthly", "0.00"),
    ],
)
def test_an_absurd_value_within_the_old_bounds_is_refused(
    tmp_path: Path, file: str, key: str, value: str
) -> None:
    """ "Also seen": TDB 1% or a funeral benefit of 0 was accepted when the office's acceptance cases did not cover
    it; the program's plausible bounds now refuse it, whatever the pack's own cases exercise."""
    pack = office_pack(tmp_path)
    _edit_pack(pack, file, key, value)
    seal = cli(tmp_path, "rules", "--seal", str(pack))  # sealing refuses it already, naming the key
    assert seal.returncode == 1 and key in seal.stderr and "plausible" in seal.stderr
    _refused_by_check_and_deployment(tmp_path, pack, key)
