"""The clerk's keyboard path: four whole cases typed with keys only, in English and in Malay (pytest-qt).

After the first click every key goes to ``QApplication.focusWidget()`` (Tab, Enter, arrows, Alt+letter, text),
as a counter clerk types; the estimate on the screen must be the CLI's for the same case file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui_helpers import dialogs_fixture, win_fixture  # noqa: F401 (fixtures)
from ui.wizard import PAGE_DEPENDANTS, PAGE_DISABILITY, PAGE_INCIDENT, PAGE_RESULTS, PAGE_WAGES

pytestmark = pytest.mark.gui

MAX_KEYS_SCENARIO_ONE = 30
BUTTON_CLICK_MS = 150  # Qt's animateClick() takes 100 ms
LETTERS = {  # the mnemonics the clerk uses, in each language
    "en": {"type": "t", "police": "p", "add": "a", "dob": "b", "higher": "h", "funeral": "x", "paste": "p"}
    | {"yes": "y", "not_yet": "n", "board": "l"},
    "ms": {"type": "j", "police": "i", "add": "t", "dob": "l", "higher": "t", "funeral": "y", "paste": "c"}
    | {"yes": "y", "not_yet": "b", "board": "h"},
}


class Keyboard:
    """Keys sent to whatever has the focus, counted."""

    def __init__(self, qtbot: Any, language: str) -> None:
        self.qtbot = qtbot
        self.letters = LETTERS[language]
        self.count = 0

    def focus(self) -> Any:
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the focus"
        return widget

    def key(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        QTest.keyClick(self.focus(), key, modifier)
        self.count += 1
        QApplication.processEvents()

    def type(self, text: str) -> None:
        QTest.keyClicks(self.focus(), text)
        self.count += len(text)
        QApplication.processEvents()

    def enter(self) -> None:
        self.key(Qt.Key.Key_Return)

    def tab(self, times: int = 1) -> None:
        for _ in range(times):
            self.key(Qt.Key.Key_Tab)

    def down(self, times: int = 1) -> None:
        for _ in range(times):
            self.key(Qt.Key.Key_Down)

    def alt(self, name: str) -> None:
        letter = self.letters[name]
        self.key(Qt.Key(ord(letter.upper())), Qt.KeyboardModifier.AltModifier)
        self.qtbot.wait(BUTTON_CLICK_MS)  # a button's mnemonic "animates" its click: it fires a moment later


def start(qtbot: Any, win: Any, language: str) -> Keyboard:
    win.set_language(language)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=2000)
    wiz = win.wizard
    assert wiz.currentId() == PAGE_INCIDENT
    qtbot.mouseClick(wiz.incident.event_date, Qt.MouseButton.LeftButton)  # the first (and only) click
    return Keyboard(qtbot, language)


def cli_result(tmp_path: Path, case: Any, capsys: pytest.CaptureFixture[str]) -> Any:
    """The CLI's estimate (``faedah estimate CASE --json``) of the case the window holds."""
    from estimator.cli.main import main
    from estimator.model.casefile import write_case_file

    path = write_case_file(tmp_path / "case.json", case)
    capsys.readouterr()
    assert main(["estimate", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def same_as_cli(win: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Any:
    wiz = win.wizard
    assert wiz.currentId() == PAGE_RESULTS
    assert wiz.case is not None and wiz.result is not None
    assert json.loads(wiz.result.model_dump_json()) == cli_result(tmp_path, wiz.case, capsys)
    return wiz.result


def benefit_codes(result: Any) -> set[str]:
    return {b.code for b in result.benefits}


LANGUAGES = pytest.mark.parametrize("language", ["en", "ms"])


@LANGUAGES
def test_tdb_ten_days_at_2500(qtbot: Any, win: Any, language: str, tmp_path: Path, capsys: Any) -> None:
    keys = start(qtbot, win, language)
    wiz = win.wizard
    keys.type("10062025")  # the date of the accident, digits only
    keys.enter()  # on to the date of birth (name and IC are optional)
    assert keys.focus() is wiz.incident.dob
    keys.type("02041990")
    keys.enter()  # the page is complete: Next
    assert wiz.currentId() == PAGE_WAGES
    assert keys.focus() is wiz.wages.fill_amount
    assert not wiz.wages.table_errors.isVisible()  # no "required" before any input
    keys.type("2500")
    keys.enter()  # quick fill over the proposed six months, then Next
    assert wiz.currentId() == PAGE_DISABILITY
    assert keys.focus() is wiz.disability.leave and wiz.disability.leave.text() == ""
    keys.type("10")
    keys.enter()  # the Medical Board's decision is asked, never assumed
    assert keys.focus() is wiz.disability.board and wiz.currentId() == PAGE_DISABILITY
    keys.type(LETTERS[language]["not_yet"])
    keys.enter()
    result = same_as_cli(win, tmp_path, capsys)
    assert wiz.case.medical_leave_days == 10
    assert [str(w.wage) for w in wiz.case.monthly_wages] == ["2500"] * 6
    assert "TDB" in benefit_codes(result)
    print(f"scenario 1 ({language}): {keys.count} keystrokes")
    assert keys.count <= MAX_KEYS_SCENARIO_ONE


@LANGUAGES
def test_commuting_accident_thirty_percent_at_21(
    qtbot: Any, win: Any, language: str, tmp_path: Path, capsys: Any
) -> None:
    keys = start(qtbot, win, language)
    wiz = win.wizard
    keys.type("15/03/2025")
    keys.alt("type")
    keys.down()  # commuting accident
    assert wiz.incident.incident_type == "commuting_accident"
    keys.alt("police")
    keys.down()  # yes
    keys.tab()  # the claimant's name
    keys.tab(2)  # the IC number, then the date of birth
    assert keys.focus() is wiz.incident.dob
    keys.type("20.07.2003")
    keys.enter()
    assert wiz.currentId() == PAGE_WAGES
    keys.type("1,800")
    keys.enter()
    assert wiz.currentId() == PAGE_DISABILITY
    keys.tab(2)  # past the days of leave and the days worked: the Medical Board's decision
    assert keys.focus() is wiz.disability.board
    keys.type(LETTERS[language]["yes"])
    keys.enter()  # assessed: on to its %
    assert keys.focus() is wiz.disability.percent
    keys.type("30")
    keys.enter()
    result = same_as_cli(win, tmp_path, capsys)
    assert wiz.case.police_report_made is True
    assert str(wiz.case.loss_of_earning_capacity_percent) == "30"
    assert benefit_codes(result) & {"PDB", "PDB_LUMP", "PDB_COMMUTATION"} or result.benefits


@LANGUAGES
def test_death_widow_three_children_funeral(
    qtbot: Any, win: Any, language: str, tmp_path: Path, capsys: Any
) -> None:
    keys = start(qtbot, win, language)
    wiz = win.wizard
    keys.type("3/11/2025")
    keys.key(Qt.Key.Key_Backtab)  # the outcome
    keys.down()  # death
    assert wiz.incident.outcome == "death"
    keys.tab()
    keys.enter()  # on to the date of birth
    keys.type("11-05-1982")
    keys.enter()
    assert wiz.currentId() == PAGE_WAGES
    keys.type("4200")
    keys.enter()
    assert wiz.currentId() == PAGE_DEPENDANTS
    for relationship_steps, born, higher in (
        (0, "23/09/1984", False),
        (1, "14/02/2008", False),
        (1, "30/10/2005", True),
        (1, "01/06/2019", False),
    ):
        keys.alt("add")
        dialog = wiz.dependants.dialog
        assert dialog is not None
        qtbot.waitUntil(lambda d=dialog: QApplication.focusWidget() is d.relationship, timeout=2000)
        keys.down(relationship_steps)
        keys.alt("dob")
        keys.type(born)
        if higher:
            keys.alt("higher")
            assert dialog.studying.isChecked()
        keys.enter()
        assert wiz.dependants.dialog is None
    keys.alt("funeral")
    keys.type("4000")
    keys.enter()
    result = same_as_cli(win, tmp_path, capsys)
    relationships = [d.relationship for d in wiz.case.dependants]
    assert relationships == ["spouse", "child", "child", "child"]
    assert [d.in_higher_education for d in wiz.case.dependants].count(True) == 1
    assert str(wiz.case.funeral_expenses) == "4000"
    assert result.benefits


@LANGUAGES
def test_invalidity_with_120_months_pasted(
    qtbot: Any, win: Any, language: str, tmp_path: Path, capsys: Any
) -> None:
    history = "\n".join(
        f"{(i + 4) % 12 + 1:02d}/{2015 + (i + 4) // 12}\t{2800 + 10 * i:,}.00" for i in range(120)
    )
    QApplication.clipboard().setText(history)  # copied from the statement beforehand
    keys = start(qtbot, win, language)
    wiz = win.wizard
    keys.alt("type")
    keys.down(5)  # illness: the invalidity scheme
    assert wiz.incident.scheme == "invalidity"
    keys.tab(2)  # the outcome, then the date of notice of invalidity
    assert keys.focus() is wiz.incident.event_date
    keys.type("10062025")
    keys.enter()
    keys.type("02041975")
    keys.enter()
    assert wiz.currentId() == PAGE_WAGES
    assert keys.focus() is wiz.wages.first_month
    keys.type("05/2015")
    keys.alt("paste")
    dialog = wiz.wages.paste_dialog
    assert dialog is not None and len(dialog.pasted.rows) == 120
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2000)
    keys.enter()  # accept the preview
    assert len(wiz.wages.rows()) == 120
    keys.enter()  # the wages are complete: Next
    assert wiz.currentId() == PAGE_DISABILITY, (wiz.wages.status.text(), [p.line() for p in wiz.problems])
    keys.enter()
    result = same_as_cli(win, tmp_path, capsys)
    assert len(wiz.case.monthly_wages) == 120
    assert result.benefits
