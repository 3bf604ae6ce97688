"""The comparison view: the scenarios in columns (the shared comparison table of
:mod:`estimator.present.compare`, so the screen shows what the paper shows), the differing rows highlighted,
and a chart of the cumulative payments over age, one line per scenario (dashed: commuting one fifth)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..text import Binder, pick, t
from .chart import ChartData, Line, LineChart, Marker
from .session import MAX_SCENARIOS, letter

if TYPE_CHECKING:
    from estimator.law.compare import Comparison
    from estimator.model.case import Problem
    from estimator.present.compare import CompareRow

DIFFERS = QColor("#fff2b3")
NONE, ZERO = "—", "RM0.00"  # the shared table's "no such figure" and a zero amount
MONTHLY = "monthly_amount"
PATH_ROLE = Qt.ItemDataRole.UserRole + 2


class CompareView(QWidget):
    def __init__(
        self,
        on_edit: Callable[[int], None],
        on_label: Callable[[int, str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("compare_view")
        self.on_edit, self.on_label = on_edit, on_label
        self.b = Binder()
        outer = QVBoxLayout(self)
        title = QLabel(objectName="compare_title")
        font = QFont(title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        title.setFont(font)
        self.b.text(title.setText, "ui.compare.title")
        hint = QLabel(objectName="compare_hint")
        hint.setWordWrap(True)
        self.b.text(hint.setText, "ui.compare.hint")
        outer.addWidget(title)
        outer.addWidget(hint)

        grid = QGridLayout()
        self.label_captions: list[QLabel] = []
        self.label_edits: list[QLineEdit] = []
        self.edit_buttons: list[QPushButton] = []
        self.editing_marks: list[QLabel] = []
        for i in range(MAX_SCENARIOS):
            caption = QLabel()
            edit = QLineEdit(objectName=f"scenario_label_{i}")
            edit.setMaxLength(40)
            caption.setBuddy(edit)
            button = QPushButton(objectName=f"scenario_edit_{i}")
            mark = QLabel(objectName=f"scenario_editing_{i}")
            edit.textEdited.connect(lambda text, index=i: self.on_label(index, text))
            edit.returnPressed.connect(lambda index=i: self.on_edit(index))
            button.clicked.connect(lambda _c=False, index=i: self.on_edit(index))
            row, column = divmod(i, 2)
            for offset, widget in enumerate((caption, edit, button, mark)):
                grid.addWidget(widget, row, column * 4 + offset)
            self.label_captions.append(caption)
            self.label_edits.append(edit)
            self.edit_buttons.append(button)
            self.editing_marks.append(mark)
        outer.addLayout(grid)
        for first, second in zip(self.label_edits, self.label_edits[1:], strict=False):
            QWidget.setTabOrder(first, second)

        buttons = QHBoxLayout()
        self.add_button = QPushButton(objectName="compare_add")
        self.remove_button = QPushButton(objectName="compare_remove")
        self.save_button = QPushButton(objectName="compare_save")
        self.pdf_button = QPushButton(objectName="compare_pdf")
        self.back_button = QPushButton(objectName="compare_back")
        for button, key in (
            (self.add_button, "ui.compare.add"),
            (self.remove_button, "ui.compare.remove"),
            (self.save_button, "ui.compare.save"),
            (self.pdf_button, "ui.compare.pdf"),
            (self.back_button, "ui.compare.back"),
        ):
            self.b.text(button.setText, key)
            buttons.addWidget(button)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        self.problems = QLabel(objectName="compare_problems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #a00000")
        self.problems.hide()
        outer.addWidget(self.problems)

        split = QSplitter(Qt.Orientation.Vertical)
        self.table = QTableWidget(objectName="compare_table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.chart = LineChart("compare_chart", lines_high=14)
        split.addWidget(self.table)
        split.addWidget(self.chart)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        outer.addWidget(split, 1)
        self.footnote = QLabel(objectName="compare_footnote")
        self.footnote.setWordWrap(True)
        outer.addWidget(self.footnote)
        self.labels: list[str] = []

    # -- the scenario strip
    def show_slots(self, labels: list[str], editing: int) -> None:
        self.labels = labels
        for i in range(MAX_SCENARIOS):
            present = i < len(labels)
            for widget in (
                self.label_captions[i],
                self.label_edits[i],
                self.edit_buttons[i],
                self.editing_marks[i],
            ):
                widget.setVisible(present)
            self.label_captions[i].setText(t("ui.compare.label", number=i + 1, letter=letter(i)))
            self.edit_buttons[i].setText(t("ui.compare.edit"))
            self.edit_buttons[i].setAccessibleName(f"{t('ui.compare.edit')} {letter(i)}")
            if present and self.label_edits[i].text() != labels[i]:
                self.label_edits[i].setText(labels[i])
            self.editing_marks[i].setText(f"← {t('ui.compare.editing')}" if i == editing else "")
        self.add_button.setEnabled(len(labels) < MAX_SCENARIOS)
        self.remove_button.setEnabled(len(labels) > 1)

    # -- the figures
    def show_comparison(
        self, comparison: Comparison | None, invalid: list[tuple[str, list[Problem]]]
    ) -> None:
        from estimator.present.compare import comparison_table

        if invalid:
            lines = [
                t(
                    "ui.compare.invalid",
                    label=label,
                    problems="; ".join(f"{p.field}: {pick(p.message)}" for p in problems[:3]),
                )
                for label, problems in invalid
            ]
            self.problems.setText("\n".join(lines))
        self.problems.setVisible(bool(invalid))
        self.table.clear()
        if comparison is None:
            self.table.setRowCount(0)
            self.table.setColumnCount(0)
            self.chart.set_data(ChartData(empty_text=t("ui.compare.chart_empty")))
            self.footnote.clear()
            return
        table = comparison_table(comparison)
        rows = screen_rows(comparison, table.rows)
        self.table.setColumnCount(len(table.labels))
        self.table.setHorizontalHeaderLabels(table.labels)
        self.table.setRowCount(len(rows))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for r, row in enumerate(rows):
            header = QTableWidgetItem(pick(row.label))
            header.setData(PATH_ROLE, row.path)
            if row.kind != "detail":
                header.setFont(bold)
            self.table.setVerticalHeaderItem(r, header)
            for c, value in enumerate(row.values):
                item = QTableWidgetItem(value)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setData(PATH_ROLE, row.path)
                if row.kind != "detail":
                    item.setFont(bold)
                if row.differs:
                    item.setBackground(QBrush(DIFFERS))
                    item.setToolTip(t("ui.compare.differs_tip"))
                self.table.setItem(r, c, item)
        self.footnote.setText(pick(table.footnote))
        self.chart.set_data(self.chart_data(comparison), t("ui.compare.chart_description"))

    def chart_data(self, comparison: Comparison) -> ChartData:
        data = ChartData(
            title=t("ui.compare.chart_title"),
            x_label=t("ui.compare.chart_axis"),
            empty_text=t("ui.compare.chart_empty"),
        )
        for i, scenario in enumerate(comparison.scenarios):
            color = LineChart.color(i)
            data.lines.append(
                Line(
                    scenario.label, color, [(p.age, float(p.total)) for p in scenario.series]
                )  # float-ok: plot
            )
            if scenario.series_commuted is not None:
                data.lines.append(
                    Line(
                        f"{scenario.label} ({t('ui.compare.chart_commuted')})",
                        color,
                        [(p.age, float(p.total)) for p in scenario.series_commuted],  # float-ok: plot
                        dashed=True,
                        in_legend=False,
                    )
                )
        ages = {s.life_expectancy_age for s in comparison.scenarios if s.life_expectancy_age is not None}
        for age in sorted(ages)[:1]:
            data.markers.append(Marker(float(age), t("ui.compare.life_marker", age=f"{age}")))  # float-ok
        return data

    def retranslate(self) -> None:
        self.b.apply()


def screen_rows(comparison: Comparison, rows: list[CompareRow]) -> list[CompareRow]:
    """The rows worth reading: no row of zeros, the break-even age only where commuting is a choice (the
    clerk's choice of one fifth, not a lump sum the law makes compulsory), the kind of commutation in the
    screen's language."""
    out: list[CompareRow] = []
    for row in rows:
        parts = row.path.split(".")
        if row.kind == "detail" and all(value in (NONE, ZERO) for value in row.values):
            continue
        if (
            parts[0] == "benefits"
            and len(parts) == 3
            and parts[2] in ("break_even_age", "commutation", MONTHLY)
        ):
            found = [scenario.figures(parts[1]) for scenario in comparison.scenarios]
            kinds = [f.commutation if f is not None else None for f in found]
            if parts[2] == "break_even_age":
                if "optional" not in kinds:
                    continue
                values = [
                    v if kind == "optional" else NONE for v, kind in zip(row.values, kinds, strict=True)
                ]
            elif parts[2] == MONTHLY:  # no monthly pension where the law pays all of it at once
                values = [
                    NONE if kind == "compulsory" and v == ZERO else v
                    for v, kind in zip(row.values, kinds, strict=True)
                ]
            else:
                values = [t(f"ui.compare.commuted.{kind}") if kind else NONE for kind in kinds]
            row = replace(row, values=values, differs=len(set(values)) > 1)
        out.append(row)
    return out
