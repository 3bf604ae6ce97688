"""Faults found by running Faedah on Windows (under Wine, scripts/test-windows.sh), each pinned here so that it
also fails on Linux: the Windows behaviour is reproduced where it can be (no ``O_NONBLOCK``, ``set_blocking``
refusing a regular file, a cp1252 stdout, WinError 32), and the rest runs for real under scripts/test-windows.sh.
"""

from __future__ import annotations

import errno
import importlib.util
import io
import os
import sys
import tomllib
from pathlib import Path

import pytest

from estimator.cli.main import main
from estimator.engine import safeio
from estimator.model import fileio

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "tdb_work_accident.json"


# -- safeio: a regular file read never calls set_blocking --------------------------------------------------


def test_regular_file_read_never_calls_set_blocking(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows has no ``O_NONBLOCK``, and since Python 3.12 its ``os.set_blocking`` fails on anything but a pipe
    ("Invalid function", CPython gh-101881): every case and rule pack read failed on Windows Python 3.13."""
    target = tmp_path / "case.json"
    target.write_bytes(b'{"a": 1}')

    def windows_set_blocking(fd: int, blocking: bool) -> None:
        raise OSError(errno.EINVAL, "Invalid function")

    monkeypatch.setattr(os, "set_blocking", windows_set_blocking, raising=False)
    assert (
        safeio.read_regular_file(target, 100) == b'{"a": 1}'
    )  # (this platform's flags: O_NONBLOCK on POSIX)
    if hasattr(os, "O_NONBLOCK"):
        monkeypatch.delattr(os, "O_NONBLOCK")
    assert safeio.read_regular_file(target, 100) == b'{"a": 1}'


def test_real_regular_file_read(tmp_path: Path) -> None:
    """The real call on this platform (under Wine: Windows' own ``os``)."""
    target = tmp_path / "pack.json"
    target.write_bytes(b"x" * 70_000)
    assert safeio.read_regular_file(target, 70_000) == b"x" * 70_000
    with pytest.raises(safeio.TooLarge):
        safeio.read_regular_file(target, 69_999)


# -- the CLI's text: UTF-8 when redirected, the console's encoding when interactive -----------------------


class _Redirected(io.TextIOWrapper):
    """A stdout redirected to a file on a Windows machine: cp1252 (the ANSI code page), not a terminal."""

    def __init__(self, tty: bool = False) -> None:
        super().__init__(io.BytesIO(), encoding="cp1252", errors="strict")
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty

    def data(self) -> bytes:
        self.flush()
        buffer = self.buffer
        assert isinstance(buffer, io.BytesIO)
        return buffer.getvalue()


def test_cli_text_redirected_is_utf8(monkeypatch: pytest.MonkeyPatch) -> None:
    out = _Redirected()
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["estimate", str(SAMPLE), "--lang", "both"]) == 0
    text = out.data().decode("utf-8")  # not cp1252: "×" and "→" survive a redirect to a file or a pipe
    assert "→" in text and "×" in text


def test_cli_text_on_a_console_keeps_its_encoding_and_never_crashes(monkeypatch: pytest.MonkeyPatch) -> None:
    out = _Redirected(tty=True)
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["estimate", str(SAMPLE), "--lang", "both"]) == 0
    assert out.encoding == "cp1252"
    out.data().decode("cp1252")  # what the console can show, the rest replaced


# -- --version: one version, read from estimator/__init__.py ------------------------------------------------


def test_version_has_one_source(capsys: pytest.CaptureFixture[str]) -> None:
    import estimator

    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"faedah {estimator.__version__}"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"]
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "estimator.__version__"}


# -- WinError 32: the file is open in another program, not "no permission" --------------------------------


@pytest.mark.parametrize("winerror", [32, 33])
def test_file_open_in_another_program_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, winerror: int
) -> None:
    target = tmp_path / "summary.pdf"
    target.write_bytes(b"%PDF-old")

    def locked_replace(src: str, dst: object) -> None:
        exc = PermissionError(errno.EACCES, "The process cannot access the file", str(dst))
        exc.winerror = winerror  # type: ignore[attr-defined]  # set by Windows itself there
        raise exc

    monkeypatch.setattr(fileio.os, "replace", locked_replace)
    with pytest.raises(fileio.WriteError) as info:
        fileio.atomic_write_bytes(target, b"%PDF-new")
    message = info.value.message
    assert "another program" in message["en"] and "program lain" in message["ms"]
    assert "permission" not in message["en"].lower()
    assert target.read_bytes() == b"%PDF-old"


# -- the frozen build keeps multiprocessing, and its CLI entry point calls freeze_support() first ----------


def test_frozen_cli_keeps_multiprocessing_with_freeze_support() -> None:
    spec = importlib.util.spec_from_file_location("faedah_slim_w", ROOT / "packaging" / "slim.py")
    assert spec is not None and spec.loader is not None
    slim = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(slim)
    excluded = set(slim.EXCLUDED_MODULES)
    assert excluded and not {"multiprocessing", "_multiprocessing", "pickle"} & excluded
    entry = (ROOT / "packaging" / "entry_cli.py").read_text(encoding="utf-8")
    assert entry.index("multiprocessing.freeze_support()") < entry.index("sys.exit(main())")


# -- a target under a file: Windows says "path not found" (ENOENT), POSIX "not a directory" ------------------


def test_a_target_under_a_file_is_not_a_missing_folder(tmp_path: Path) -> None:
    """On Windows both the stat and the temporary file under ``a-file/`` fail with ENOENT ("path not found"):
    the message must not say that the folder does not exist (it exists, as a file)."""
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    windows = FileNotFoundError(errno.ENOENT, "The system cannot find the path specified")
    message = fileio._message(tmp_path / "a-file" / "case.json", windows)
    assert "Could not write" in message["en"] and "does not exist" not in message["en"]
    assert "Tidak dapat menulis" in message["ms"]


def test_a_missing_folder_is_still_named(tmp_path: Path) -> None:
    with pytest.raises(fileio.WriteError) as info:
        fileio.atomic_write_bytes(tmp_path / "no-such-folder" / "case.json", b"{}")
    assert "does not exist" in info.value.message["en"]
