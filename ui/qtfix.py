"""Work around a reference-count bug of PySide6 6.12.0 on Python < 3.12.

With PySide6 6.12.0 and CPython 3.11, every call of a Qt method that returns nothing (``QLabel.setText``, ...)
drops one reference to ``None`` that it never took, and some calls do the same to ``True``/``False`` (a signal's
``emit``).  After a few thousand calls the interpreter aborts with "Fatal Python error: none_dealloc" (seen here
after ~5,400 ``setText`` calls).  Python 3.12 made these singletons immortal; on 3.11 we make them practically
immortal by adding 2**40 references, which no session can ever use up.  Harmless where the bug is absent.
"""

from __future__ import annotations

import sys

_BUMP = 1 << 40
_done = {"applied": False}


def _affected_pyside() -> bool:
    """PySide6 6.12.x (read from the package itself: importlib.metadata costs more than the rest of start-up)."""
    try:
        import PySide6

        return str(PySide6.__version__).startswith("6.12.")
    except Exception:
        return True


def protect_singletons() -> bool:
    """Give None, True and False a huge reference count (once per process); True when applied."""
    if _done["applied"] or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return _done["applied"]
    if not _affected_pyside():  # pyproject pins a version without the bug; this guards a stray 6.12 install
        return False
    if hasattr(sys, "gettotalrefcount"):  # a debug build has a different object layout: leave it alone
        return False
    import ctypes  # (only here: most installs never need it, and start-up does without)

    for obj in (None, True, False):
        before = sys.getrefcount(obj)
        cell = ctypes.c_ssize_t.from_address(id(obj))
        if abs(cell.value - before) > 8:  # not the reference count: do not touch
            return False
        cell.value += _BUMP
    _done["applied"] = True
    return True
