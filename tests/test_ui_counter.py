"""No silent default at the counter (issue 25): every decision asked, every error at its field, keys only.

After the first click every key goes to ``QApplication.focusWidget()``; where a case reaches the Estimate page,
the estimate must be the CLI's for the same case file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.test_keyboard_path import Keyboard, same_as_cli, start
from tests.ui_helpers import (  # noqa: F401 (fixtures)
    DialogLog,
    clashes,
    dialogs_fixture,
    mnemonic_owners,
    win_fixture,
)
from ui.text import pick
from ui.wizard import PAGE_DEPENDANTS, PAGE_DISABILITY, PAGE_INCIDENT, PAGE_RESULTS, PAGE_WAGES

pytestmark = pytest.mark.gui


def choose_group(keys: Keyboard, win: Any, group: str) -> None:
    """Alt+W (Who is insured), then the arrows to ``group``."""
    combo = win.wizard.incident.group_combo
    keys.key(Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    assert keys.focus() is combo
    keys.key(Qt.Key.Key_Home)
    while combo.currentData() != group:
        keys.down()


def type_each(keys: Keyboard, text: str) -> None:
    """Each key to whatever has the focus then (the first key opens a cell's editor, the rest go into it)."""
    for char in text:
        keys.type(char)


def test_sksps_plan_is_asked_never_preselected(qtbot: Any, win: Any, tmp_path: Path, capsys: Any) -> None:
    keys = start(qtbot, win, "en")
    wiz, inc = win.wizard, win.wizard.incident
    choose_group(keys, win, "self_employed")
    assert inc.plan_combo.isVisible() and inc.plan_combo.currentData() is None  # no plan chosen for the clerk
    assert "contribution RM19.40 a month" in inc.plan_combo.itemText(inc.plan_combo.findData(2))
    for language in ("ms", "en"):  # the plan and the day it was paid have letters of their own
        win.set_language(language)
        assert not clashes(mnemonic_owners(inc) + mnemonic_owners(win.menuBar())), language
    keys.key(Qt.Key.Key_Tab)  # the incident type
    keys.key(Qt.Key.Key_Tab)  # the outcome
    keys.key(Qt.Key.Key_Tab)  # the date
    assert keys.focus() is inc.event_date
    keys.type("10062025")
    keys.enter()
    assert keys.focus() is inc.plan_combo  # the decision comes next, before anything optional
    keys.enter()  # Enter does not walk past it
    assert keys.focus() is inc.plan_combo and wiz.currentId() == PAGE_INCIDENT
    assert "plan" in inc.errors["sksps_plan"].text().lower()
    assert "plan" in win.live.text().lower() and "no amount payable" not in win.live.text()
    keys.down(2)  # Plan 2
    assert inc.plan_combo.currentData() == 2
    keys.enter()
    assert keys.focus() is inc.paid_on
    keys.type("05012025")
    keys.enter()
    assert keys.focus() is inc.dob
    keys.type("14081992")
    keys.enter()
    assert wiz.currentId() == PAGE_DISABILITY
    keys.type("10")
    keys.enter()
    assert keys.focus() is wiz.disability.board
    keys.type("n")  # not assessed yet
    keys.enter()
    result = same_as_cli(win, tmp_path, capsys)
    assert wiz.case.sksps_plan == 2
    assert f"{result.benefit('TDB').total:.2f}" == "413.30"  # 80% x 1,550/30 x 10 days


def test_dob_after_the_event_is_said_on_page_one(qtbot: Any, win: Any) -> None:
    keys = start(qtbot, win, "en")
    wiz, inc = win.wizard, win.wizard.incident
    keys.type("10062025")
    keys.enter()
    assert keys.focus() is inc.dob
    keys.type("11062025")  # a day after the accident
    keys.enter()
    assert wiz.currentId() == PAGE_INCIDENT and keys.focus() is inc.dob  # Enter stays with the field
    assert inc.errors["date_of_birth"].text() == "The date of birth must be before the date of the event."
    assert not wiz.button(wiz.WizardButton.NextButton).isEnabled()
    keys.type("11061985")  # the value was selected: typing replaces it
    keys.enter()
    assert wiz.currentId() == PAGE_WAGES
    assert not wiz.wages.table_errors.isVisible()


def test_enter_never_leaves_an_impossible_date(qtbot: Any, win: Any) -> None:
    keys = start(qtbot, win, "en")
    inc = win.wizard.incident
    keys.type("31/02/2025")
    keys.enter()
    assert keys.focus() is inc.event_date and inc.event_date.text() == "31/02/2025"
    assert "DD/MM/YYYY" in inc.errors["event_date"].text()


def test_month_codes_have_their_own_message(win: Any) -> None:
    from estimator.engine.i18n import tr
    from estimator.model.case import Problem
    from ui.pages.base import problem_text

    early = Problem(
        field="monthly_wages[0].month",
        code="month_before_working_age",
        message=tr("err.month_before_working_age", month="1970-03"),
    )
    text = problem_text(early, "")
    assert "03/1970" in text and "could have worked" in text and "type it as" not in text


def test_enter_on_empty_dependants_asks(qtbot: Any, win: Any, dialogs: DialogLog) -> None:
    keys = start(qtbot, win, "en")
    wiz = win.wizard
    keys.type("3/11/2025")
    keys.key(Qt.Key.Key_Backtab)  # the outcome
    keys.down()  # death
    keys.tab()
    keys.enter()
    keys.type("11-05-1982")
    keys.enter()
    keys.type("4200")
    keys.enter()
    assert wiz.currentId() == PAGE_DEPENDANTS
    assert keys.focus() is wiz.dependants.add_button  # an empty list: the focus on Add
    dialogs.yes_no = False
    keys.enter()  # "No dependants?" -- No: the Add dialog opens
    assert dialogs.kinds("yes_no")[-1][1] == "No dependants to list?"
    dialog = wiz.dependants.dialog
    assert dialog is not None and wiz.currentId() == PAGE_DEPENDANTS
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2000)
    keys.key(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: wiz.dependants.dialog is None, timeout=2000)
    dialogs.yes_no = True
    wiz.dependants.add_button.setFocus()
    keys.enter()  # Yes: on to the estimate, without dependants
    assert wiz.currentId() == PAGE_RESULTS
    assert len(dialogs.kinds("yes_no")) == 2


def test_back_to_wages_then_typing(qtbot: Any, win: Any) -> None:
    keys = start(qtbot, win, "en")
    wiz = win.wizard
    keys.type("10062025")
    keys.enter()
    keys.type("02041990")
    keys.enter()
    assert wiz.currentId() == PAGE_WAGES
    assert not wiz.wages.table_errors.isVisible() and "Row 1" not in wiz.wages.status.text()
    assert "Row 1" not in win.live.text()
    keys.type("2500")
    keys.enter()
    assert wiz.currentId() == PAGE_DISABILITY
    months = [m for m, _w in wiz.wages.rows()]
    keys.key(Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)  # Back
    qtbot.wait(150)  # a button's mnemonic animates its click
    assert wiz.currentId() == PAGE_WAGES
    table = wiz.wages.table
    assert keys.focus() is table and table.currentColumn() == 1  # the Wage column, no Month editor open
    type_each(keys, "2100")
    keys.enter()
    assert [m for m, _w in wiz.wages.rows()] == months  # a month never became a wage
    assert "2100" in [w for _m, w in wiz.wages.rows()]


def test_typing_on_a_month_goes_to_its_wage(qtbot: Any, win: Any) -> None:
    keys = start(qtbot, win, "en")
    wiz = win.wizard
    keys.type("10062025")
    keys.enter()
    keys.type("02041990")
    keys.enter()
    table = wiz.wages.table
    table.setFocus()
    table.setCurrentCell(0, 0)
    type_each(keys, "1900")
    keys.enter()
    assert wiz.wages.rows()[0] == ("2024-12", "1900")


def test_status_bar_says_the_answer_card_at_20_percent(qtbot: Any, win: Any) -> None:
    from estimator.present import present_result

    keys = start(qtbot, win, "en")
    wiz = win.wizard
    assert "no amount payable" not in win.live.text()
    keys.type("10062025")
    keys.enter()
    keys.type("02041990")
    keys.enter()
    keys.type("2500")
    keys.enter()
    keys.type("10")
    keys.enter()
    keys.type("y")  # the Board has assessed
    keys.enter()
    assert keys.focus() is wiz.disability.percent
    keys.type("20")
    keys.enter()
    assert wiz.currentId() == PAGE_RESULTS
    view = present_result(wiz.result)
    status = win.live.text()
    for benefit in view.money_benefits:
        assert pick((benefit.answer or [benefit.headline])[0]) in status
    pdb = wiz.result.benefit("PDB")
    lump = next(o for o in pdb.options if o.monthly_amount == 0)
    assert f"RM{lump.lump_sum:,.2f}" in status
    assert f"RM{pdb.monthly_amount:,.2f} a month" not in status  # the lump sum is the answer at 20%

    # "Check your answers" at the top of the Estimate page: each answer, Alt+number goes back to change it
    check = wiz.results.view.check
    assert check.isVisible()
    texts = [b.text() for b in check.buttons.values()]
    assert any("10/06/2025" in text for text in texts) and any("20%" in text for text in texts)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", wiz.results.view.browser.toPlainText())  # DD/MM/YYYY only
    number = list(check.buttons).index("date_of_birth") + 1
    keys.key(Qt.Key(ord(str(number))), Qt.KeyboardModifier.AltModifier)
    qtbot.wait(150)  # a button's mnemonic animates its click
    assert wiz.currentId() == PAGE_INCIDENT and keys.focus() is wiz.incident.dob
