"""Issue 7: a CI-sized sample of the fuzz run (bench/fuzz.py; the full run feeds 10,000+ cases).

Generated and mutated case files go through the core (decode, validate, estimate, JSON, text summary, save and
re-open) and the CLI (in-process, two of them as a subprocess, a few PDFs); the only outcomes allowed are a
result or a validation error.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import ROOT


def _fuzz() -> ModuleType:
    name = "faedah_bench_fuzz"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / "fuzz.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_fuzz_sample_only_results_or_validation_errors(tmp_path: Path) -> None:
    fuzz = _fuzz()
    report = fuzz.run(160, seed=20261122, cli=True, subprocess_cases=2, pdf_every=30, out=tmp_path / "bugs")
    print(report.text())
    assert report.cases == 160
    assert not report.bugs, "\n\n".join(f"{b.label} [{b.where}]\n{b.trace}" for b in report.bugs[:3])
    # the sample reaches both outcomes, and every path: a broken file proves nothing if nothing ever gets through
    assert report.core["result"] >= 30 and report.core["case_error"] >= 30
    assert report.cli["exit 0"] >= 30 and report.cli["exit 2"] >= 30
    assert report.sub and report.pdfs >= 1


def test_fuzz_core_only_another_seed(tmp_path: Path) -> None:
    report = _fuzz().run(100, seed=7, cli=False, out=tmp_path / "bugs")
    assert not report.bugs, "\n\n".join(f"{b.label} [{b.where}]\n{b.trace}" for b in report.bugs[:3])


def test_the_fuzzer_reports_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The harness is not vacuous: an engine that crashes is caught in the core and in the CLI."""
    import estimator.law.estimate

    fuzz = _fuzz()

    def broken(*_a: object, **_k: object) -> None:
        raise ZeroDivisionError("planted")

    monkeypatch.setattr(fuzz, "estimate", broken)
    monkeypatch.setattr(estimator.law.estimate, "estimate", broken)
    report = fuzz.run(30, seed=3, cli=True, out=tmp_path / "bugs")
    assert report.core["bug"] >= 1 and report.cli["bug"] >= 1
    assert any("planted" in b.error or "exit 3" in b.error for b in report.bugs)
    assert sorted(p.suffix for p in (tmp_path / "bugs").iterdir())[:2] == [".json", ".json"]


def test_pdfs_with_long_unicode_names_build() -> None:
    """Sixteen dependants with long names in any script (hypothesis), a long claimant name and office address:
    the PDF builds (no reportlab LayoutError reaches the user)."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from estimator import estimate, parse_case
    from estimator.render.pdf import pdf_bytes
    from tests.conftest import SAMPLES

    fuzz = _fuzz()
    base = json.loads((SAMPLES / "death_four_dependants.json").read_text(encoding="utf-8"))

    @settings(max_examples=4, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(
        names=st.lists(fuzz.LONG_NAME, min_size=16, max_size=16), lang=st.sampled_from(["en", "ms", "both"])
    )
    def build(names: list[str], lang: str) -> None:
        doc = dict(base)
        doc["claimant_name"] = names[0]
        doc["dependants"] = [{"relationship": "spouse", "date_of_birth": "1984-09-23", "name": names[1]}] + [
            {"relationship": "child", "date_of_birth": "2010-01-01", "name": n, "in_higher_education": True}
            for n in names[2:]
        ]
        case = parse_case(doc)
        data = pdf_bytes(estimate(case), case, lang=lang, office_address="Tingkat 1\n" * 40 + "Jalan " * 200)
        assert data.startswith(b"%PDF")

    build()


# ------------------------------------------------------------------------ issue 24: batch and payroll inputs

_HOSTILE_CELLS = [
    "1500,00", "1.500,00", "\u0661\u0660\u0660\u0660", "1_000", "1e3", "\uff12\uff10\uff10\uff10", "-5", "+30",
    "=1+2", "@SUM(A1)", "\t=1", "", " ", "NaN", "Infinity", "9" * 400, "\u00b2", "3_0", "0x10", "1,5", "1,500.00",
    "2000.005", '"', "\x00", "\r", "30\n31",
]  # fmt: skip


def _payroll_text(data: object) -> str:
    import csv
    import io

    from hypothesis import strategies as st

    from estimator.cli.payroll import PAYROLL_COLUMNS, PAYROLL_OPTIONAL

    draw = data.draw  # type: ignore[attr-defined]
    columns = list(PAYROLL_COLUMNS) + draw(
        st.lists(st.sampled_from(PAYROLL_OPTIONAL), max_size=3, unique=True)
    )
    if draw(st.integers(0, 9)) == 0:
        columns.append(draw(st.sampled_from([*PAYROLL_COLUMNS, "wages", "\ufeffage", " Wage "])))
    columns = draw(st.permutations(columns))
    plain = {
        "employee_reference": st.text(max_size=12),
        "wage": st.decimals(min_value=0, max_value=30_000, places=2).map(str),
        "age": st.integers(16, 70).map(str),
        "age_at_first_contribution": st.sampled_from(["", "20", "56", "58"]),
    }
    hostile = st.one_of(st.sampled_from(_HOSTILE_CELLS), st.text(max_size=12))

    def cell(column: str) -> str:
        if draw(st.integers(0, 9)) < 8:  # mostly plausible, so that rows get computed too
            return str(draw(plain.get(column, st.sampled_from(["yes", "no", "", "ya", "tidak"]))))
        return str(draw(hostile))

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for _ in range(draw(st.integers(0, 12))):
        width = len(columns) + draw(st.sampled_from([0, 0, 0, 0, -1, 1]))
        names = [*columns, "employee_reference"]
        writer.writerow([cell(names[i]) for i in range(max(0, width))])
    text = buffer.getvalue()
    if draw(st.integers(0, 5)) == 0:  # a cut or a stray quote
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(['"', "", "\x00", "\n\n"])) + text[at:]
    return text


def test_fuzz_payroll_and_batch_inputs_only_rows_or_validation_errors(tmp_path: Path) -> None:
    """Generated payrolls (hostile numbers, headers, ragged rows, quotes) and a folder of generated and mutated
    case files as a batch: every outcome is a computed row, a row with its problem or a validation error; no
    exception, no "internal error" row, and the exports hold no formula."""
    from datetime import date

    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hypothesis_seed
    from hypothesis import strategies as st

    from estimator.cli.main import main
    from estimator.cli.payroll import payroll_rows
    from estimator.engine.rules import load_rules
    from estimator.model.case import CaseError
    from estimator.model.casefile import injury_ids
    from estimator.model.fileio import neutralise_cell

    fuzz = _fuzz()
    fuzz._INJURY_IDS.update(injury_ids(load_rules()))  # as fuzz.run() does
    samples = fuzz.load_samples()
    folder = tmp_path / "cases"
    folder.mkdir()
    outcomes = {"rows": 0, "row problems": 0, "refused": 0, "case files": 0}
    bugs: list[str] = []

    @settings(max_examples=80, database=None, deadline=None, phases=[Phase.generate], suppress_health_check=list(HealthCheck))  # fmt: skip
    @hypothesis_seed(20261207)
    @given(st.data())
    def one(data: st.DataObject) -> None:
        raw, _ = fuzz.draw_input(data, samples, date.today())
        (folder / f"f{outcomes['case files']:03d}.json").write_bytes(raw)
        outcomes["case files"] += 1
        text = _payroll_text(data)
        try:
            rows = payroll_rows(text, date(2025, 6, 1))
        except CaseError:
            outcomes["refused"] += 1
            return
        except Exception as exc:  # noqa: BLE001 - this is what we are looking for
            bugs.append(f"{type(exc).__name__}: {exc}\n{text!r}")
            return
        for row in rows[:-1]:
            outcomes["row problems" if row[-1] else "rows"] += 1
            assert not any(neutralise_cell(c).startswith(("=", "+", "-", "@", "\t", "\r")) for c in row)

    one()
    assert not bugs, "\n\n".join(bugs[:3])
    assert outcomes["rows"] >= 20 and outcomes["row problems"] >= 20 and outcomes["refused"] >= 5, outcomes
    out = tmp_path / "batch.csv"
    code = main(["estimate", "--batch", str(folder), "--csv", str(out), "--workers", "1"])
    assert code in (0, 2)
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert len(rows) == outcomes["case files"]
    assert not [r for r in rows if "internal error" in r["problems"]]
    assert sum(1 for r in rows if r["scheme"]) >= 10 and sum(1 for r in rows if not r["scheme"]) >= 10
