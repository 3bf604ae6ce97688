"""Unexpected errors: log them (no claimant data), keep the open case, tell the user where the log is.

``install()`` replaces ``sys.excepthook``; PySide6 reports an exception raised in a slot (the Qt event loop)
through the same hook.  The log holds the exception type and the stack (file, line, function) only: never the
exception's message, which could quote what the clerk typed.
"""

from __future__ import annotations

import contextlib
import functools
import platform
import sys
import traceback
from collections.abc import Callable
from datetime import datetime
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


def format_entry(exc_type: type[BaseException], tb: TracebackType | None) -> str:
    """The log entry: when, versions, exception type and stack frames; no message, no local values."""
    lines = [
        f"=== {datetime.now().isoformat(timespec='seconds')}  {exc_type.__module__}.{exc_type.__qualname__}",
        f"python {platform.python_version()} on {platform.system()} {platform.release()}",
    ]
    for frame in traceback.extract_tb(tb):
        lines.append(f"  {Path(frame.filename).name}:{frame.lineno} in {frame.name}")
    return "\n".join(lines) + "\n"


def write_log(exc_type: type[BaseException], tb: TracebackType | None) -> Path | None:
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
            old = path.with_name(LOG_NAME + ".1")
            with contextlib.suppress(OSError):
                old.unlink()
            path.rename(old)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(format_entry(exc_type, tb))
        return path
    except OSError:
        return None


def show_dialog(message: str) -> None:
    """The crash dialog (tests replace this function)."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is None:
        print(message, file=sys.stderr)
        return
    box = QMessageBox(QMessageBox.Icon.Critical, "Faedah", message)
    box.setTextInteractionFlags(box.textInteractionFlags())
    box.exec()


def handle(exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt | SystemExit):
        sys.__excepthook__(exc_type, exc or exc_type(), tb)
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


def crash_count() -> int:
    return int(str(_state["count"]))
