"""Issue 7: a GUI monkey test.  Seeded random keys, text and clicks go through every page of the real main
window (and the dependant dialog, the menus' actions, opening good and damaged files, saving, exporting)
for a few thousand steps; no exception may reach the app's crash handler.

Every modal dialog is replaced (message boxes, file and print dialogs, Settings / About, the crash dialog),
so nothing blocks; only left clicks are used (a right click opens context menus that run a nested event
loop).  ``FAEDAH_MONKEY_STEPS`` / ``FAEDAH_MONKEY_SEED`` change the run (e.g. a long local run).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from tests.ui_helpers import SAMPLES, DialogLog, dialogs_fixture, win_fixture  # noqa: F401 (fixtures)
from ui.wizard import PAGE_DEPENDANTS, PAGE_DISABILITY, PAGE_INCIDENT, PAGE_RESULTS, PAGE_WAGES

pytestmark = pytest.mark.gui

STEPS = int(os.environ.get("FAEDAH_MONKEY_STEPS", "2000"))
SEED = int(os.environ.get("FAEDAH_MONKEY_SEED", "20261122"))

TEXTS = [
    "",
    "0",
    "1",
    "12",
    "-5",
    "2500",
    "2500.50",
    "1,234.56",
    "RM3000",
    "99999999999",
    "1e9",
    "0.001",
    "abc",
    "2025-06-10",
    "10/06/2025",
    "1990-02-30",
    "2099-01-01",
    "1969-12-31",
    "2025-06",
    "06/2025",
    "13/2025",
    "850720-10-1234",
    "Siti binti Ahmad",
    "漢字 ñ é",
    "9" * 25,
    " ",
    "S01",
    "100",
    "101",
    "50.5",
    "-0",
]
KEYS = [
    Qt.Key.Key_Tab,
    Qt.Key.Key_Backtab,
    Qt.Key.Key_Return,
    Qt.Key.Key_Enter,
    Qt.Key.Key_Escape,
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_Left,
    Qt.Key.Key_Right,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
    Qt.Key.Key_Delete,
    Qt.Key.Key_Backspace,
    Qt.Key.Key_Space,
    Qt.Key.Key_1,
    Qt.Key.Key_9,
    Qt.Key.Key_0,
    Qt.Key.Key_Minus,
    Qt.Key.Key_Period,
    Qt.Key.Key_A,
    Qt.Key.Key_X,
    Qt.Key.Key_F2,
    Qt.Key.Key_F5,
]
MODIFIERS = [Qt.KeyboardModifier.NoModifier] * 6 + [
    Qt.KeyboardModifier.ShiftModifier,
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.AltModifier,
]


class Caught:
    """Every exception that reaches the app's crash handler (sys.excepthook or a guarded Qt override)."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def record(
        self, exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.errors.append("".join(traceback.format_exception(exc_type, exc, tb)))


class _FakePrintDialog:
    def __init__(self, printer: Any, parent: Any = None) -> None:
        self.printer = printer

    def setWindowTitle(self, _t: str) -> None:  # noqa: N802 (Qt API)
        pass

    def setMinMax(self, _a: int, _b: int) -> None:  # noqa: N802
        pass

    def setOption(self, *_a: Any) -> None:  # noqa: N802
        pass

    def exec(self) -> int:
        return int(QDialog.DialogCode.Rejected.value)


class _FakePreview(_FakePrintDialog):
    class _Signal:
        def connect(self, _slot: Any) -> None:
            pass

        def disconnect(self, _slot: Any) -> None:
            pass

    def __init__(self, printer: Any, parent: Any = None) -> None:
        super().__init__(printer, parent)
        self.paintRequested = self._Signal()

    def resize(self, _w: int, _h: int) -> None:
        pass


@pytest.fixture
def no_blocking_dialogs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, Any]:
    """Patch every modal dialog the app could open (ui.dialogs is patched by the ``dialogs`` fixture)."""
    from ui import printing

    answers: dict[str, Any] = {"pdf": str(tmp_path / "out" / "summary.pdf"), "boxes": []}
    (tmp_path / "out").mkdir()
    monkeypatch.setattr(printing, "QPrintDialog", _FakePrintDialog)
    monkeypatch.setattr(printing, "QPrintPreviewDialog", _FakePreview)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (answers["pdf"], ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: answers["boxes"].append(a[1:3]))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    monkeypatch.setattr(QDialog, "exec", lambda self: 0)  # Settings, About: opened and cancelled
    return answers


class Monkey:
    def __init__(
        self, qtbot: Any, win: Any, dialogs: DialogLog, answers: dict[str, Any], folder: Path
    ) -> None:
        self.qtbot, self.win, self.dialogs, self.answers, self.folder = qtbot, win, dialogs, answers, folder
        self.rng = random.Random(SEED)
        self.visited: set[int] = set()
        self.actions: dict[str, int] = {}
        self.files = self._files()

    def _files(self) -> list[Path]:
        out = []
        for sample in sorted(SAMPLES.glob("*.json")):
            target = self.folder / "in" / sample.name
            target.parent.mkdir(exist_ok=True)
            shutil.copyfile(sample, target)
            out.append(target)
        damaged = self.folder / "in" / "damaged.json"
        damaged.write_bytes(out[0].read_bytes()[:200])
        newer = self.folder / "in" / "newer.json"
        newer.write_text(json.dumps({"format": "faedah-case", "version": 99}), encoding="utf-8")
        binary = self.folder / "in" / "binary.json"
        binary.write_bytes(bytes(range(256)))
        return [*out, damaged, newer, binary, self.folder / "in" / "missing.json"]

    # -- targets
    def _root(self) -> QWidget:
        modal = self._open_dialog()
        if modal is not None:
            self._count("in:" + (modal.objectName() or type(modal).__name__))
            return modal
        wizard: QWidget = self.win.wizard
        return wizard

    def _widgets(self) -> list[QWidget]:
        root = self._root()
        found = [w for w in root.findChildren(QWidget) if w.isVisible() and w.isEnabled() and w.width() > 0]
        return [
            w
            for w in found
            if w.focusPolicy() != Qt.FocusPolicy.NoFocus or isinstance(w, QAbstractButton | QTabBar)
        ]

    def _point(self, w: QWidget) -> QPoint:
        return QPoint(self.rng.randrange(max(1, w.width())), self.rng.randrange(max(1, w.height())))

    # -- one step
    def step(self) -> None:
        roll = self.rng.random()
        if roll < 0.012:
            self._menu_action()
        elif roll < 0.025:
            self._open_file()
        elif roll < 0.045:
            self._wizard_jump()
        elif roll < 0.05:
            self._dependant_dialog()
        elif roll < 0.15:
            self._wizard_button()
        else:
            widgets = self._widgets()
            if not widgets:
                return
            kinds: dict[str, list[QWidget]] = {}  # a kind of widget first, so that fields do not crowd out
            for w in widgets:  # buttons, lists and tabs
                kinds.setdefault(self._kind(w), []).append(w)
            self._poke(self.rng.choice(kinds[self.rng.choice(sorted(kinds))]))
        QApplication.processEvents()
        if not self.win.isVisible():  # Quit was chosen and allowed: the clerk starts it again
            self.win.show()
        self.visited.add(self.win.wizard.currentId())

    @staticmethod
    def _kind(w: QWidget) -> str:
        if isinstance(w, QLineEdit | QPlainTextEdit | QTextEdit):
            return "text"
        for cls in (QAbstractSpinBox, QComboBox, QAbstractItemView, QAbstractButton, QTabBar):
            if isinstance(w, cls):
                return cls.__name__
        return "other"

    def _count(self, name: str) -> None:
        self.actions[name] = self.actions.get(name, 0) + 1

    def _poke(self, w: QWidget) -> None:
        rng, qtbot = self.rng, self.qtbot
        if isinstance(w, QLineEdit | QPlainTextEdit | QTextEdit) and not (
            isinstance(w, QLineEdit) and w.isReadOnly()
        ):
            self._count("type")
            w.setFocus()
            if rng.random() < 0.6:
                qtbot.keyClick(w, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
                qtbot.keyClick(w, Qt.Key.Key_Delete)
            text = rng.choice(TEXTS)
            if len(text) > 4 and rng.random() < 0.5:  # half-typed: also cheaper (every key revalidates)
                text = text[: rng.randint(1, 4)]
            self._type(w, text)
            if rng.random() < 0.3:
                qtbot.keyClick(w, rng.choice([Qt.Key.Key_Return, Qt.Key.Key_Tab]))
        elif isinstance(w, QAbstractSpinBox):
            self._count("spin")
            qtbot.keyClick(
                w, rng.choice([Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown])
            )
            if rng.random() < 0.3:
                self._type(w, rng.choice(TEXTS[:12]))
        elif isinstance(w, QComboBox):
            self._count("combo")
            qtbot.keyClick(w, rng.choice([Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Home, Qt.Key.Key_End]))
        elif isinstance(w, QAbstractItemView):
            self._count("table")
            vp = w.viewport()
            pos = self._point(vp)
            if rng.random() < 0.5:
                qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=pos)
            else:
                qtbot.mouseDClick(vp, Qt.MouseButton.LeftButton, pos=pos)
                editor = QApplication.focusWidget()
                if isinstance(editor, QLineEdit):  # the cell editor
                    self._type(editor, rng.choice(TEXTS))
                    qtbot.keyClick(editor, Qt.Key.Key_Return)
            if rng.random() < 0.3:
                qtbot.keyClick(w, rng.choice(KEYS), rng.choice(MODIFIERS))
        elif isinstance(w, QAbstractButton | QTabBar):
            self._count("click")
            qtbot.mouseClick(w, Qt.MouseButton.LeftButton, pos=self._point(w))
        else:
            self._count("key")
            qtbot.keyClick(w, rng.choice(KEYS), rng.choice(MODIFIERS))

    def _type(self, w: QWidget, text: str) -> None:
        """Type ``text`` key by key (QTest only knows ASCII keys: other characters are sent as key events)."""
        if text.isascii():
            self.qtbot.keyClicks(w, text)
            return
        for ch in text:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(w, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))

    def _wizard_button(self) -> None:
        from PySide6.QtWidgets import QWizard

        wiz = self.win.wizard
        which = self.rng.choice([QWizard.WizardButton.NextButton] * 3 + [QWizard.WizardButton.BackButton])
        button = wiz.button(which)
        if button.isVisible() and button.isEnabled():
            self._count("next/back")
            self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def _wizard_jump(self) -> None:
        self._count("jump")
        self.win.wizard.go_to(self.rng.choice([PAGE_WAGES, PAGE_DISABILITY, PAGE_DEPENDANTS, PAGE_RESULTS]))

    @staticmethod
    def _open_dialog() -> QWidget | None:
        """A dialog the app opened without blocking (window-modal, like the dependant dialog)."""
        modal = QApplication.activeModalWidget()
        if modal is not None and modal.isVisible():
            return modal
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
        return shown[-1] if shown else None

    def _dependant_dialog(self) -> None:
        """Open the dependant dialog (when a death case is open); the next steps drive it."""
        if self._open_dialog() is not None:
            return
        wiz = self.win.wizard
        if wiz.incident.outcome != "death" or wiz.case is None:
            self.dialogs.save_discard = "discard"
            self.win.open_path(self.files[0])  # the death sample
        wiz.go_to(PAGE_DEPENDANTS)
        if wiz.currentId() == PAGE_DEPENDANTS:
            self._count("dependant_dialog")
            self.qtbot.mouseClick(wiz.dependants.add_button, Qt.MouseButton.LeftButton)

    def _answers(self) -> None:
        d, rng = self.dialogs, self.rng
        d.yes_no = rng.random() < 0.5
        d.save_discard = rng.choice(["save", "discard", "cancel", "cancel"])
        d.save_name = rng.choice(
            [str(self.folder / "saved.json"), "", str(self.folder / "no-such" / "x.json")]
        )
        d.open_name = str(rng.choice(self.files))
        self.answers["pdf"] = rng.choice([str(self.folder / "out" / "summary.pdf"), ""])

    def _open_file(self) -> None:
        self._answers()
        self._count("open")
        self.win.open_path(self.rng.choice(self.files))

    def _menu_action(self) -> None:
        self._answers()
        win = self.win
        acts = [
            win.act_new,
            win.act_open,
            win.act_save,
            win.act_save_as,
            win.act_pdf,
            win.act_print,
            win.act_preview,
            win.act_settings,
            win.act_about,
            win.act_toggle_lang,
            win.act_quit,
            *win.lang_actions.values(),
        ]
        act = self.rng.choice(acts)
        self._count("menu:" + (act.objectName() or "lang"))
        act.trigger()


def test_monkey_drives_every_page_without_an_unhandled_exception(
    qtbot: Any,
    win: Any,
    dialogs: DialogLog,
    no_blocking_dialogs: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ui import crash

    caught = Caught()
    real_handle = crash.handle

    def handle(exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None) -> None:
        caught.record(exc_type, exc, tb)
        real_handle(exc_type, exc, tb)

    monkeypatch.setattr(crash, "handle", handle)  # guarded Qt overrides call crash.handle
    monkeypatch.setattr(sys, "excepthook", handle)  # slots: PySide6 reports through sys.excepthook
    before = crash.crash_count()
    log_file = crash.log_path()
    log_before = log_file.read_bytes() if log_file.exists() else b""

    monkey = Monkey(qtbot, win, dialogs, no_blocking_dialogs, tmp_path)
    assert win.open_path(monkey.files[0])  # start from a real case: every page can be reached
    for i in range(STEPS):
        monkey.step()
        if caught.errors:
            pytest.fail(
                f"step {i}: unhandled exception\n{caught.errors[0]}\nactions so far: {monkey.actions}"
            )
        if i % 400 == 399:
            qtbot.wait(420)  # let the debounced estimate and the draft timer run

    assert not caught.errors and crash.crash_count() == before and not dialogs.crashes
    assert (log_file.read_bytes() if log_file.exists() else b"") == log_before, "the error log grew"
    assert monkey.visited >= {PAGE_INCIDENT, PAGE_WAGES, PAGE_DISABILITY, PAGE_DEPENDANTS, PAGE_RESULTS}, (
        monkey.visited
    )
    assert monkey.actions.get("in:dependant_dialog", 0) >= 1, monkey.actions  # the dialog was driven too
    for kind in ("type", "click", "combo", "table"):
        assert monkey.actions.get(kind, 0) > STEPS // 100, (kind, monkey.actions)
    print(f"monkey: {STEPS} steps, pages {sorted(monkey.visited)}, actions {monkey.actions}")
    # and the window still works: a case opens and is estimated
    win.dirty = False
    assert win.open_path(monkey.files[0])
    assert win.wizard.currentId() == PAGE_RESULTS and win.wizard.result is not None
