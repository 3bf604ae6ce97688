"""Keyboard and assistive technology: unique mnemonics everywhere, an accessible name on every input."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QWidget

from tests.ui_helpers import (  # noqa: F401 (fixtures)
    clashes,
    dialogs_fixture,
    mnemonic,
    mnemonic_owners,
    sample,
    win_fixture,
)
from ui.pages.base import input_types

pytestmark = pytest.mark.gui

SAMPLES = (
    "tdb_work_accident.json",
    "pdb_partial_commuting.json",
    "death_four_dependants.json",
    "invalidity_pension.json",
    "lindung_non_work.json",
)
FIXED = {"ui.next": "n", "ui.back": "b", "ui.action.save": "s", "ui.action.export_pdf": "e"}


def menu_bar_owners(win: Any) -> list[tuple[str, str]]:
    out = []
    for action in win.menuBar().actions():
        letter = mnemonic(action.text())
        if letter:
            out.append((letter, action.text()))
    return out


def pages(win: Any) -> list[Any]:
    wiz = win.wizard
    wiz.results.ensure_view()
    return [*wiz.input_pages, wiz.results]


def wizard_buttons(win: Any) -> list[tuple[str, str]]:
    from PySide6.QtWidgets import QWizard

    wiz = win.wizard
    out = []
    for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.BackButton):
        letter = mnemonic(wiz.button(which).text())
        if letter:
            out.append((letter, wiz.button(which).text()))
    return out


@pytest.mark.parametrize("language", ["en", "ms"])
def test_mnemonics_are_unique_on_every_page_dialog_and_menu(qtbot: Any, win: Any, language: str) -> None:
    from ui.pages import DependantDialog
    from ui.text import t

    win.set_language(language)
    for key, letter in FIXED.items():
        assert mnemonic(t(key)) == letter, (key, t(key))
    problems: list[str] = []
    for name in SAMPLES:
        win.wizard.load(sample(name))
        for page in pages(win):
            owners = menu_bar_owners(win) + wizard_buttons(win) + mnemonic_owners(page)
            problems += [f"{language} {name} {page.objectName()}: {c}" for c in clashes(owners)]
    for menu_action in win.menuBar().actions():
        menu = menu_action.menu()
        owners = [(mnemonic(a.text()), a.text()) for a in menu.actions() if mnemonic(a.text())]
        problems += [f"{language} menu {menu.title()}: {c}" for c in clashes(owners)]  # type: ignore[arg-type]
    relationships = win.core.relationships()
    for code in relationships:
        dialog = DependantDialog(win.wizard.dependants, relationships, {"relationship": code})
        problems += [f"{language} dependant dialog ({code}): {c}" for c in clashes(mnemonic_owners(dialog))]
        dialog.deleteLater()
    from ui.dialogs import SettingsDialog

    settings_dialog = SettingsDialog(win, win.settings)
    problems += [f"{language} settings: {c}" for c in clashes(mnemonic_owners(settings_dialog))]
    settings_dialog.deleteLater()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", ["en", "ms"])
def test_every_input_has_an_accessible_name(qtbot: Any, win: Any, language: str) -> None:
    from ui.pages import DependantDialog

    win.set_language(language)
    missing: list[str] = []
    roots: list[QWidget] = []
    for name in SAMPLES:
        win.wizard.load(sample(name))
        roots = [*win.wizard.input_pages]
        roots.append(DependantDialog(win.wizard.dependants, win.core.relationships(), None))
        for root in roots:
            for widget in root.findChildren(QWidget):
                if not isinstance(widget, input_types()) or not widget.isVisibleTo(root):
                    continue
                if isinstance(widget, QAbstractButton) and not isinstance(widget, QCheckBox):
                    continue  # a push button is named by its text and says what it does
                if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                    continue  # not reached with the keyboard (a table's header)
                named_by_text = isinstance(widget, QCheckBox) and widget.text().strip()  # Qt names it so
                if not (widget.accessibleName().strip() or named_by_text):
                    missing.append(f"{language} {root.objectName()}: {widget.objectName() or widget} (name)")
                if widget.objectName() != "dep_ic" and not (
                    widget.toolTip() and widget.accessibleDescription()
                ):
                    missing.append(f"{language} {root.objectName()}: {widget.objectName()} (why we ask)")
    assert not missing, "\n".join(dict.fromkeys(missing))
