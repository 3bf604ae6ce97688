"""Helpers for the desktop app's tests (tests/test_ui_*.py): a window with no blocking dialog, page drivers."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWizard

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


class DialogLog:
    """Stands in for every modal dialog of the app; answers are set by the test."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str]] = []
        self.yes_no = False
        self.save_discard = "discard"
        self.open_name = ""
        self.save_name = ""
        self.crashes: list[str] = []

    def kinds(self, kind: str) -> list[tuple[str, str, str]]:
        return [c for c in self.calls if c[0] == kind]


@pytest.fixture(name="dialogs")
def dialogs_fixture(monkeypatch: pytest.MonkeyPatch) -> DialogLog:
    from ui import crash
    from ui import dialogs as dlg

    log = DialogLog()
    monkeypatch.setattr(dlg, "info", lambda _p, text, detail="": log.calls.append(("info", text, detail)))
    monkeypatch.setattr(dlg, "error", lambda _p, text, detail="": log.calls.append(("error", text, detail)))

    def yes_no(_p: Any, text: str, detail: str = "") -> bool:
        log.calls.append(("yes_no", text, detail))
        return log.yes_no

    def save_discard(_p: Any, text: str) -> str:
        log.calls.append(("save_discard", text, ""))
        return log.save_discard

    monkeypatch.setattr(dlg, "ask_yes_no", yes_no)
    monkeypatch.setattr(dlg, "ask_save_discard", save_discard)
    monkeypatch.setattr(dlg, "open_file_name", lambda _p, _f: log.open_name)
    monkeypatch.setattr(dlg, "save_file_name", lambda _p, _s: log.save_name)
    monkeypatch.setattr(crash, "show_dialog", lambda text: log.crashes.append(text))
    return log


def make_window(qtbot: Any) -> Any:
    from ui.app import create_window

    win = create_window(["faedah"])
    qtbot.addWidget(win)
    win.resize(1100, 800)
    win.show()
    win.finish_startup()
    return win


@pytest.fixture(name="win")
def win_fixture(qtbot: Any, dialogs: DialogLog) -> Iterator[Any]:
    from ui.text import set_lang

    set_lang("en")
    window = make_window(qtbot)
    write = window.core.write_case

    def guarded_write(path: Path, case: Any) -> Path:
        assert SAMPLES not in Path(path).resolve().parents, "a test must never overwrite a sample"
        return write(path, case)

    window.core.write_case = guarded_write
    yield window
    window.dirty = False  # closing at teardown must not ask anything
    window._draft_timer.stop()
    set_lang("en")  # a test that switched the language (the monkey) must not leave it for the next one


def type_text(qtbot: Any, widget: QLineEdit, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    widget.clear()
    qtbot.keyClicks(widget, text)


def next_button(wiz: QWizard) -> Any:
    return wiz.button(QWizard.WizardButton.NextButton)


def click_next(qtbot: Any, wiz: QWizard) -> None:
    button = next_button(wiz)
    assert button.isEnabled(), [
        p.field + ": " + p.message["en"] for p in wiz.problems
    ] or wiz.currentPage().status.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def sample_copy(tmp_path: Path, name: str) -> Path:
    """A copy of a sample case to open (so that Save can never overwrite the sample)."""
    target = tmp_path / name
    shutil.copyfile(SAMPLES / name, target)
    return target


def sample(name: str) -> dict[str, Any]:
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


def core_result(data: dict[str, Any]) -> Any:
    """The core's own result for a case document (what the app must show)."""
    from estimator import estimate, parse_case

    return estimate(parse_case(data))


# -- mnemonics and accessible names (tests/test_ui_access.py, tests/test_keyboard_path.py)


def mnemonic(text: str) -> str | None:
    """The letter after a single '&' ('Dat&e of birth' -> 'e'); None without one."""
    cleaned = text.replace("&&", "")
    at = cleaned.find("&")
    return cleaned[at + 1].lower() if 0 <= at < len(cleaned) - 1 else None


def mnemonic_owners(root: Any) -> list[tuple[str, str]]:
    """(letter, text) of every widget under ``root`` shown with it that reacts to Alt+letter."""
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabWidget, QWidget

    found: list[tuple[str, str]] = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        texts: list[str] = []
        if isinstance(widget, QLabel) and widget.buddy() is not None or isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        for text in texts:
            letter = mnemonic(text)
            if letter:
                found.append((letter, text))
    return found


def clashes(owners: list[tuple[str, str]]) -> list[str]:
    """The letters used more than once, with the texts that share each."""
    by_letter: dict[str, list[str]] = {}
    for letter, text in owners:
        by_letter.setdefault(letter, []).append(text)
    return [f"{letter}: {texts}" for letter, texts in sorted(by_letter.items()) if len(texts) > 1]
