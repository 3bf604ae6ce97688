"""The command line as a counter or payroll clerk uses it (issue 25): every misuse gets a plain usage message
and exit code 2, never "internal error" (run as a real process, as the clerk does)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASE = str(ROOT / "samples" / "tdb_work_accident.json")


def faedah(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "import sys; from estimator.cli.main import main; sys.exit(main())", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_estimate_without_a_file_says_how_to_call_it() -> None:
    run = faedah("estimate")
    assert run.returncode == 2
    assert "faedah estimate CASE.json" in run.stderr + run.stdout
    assert "internal error" not in run.stderr + run.stdout


@pytest.mark.parametrize("option", ["--csv", "--pdf-dir"])
def test_batch_options_without_batch_are_refused(option: str, tmp_path: Path) -> None:
    target = tmp_path / "out"
    run = faedah("estimate", CASE, option, str(target))
    assert run.returncode == 2
    assert f"{option} works with --batch only" in run.stderr + run.stdout
    assert not target.exists()


def test_claimant_only_without_pdf_is_refused_clearly() -> None:
    run = faedah("estimate", CASE, "--claimant-only")
    assert run.returncode == 2
    assert "--claimant-only is for the PDF" in run.stderr + run.stdout
    assert "How the figures were worked out" not in run.stdout


def test_contributions_without_a_date_says_it_is_missing() -> None:
    run = faedah("contributions", "--wage", "2000", "--age", "30")
    assert run.returncode == 2
    assert "--date: This field is required." in run.stderr
    assert "Not a valid date" not in run.stderr
