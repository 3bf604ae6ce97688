"""Writing only where it is safe: a temporary file in the same folder, flushed and fsynced, then renamed over the
target, and the folder synced.

* A target that exists and is not a regular file (device such as ``/dev/null``, FIFO, socket, folder) is refused,
  and so is a target that is one of the files being read (``protect``: the case file given to ``--pdf``).
* A symlink is written *through*: the file it points to is replaced atomically, the link stays a link.
* A read-only target is refused with a clear message (never replaced behind the user's back).
* ``backup=True`` keeps the previous file as ``<name>.bak`` (a hard link where the file system has them, else a
  copy); a ``.bak`` that already is the target (a hard link of it) is left as it is.  Exported PDFs are written
  with ``backup=False``: an earlier, unmasked PDF must not linger beside the new one.
* Our temporary files are named ``.<name>.faedah-<pid>-<random>.tmp``; :func:`remove_stale_temp_files` (called by
  the CLI and at the app's start) removes those a killed process left behind, so claimant data does not linger.
* :func:`stamp_of` / :func:`check_unchanged`: a case file changed on disk since it was opened (size, mtime,
  SHA-256) raises :class:`ChangedOnDisk` before it is overwritten.

* :func:`csv_bytes`: a CSV export (UTF-8 with a BOM, as Excel expects) whose cells cannot be taken for a formula:
  a cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading single quote
  (:func:`neutralise_cell`, as OWASP recommends against CSV injection).

Every failure raises :class:`WriteError` with a message in both languages naming the file; the target is then as
it was and no temporary file is left behind.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import hashlib
import io
import os
import re
import shutil
import stat
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from estimator.engine.i18n import Text, tr
from estimator.engine.safeio import file_kind

TEMP_MARK = ".faedah-"
TEMP_SUFFIX = ".tmp"
STALE_AFTER_SECONDS = 3600
_TEMP_NAME = re.compile(r"^\..*\.faedah-(\d+)-[^.]*\.tmp$", re.ASCII)
_MAX_STEM = 80  # keep the temporary name within the file system's 255-byte limit


class WriteError(Exception):
    def __init__(self, path: Path, message: Text) -> None:
        super().__init__(message["en"])
        self.path = path
        self.message = message

    def __reduce__(self) -> tuple[type[WriteError], tuple[Path, Text]]:
        """Pickled with both arguments (a process pool sends it back whole, never a TypeError)."""
        return (type(self), (self.path, self.message))


class ChangedOnDisk(WriteError):
    """The file changed on disk since it was opened or last saved: ask the user before overwriting."""


@dataclass(frozen=True)
class FileStamp:
    size: int
    mtime_ns: int
    sha256: str


def stamp_of(path: Path, data: bytes) -> FileStamp:
    """The stamp of ``path`` whose content (just read or written) is ``data``."""
    try:
        info = os.stat(path)
        size, mtime = info.st_size, info.st_mtime_ns
    except OSError:
        size, mtime = len(data), 0
    return FileStamp(size=size, mtime_ns=mtime, sha256=hashlib.sha256(data).hexdigest())


def stamp_file(path: Path | str, limit: int = 50_000_000) -> FileStamp | None:
    """The stamp of the file as it is now; None when there is no such regular file."""
    from estimator.engine.safeio import UnsafeInput, read_regular_file

    try:
        return stamp_of(Path(path), read_regular_file(path, limit))
    except (OSError, UnsafeInput):
        return None


def check_unchanged(
    path: Path | str, expected: FileStamp, message_key: str = "rel.err.changed_on_disk"
) -> None:
    """Raise :class:`ChangedOnDisk` when ``path`` is no longer what ``expected`` describes.  A file that is gone
    is not a conflict (saving re-creates it); same size and mtime is taken as unchanged; otherwise the content
    decides (a copy with a new mtime but the same bytes is no conflict)."""
    path = Path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return
    except OSError:
        return  # the write itself reports what is wrong
    if info.st_size == expected.size and info.st_mtime_ns == expected.mtime_ns:
        return
    now = stamp_file(path)
    if now is not None and now.sha256 == expected.sha256:
        return
    raise ChangedOnDisk(path, tr(message_key, path=str(path)))


def _under_a_file(path: Path) -> bool:
    """Whether a folder on the way to ``path`` is in fact a file (the folder does exist, as a file)."""
    return any(parent.exists() and not parent.is_dir() for parent in path.parents)


_IN_USE_WINERRORS = (32, 33)  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION: open in another program


def _message(path: Path, exc: OSError) -> Text:
    if (
        getattr(exc, "winerror", None) in _IN_USE_WINERRORS
    ):  # Windows: a PDF open in a viewer, not "no permission"
        return tr("err.file_in_use", path=str(path))
    if exc.errno in (errno.ENOENT, errno.ENOTDIR) and _under_a_file(
        path
    ):  # Windows says ENOENT, POSIX ENOTDIR
        return tr("err.write_failed", path=str(path), reason=os.strerror(errno.ENOTDIR))
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return tr("err.disk_full", path=str(path))
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return tr("err.no_permission", path=str(path))
    if exc.errno == errno.ENOENT:
        return tr("err.no_folder", path=str(path.parent))
    return tr("err.write_failed", path=str(path), reason=exc.strerror or str(exc))


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _temp_prefix(name: str) -> str:
    return f".{name[:_MAX_STEM]}{TEMP_MARK}{os.getpid()}-"


def _keep_backup(path: Path) -> None:
    """The previous file becomes ``<name>.bak``: a hard link where the file system has them, else a copy
    (FAT/exFAT USB sticks, some network shares).  The old backup is replaced only once the new one is
    complete.  Never fatal: the save itself goes on."""
    bak = path.with_name(path.name + ".bak")
    with contextlib.suppress(OSError):
        if _same_file(os.stat(bak), os.stat(path)):  # already the previous file: the rename keeps it
            return
    with contextlib.suppress(OSError):
        if not stat.S_ISREG(os.lstat(bak).st_mode):  # never replace a link, folder or device named .bak
            return
    tmp_bak = ""
    try:
        fd, tmp_bak = tempfile.mkstemp(prefix=_temp_prefix(bak.name), suffix=TEMP_SUFFIX, dir=path.parent)
        os.close(fd)
        os.unlink(tmp_bak)
        try:
            os.link(path, tmp_bak)
        except OSError:
            shutil.copyfile(path, tmp_bak)
        os.replace(tmp_bak, bak)
    except OSError:
        pass
    finally:
        if tmp_bak:  # rename() between two links of one file is a no-op that leaves the source: remove it
            with contextlib.suppress(OSError):
                os.unlink(tmp_bak)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no directory handles to sync)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    with contextlib.suppress(OSError):
        dfd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


def _usual_mode(tmp_name: str, old: os.stat_result | None) -> None:
    """mkstemp makes the file private (0600); give it the mode an ordinary new file (or the old file) has."""
    if old is not None:
        mode = old.st_mode & 0o777
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    with contextlib.suppress(OSError):
        os.chmod(tmp_name, mode)


def resolve_target(path: Path) -> Path:
    """The file a write to ``path`` must replace: the end of a symlink chain, else ``path`` itself."""
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def check_target(path: Path | str, protect: Iterable[Path | str] = ()) -> Path:
    """The real file to replace for ``path``; raises :class:`WriteError` when writing there is not safe."""
    shown = Path(path)
    try:
        target = resolve_target(shown)  # a name too long for the file system raises here already
    except OSError as exc:
        raise WriteError(shown, _message(shown, exc)) from exc
    try:
        info: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise WriteError(shown, _message(shown, exc)) from exc
    if info is None:
        return target
    if not stat.S_ISREG(info.st_mode):
        raise WriteError(
            shown, tr("rel.err.target_not_regular", path=str(shown), kind=file_kind(info.st_mode))
        )
    for other in protect:
        with contextlib.suppress(OSError):
            if _same_file(info, os.stat(other)):
                raise WriteError(shown, tr("rel.err.target_is_input", path=str(shown)))
    if not info.st_mode & 0o222:
        raise WriteError(shown, tr("rel.err.target_read_only", path=str(shown)))
    return target


def atomic_write_bytes(
    path: Path | str,
    data: bytes,
    backup: bool = True,
    *,
    protect: Iterable[Path | str] = (),
    private: bool = False,
) -> Path:
    """Write ``data`` to ``path`` safely (see the module docstring); returns ``path``.  ``private``: the file is
    readable by its owner only (0600 on POSIX): drafts and logs."""
    shown = Path(path)
    target = check_target(shown, protect)
    tmp_name = ""
    try:
        try:
            old: os.stat_result | None = os.stat(target)
        except FileNotFoundError:
            old = None
        fd, tmp_name = tempfile.mkstemp(
            prefix=_temp_prefix(target.name), suffix=TEMP_SUFFIX, dir=target.parent
        )
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if not private:
            _usual_mode(tmp_name, old)
        if backup and old is not None:
            _keep_backup(target)
        os.replace(tmp_name, target)
        tmp_name = ""
        _sync_folder(target.parent)
        return shown
    except OSError as exc:
        raise WriteError(shown, _message(shown, exc)) from exc
    finally:
        if tmp_name:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def atomic_write_text(
    path: Path | str,
    text: str,
    backup: bool = True,
    *,
    protect: Iterable[Path | str] = (),
    private: bool = False,
) -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"), backup=backup, protect=protect, private=private)


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":  # os.kill on Windows terminates: go by age alone there
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def remove_stale_temp_files(folders: Iterable[Path | str], now: float | None = None) -> list[Path]:
    """Remove temporary files of ours (``.<name>.faedah-<pid>-….tmp``) left by a killed process in ``folders``:
    those whose process is gone (POSIX), or older than an hour.  Never fatal; returns what was removed."""
    removed: list[Path] = []
    moment = time.time() if now is None else now
    for folder in {Path(f) for f in folders}:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            match = _TEMP_NAME.match(entry.name)
            if not match:
                continue
            try:
                info = entry.stat(follow_symlinks=False)
                if not stat.S_ISREG(info.st_mode):
                    continue
                old = moment - info.st_mtime > STALE_AFTER_SECONDS
                if old or not _process_alive(int(match.group(1))):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
            except OSError:
                continue
    return removed


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_BOM = "\ufeff"


def neutralise_cell(text: str) -> str:
    """A cell a spreadsheet shows as text: one that begins like a formula gets a leading single quote."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]], newline: str = "\n") -> str:
    """CSV text of ``header`` and ``rows`` with every cell neutralised (no BOM: for a terminal or a pipe)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=newline)
    writer.writerow([neutralise_cell(c) for c in header])
    for row in rows:
        writer.writerow([neutralise_cell(c) for c in row])
    return buffer.getvalue()


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """The bytes of a CSV export: UTF-8 with a BOM (Excel reads non-ASCII names right), cells neutralised."""
    return (CSV_BOM + csv_text(header, rows, "\r\n")).encode("utf-8", errors="replace")
