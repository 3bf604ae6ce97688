"""Issue 7: saving a case or exporting a PDF never loses anything.

A temporary file is written, flushed, fsynced and renamed over the target; the previous file is kept as
``<name>.bak``; a full disk or a read-only folder gives a clear message in both languages, leaves the old file
as it was and no temporary file behind.  Tests run as root (chmod does not stop root), so faults are simulated
by making the system calls fail.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from estimator import Case, estimate, parse_case, read_case_file, write_case_file
from estimator.cli.main import main
from estimator.model.fileio import WriteError, atomic_write_bytes
from tests.conftest import SAMPLES
from tests.core_helpers import FAR_FUTURE, case

SAMPLE = SAMPLES / "death_four_dependants.json"


def _case(name: str = "Old Name") -> Case:
    return parse_case(case(claimant_name=name), today=FAR_FUTURE)


def _listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _oserror(code: int) -> OSError:
    return OSError(code, os.strerror(code))


class _FailingFile:
    """A file object whose write puts part of the data on disk, then fails (the disk fills up mid-write)."""

    def __init__(self, real: Any, code: int) -> None:
        self.real, self.code = real, code

    def write(self, data: bytes) -> int:
        self.real.write(data[: len(data) // 2])
        self.real.flush()
        raise _oserror(self.code)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def __enter__(self) -> _FailingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.real.close()


def _fault(monkeypatch: pytest.MonkeyPatch, where: str, code: int) -> None:
    if where == "write":
        real_fdopen = os.fdopen
        monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: _FailingFile(real_fdopen(fd, *a, **k), code))
    elif where == "fsync":
        monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(_oserror(code)))
    elif where == "mkstemp":  # the folder refuses new files (read-only folder or medium)
        monkeypatch.setattr(tempfile, "mkstemp", lambda *a, **k: (_ for _ in ()).throw(_oserror(code)))
    elif where == "replace":  # the rename fails (file locked by another program, medium pulled out)
        monkeypatch.setattr(os, "replace", lambda *a, **k: (_ for _ in ()).throw(_oserror(code)))
    else:  # pragma: no cover
        raise AssertionError(where)


FAULTS = [
    ("write", errno.ENOSPC, "The disk is full", "Cakera penuh"),
    ("write", errno.EDQUOT, "The disk is full", "Cakera penuh"),
    ("fsync", errno.ENOSPC, "The disk is full", "Cakera penuh"),
    ("mkstemp", errno.EACCES, "No permission to write", "Tiada kebenaran untuk menulis"),
    ("mkstemp", errno.EROFS, "No permission to write", "Tiada kebenaran untuk menulis"),
    ("replace", errno.EACCES, "No permission to write", "Tiada kebenaran untuk menulis"),
    ("replace", errno.EIO, "Could not write", "Tidak dapat menulis"),
]


def test_save_writes_atomically_and_keeps_the_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "case.json"
    write_case_file(target, _case("First"))
    first = target.read_bytes()
    assert not (tmp_path / "case.json.bak").exists()
    write_case_file(target, _case("Second"))
    second = target.read_bytes()
    assert (tmp_path / "case.json.bak").read_bytes() == first
    write_case_file(target, _case("Third"))
    assert (tmp_path / "case.json.bak").read_bytes() == second
    assert read_case_file(target, today=FAR_FUTURE).claimant_name == "Third"
    assert sorted(_listing(tmp_path)) == ["case.json", "case.json.bak"]


def test_the_data_is_flushed_to_disk_before_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append("fsync")
        real_fsync(fd)

    def replace(a: str, b: str) -> None:
        events.append("replace")
        real_replace(a, b)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    write_case_file(tmp_path / "case.json", _case())
    assert "fsync" in events and events.index("fsync") < events.index("replace")


def test_backup_is_kept_where_hard_links_do_not_exist(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FAT/exFAT USB sticks have no hard links: the backup is a copy."""
    target = tmp_path / "case.json"
    write_case_file(target, _case("First"))
    first = target.read_bytes()
    monkeypatch.setattr(os, "link", lambda *a, **k: (_ for _ in ()).throw(_oserror(errno.EPERM)))
    write_case_file(target, _case("Second"))
    assert (tmp_path / "case.json.bak").read_bytes() == first
    assert sorted(_listing(tmp_path)) == ["case.json", "case.json.bak"]


def test_a_failed_backup_never_blocks_the_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "case.json"
    write_case_file(target, _case("First"))
    write_case_file(target, _case("Second"))
    old_bak = (tmp_path / "case.json.bak").read_bytes()
    monkeypatch.setattr(os, "link", lambda *a, **k: (_ for _ in ()).throw(_oserror(errno.EPERM)))
    monkeypatch.setattr(shutil, "copyfile", lambda *a, **k: (_ for _ in ()).throw(_oserror(errno.EIO)))
    write_case_file(target, _case("Third"))
    assert read_case_file(target, today=FAR_FUTURE).claimant_name == "Third"
    assert (tmp_path / "case.json.bak").read_bytes() == old_bak  # the last good backup is not destroyed
    assert sorted(_listing(tmp_path)) == ["case.json", "case.json.bak"]


@pytest.mark.parametrize(
    ("where", "code", "en", "ms"), FAULTS, ids=[f"{w}-{errno.errorcode[c]}" for w, c, _, _ in FAULTS]
)
def test_a_failed_save_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, code: int, en: str, ms: str
) -> None:
    target = tmp_path / "case.json"
    write_case_file(target, _case("First"))
    write_case_file(target, _case("Second"))
    before = _listing(tmp_path)
    _fault(monkeypatch, where, code)
    with pytest.raises(WriteError) as err:
        write_case_file(target, _case("Third"))
    monkeypatch.undo()
    assert en in err.value.message["en"] and ms in err.value.message["ms"]
    assert "case.json" in err.value.message["en"] and "case.json" in err.value.message["ms"]
    assert _listing(tmp_path) == before  # old file and backup unchanged, no temporary file left
    assert read_case_file(target, today=FAR_FUTURE).claimant_name == "Second"


def test_an_interrupted_save_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Power cut or Ctrl+C between writing and renaming: the old file stays whole, the temporary file goes."""
    target = tmp_path / "case.json"
    write_case_file(target, _case("First"))
    before = target.read_bytes()

    def interrupted(*a: object, **k: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_case_file(target, _case("Second"))
    monkeypatch.undo()
    assert target.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(
    ("target", "en", "ms"),
    [
        ("no-such-folder/case.json", "does not exist", "tidak wujud"),
        ("a-file/case.json", "Could not write", "Tidak dapat menulis"),
    ],
)
def test_impossible_targets(tmp_path: Path, target: str, en: str, ms: str) -> None:
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(WriteError) as err:
        write_case_file(tmp_path / target, _case())
    assert en in err.value.message["en"] and ms in err.value.message["ms"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_unreadable_file_is_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from estimator import CaseError

    target = tmp_path / "case.json"
    write_case_file(target, _case())
    from estimator.engine import safeio

    monkeypatch.setattr(
        safeio,
        "read_regular_file",
        lambda path, limit: (_ for _ in ()).throw(PermissionError(errno.EACCES, "Permission denied")),
    )
    import estimator.model.casefile as casefile

    monkeypatch.setattr(casefile, "read_regular_file", safeio.read_regular_file)
    with pytest.raises(CaseError) as err:
        read_case_file(target)
    (p,) = err.value.problems
    assert p.code == "unreadable" and "Permission denied" in p.message["en"]
    assert p.message["ms"].startswith("Tidak dapat membaca")


def test_a_broken_character_in_the_apps_meta_still_saves(tmp_path: Path) -> None:
    c = parse_case(case(meta={"note": "a\ud800b", "page": 3}), today=FAR_FUTURE)
    target = write_case_file(tmp_path / "case.json", c)
    again = read_case_file(target, today=FAR_FUTURE)
    assert again.meta == {"note": "a\ud800b", "page": 3}


def test_round_trip_of_every_sample_loses_nothing(tmp_path: Path) -> None:
    from estimator import case_to_dict

    for sample in sorted(SAMPLES.glob("*.json")):
        c = read_case_file(sample, today=FAR_FUTURE)
        again = read_case_file(write_case_file(tmp_path / sample.name, c), today=FAR_FUTURE)
        assert case_to_dict(again) == case_to_dict(c), sample.name


# ----------------------------------------------------------------------------------------------- PDF export


def _pdf_inputs() -> tuple[Any, Case]:
    c = read_case_file(SAMPLE)
    return estimate(c), c


@pytest.mark.parametrize(
    ("where", "code", "en", "ms"), FAULTS[:5], ids=[f"{w}-{errno.errorcode[c]}" for w, c, _, _ in FAULTS[:5]]
)
def test_a_failed_pdf_export_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, code: int, en: str, ms: str
) -> None:
    from estimator.render.pdf import pdf_bytes, write_pdf

    result, c = _pdf_inputs()
    target = tmp_path / "summary.pdf"
    target.write_bytes(b"%PDF-1.4 the previous export")
    before = _listing(tmp_path)
    data = pdf_bytes(result, c)  # built before the fault: only the writing fails
    monkeypatch.setattr("estimator.render.pdf.pdf_bytes", lambda *a, **k: data)
    _fault(monkeypatch, where, code)
    with pytest.raises(WriteError) as err:
        write_pdf(result, c, target)
    monkeypatch.undo()
    assert en in err.value.message["en"] and ms in err.value.message["ms"]
    assert _listing(tmp_path) == before


def test_pdf_export_replaces_the_previous_pdf_without_a_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An earlier PDF (perhaps with the full IC) must not linger as .bak beside the new one."""
    from estimator.render.pdf import write_pdf

    result, c = _pdf_inputs()
    monkeypatch.setattr("estimator.render.pdf.pdf_bytes", lambda *a, **k: b"%PDF-1.4 new")
    target = tmp_path / "summary.pdf"
    target.write_bytes(b"%PDF-1.4 old")
    write_pdf(result, c, target)
    assert target.read_bytes() == b"%PDF-1.4 new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summary.pdf"]


@pytest.mark.parametrize(("lang", "text"), [("en", "No permission to write"), ("ms", "Tiada kebenaran")])
def test_cli_pdf_to_a_read_only_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], lang: str, text: str
) -> None:
    import estimator.render.pdf as report

    target = tmp_path / "out.pdf"
    target.write_bytes(b"%PDF-1.4 previous")
    monkeypatch.setattr(report, "pdf_bytes", lambda *a, **k: b"%PDF-1.4 new")
    _fault(monkeypatch, "mkstemp", errno.EROFS)
    rc = main(["estimate", str(SAMPLE), "--pdf", str(target), "--lang", lang, "--brief"])
    monkeypatch.undo()
    err = capsys.readouterr().err
    assert rc == 1 and text in err and "Traceback" not in err
    assert err.strip().count("\n") == 0  # one line
    assert target.read_bytes() == b"%PDF-1.4 previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]


def test_cli_pdf_to_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(
        ["estimate", str(SAMPLE), "--pdf", str(tmp_path / "nope" / "out.pdf"), "--lang", "ms", "--brief"]
    )
    err = capsys.readouterr().err
    assert rc == 1 and "tidak wujud" in err and "Traceback" not in err


def test_atomic_write_is_used_for_bytes_and_rejects_nothing_silently(tmp_path: Path) -> None:
    write: Callable[..., Path] = atomic_write_bytes
    p = write(tmp_path / "x.bin", b"\x00\x01")
    assert p.read_bytes() == b"\x00\x01"
    write(tmp_path / "x.bin", b"", backup=False)
    assert p.read_bytes() == b"" and not (tmp_path / "x.bin.bak").exists()


# ------------------------------------------------------------------------------------ adversary findings (files)

needs_posix = pytest.mark.skipif(os.name != "posix", reason="POSIX special files")


@needs_posix
def test_cli_pdf_to_a_device_is_refused_and_the_device_stays(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["estimate", str(SAMPLE), "--pdf", "/dev/null"]) == 1
    err = capsys.readouterr().err
    assert "/dev/null" in err and "not a file" in err
    assert Path("/dev/null").is_char_device() and not Path("/dev/null.bak").exists()


@needs_posix
def test_a_fifo_or_endless_device_as_the_case_file_is_refused_at_once(tmp_path: Path) -> None:
    from estimator import CaseError

    fifo = tmp_path / "case.json"
    os.mkfifo(fifo)
    for source in (fifo, Path("/dev/zero"), Path("/dev/urandom")):
        with pytest.raises(CaseError) as err:
            read_case_file(source)
        assert err.value.problems[0].code == "not_regular"
        assert str(source) in err.value.problems[0].message["en"]


def test_the_size_limit_counts_bytes_read_not_st_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from estimator import CaseError
    from estimator.engine import safeio

    big = tmp_path / "big.json"
    big.write_bytes(b" " * 2_000_000)
    real_fstat = os.fstat
    monkeypatch.setattr(safeio.os, "fstat", lambda fd: _claim_small(real_fstat(fd)))
    with pytest.raises(CaseError) as err:
        read_case_file(big)
    assert err.value.problems[0].code == "too_large"


def _claim_small(info: os.stat_result) -> os.stat_result:
    values = list(info)
    values[6] = 10  # st_size lies
    return os.stat_result(values)


def test_pdf_onto_the_case_file_itself_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "case.json"
    shutil.copyfile(SAMPLE, target)
    before = target.read_bytes()
    assert main(["estimate", str(target), "--pdf", str(target)]) == 1
    assert "being read" in capsys.readouterr().err
    assert target.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["case.json"]


@needs_posix
def test_a_symlinked_target_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    write_case_file(real, _case("First"))
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_case_file(link, _case("Second"))
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert read_case_file(real, today=FAR_FUTURE).claimant_name == "Second"


@needs_posix
def test_a_read_only_target_is_refused_with_a_message(tmp_path: Path) -> None:
    target = tmp_path / "case.json"
    write_case_file(target, _case("Kept"))
    target.chmod(0o444)
    with pytest.raises(WriteError) as err:
        write_case_file(target, _case("New"))
    assert "read-only" in err.value.message["en"] and str(target) in err.value.message["en"]
    assert "baca sahaja" in err.value.message["ms"]
    assert read_case_file(target, today=FAR_FUTURE).claimant_name == "Kept"


def test_two_savers_of_one_case_do_not_lose_an_update_silently(tmp_path: Path) -> None:
    from estimator.model.casefile import open_case_file
    from estimator.model.fileio import ChangedOnDisk

    target = tmp_path / "case.json"
    write_case_file(target, _case("Start"))
    _, stamp_a = open_case_file(target, today=FAR_FUTURE)
    _, stamp_b = open_case_file(target, today=FAR_FUTURE)
    write_case_file(target, _case("Window A"), expected=stamp_a)
    with pytest.raises(ChangedOnDisk) as err:
        write_case_file(target, _case("Window B"), expected=stamp_b)
    assert str(target) in err.value.message["en"] and err.value.message["ms"]
    assert read_case_file(target, today=FAR_FUTURE).claimant_name == "Window A"
    write_case_file(target, _case("Window B"), expected=stamp_b, overwrite_changed=True)  # the user said yes
    assert read_case_file(target, today=FAR_FUTURE).claimant_name == "Window B"


def test_stale_temp_files_of_a_killed_save_are_removed(tmp_path: Path) -> None:
    from estimator.model.fileio import remove_stale_temp_files

    dead = tmp_path / ".case.json.faedah-999999999-abc.tmp"
    dead.write_text('{"claimant_name": "Secret"}')
    old = tmp_path / f".case.json.faedah-{os.getpid()}-old.tmp"
    old.write_text("x")
    os.utime(old, (0, 0))
    mine = tmp_path / f".case.json.faedah-{os.getpid()}-live.tmp"
    mine.write_text("x")
    other = tmp_path / ".notes.tmp"
    other.write_text("not ours")
    removed = remove_stale_temp_files([tmp_path])
    assert sorted(p.name for p in removed) == sorted([dead.name, old.name])
    assert mine.exists() and other.exists()


def test_a_bak_that_is_a_hard_link_of_its_target_leaves_no_stray_temp(tmp_path: Path) -> None:
    target = tmp_path / "case.json"
    write_case_file(target, _case("One"))
    os.link(target, tmp_path / "case.json.bak")
    for name in ("Two", "Three"):
        write_case_file(target, _case(name))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.json", "case.json.bak"]
    assert read_case_file(tmp_path / "case.json.bak", today=FAR_FUTURE).claimant_name == "Two"


def test_cli_writes_the_pdf_with_stdout_closed(tmp_path: Path) -> None:
    import subprocess
    import sys

    out = tmp_path / "o.pdf"
    code = "import sys; from estimator.cli.main import main; sys.exit(main(sys.argv[1:]))"
    proc = subprocess.run(
        [sys.executable, "-c", code, "estimate", str(SAMPLE), "--pdf", str(out)],
        stdout=subprocess.DEVNULL if os.name != "posix" else None,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parent.parent,
        **({"preexec_fn": lambda: os.close(1)} if os.name == "posix" else {}),
    )
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes().startswith(b"%PDF") and "Traceback" not in proc.stderr


def test_the_app_asks_before_overwriting_a_case_changed_on_disk(tmp_path: Path) -> None:
    """The GUI's Save (ui.core.Core) keeps the stamp of the file it opened and refuses to overwrite it silently."""
    import json

    from estimator.model.fileio import ChangedOnDisk
    from ui.core import Core

    path = tmp_path / "case.json"
    shutil.copy(Path(__file__).resolve().parent.parent / "samples" / "tdb_work_accident.json", path)
    core = Core()
    assert core.load()
    case = core.read_case(path)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["notes"] = "edited on another counter PC"
    path.write_text(json.dumps(document), encoding="utf-8")
    other = path.read_bytes()
    with pytest.raises(ChangedOnDisk):
        core.write_case(path, case)
    assert path.read_bytes() == other  # nothing replaced
    core.write_case(path, case, overwrite_changed=True)  # the clerk said yes
    core.write_case(path, case)  # and the next save knows the file it wrote
