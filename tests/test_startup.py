"""Start-up order (issue 22 point 6): the window shows with the menus and the incident page alone; the event
loop's first turn builds the other pages, the focus styles and the arrival focus; the core comes after.

Anything that needs a later page before that turn builds it on the spot (``wizard.wages``, Next, loading a case).
The speed itself belongs in bench/run.py (the start-up rows), not here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.ui_helpers import DialogLog, dialogs_fixture  # noqa: F401 (fixture)

ROOT = Path(__file__).resolve().parent.parent

# modules the shown shell must not need: the later pages, the dialogs, compare and its charts, package metadata
LATER = (
    "ui.pages.wages",
    "ui.pages.disablement",
    "ui.pages.dependants",
    "ui.dialogs",
    "ui.compare.controller",
    "ui.compare.chart",
    "ui.timeline",
    "ui.results",
    "importlib.metadata",
)

SPY = """
import gc, json, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from ui import app, mainwindow
seen = {}
build_rest = mainwindow.MainWindow.build_rest

def spy(self):
    seen["before"] = {"built": self.wizard.pages_built, "style": bool(self.styleSheet())}
    build_rest(self)
    wiz = self.wizard
    focus = self.focusWidget()
    seen["after"] = {
        "built": wiz.pages_built,
        "ids": sorted(wiz.pageIds()),
        "style": bool(self.styleSheet()),
        "focus_on_incident": focus is not None and wiz.incident.isAncestorOf(focus),
        "gc_enabled": gc.isenabled(),
        "frozen": gc.get_freeze_count(),
        "core_loaded": self.core.ready,
    }

mainwindow.MainWindow.build_rest = spy
rc = app.main(["faedah"])
seen["shell_modules"] = sorted(m for m in sys.modules if m in LATER)
from PySide6.QtCore import SIGNAL
from PySide6.QtWidgets import QApplication
seen["focus_slots_at_exit"] = QApplication.instance().receivers(SIGNAL("focusChanged(QWidget*,QWidget*)"))
import enum
gc.unfreeze()
seen["qt_enums"] = sorted(  # the enum types of the Qt namespace that PySide has built so far
    {t.__qualname__ for t in gc.get_objects() if isinstance(t, enum.EnumType) and t.__qualname__.startswith("Qt.")}
)
print("SEEN=" + json.dumps(seen))
sys.exit(rc)
"""


def run_app(tmp_path: Path, quit_after: str, prelude: str = "") -> dict[str, Any]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "QUIT_AFTER_SHOW": quit_after,
        "FAEDAH_CONFIG_DIR": str(tmp_path / "config"),
        "FAEDAH_DATA_DIR": str(tmp_path / "data"),
    }
    code = f"LATER = {LATER!r}\n{prelude}\n{SPY}"
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    line = next(x for x in proc.stdout.splitlines() if x.startswith("SEEN="))
    seen: dict[str, Any] = json.loads(line[len("SEEN=") :])
    return seen


def test_the_window_shows_before_the_later_pages_dialogs_and_compare_load(tmp_path: Path) -> None:
    seen = run_app(tmp_path, "1")
    assert "before" not in seen  # the process quit as the window showed: the first turn never ran
    assert seen["shell_modules"] == []
    # nothing before the window shows reaches an enum of the Qt namespace (reaching one builds all 93 of them)
    assert seen["qt_enums"] == []
    # the pages let go of the focus signal as the application quits: the widgets destroyed at exit move the
    # focus, and no Python slot is then called for a half-destroyed widget
    assert seen["focus_slots_at_exit"] == 0


def test_the_first_turn_builds_every_page_styles_and_focuses(tmp_path: Path) -> None:
    seen = run_app(tmp_path, "pages")
    assert seen["before"] == {
        "built": False,
        "style": False,
    }  # the window showed with the incident page alone
    after = seen["after"]
    assert after["built"] and after["ids"] == [0, 1, 2, 3, 4]
    assert after["style"]  # the focus frames, after the first show
    assert after["focus_on_incident"]  # arriving on the incident page: the focus is on its first needed field
    assert after["gc_enabled"] and after["frozen"] > 0  # start-up's objects frozen, collection back on
    assert not after["core_loaded"]  # the core is the next turn's work
    assert "Qt.Key" in seen["qt_enums"]  # (the check above can see them: the first turn's code uses them)


# -- in the test process: the real window, built on demand


@pytest.fixture(name="shell")
def shell_fixture(qtbot: Any, dialogs: DialogLog) -> Any:
    from ui.app import create_window
    from ui.text import set_lang

    set_lang("en")
    window = create_window(["faedah"])
    qtbot.addWidget(window)
    window.show()
    yield window
    window.dirty = False
    window._draft_timer.stop()


def test_a_later_page_is_built_when_first_asked_for(shell: Any) -> None:
    from ui.wizard import PAGE_DEPENDANTS, PAGE_RESULTS, PAGE_WAGES

    wiz = shell.wizard
    assert not wiz.pages_built and wiz.pageIds() == [0]
    wages = wiz.wages  # a test (or the window) reaching a page at once: built on the spot
    assert wiz.pages_built and wiz.pageIds() == [0, 1, 2, 3, 4]
    assert wiz.page(PAGE_WAGES) is wages and wiz.page(PAGE_DEPENDANTS) is wiz.dependants
    assert wiz.page(PAGE_RESULTS) is wiz.results
    assert wiz.ensure_pages() is wiz.ensure_pages()  # once


def test_next_builds_the_page_it_goes_to(qtbot: Any) -> None:
    from ui.core import Core
    from ui.wizard import CaseWizard

    wiz = CaseWizard(Core())
    qtbot.addWidget(wiz)
    assert not wiz.pages_built
    assert wiz.validateCurrentPage()  # what QWizard.next() asks just before it switches pages
    assert wiz.pages_built


def test_the_first_turn_does_not_take_the_focus_from_a_field_being_typed_in(shell: Any, qtbot: Any) -> None:
    from PySide6.QtWidgets import QApplication, QLineEdit

    name = shell.findChild(QLineEdit, "claimant_name")
    name.setFocus()
    qtbot.keyClicks(QApplication.focusWidget(), "Aminah")
    shell.build_rest()  # the first turn comes after the clerk typed
    assert shell.focusWidget() is name and name.text() == "Aminah"


def test_finish_startup_builds_the_rest_and_loads_the_core(shell: Any) -> None:
    from ui.mainwindow import FOCUS_STYLE

    shell.finish_startup()  # what the tests' window (and a file given on the command line) goes through
    assert shell.wizard.pages_built and shell.core.ready
    assert shell.styleSheet() == FOCUS_STYLE
    focus = shell.focusWidget()
    assert focus is not None and shell.wizard.incident.isAncestorOf(focus)


def test_main_in_a_running_application_leaves_garbage_collection_alone(tmp_path: Path) -> None:
    # (in a child process: quitting the application in the test process would stop later tests' timers)
    code = (
        "import gc, os, sys; os.environ['QT_QPA_PLATFORM'] = 'offscreen';"
        "from PySide6.QtWidgets import QApplication; qapp = QApplication(['test']);"
        "from ui import app; frozen = gc.get_freeze_count(); rc = app.main(['faedah']);"
        "print('GC', gc.isenabled(), gc.get_freeze_count() == frozen); sys.exit(rc)"
    )
    env = {
        **os.environ,
        "QUIT_AFTER_SHOW": "1",
        "FAEDAH_CONFIG_DIR": str(tmp_path / "config"),
        "FAEDAH_DATA_DIR": str(tmp_path / "data"),
    }
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "GC True True" in proc.stdout


@pytest.mark.parametrize(("version", "affected"), [("6.12.0", True), ("6.12.1", True), ("6.11.3", False)])
def test_qtfix_reads_the_pyside_version_from_the_package(
    monkeypatch: pytest.MonkeyPatch, version: str, affected: bool
) -> None:
    import PySide6

    from ui import qtfix

    monkeypatch.setattr(PySide6, "__version__", version)
    assert qtfix._affected_pyside() is affected
