"""Small keyboard-path behaviours: no alarm before input, MyKad, days empty not 0, the paste preview."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from tests.ui_helpers import click_next, dialogs_fixture, type_text, win_fixture  # noqa: F401 (fixtures)
from ui.wizard import PAGE_WAGES

pytestmark = pytest.mark.gui


def test_no_alarm_before_input_and_the_status_bar_says_what_is_needed(qtbot: Any, win: Any) -> None:
    wiz = win.wizard
    assert not any(label.isVisible() for label in wiz.incident.errors.values())
    live = win.live.text()
    assert "no amount payable" not in live and "Date of birth" in live and "Date of accident" in live
    assert QApplication.focusWidget() is wiz.incident.event_date or not win.isActiveWindow()
    type_text(qtbot, wiz.incident.event_date, "10062025")  # digits only
    type_text(qtbot, wiz.incident.dob, "2/4/1990")
    assert wiz.case is None or not wiz.incident.errors["event_date"].text()
    click_next(qtbot, wiz)
    assert wiz.currentId() == PAGE_WAGES
    assert not wiz.wages.table_errors.isVisible()  # six empty proposed months: no "required" yet
    assert "Monthly wages" in win.live.text()


def test_a_bad_date_names_the_form_the_box_shows(qtbot: Any, win: Any) -> None:
    from ui.text import set_lang

    wiz = win.wizard
    type_text(qtbot, wiz.incident.event_date, "12/03/19902500")
    message = wiz.incident.errors["event_date"].text()
    assert "DD/MM/YYYY" in message and "YYYY-MM-DD" not in message
    win.set_language("ms")
    assert "HH/BB/TTTT" in wiz.incident.errors["event_date"].text()
    set_lang("en")


def test_the_ic_number_gives_the_date_of_birth_and_a_contradiction_is_flagged(qtbot: Any, win: Any) -> None:
    inc = win.wizard.incident
    type_text(qtbot, inc.event_date, "10/06/2025")
    type_text(qtbot, inc.ic, "900402-14-5678")
    assert inc.dob.text() == "02/04/1990"
    type_text(qtbot, inc.dob, "03/04/1990")
    assert "02/04/1990" in inc.errors["date_of_birth"].text()


def test_days_arrive_empty_and_a_value_is_selected(qtbot: Any, win: Any) -> None:
    dis = win.wizard.disability
    assert dis.leave.text() == ""
    data: dict[str, Any] = {}
    dis.collect(data)
    assert "medical_leave_days" not in data
    dis.leave.setText("14")
    from ui.pages.base import focus_and_select

    focus_and_select(dis.leave)
    assert dis.leave.selectedText() == "14"


def test_the_dependant_dialog_adapts_to_the_relationship(qtbot: Any, win: Any) -> None:
    from ui.pages import DependantDialog

    relationships = win.core.relationships()
    spouse = DependantDialog(win.wizard.dependants, relationships, {"relationship": "spouse"})
    assert spouse.studying.isHidden() and spouse.married.isHidden()
    child = DependantDialog(win.wizard.dependants, relationships, {"relationship": "child"})
    assert not child.studying.isHidden() and child.ends.isHidden()
    child.studying.setChecked(True)
    assert not child.ends.isHidden()
    child.ic.setText("050110-14-1234")
    assert child.dob.text() == "10/01/2005"
    child.ends.setText("30/06/2027")
    assert child.value()["education_ends_on"] == "2027-06-30"
    assert "married" not in spouse.value() and "in_higher_education" not in spouse.value()


def test_the_paste_preview_names_the_bad_lines(qtbot: Any, win: Any) -> None:
    wages = win.wizard.wages
    QApplication.clipboard().setText("Month\tWage\n05/2025\t2500\nrubbish 12\nJun 2025\t2,600.00\n")
    wages.paste_history()
    dialog = wages.paste_dialog
    assert dialog is not None
    assert len(dialog.pasted.rows) == 2 and "Line 3" in dialog.bad.text()
    dialog.accept()
    assert ("2025-06", "2600.00") in wages.rows()


def test_the_funeral_box_says_the_cap_in_force(qtbot: Any, win: Any) -> None:
    from tests.ui_helpers import sample

    wiz = win.wizard
    wiz.load(sample("death_four_dependants.json"))
    wiz.dependants.initializePage()
    assert "RM" in wiz.dependants.funeral.toolTip() and "RM" in wiz.dependants.funeral.placeholderText()
