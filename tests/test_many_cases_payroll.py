"""Issue 24 (points 4, 5, 6, 8, 16) and issue 25 (payroll points): `faedah contributions --csv` as a process.

A payroll is read as strictly as a case file: one column each, whole rows, ASCII digits; a refusal names the row
and the column; the export is UTF-8 with a BOM and holds no formula; nothing is written over the payroll.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.many_cases_helpers import cells_are_inert, cli, posix_only, read_csv

HEADER = "employee_reference,wage,age\n"


def _payroll(folder: Path, body: str, header: str = HEADER) -> Path:
    path = folder / "payroll.csv"
    path.write_text(header + body, encoding="utf-8")
    return path


def _run(folder: Path, payroll: Path | str, *extra: str) -> tuple[int, str, list[dict[str, str]]]:
    out = folder / "out.csv"
    proc = cli(folder, "contributions", "--csv", str(payroll), "--date", "2025-06", "--out", str(out), *extra)
    rows = read_csv(out) if out.exists() else []
    return proc.returncode, proc.stderr, rows


def test_4_a_duplicated_column_is_refused(tmp_path: Path) -> None:
    code, err, rows = _run(
        tmp_path, _payroll(tmp_path, "E1,3000,30,99\n", "employee_reference,wage,age,wage\n")
    )
    assert code == 2 and "wage is named twice" in err and not rows


def test_4_a_ragged_row_is_not_shifted(tmp_path: Path) -> None:
    code, _, rows = _run(tmp_path, _payroll(tmp_path, "E1,3000,30\nE2,12,34,30\n"))
    assert code == 2
    assert rows[1]["employee_reference"] == "E2" and not rows[1]["total"]
    assert "row 3" in rows[1]["problems"] and "4 cells" in rows[1]["problems"]
    assert rows[-1]["total"] == rows[0]["total"]  # the ragged row is not in the totals


@pytest.mark.parametrize(
    ("wage", "age", "column"),
    [
        ('"1500,00"', "30", "wage"),
        ('"1.500,00"', "30", "wage"),
        ("\u0661\u0660\u0660\u0660", "30", "wage"),
        ("1_000", "30", "wage"),
        ("1e3", "30", "wage"),
        ("\uff12\uff10\uff10\uff10", "30", "wage"),
        ("2000", "\u0663\u0660", "age"),
        ("2000", "3_0", "age"),
        ("2000", "\u00b2", "age"),
    ],
)
def test_4_numbers_in_ascii_digits_only(tmp_path: Path, wage: str, age: str, column: str) -> None:
    code, _, rows = _run(tmp_path, _payroll(tmp_path, f"E1,{wage},{age}\n"))
    assert code == 2
    assert f"row 2, column {column}" in rows[0]["problems"] and not rows[0]["total"]
    assert rows[-1]["total"] == "0.00"


def test_4_thousands_commas_and_sen_are_read_right(tmp_path: Path) -> None:
    code, err, rows = _run(tmp_path, _payroll(tmp_path, 'E1,"1,500.00",30\nE2,1500,30\n'))
    assert code == 0, err
    assert rows[0]["wage"] == rows[1]["wage"] == "1500.00" and rows[0]["total"] == rows[1]["total"]


def test_5_formulas_in_the_payroll_export_are_neutralised(tmp_path: Path) -> None:
    body = '"=HYPERLINK(""http://x"",""y"")",3000,30\n+6012345,3000,30\n-2+3,3000,30\n@SUM(A1:A9),=1+2,30\n'
    code, _, rows = _run(tmp_path, _payroll(tmp_path, body))
    assert code == 2  # the echoed wage =1+2 is not a number
    cells_are_inert(tmp_path / "out.csv")
    assert rows[0]["employee_reference"].startswith("'=HYPERLINK") and rows[3]["wage"] == "'=1+2"


def test_5_stdout_is_neutralised_too(tmp_path: Path) -> None:
    payroll = _payroll(tmp_path, "=1+1,3000,30\n")
    proc = cli(tmp_path, "contributions", "--csv", str(payroll), "--date", "2025-06")
    assert proc.returncode == 0 and "\n'=1+1,3000.00" in proc.stdout


def test_6_the_export_never_replaces_the_payroll(tmp_path: Path) -> None:
    payroll = _payroll(tmp_path, "E1,3000,30\n")
    before = payroll.read_bytes()
    proc = cli(tmp_path, "contributions", "--csv", str(payroll), "--date", "2025-06", "--out", str(payroll))
    assert proc.returncode == 1 and "is the file being read" in proc.stderr
    assert payroll.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == [
        "home",
        "payroll.csv",
    ]


def test_6_a_second_export_leaves_no_bak(tmp_path: Path) -> None:
    payroll = _payroll(tmp_path, "E1,3000,30\n")
    assert _run(tmp_path, payroll)[0] == 0 and _run(tmp_path, payroll)[0] == 0
    assert not list(tmp_path.glob("*.bak"))


@posix_only
@pytest.mark.parametrize("kind", ["fifo", "/dev/zero", "sparse"])
def test_8_special_and_huge_payrolls_are_refused_at_once(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "payroll.csv"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "sparse":
        with path.open("wb") as fh:
            fh.truncate(3_000_000_000)
    else:
        path = Path(kind)
    proc = cli(tmp_path, "contributions", "--csv", str(path), "--date", "2025-06", timeout=30)
    assert proc.returncode == 2 and proc.stderr.startswith("--csv: ")


def test_16_a_200_kb_cell_and_a_superscript_age(tmp_path: Path) -> None:
    code, err, rows = _run(tmp_path, _payroll(tmp_path, "E1," + "9" * 200_000 + ",30\n"))
    assert code == 2 and "row 2" in err.lower() and not rows
    proc = cli(tmp_path, "contributions", "--wage", "2000", "--date", "2025-06-01", "--age", "\u00b2")
    assert proc.returncode == 2 and proc.stderr.startswith("--age:")


def test_row_cap_has_a_clear_message(tmp_path: Path) -> None:
    from estimator.model.csvfile import MAX_CSV_ROWS

    code, err, rows = _run(tmp_path, _payroll(tmp_path, "E,1000,30\n" * (MAX_CSV_ROWS + 1)))
    assert code == 2 and f"more than {MAX_CSV_ROWS:,} rows" in err and not rows


def test_25_a_missing_payroll_says_so_in_both_languages(tmp_path: Path) -> None:
    for lang, words in (("en", "There is no file"), ("ms", "Tiada fail")):
        proc = cli(tmp_path, "contributions", "--csv", str(tmp_path / "nope.csv"), "--lang", lang)
        assert proc.returncode == 2 and words in proc.stderr and "Errno" not in proc.stderr


def test_25_unknown_or_missing_columns_are_named(tmp_path: Path) -> None:
    code, err, _ = _run(
        tmp_path, _payroll(tmp_path, "E1,3000,30,ya\n", "employee_reference,wage,age,foriegn\n")
    )
    assert code == 2 and "Unknown column foriegn" in err
    code, err, _ = _run(tmp_path, _payroll(tmp_path, "E1,3000\n", "employee_reference,wage\n"))
    assert code == 2 and "Column age is missing" in err
    code, _, rows = _run(
        tmp_path, _payroll(tmp_path, "E1,3000,30,maybe\n", "employee_reference,wage,age,foreign\n")
    )
    assert code == 2 and "row 2, column foreign" in rows[0]["problems"]


def test_25_the_sample_payroll_runs_and_the_export_has_a_bom(tmp_path: Path) -> None:
    sample = ROOT / "samples" / "payroll.csv"
    code, err, rows = _run(tmp_path, sample)
    assert code == 0, err
    assert rows[-1]["employee_reference"] == "TOTAL" and len(rows) >= 5
    names = sample.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert {"age_at_first_contribution", "foreign", "invalidity_pensioner"} <= set(names)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "age_at_first_contribution" in readme and "invalidity_pensioner" in readme
    assert any(not r["employee_reference"].isascii() for r in rows)  # a Malay/Chinese name survives the BOM


@pytest.mark.parametrize(
    "argv",
    [
        ["--sksps-plan", "\u0663", "--date", "2025-06-01"],
        ["--sksps-plan", "3", "--date", "20261101"],
        ["--wage", "2000", "--date", "20261101", "--age", "30"],
        ["--csv", "x.csv", "--date", "202606"],
    ],
)
def test_strict_plan_and_dates(tmp_path: Path, argv: list[str]) -> None:
    proc = cli(tmp_path, "contributions", *argv)
    assert proc.returncode == 2 and proc.stderr.strip()
