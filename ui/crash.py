"""Unexpected errors: log them (no claimant data), keep the open case, tell the user where the log is.

``install()`` replaces ``sys.excepthook``; PySide6 reports an exception raised in a slot (the Qt event loop)
through the same hook.  The log holds the exception type and the stack (file, line, function) only: never the
exception's message, which could quote what the clerk typed.  The log file is readable by the user alone (0600
on POSIX).  Nothing goes to stderr: ``install()`` also routes Python's ``logging`` (a record's message and
arguments could hold claimant data: only its logger, level and stack are kept), threads' and "unraisable"
exceptions to the log file.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from .text import both

LOG_NAME = "faedah-errors.log"
MAX_LOG_BYTES = 512_000

_state: dict[str, object] = {"busy": False, "data_dir": None, "before_dialog": [], "count": 0}


def log_path() -> Path:
    folder = _state["data_dir"]
    if not isinstance(folder, Path):
        from .settings import data_dir

        folder = data_dir()
    return folder / "logs" / LOG_NAME


def _now() -> str:
    from datetime import datetime  # (not needed before the first entry: start-up stays light)

    return datetime.now().isoformat(timespec="seconds")


def format_entry(exc_type: type[BaseException], tb: TracebackType | None) -> str:
    """The log entry: when, versions, exception type and stack frames; no message, no local values."""
    import platform  # (not needed before the first error: start-up stays light)

    lines = [
        f"=== {_now()}  {exc_type.__module__}.{exc_type.__qualname__}",
        f"python {platform.python_version()} on {platform.system()} {platform.release()}",
    ]
    for frame in traceback.extract_tb(tb):
        lines.append(f"  {Path(frame.filename).name}:{frame.lineno} in {frame.name}")
    return "\n".join(lines) + "\n"


def write_log(exc_type: type[BaseException], tb: TracebackType | None) -> Path | None:
    return append_log(format_entry(exc_type, tb))


def append_log(entry: str) -> Path | None:
    """Append ``entry`` to the log (created 0600; a FIFO, device or link in its place is not written to)."""
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            os.chmod(path.parent, 0o700)
        if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
            old = path.with_name(LOG_NAME + ".1")
            with contextlib.suppress(OSError):
                old.unlink()
            path.rename(old)
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NONBLOCK", 0)
        flags |= getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(path, flags, 0o600)
        try:
            import stat

            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            with contextlib.suppress(OSError):
                os.fchmod(fd, 0o600) if hasattr(os, "fchmod") else None
            os.write(fd, entry.encode("utf-8", "replace"))
        finally:
            os.close(fd)
        return path
    except OSError:
        return None


class LogFileHandler(logging.Handler):
    """Python ``logging`` into the error log: logger, level and stack only (never the message or its
    arguments, which could quote claimant data), and never stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            lines = [
                f"=== {_now()}  log {record.levelname} {record.name}"
                f" ({Path(record.pathname).name}:{record.lineno})"
            ]
            if record.exc_info and record.exc_info[0] is not None:
                exc_type, _, tb = record.exc_info
                lines.append(format_entry(exc_type, tb).rstrip("\n"))
            append_log("\n".join(lines) + "\n")
        except Exception:  # a log failure is never an error of its own
            return


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is not SystemExit:
        handle(args.exc_type, args.exc_value, args.exc_traceback)


def _unraisable_hook(unraisable: Any) -> None:
    write_log(unraisable.exc_type, unraisable.exc_traceback)


def route_logging() -> None:
    """Every ``logging`` record to the log file; none to stderr (also Python's last-resort handler)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, logging.StreamHandler) and not isinstance(handler, logging.FileHandler):
            root.removeHandler(handler)
    if not any(isinstance(h, LogFileHandler) for h in root.handlers):
        root.addHandler(LogFileHandler(level=logging.WARNING))
    logging.lastResort = None  # type: ignore[assignment]


def show_dialog(message: str) -> None:
    """The crash dialog (tests replace this function)."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is None:  # no window to show it in: the log has it
        return
    box = QMessageBox(QMessageBox.Icon.Critical, "Faedah", message)
    box.setTextInteractionFlags(box.textInteractionFlags())
    box.exec()


def handle(exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt | SystemExit):  # quit quietly: no traceback on stderr
        return
    _state["count"] = int(str(_state["count"])) + 1
    path = write_log(exc_type, tb)
    if _state["busy"]:  # an error inside the handler: never loop
        return
    _state["busy"] = True
    try:
        hooks = _state["before_dialog"]
        assert isinstance(hooks, list)
        for hook in hooks:
            with contextlib.suppress(Exception):
                hook()
        where = str(path) if path else both("ui.crash.no_log")
        show_dialog(both("ui.crash.message", path=where))
    finally:
        _state["busy"] = False


def guarded(
    fallback: object = None, defer: bool = False
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """For Python overrides of Qt virtual methods (isComplete, initializePage, paintEvent, ...).

    PySide6 6.12 can crash the whole process when some exceptions escape such an override, so they are caught
    here and reported like any other unexpected error; the override returns ``fallback``.
    """

    def deco(fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return fn(*args, **kwargs)
            except Exception:
                exc_type, exc, tb = sys.exc_info()
                assert exc_type is not None
                if defer:
                    from PySide6.QtCore import QTimer

                    QTimer.singleShot(0, lambda: handle(exc_type, exc, tb))
                else:
                    handle(exc_type, exc, tb)
                return fallback

        return wrapper

    return deco


def install(data_dir: Path | None = None, before_dialog: Callable[[], None] | None = None) -> None:
    """Route unexpected exceptions to :func:`handle`; ``before_dialog`` keeps the case (writes the draft)."""
    _state["data_dir"] = data_dir
    hooks = _state["before_dialog"]
    assert isinstance(hooks, list)
    hooks.clear()
    if before_dialog is not None:
        hooks.append(before_dialog)
    sys.excepthook = handle
    threading.excepthook = _thread_hook
    sys.unraisablehook = _unraisable_hook
    route_logging()


def crash_count() -> int:
    return int(str(_state["count"]))
