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
    written = sorted(p.relative_to(box).as_posix() for p in _files(box))
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


# ------------------------------------------------------------------------------------ adversary findings (privacy)


def _pdf_meta(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(str(v) for v in (reader.metadata or {}).values())


def test_re_exporting_masked_leaves_no_unmasked_pdf_behind(tmp_path: Path) -> None:
    src = tmp_path / "case.json"
    src.write_text(json.dumps(_case_doc()), encoding="utf-8")
    out = tmp_path / "s.pdf"
    assert main(["estimate", str(src), "--pdf", str(out), "--unmask-ic"]) == 0
    assert main(["estimate", str(src), "--pdf", str(out)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.json", "s.pdf"]
    assert IC not in _pdf_text(out.read_bytes())


def test_masked_ic_is_not_printed_beside_the_full_date_of_birth() -> None:
    c = parse_case(_case_doc())
    text = _pdf_text(pdf_bytes(estimate(c), c))
    born = c.date_of_birth
    assert MASKED in text and born.isoformat() not in text
    assert f"{born.day:02d}/{born.month:02d}/{born.year}" not in text
    assert f"{born.month:02d}/{born.year}" in text  # month and year only


def test_an_ic_typed_as_the_case_reference_is_masked_everywhere() -> None:
    doc = _case_doc()
    doc["case_reference"] = IC
    c = parse_case(doc)
    data = pdf_bytes(estimate(c), c)
    text = _pdf_text(data)
    assert IC not in text and IC.replace("-", "") not in text and MASKED in text
    meta = _pdf_meta(data)
    assert NAME not in meta and IC not in meta
    shown = pdf_bytes(estimate(c), c, mask_ic=False)
    assert IC in _pdf_text(shown)


def test_pdf_metadata_holds_no_name_or_ic() -> None:
    c = parse_case(_case_doc())
    for masked in (True, False):
        meta = _pdf_meta(pdf_bytes(estimate(c), c, mask_ic=masked))
        assert NAME not in meta and IC not in meta and "7777" not in meta


def test_reference_for_print_masks_ic_like_parts_only() -> None:
    from estimator.render.pdf import reference_for_print

    assert reference_for_print("KES/991231-14-7777/A") == "KES/******-**-7777/A"
    assert reference_for_print("991231147777") == "********7777"
    assert reference_for_print("PERKESO-2025-000123") == "PERKESO-2025-000123"
    assert reference_for_print("991231-14-7777", masked=False) == IC


def test_print_full_ic_applies_to_one_export_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("PySide6")
    monkeypatch.setenv("FAEDAH_CONFIG_DIR", str(tmp_path))
    from ui.settings import Settings

    s = Settings([])
    s.unmask_ic = True
    assert s.take_unmask_ic() is True
    assert s.take_unmask_ic() is False and Settings([]).unmask_ic is False


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_drafts_and_logs_are_readable_by_the_user_alone(tmp_path: Path) -> None:
    from ui import crash
    from ui.draft import Drafts

    drafts = Drafts(tmp_path / "data")
    assert drafts.save({"claimant_name": NAME})
    assert drafts.path.stat().st_mode & 0o777 == 0o600
    crash.install(tmp_path / "data")
    try:
        raise ValueError(NAME)
    except ValueError as exc:
        path = crash.write_log(type(exc), exc.__traceback__)
    assert path is not None and path.stat().st_mode & 0o777 == 0o600
    assert NAME.encode() not in path.read_bytes()


def test_gui_logging_goes_to_the_log_file_never_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys as _sys

    from ui import crash

    hooks = (_sys.excepthook, _sys.unraisablehook, logging.lastResort, list(logging.getLogger().handlers))
    try:
        crash.install(tmp_path)
        try:
            raise RuntimeError(f"secret {NAME}")
        except RuntimeError:
            logging.getLogger("ui.printing").exception("printing failed for %s", NAME)
        logging.getLogger("ui.x").warning("plain %s", IC)
        err = capsys.readouterr().err
        assert err == ""
        log = crash.log_path().read_text(encoding="utf-8")
        assert "RuntimeError" in log and NAME not in log and IC not in log
    finally:
        _sys.excepthook, _sys.unraisablehook = hooks[0], hooks[1]
        logging.lastResort = hooks[2]
        root = logging.getLogger()
        for handler in list(root.handlers):
            if handler not in hooks[3]:
                root.removeHandler(handler)
