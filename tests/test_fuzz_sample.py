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
