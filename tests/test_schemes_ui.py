"""The wizard, driven from the keyboard, through one case of each new scheme: the self-employed (SKSPS, Act 789)
and housewives (SKSSR, Act 838).  The first choice is who is insured; the wages page is skipped for both."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

from tests.ui_helpers import (  # noqa: F401 (fixtures)
    dialogs_fixture,
    type_text,
    win_fixture,
)
from ui.wizard import PAGE_DEPENDANTS, PAGE_DISABILITY, PAGE_INCIDENT, PAGE_RESULTS

pytestmark = pytest.mark.gui


def choose(qtbot: Any, combo: QComboBox, data: object) -> None:
    """Pick an entry of a closed combo box with the arrow keys, as a keyboard user does."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentData() == data:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == data, [combo.itemData(i) for i in range(combo.count())]


def enter(qtbot: Any, widget: QWidget) -> None:
    """Enter = Next."""
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_self_employed_rider_keyboard(qtbot: Any, win: Any) -> None:
    wiz = win.wizard
    inc = wiz.incident
    assert wiz.currentId() == PAGE_INCIDENT
    assert not inc.plan_combo.isVisible()
    choose(qtbot, inc.group_combo, "self_employed")
    assert [inc.type_combo.itemData(i) for i in range(inc.type_combo.count())] == [
        "self_employment_accident",
        "self_employment_travel",
        "occupational_disease",
    ]
    choose(qtbot, inc.type_combo, "self_employment_travel")
    assert inc.plan_combo.isVisible() and inc.paid_on.isVisible() and not inc.nei_box.isVisible()
    choose(qtbot, inc.plan_combo, 2)
    type_text(qtbot, inc.event_date, "10/06/2025")
    type_text(qtbot, inc.name, "Muhammad Hafiz")
    type_text(qtbot, inc.dob, "14/08/1992")
    type_text(qtbot, inc.paid_on, "05/01/2025")
    enter(qtbot, inc.paid_on)
    assert wiz.currentId() == PAGE_DISABILITY  # no wages: the plan is the basis
    dis = wiz.disability
    dis.leave.setFocus()
    dis.leave.selectAll()
    qtbot.keyClicks(dis.leave, "10")
    choose(qtbot, dis.board, "yes")  # the Medical Board has assessed the loss of earning capacity
    type_text(qtbot, dis.percent, "20.01")
    enter(qtbot, dis.percent)
    assert wiz.currentId() == PAGE_RESULTS
    assert wiz.result is not None, wiz.result_error
    tdb, pdb = wiz.result.benefit("TDB"), wiz.result.benefit("PDB")
    assert tdb is not None and f"{tdb.total:.2f}" == "413.30"  # 80% x 1,550/30 = 41.33 x 10
    assert pdb is not None and f"{pdb.daily_rate:.2f}" == "9.30"
    assert pdb.options[0].kind == "commutation"  # above 20%: one-fifth only (Act 789 s.29(2))
    assert "RM413.30" in wiz.results.view.browser.toHtml()
    saved = wiz.collect()
    assert saved["scheme"] == "self_employment" and saved["sksps_plan"] == 2
    assert saved["contribution_paid_on"] == "2025-01-05"


def test_housewife_survivors_keyboard(qtbot: Any, win: Any) -> None:
    wiz = win.wizard
    inc = wiz.incident
    choose(qtbot, inc.group_combo, "housewife")
    choose(qtbot, inc.type_combo, "domestic_injury")
    assert inc.paid_on.isVisible() and not inc.plan_combo.isVisible()
    choose(qtbot, inc.outcome_combo, "death")
    type_text(qtbot, inc.event_date, "21/08/2025")
    type_text(qtbot, inc.name, "Kavitha")
    type_text(qtbot, inc.dob, "30/06/1979")
    type_text(qtbot, inc.paid_on, "01/02/2025")
    enter(qtbot, inc.paid_on)
    assert wiz.currentId() == PAGE_DEPENDANTS
    # the dependants come from the sample file (the dependants dialog has its own tests)
    data = wiz.collect()
    data["dependants"] = [
        {"relationship": "spouse", "date_of_birth": "1975-10-09"},
        {"relationship": "child", "date_of_birth": "2009-03-14"},
    ]
    wiz.load(data)
    wiz.compute_result()
    assert wiz.result is not None, wiz.result_error
    survivors = wiz.result.benefit("SURVIVORS")
    assert survivors is not None and f"{survivors.monthly_amount:.2f}" == "300.00"
    assert [f"{p.monthly_amount:.2f}" for p in survivors.payees] == ["180.00", "120.00"]
    funeral = wiz.result.benefit("FUNERAL")
    assert funeral is not None and f"{funeral.total:.2f}" == "2000.00"
