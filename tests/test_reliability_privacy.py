"""Issue 7, privacy: nothing about a claimant is written anywhere but the files the user asks for (and the
app's autosave draft, which the UI tests cover); no log carries a name or IC number; the IC is masked on paper
unless the clerk asks otherwise.
"""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from estimator import estimate, parse_case, read_case_file, write_case_file
from estimator.cli.main import main
from estimator.render.pdf import pdf_bytes
from estimator.render.text import render_text
from tests.conftest import ROOT, SAMPLES

NAME = "Zulkarnain Privasi Ujian"
IC = "991231-14-7777"
MASKED = "******-**-7777"
SPOUSE = "Rosmawati Rahsia"


def _case_doc() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads((SAMPLES / "death_four_dependants.json").read_text(encoding="utf-8"))
    doc["claimant_name"] = NAME
    doc["ic_number"] = IC
    doc["dependants"][0]["name"] = SPOUSE
    doc["notes"] = f"{NAME} {IC} private note"
    return doc


def _secrets() -> list[bytes]:
    out = []
    for s in (NAME, IC, SPOUSE, IC.replace("-", "")):
        out += [s.encode("utf-8"), s.encode("utf-16-le")]
    return out


def _files(folder: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if d != ".git"]
        for f in filenames:
            yield Path(dirpath) / f


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    meta = " ".join(str(v) for v in (reader.metadata or {}).values())
    return "\n".join(page.extract_text() or "" for page in reader.pages) + "\n" + meta


def test_cli_writes_nothing_but_the_requested_outputs(tmp_path: Path) -> None:
    box = tmp_path / "box"
    folders = {
        k: box / k.lower()
        for k in (
            "HOME",
            "TMPDIR",
            "XDG_CONFIG_HOME",
            "XDG_CACHE_HOME",
            "XDG_DATA_HOME",
            "FAEDAH_CONFIG_DIR",
            "FAEDAH_DATA_DIR",
            "APPDATA",
            "LOCALAPPDATA",
        )
    }
    for f in folders.values():
        f.mkdir(parents=True)
    (box / "in").mkdir()
    (box / "out").mkdir()
    (box / "cwd").mkdir()
    case_file = box / "in" / "case.json"
    case_file.write_text(json.dumps(_case_doc()), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "FAEDAH_"))}
    env.update({k: str(v) for k, v in folders.items()})
    env.update(
        TEMP=str(folders["TMPDIR"]),
        TMP=str(folders["TMPDIR"]),
        PYTHONPATH=str(ROOT),
        PYTHONDONTWRITEBYTECODE="1",
        FAEDAH_RULES_DIR=str(box / "no-rules"),
        FAEDAH_COMMUTATION_FILE=str(box / "no-commutation.json"),
    )
    started = time.time() - 1
    runs = [
        ["--pdf", str(box / "out" / "summary.pdf"), "--lang", "both"],
        ["--json"],
        ["--lang", "ms", "--brief"],
    ]
    for args in runs:
        proc = subprocess.run(
            [sys.executable, "-m", "estimator.cli.main", "estimate", str(case_file), *args],
            cwd=box / "cwd",
            env=env,
            capture_output=True,
            timeout=180,
        )
        assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
        for secret in _secrets():
            assert secret not in proc.stderr, f"claimant data on stderr with {args}"
    written = sorted(str(p.relative_to(box)) for p in _files(box))
    assert written == ["in/case.json", "out/summary.pdf"]
    assert sorted(p.name for p in (box / "out").iterdir()) == ["summary.pdf"]  # no temporary file left
    # and nowhere else: no file changed since the start in the project or the system temp folder holds them
    import tempfile

    for root in (ROOT, Path(tempfile.gettempdir())):
        for p in _files(root):
            if box in p.parents or any(part.startswith("pytest-of-") for part in p.parts):
                continue  # our sandbox, and other tests' own temporary folders
            try:
                if p.stat().st_mtime < started or p.stat().st_size > 5_000_000 or not p.is_file():
                    continue
                data = p.read_bytes()
            except OSError:
                continue
            assert not any(s in data for s in _secrets()), f"claimant data written to {p}"


def test_no_log_record_or_warning_carries_claimant_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    root = logging.getLogger()
    handler = Keep(level=logging.DEBUG)
    root.addHandler(handler)
    old_level = root.level
    root.setLevel(logging.DEBUG)
    for name in list(logging.root.manager.loggerDict):
        logger = logging.getLogger(name)
        monkeypatch.setattr(logger, "disabled", False)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            c = parse_case(_case_doc())
            src = write_case_file(tmp_path / "case.json", c)
            c = read_case_file(src)
            result = estimate(c)
            render_text(result, "both")
            result.model_dump_json()
            pdf_bytes(result, c, lang="both")
            assert main(["estimate", str(src), "--pdf", str(tmp_path / "s.pdf"), "--lang", "ms"]) == 0
            bad = dict(_case_doc(), monthly_wages="x")
            (tmp_path / "bad.json").write_text(json.dumps(bad), encoding="utf-8")
            assert main(["estimate", str(tmp_path / "bad.json")]) == 2
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
    err = capsys.readouterr().err
    texts = [r.getMessage() for r in records] + [str(w.message) for w in caught] + [err]
    for text in texts:
        for secret in (NAME, IC, SPOUSE):
            assert secret not in text


def test_ic_is_masked_on_paper_by_default() -> None:
    c = parse_case(_case_doc())
    result = estimate(c)
    for lang in ("en", "ms", "both"):
        text = _pdf_text(pdf_bytes(result, c, lang=lang))
        assert MASKED in text and IC not in text and IC.replace("-", "") not in text, lang
    assert IC in _pdf_text(pdf_bytes(result, c, mask_ic=False))


def test_cli_pdf_masks_the_ic_unless_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "case.json"
    src.write_text(json.dumps(_case_doc()), encoding="utf-8")
    assert main(["estimate", str(src), "--pdf", str(tmp_path / "masked.pdf"), "--brief"]) == 0
    text = _pdf_text((tmp_path / "masked.pdf").read_bytes())
    assert MASKED in text and IC not in text
    assert main(["estimate", str(src), "--pdf", str(tmp_path / "full.pdf"), "--unmask-ic", "--brief"]) == 0
    assert IC in _pdf_text((tmp_path / "full.pdf").read_bytes())
    capsys.readouterr()


def test_the_json_result_carries_no_ic_number() -> None:
    result = estimate(parse_case(_case_doc()))
    assert IC not in result.model_dump_json()
