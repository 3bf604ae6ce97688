"""Atomic file writes: a temporary file in the same folder, flushed and fsynced, then renamed over the target.

The previous file is kept as ``<name>.bak``.  A failure (read-only folder, full disk) leaves the target as it
was and raises :class:`WriteError` with a message in both languages.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from pathlib import Path

from estimator.engine.i18n import Text, tr


class WriteError(Exception):
    def __init__(self, path: Path, message: Text) -> None:
        super().__init__(message["en"])
        self.path = path
        self.message = message


def _message(path: Path, exc: OSError) -> Text:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return tr("err.disk_full", path=str(path))
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return tr("err.no_permission", path=str(path))
    if exc.errno == errno.ENOENT:
        return tr("err.no_folder", path=str(path.parent))
    return tr("err.write_failed", path=str(path), reason=exc.strerror or str(exc))


def _keep_backup(path: Path) -> None:
    """The previous file becomes ``<name>.bak``: a hard link where the file system has them, else a copy
    (FAT/exFAT USB sticks, some network shares).  The old backup is replaced only once the new one is
    complete.  Never fatal: the save itself goes on."""
    bak = path.with_name(path.name + ".bak")
    tmp_bak = ""
    try:
        fd, tmp_bak = tempfile.mkstemp(prefix=f".{bak.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
        os.unlink(tmp_bak)
        try:
            os.link(path, tmp_bak)
        except OSError:
            shutil.copyfile(path, tmp_bak)
        os.replace(tmp_bak, bak)
        tmp_bak = ""
    except OSError:
        pass
    finally:
        if tmp_bak:
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


def _usual_mode(tmp_name: str, path: Path) -> None:
    """mkstemp makes the file private (0600); give it the mode an ordinary new file (or the old file) has."""
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    with contextlib.suppress(OSError):
        os.chmod(tmp_name, mode)


def atomic_write_bytes(path: Path | str, data: bytes, backup: bool = True) -> Path:
    path = Path(path)
    tmp_name = ""
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        _usual_mode(tmp_name, path)
        if backup and path.exists():
            _keep_backup(path)
        os.replace(tmp_name, path)
        tmp_name = ""
        _sync_folder(path.parent)
        return path
    except OSError as exc:
        raise WriteError(path, _message(path, exc)) from exc
    finally:
        if tmp_name:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def atomic_write_text(path: Path | str, text: str, backup: bool = True) -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"), backup=backup)
