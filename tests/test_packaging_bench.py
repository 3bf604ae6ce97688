"""Cheap checks of the benchmark runner (bench/run.py): its plumbing, not the figures it measures."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("faedah_bench_run", ROOT / "bench" / "run.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


bench = _load()


def test_alternate_runs_both_sides_in_turn() -> None:
    order: list[str] = []

    def a() -> float:
        order.append("a")
        return 1.0

    def b() -> float:
        order.append("b")
        return 2.0

    ta, tb = bench.alternate(a, b, 4, warmup=1)
    assert order == ["a", "b", "a", "b", "b", "a", "a", "b", "b", "a"]
    assert ta == [1.0] * 4 and tb == [2.0] * 4


def test_render_lists_rows_and_skips() -> None:
    rows = [bench.Row("start-up", "500 ms", "400 ms", 1.25, "<= 1.3x", True)]
    text = bench.render(rows, [("pdf", "estimator.render.pdf is not there yet")], "header")
    assert "1.25x" in text and "ok" in text
    assert "pdf: skipped: estimator.render.pdf is not there yet" in text


def test_write_doc_replaces_only_the_marked_block(tmp_path: Path) -> None:
    doc = tmp_path / "benchmarks.md"
    doc.write_text(
        "# B\n\nintro\n\n<!-- bench:begin -->\nold\n<!-- bench:end -->\n\ntail\n", encoding="utf-8"
    )
    bench.write_doc("new figures", doc)
    text = doc.read_text(encoding="utf-8")
    assert "old" not in text and "new figures" in text
    assert text.startswith("# B\n\nintro") and text.endswith("tail\n")


def test_build_part_skips_without_a_build(tmp_path: Path) -> None:
    with pytest.raises(bench.Skip, match="no build"):
        bench.bench_build(1, tmp_path, tmp_path / "dist" / "faedah", tmp_path / "ref")


def test_unknown_part_is_refused() -> None:
    with pytest.raises(SystemExit):
        bench.main(["--only", "nonsense"])


def test_missing_references_are_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--ref-dir", str(tmp_path), "--only", "estimate"]) == 2
    assert "reference programs not found" in capsys.readouterr().err


def test_disk_usage_counts_files(tmp_path: Path) -> None:
    (tmp_path / "a.bin").write_bytes(b"x" * 10_000)
    assert bench.disk_usage(tmp_path) >= 10_000


def test_scaling_cases_are_valid_cases_of_the_sizes_named() -> None:
    from estimator import parse_case

    cases = bench.scaling_cases()
    assert len(parse_case(cases["death, 1 dependant"]).dependants) == 1
    assert len(parse_case(cases["death, 30 dependants"]).dependants) == 30
    assert len(parse_case(cases["invalidity, 480 months"]).monthly_wages) == 480


def test_references_are_our_own_and_quick_skips_the_build() -> None:
    assert bench.DEFAULT_REF_DIR == ROOT / "bench" / "reference"
    for name in ("reference_wizard.py", "reference_report.py", "reference_calc.py", "reference_wizard.spec"):
        assert (bench.DEFAULT_REF_DIR / name).exists(), name
    assert "build" in bench.QUICK_SKIPS
    assert "shared" not in (ROOT / "bench" / "run.py").read_text(encoding="utf-8")
