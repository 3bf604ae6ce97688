"""Start-up: QApplication, bundled fonts, settings, crash handler, the main window.

Start-up stays close to a bare QWizard's: the window shows with the menus and the incident page alone; the event
loop's first turn sets the icon, builds the other pages and applies the styles, the next one imports the
calculation core and loads the rule pack (``MainWindow.build_rest`` / ``finish_startup``).  No garbage
collection runs while the window is built (start-up frees little); what it built is then frozen (``gc.freeze``),
so that no later collection, nor the last one at exit, walks it again.

PySide builds a class's enums (Python ``enum`` types) when the class is first used, which is most of what a Qt
class costs at start-up; so code on the way to the window uses no enum of the ``Qt`` namespace (reaching any one
builds all 93: ``ui.widgets.set_enum`` sets the few values the first page needs as Qt properties by name), no
event class (no Python event filter or handler runs before the window shows: ``ui.pages.base.FocusFollower``),
and imports what only later turns need inside the functions that need it (tests/test_startup.py checks).

Environment:
  QUIT_AFTER_SHOW=1      quit as soon as the main window is shown (start-up benchmark)
  QUIT_AFTER_SHOW=pages  quit once the other pages are built and styled too (the benchmark's other rows)
  FAEDAH_CONFIG_DIR      folder of the settings file (tests)
  FAEDAH_DATA_DIR        user data folder: autosaved draft, error log
Command line: ``python -m ui [CASE.json] [--portable]``
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from estimator.engine.paths import resources_dir

from . import crash
from .core import Core
from .draft import Drafts
from .mainwindow import MainWindow
from .settings import Settings, data_dir
from .text import set_lang

FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")


def register_fonts(app: QApplication) -> str | None:
    """Register the bundled DejaVu fonts and make DejaVu Sans the app font (at the system's size)."""
    family = None
    for name in FONT_FILES:
        fid = QFontDatabase.addApplicationFont(str(resources_dir() / "fonts" / name))
        if fid >= 0 and family is None:
            families = QFontDatabase.applicationFontFamilies(fid)
            family = families[0] if families else None
    if family:
        font = QFont(app.font())
        font.setFamily(family)
        app.setFont(font)
    return family


def create_window(argv: list[str] | None = None) -> MainWindow:
    """The main window with settings, language and crash handling in place (used by main() and the tests)."""
    args = list(sys.argv if argv is None else argv)
    settings = Settings(args)
    set_lang(settings.ui_lang)
    folder = data_dir(args)
    window = MainWindow(settings, Core(), Drafts(folder))
    crash.install(folder, before_dialog=window.save_draft_now)
    return window


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv if argv is None else argv)
    fresh = QApplication.instance() is None  # the process starts here (not a test calling main())
    if fresh:
        gc.disable()  # start-up allocates much and frees little: no collection passes until the window shows
    app = QApplication.instance() or QApplication(args)
    assert isinstance(app, QApplication)
    app.setApplicationName("Faedah")
    app.setOrganizationName("Faedah")
    app.setApplicationDisplayName("Faedah")
    register_fonts(app)
    window = create_window(args)
    window.show()
    if fresh:
        gc.freeze()  # what start-up built lives as long as the app: later collections (and the last) skip it
        gc.enable()
    quit_after = os.environ.get("QUIT_AFTER_SHOW")
    if quit_after == "1":
        QTimer.singleShot(0, app.quit)
    else:
        files = [a for a in args[1:] if not a.startswith("-")]
        open_file = files[0] if files else None
        then = app.quit if quit_after == "pages" else lambda: window.finish_startup(open_file)
        QTimer.singleShot(0, lambda: after_show(app, window, then))
    return app.exec()


def after_show(app: QApplication, window: MainWindow, then: Callable[[], object]) -> None:
    """The event loop's first turn: the icon and the rest of the window; ``then`` (the core) on the next turn,
    so that the window can paint and take keys in between."""
    from PySide6.QtGui import QIcon

    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "faedah.png")))
    window.build_rest()
    QTimer.singleShot(0, then)


if __name__ == "__main__":
    sys.exit(main())
