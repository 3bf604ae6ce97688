"""Reproduce the PySide6 6.12.0 bug behind the ``pyside6-essentials<6.12`` pin, so the pin can be lifted later.

    QT_QPA_PLATFORM=offscreen python packaging/pyside612_repro.py [--calls 2000] [--crash]

The bug (see ui/qtfix.py): on CPython 3.11, every call of a Qt method that returns nothing (``QLabel.setText``)
drops one reference to ``None`` that it never took; after a few thousand calls the interpreter aborts with
"Fatal Python error: none_dealloc". This script does NOT apply ui/qtfix.py. It calls ``setText`` ``--calls``
times and compares ``sys.getrefcount(None)`` before and after: a drop of about one per call is the bug.
``--crash`` goes on calling until the interpreter aborts (or 200,000 calls pass).

Exit 0: no leak (this PySide6 is safe without the guard); 1: the bug is present; 2: nothing to test
(Python 3.12+ has immortal singletons). Checked 2026-12-01: 6.12.0 on Python 3.11.7 loses 2000 of 2000
(exit 1; the interpreter would then abort at shutdown), 6.11.3 loses none. tests/test_delivery.py runs it only when FAEDAH_PYSIDE612_REPRO=1.
To check a new release: ``python -m venv /tmp/p && /tmp/p/bin/pip install pyside6-essentials==6.12.X`` and run
this script with ``/tmp/p/bin/python``; if it exits 0 on Python 3.11, raise the pin in pyproject.toml.
"""

from __future__ import annotations

import argparse
import os
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--crash", action="store_true", help="keep calling until the interpreter aborts")
    opts = parser.parse_args(argv)
    if sys.version_info >= (3, 12):
        print(f"Python {sys.version.split()[0]}: None is immortal, the bug cannot show")
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import PySide6
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication([])
    label = QLabel()
    label.setText("warm-up")
    before = sys.getrefcount(None)
    for i in range(opts.calls):
        label.setText(str(i % 10))
    lost = before - sys.getrefcount(None)
    verdict = "BUG PRESENT" if lost >= opts.calls // 2 else "no leak"
    print(
        f"PySide6 {PySide6.__version__}, Python {sys.version.split()[0]}: None lost {lost} references "
        f"over {opts.calls} setText calls: {verdict}"
    )
    if opts.crash:
        for i in range(200_000):
            label.setText(str(i % 10))
        print("no crash after 200,000 more calls")
    if verdict == "BUG PRESENT":
        # None has lost references it still needs: a normal interpreter shutdown would abort (none_dealloc)
        sys.stdout.flush()
        os._exit(1)
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
