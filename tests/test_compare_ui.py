"""The comparison view and the what-if chart (issue 15, app part).

The main test builds a three-scenario comparison (20%, 20.01%, 25%) by keyboard: after one click in the
percentage field every key goes to ``QApplication.focusWidget()``; the columns on screen are then read and
compared with the core's own ``compare()`` (through the shared comparison table).
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui_helpers import DialogLog, dialogs_fixture, sample, win_fixture  # noqa: F401 (fixtures)
from ui.compare.view import screen_rows

CTRL = Qt.KeyboardModifier.ControlModifier


def base_case(percent: str = "20") -> dict[str, Any]:
    data = sample("pdb_lump_sum.json")
    data.pop("injuries")
    data["loss_of_earning_capacity_percent"] = percent
    return data


def key(qtbot: Any, which: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    qtbot.keyClick(widget, which, modifier)


def keys(qtbot: Any, text: str) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    qtbot.keyClicks(widget, text)


def focused_name() -> str:
    widget = QApplication.focusWidget()
    return widget.objectName() if widget is not None else ""


def open_on_disablement(win: Any, qtbot: Any) -> None:
    from ui.wizard import PAGE_DISABILITY

    win.wizard.load(base_case("20"))
    win.wizard.go_to(PAGE_DISABILITY)
    assert win.wizard.currentId() == PAGE_DISABILITY
    qtbot.mouseClick(win.wizard.disability.percent, Qt.MouseButton.LeftButton)  # the only click
    assert focused_name() == "loss_of_earning_capacity_percent"


def screen_columns(view: Any) -> dict[str, list[str]]:
    table = view.table
    out: dict[str, list[str]] = {}
    for r in range(table.rowCount()):
        path = table.verticalHeaderItem(r).data(Qt.ItemDataRole.UserRole + 2)
        out[path] = [table.item(r, c).text() for c in range(table.columnCount())]
    return out


def set_percent_by_keys(qtbot: Any, percent: str) -> None:
    assert focused_name() == "loss_of_earning_capacity_percent"
    key(qtbot, Qt.Key.Key_A, CTRL)
    keys(qtbot, percent)


def test_three_scenarios_by_keyboard(win: Any, qtbot: Any) -> None:
    from estimator import parse_case
    from estimator.law.compare import compare
    from estimator.present.compare import comparison_table

    open_on_disablement(win, qtbot)
    key(qtbot, Qt.Key.Key_K, CTRL)  # Compare: A is this case, B a copy
    comparing = win.comparing
    assert comparing is not None and comparing.showing()
    assert focused_name() == "scenario_label_0"
    keys(qtbot, "20%")
    key(qtbot, Qt.Key.Key_Tab)
    assert focused_name() == "scenario_label_1"
    keys(qtbot, "20.01%")
    key(qtbot, Qt.Key.Key_Return)  # edit B in the wizard, back where the clerk was
    assert not comparing.showing()
    set_percent_by_keys(qtbot, "20.01")
    key(qtbot, Qt.Key.Key_K, CTRL)
    assert comparing.showing() and focused_name() == "scenario_label_1"
    key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # Add scenario: C, a copy of B
    qtbot.waitUntil(lambda: focused_name() == "scenario_label_2")  # the mnemonic clicks after a moment
    keys(qtbot, "25%")
    key(qtbot, Qt.Key.Key_Return)
    set_percent_by_keys(qtbot, "25")
    key(qtbot, Qt.Key.Key_K, CTRL)
    assert comparing.showing()

    labels = ["20%", "20.01%", "25%"]
    assert [s.label for s in comparing.session.slots] == labels
    expected = compare(
        [(label, parse_case(base_case(p))) for label, p in zip(labels, ("20", "20.01", "25"), strict=True)]
    )
    table = comparison_table(expected)
    rows = screen_rows(expected, table.rows)  # the shared table, less zero rows and a compulsory break-even
    view = comparing.view
    assert [view.table.horizontalHeaderItem(c).text() for c in range(view.table.columnCount())] == labels
    on_screen = screen_columns(view)
    assert on_screen == {row.path: row.values for row in rows}
    assert on_screen["benefits.PDB.break_even_age"][0] == "—"  # 20%: the lump sum is compulsory, no choice
    assert all(set(values) - {"—", "RM0.00"} for values in on_screen.values())  # no row of zeros
    # the cliff: a lump sum only at 20%, a monthly pension above it; those rows are highlighted
    pdb_a, pdb_b = (s.figures("PDB") for s in expected.scenarios[:2])
    assert pdb_a is not None and pdb_b is not None
    assert pdb_a.commutation == "compulsory" and pdb_b.commutation == "optional"
    highlighted = {
        view.table.verticalHeaderItem(r).data(Qt.ItemDataRole.UserRole + 2)
        for r in range(view.table.rowCount())
        if view.table.item(r, 0).background().color().name() == "#fff2b3"
    }
    assert highlighted == {row.path for row in rows if row.differs}
    assert "benefits.PDB.lump_sum" in highlighted and "benefits.PDB.monthly_amount" in highlighted
    assert "result.average_assumed_monthly_wage" not in highlighted
    # one line per scenario on the chart (plus the dashed commuting lines of those that can commute)
    solid = [line.label for line in view.chart.data.lines if not line.dashed]
    assert solid == labels
    # the scenario being edited is in the window's title; the Estimate page has its Compare button
    assert win.wizard.results.ensure_view().compare_button.text()


def test_comparison_file_saved_and_opened(win: Any, qtbot: Any, dialogs: DialogLog, tmp_path: Path) -> None:
    from estimator.model.comparison_file import read_comparison_file
    from ui.wizard import PAGE_DISABILITY

    case_file = tmp_path / "case.json"
    case_file.write_text(json.dumps(base_case("20")), encoding="utf-8")
    assert win.open_path(case_file, asked=True)
    original = case_file.read_bytes()
    win.wizard.go_to(PAGE_DISABILITY)
    win.compare()
    comparing = win.comparing
    assert win.path is None and win.dirty  # Save can no longer write a scenario over the case file
    comparing.session.set_label(0, "board 20")
    comparing.edit(1)
    win.wizard.disability.percent.setText("30")
    win.compare()
    target = tmp_path / "two.json"
    dialogs.save_name = str(target)
    assert win.save()  # Ctrl+S while comparing saves the comparison
    assert case_file.read_bytes() == original
    assert win.path == target and not win.dirty
    saved = read_comparison_file(target)
    assert [label for label, _ in saved] == ["board 20", "B"]
    assert [c.loss_of_earning_capacity_percent for _, c in saved] == [Decimal("20"), Decimal("30")]
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "faedah-comparison"
    assert str(target) in win.settings.recent_files

    win.wizard.clear()
    comparing.session.slots = []
    assert win.open_path(target, asked=True)
    assert comparing.showing()
    assert [s.label for s in comparing.session.slots] == ["board 20", "B"]
    assert win.wizard.disability.percent.text() == "20"
    assert comparing.view.table.columnCount() == 2

    assert win.open_path(case_file, asked=True)  # a case file ends the comparison
    assert not comparing.active and not comparing.showing()


def test_whatif_chart_on_the_disablement_page(win: Any, qtbot: Any) -> None:
    from estimator import parse_case
    from estimator.law.compare import pdb_curve

    open_on_disablement(win, qtbot)
    whatif = win.wizard.disability.whatif
    assert whatif.isVisible()
    whatif.refresh()
    expected = pdb_curve(parse_case(base_case("20")))
    assert whatif.curve == expected
    data = whatif.chart_data()
    assert [m.x for m in data.markers] == [20.0]
    assert data.dots and data.dots[0].x == 20.0 and data.dots[0].right_axis  # lump sum at 20%
    set_percent_by_keys(qtbot, "45")
    qtbot.waitUntil(lambda: whatif.chart_data().dots[0].x == 45.0)
    dot = whatif.chart_data().dots[0]
    at45 = next(c for c in expected if c.lec_percent == 45)
    assert not dot.right_axis and abs(dot.y - float(at45.monthly)) < 0.01  # float-ok: plot check


def test_every_compare_string_exists_in_both_languages() -> None:
    import re

    root = Path(__file__).resolve().parent.parent
    data = json.loads((root / "resources" / "i18n" / "ui_compare.json").read_text(encoding="utf-8"))
    sources = [*(root / "ui" / "compare").glob("*.py"), root / "ui" / "pages" / "disablement.py"]
    used: set[str] = set()
    for path in sources:
        used |= set(
            re.findall(r"[\"'](ui\.(?:compare|whatif)\.[a-z0-9_.]+[a-z0-9_])[\"']", path.read_text("utf-8"))
        )
    assert used and not sorted(k for k in used if k not in data)
    for name, entry in data.items():
        if not name.startswith("_"):
            assert entry["en"].strip() and entry["ms"].strip(), name
            assert set(re.findall(r"{(\w+)}", entry["en"])) == set(re.findall(r"{(\w+)}", entry["ms"])), name


def test_compare_live_title_pdf_and_lump_sum_whatif(
    win: Any, qtbot: Any, dialogs: DialogLog, tmp_path: Path
) -> None:
    """Edited scenario in the title, live refresh, the comparison PDF from the app, SKSSR's what-if."""
    from ui.wizard import PAGE_DISABILITY

    win.wizard.load(base_case("20"))
    win.wizard.go_to(PAGE_DISABILITY)
    win.compare()  # A = this case, B = a copy, open in the wizard
    comparing = win.comparing
    assert "editing scenario B" in win.windowTitle()
    comparing.edit(1)
    win.wizard.disability.percent.setText("30")
    win.wizard.compute_result()  # the estimate after the typing pause
    view = comparing.view
    lec = next(
        r
        for r in range(view.table.rowCount())
        if view.table.verticalHeaderItem(r).text() == "Loss of earning capacity"
    )
    assert view.table.item(lec, 1).text() == "30%"  # refreshed while B is edited, before Ctrl+K
    target = tmp_path / "comparison.pdf"
    dialogs.save_name = str(target)
    comparing.export_pdf()
    assert target.read_bytes().startswith(b"%PDF")
    # SKSSR (housewives): a lump sum against the %, no Act 4 20% marker
    win.compare()
    comparing.end()
    win.wizard.load(sample("sksr_domestic_injury.json"))
    win.wizard.go_to(PAGE_DISABILITY)
    chart = win.wizard.disability.whatif
    chart.refresh()
    if chart.curve:
        assert not chart.data.markers
        assert all(not line.dashed for line in chart.data.lines)
