"""Issue 24, the batch (`faedah estimate --batch`), each point as the CLI run in a process.

The rule pack is the parent's in every worker; a PDF that cannot be written is a row, not a hang; the CSV cannot
carry a formula and never lands on an input; same names give distinct PDFs; PDFs follow --lang; odd file names,
a killed parent, Ctrl-C and stale temporary files all end in a clear state.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pypdf

from tests.conftest import ROOT
from tests.many_cases_helpers import (
    CLI,
    case_doc,
    case_folder,
    cells_are_inert,
    cli,
    env_for,
    office_pack,
    posix_only,
    read_csv,
)


def test_1_an_office_pack_holds_in_every_worker_and_rules_is_honoured(tmp_path: Path) -> None:
    pack = office_pack(tmp_path)
    cases = case_folder(tmp_path, 201, "invalidity_pension.json")
    env = env_for(tmp_path, FAEDAH_RULES_DIR=str(pack))  # a fresh PC: no cached verdict
    single = cli(tmp_path, "estimate", str(cases / "c000.json"), "--json", env=env)
    monthly = json.loads(single.stdout)
    caa = next(b for b in monthly["benefits"] if b["code"] == "CAA")["monthly_amount"]
    assert caa == "600.00"
    out = tmp_path / "out.csv"
    proc = cli(tmp_path, "estimate", "--batch", str(cases), "--csv", str(out), "--workers", "2", env=env)
    assert proc.returncode == 0, proc.stderr
    rows = read_csv(out)
    assert len(rows) == 201
    assert {r["caa_monthly"] for r in rows} == {"600.00"}
    assert {(r["rules_version"], r["rules_origin"]) for r in rows} == {("office-2027.1", "office")}
    # --rules is honoured in a batch (no office pack installed)
    given = cli(
        tmp_path, "estimate", "--batch", str(cases), "--csv", str(out), "--rules", str(pack), "--workers", "2"
    )
    assert given.returncode == 0, given.stderr
    rows = read_csv(out)
    assert {r["caa_monthly"] for r in rows} == {"600.00"} and {r["rules_origin"] for r in rows} == {"given"}


def test_2_a_pdf_write_error_in_a_worker_is_a_row_and_the_batch_ends(tmp_path: Path) -> None:
    cases = case_folder(tmp_path, 120)
    pdfs = tmp_path / "pdfs"
    (pdfs / "c100.pdf").mkdir(parents=True)  # a folder where a PDF goes
    out = tmp_path / "out.csv"
    proc = cli(
        tmp_path,
        "estimate",
        "--batch",
        str(cases),
        "--csv",
        str(out),
        "--pdf-dir",
        str(pdfs),
        "--workers",
        "2",
    )
    assert proc.returncode == 2, proc.stderr
    rows = read_csv(out)
    assert len(rows) == 120
    bad = next(r for r in rows if r["file"].endswith("c100.json"))
    assert "folder" in bad["problems"] and not bad["pdf"]
    assert (pdfs / "c101.pdf").is_file() and (pdfs / "c100.pdf").is_dir()


def test_5_formulas_in_references_and_file_names_are_neutralised(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    refs = ['=HYPERLINK("http://x/?"&A1,"click")', "+60123456789", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]
    for i, ref in enumerate(refs):
        (cases / f"c{i}.json").write_text(json.dumps(case_doc(case_reference=ref)), encoding="utf-8")
    (cases / "=1+2.json").write_text("{", encoding="utf-8")  # a hostile file name, echoed with its problem
    out = tmp_path / "out.csv"
    proc = cli(tmp_path, "estimate", "--batch", str(cases), "--csv", str(out))
    assert proc.returncode == 2
    cells_are_inert(out)
    got = {r["claimant_reference"] for r in read_csv(out)}
    assert '\'=HYPERLINK("http://x/?"&A1,"click")' in got and "'=1+1" in got  # the tab stripped on reading


def test_6_the_csv_never_lands_on_an_input(tmp_path: Path) -> None:
    cases = case_folder(tmp_path, 3)
    before = (cases / "c001.json").read_bytes()
    proc = cli(tmp_path, "estimate", "--batch", str(cases), "--csv", str(cases / "c001.json"))
    assert proc.returncode == 1 and "is the file being read" in proc.stderr
    assert (cases / "c001.json").read_bytes() == before
    assert sorted(p.name for p in cases.iterdir()) == ["c000.json", "c001.json", "c002.json"]


def test_7_same_file_name_in_two_folders_gives_two_pdfs(tmp_path: Path) -> None:
    one = case_folder(tmp_path, 1, name="one")
    two = tmp_path / "two"
    two.mkdir()
    (two / "c000.json").write_text(json.dumps(case_doc(claimant_name="Siti Two")), encoding="utf-8")
    pdfs = tmp_path / "pdfs"
    out = tmp_path / "out.csv"
    proc = cli(tmp_path, "estimate", "--batch", str(one), str(two), "--csv", str(out), "--pdf-dir", str(pdfs))
    assert proc.returncode == 0, proc.stderr
    rows = read_csv(out)
    assert len({r["pdf"] for r in rows}) == 2
    assert sorted(p.name for p in pdfs.iterdir()) == ["c000-2.pdf", "c000.pdf"]
    assert "Siti Two" in (pypdf.PdfReader(str(pdfs / "c000-2.pdf")).pages[0].extract_text() or "")


@posix_only
def test_9_a_file_name_that_is_not_utf8_gets_a_row(tmp_path: Path) -> None:
    cases = case_folder(tmp_path, 2)
    os.rename(cases / "c001.json", os.path.join(os.fsencode(cases), b"bad\xff\xfe.json"))
    out = tmp_path / "out.csv"
    proc = cli(tmp_path, "estimate", "--batch", str(cases), "--csv", str(out))
    assert proc.returncode == 2
    rows = read_csv(out)
    assert len(rows) == 2
    bad = next(r for r in rows if "bad" in r["file"])
    assert "not valid text" in bad["problems"] and "\ufffd" in bad["file"]


@posix_only
def test_10_workers_end_when_the_parent_is_killed(tmp_path: Path) -> None:
    cases = case_folder(tmp_path, 200)
    pdfs = tmp_path / "pdfs"
    argv = ["estimate", "--batch", str(cases), "--csv", str(tmp_path / "o.csv"), "--pdf-dir", str(pdfs)]
    proc = subprocess.Popen(
        [sys.executable, "-c", CLI, *argv, "--workers", "2"], cwd=ROOT, env=env_for(tmp_path),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        while not (pdfs.is_dir() and len(list(pdfs.glob("*.pdf"))) >= 3):
            assert proc.poll() is None, "the batch ended before it could be killed"
            time.sleep(0.05)
    finally:
        proc.kill()
    proc.wait()
    time.sleep(2)  # the workers look for their parent every 0.2 s
    count = len(list(pdfs.glob("*.pdf")))
    time.sleep(2)
    assert len(list(pdfs.glob("*.pdf"))) == count < 200


def test_14_batch_pdfs_follow_lang(tmp_path: Path) -> None:
    cases = case_folder(tmp_path, 1)
    pdfs = tmp_path / "pdfs"
    proc = cli(
        tmp_path, "estimate", "--batch", str(cases), "--csv", str(tmp_path / "o.csv"), "--pdf-dir", str(pdfs),
        "--lang", "ms",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    text = pypdf.PdfReader(str(pdfs / "c000.pdf")).pages[0].extract_text() or ""
    assert "PERKESO memutuskan" in " ".join(text.split()) or "anggaran" in text.lower()
    assert "it is not PERKESO's decision" not in " ".join(text.split())


def test_16_pdf_dir_that_is_a_file_and_names_too_long_are_refused(tmp_path: Path) -> None:
    cases = case_folder(tmp_path, 1)
    afile = tmp_path / "afile"
    afile.write_text("x")
    proc = cli(
        tmp_path, "estimate", "--batch", str(cases), "--csv", str(tmp_path / "o.csv"), "--pdf-dir", str(afile)
    )
    assert proc.returncode == 2 and "not a folder" in proc.stderr
    long_csv = tmp_path / ("o" * 300 + ".csv")
    proc = cli(tmp_path, "estimate", "--batch", str(cases), "--csv", str(long_csv))
    assert proc.returncode == 1 and proc.stderr.strip()
    long_input = str(tmp_path / ("d" * 5000)) + ".json"
    proc = cli(tmp_path, "estimate", "--batch", long_input, "--csv", str(tmp_path / "o.csv"))
    assert proc.returncode == 2 and len(read_csv(tmp_path / "o.csv")) == 1


def test_18_temp_files_of_a_killed_export_are_removed(tmp_path: Path) -> None:
    cases = case_folder(tmp_path, 1)
    pdfs = tmp_path / "pdfs"
    pdfs.mkdir()
    dead = 999_999_999  # no such process
    stale = [cases / f".o.csv.faedah-{dead}-abc.tmp", pdfs / f".c000.pdf.faedah-{dead}-xyz.tmp"]
    for path in stale:
        path.write_text("claimant data")
    proc = cli(
        tmp_path, "estimate", "--batch", str(cases), "--csv", str(cases / "o.csv"), "--pdf-dir", str(pdfs)
    )
    assert proc.returncode == 0, proc.stderr
    assert not any(p.exists() for p in stale)
    assert not [p for p in (*cases.iterdir(), *pdfs.iterdir()) if p.name.endswith(".tmp")]


@posix_only
def test_ctrl_c_ends_the_batch_cleanly_with_the_rows_done(tmp_path: Path) -> None:
    cases = case_folder(tmp_path, 200)
    pdfs = tmp_path / "pdfs"
    out = tmp_path / "o.csv"
    argv = ["estimate", "--batch", str(cases), "--csv", str(out), "--pdf-dir", str(pdfs), "--workers", "2"]
    proc = subprocess.Popen(
        [sys.executable, "-c", CLI, *argv], cwd=ROOT, env=env_for(tmp_path), stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    while not (pdfs.is_dir() and len(list(pdfs.glob("*.pdf"))) >= 60):
        assert proc.poll() is None, "the batch ended before Ctrl-C"
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal does: the whole process group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert "Stopped" in err
    rows = read_csv(out)
    assert 50 <= len(rows) < 200 and all(r["scheme"] for r in rows)


def test_workers_default_and_option(tmp_path: Path) -> None:
    from estimator.cli.batch import default_workers

    assert default_workers() == (1 if (os.cpu_count() or 1) < 4 else 2)
    cases = case_folder(tmp_path, 1)
    for bad in ("0", "99", "\u0662"):
        proc = cli(
            tmp_path, "estimate", "--batch", str(cases), "--csv", str(tmp_path / "o.csv"), "--workers", bad
        )
        assert proc.returncode == 2 and "--workers" in proc.stderr
