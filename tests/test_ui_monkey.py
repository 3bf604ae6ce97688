"""A monkey test: random keys, texts and clicks on every page; the only allowed outcome is no unhandled error.

``FAEDAH_MONKEY_STEPS`` sets the number of steps (default 1500, sized for CI), ``FAEDAH_MONKEY_SEED`` the seed.
"""

from __future__ import annotations

import os
import random
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPushButton, QSpinBox, QWizard

from tests.ui_helpers import DialogLog, dialogs_fixture, win_fixture  # noqa: F401 (fixtures)

pytestmark = pytest.mark.gui

TEXTS = [
    "",
    "0",
    "-1",
    "15",
    "100",
    "101",
    "2500",
    "2,500.00",
    "RM 3000",
    "abc",
    "1e9",
    "NaN",
    "99999999",
    "10/06/2025",
    "31/02/2025",
    "2025-06-10",
    "01/01/1850",
    "01/01/2099",
    "12/2024",
    "2024-13",
    "Mar 2025",
    "Ahmad bin Ali",
    "😀",
    "'; DROP TABLE",
    "  ",
    "0.005",
    "20.5",
    "1/1/2000",
    "13/2025",
]
KEYS = [
    Qt.Key.Key_Return,
    Qt.Key.Key_Tab,
    Qt.Key.Key_Backspace,
    Qt.Key.Key_Delete,
    Qt.Key.Key_Space,
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_Escape,
    Qt.Key.Key_Left,
]
SKIP_BUTTONS = {"export_pdf", "print", "print_preview"}  # they open the system's file / print dialogs


def test_random_keys_and_clicks_never_crash(qtbot: Any, win: Any, dialogs: DialogLog, tmp_path: Any) -> None:
    from ui import crash

    steps = int(os.environ.get("FAEDAH_MONKEY_STEPS", "1500"))
    rnd = random.Random(int(os.environ.get("FAEDAH_MONKEY_SEED", "20261122")))
    wiz = win.wizard
    dialogs.save_name = str(tmp_path / "monkey.json")
    start = crash.crash_count()
    for step in range(steps):
        page = wiz.currentPage()
        dep_dialog = wiz.dependants.dialog
        scope = dep_dialog if dep_dialog is not None and dep_dialog.isVisible() else page
        action = rnd.random()
        if action < 0.30:
            edits = [w for w in scope.findChildren(QLineEdit) if w.isVisible() and w.isEnabled()]
            if edits:
                w = rnd.choice(edits)
                w.setFocus()
                w.clear()
                text = rnd.choice(TEXTS)
                if text.isascii():
                    qtbot.keyClicks(w, text)
                else:  # QTest types ASCII only
                    w.insert(text)
        elif action < 0.40:
            combos = [w for w in scope.findChildren(QComboBox) if w.isVisible() and w.count()]
            if combos:
                c = rnd.choice(combos)
                c.setCurrentIndex(rnd.randrange(c.count()))
        elif action < 0.47:
            boxes = [w for w in scope.findChildren(QCheckBox) if w.isVisible()]
            if boxes:
                rnd.choice(boxes).toggle()
        elif action < 0.52:
            spins = [w for w in scope.findChildren(QSpinBox) if w.isVisible()]
            if spins:
                rnd.choice(spins).setValue(rnd.choice([0, 1, 3, 4, 30, 365, 3650]))
        elif action < 0.62:
            buttons = [
                b
                for b in scope.findChildren(QPushButton)
                if b.isVisible() and b.isEnabled() and b.objectName() not in SKIP_BUTTONS
            ]
            if buttons:
                qtbot.mouseClick(rnd.choice(buttons), Qt.MouseButton.LeftButton)
        elif action < 0.72:
            target = scope.focusWidget() or scope
            qtbot.keyClick(target, rnd.choice(KEYS))
        elif action < 0.80:
            wiz.next()
        elif action < 0.85:
            wiz.back()
        elif action < 0.88:
            table = wiz.wages.table
            if wiz.currentId() == 1 and table.rowCount():
                item = table.item(rnd.randrange(table.rowCount()), rnd.choice([0, 1]))
                if item is not None:
                    item.setText(rnd.choice(TEXTS))
        elif action < 0.90:
            win.set_language(rnd.choice(["en", "ms"]))
        elif action < 0.92:
            if scope is dep_dialog:
                dep_dialog.reject()
        elif action < 0.93:
            win.act_save_as.trigger()
        elif action < 0.94:
            win.act_new.trigger()
        elif action < 0.96:
            wiz.compute_result()
        else:
            qtbot.wait(1)
        if wiz.currentId() == -1:
            wiz.restart()
        assert crash.crash_count() == start, f"step {step}: {dialogs.crashes[-1:]}"
    assert not dialogs.crashes
    assert wiz.button(QWizard.WizardButton.BackButton) is not None
