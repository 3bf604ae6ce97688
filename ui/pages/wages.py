"""The wages page: the monthly wages, banded live by the core as the clerk types.

For an employment injury the core's window (``wages.window_months`` before the month of the event) decides
which months count; for invalidity every contribution month is listed.  Month arithmetic and the limits come
from ``estimator.model.case``, imported when first used (after the core has loaded, so start-up stays light).
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..crash import guarded
from ..text import lang, plain, t
from ..widgets import (
    EnterAction,
    ErrorLabel,
    compact_rows,
    display_month,
    month_label,
    narrow,
    norm_money,
    norm_month,
    row_of,
    top_field,
)
from .base import CaseContext, CasePage, button_row, line_edit, mark_optional, problem_text
from .wages_grid import WageGrid, summary_line
from .wages_input import PastePreview, open_paste_preview, quick_fill_rows

if TYPE_CHECKING:
    from estimator.law.wages import WagePreview
    from estimator.model.case import Problem

TABLE_ERROR_LINES = 8  # problems listed under the grid (the rest as "…")
PREVIEW_DELAY_MS = 150  # the live bands and average wait for a pause in the typing


class WagesPage(CasePage):
    FIELDS = frozenset({"monthly_wages", "first_contribution_month", "similar_worker_monthly_wage"})
    COLS = (
        "ui.wages.col_month",
        "ui.wages.col_wage",
        "ui.wages.col_band",
        "ui.wages.col_assumed",
        "ui.wages.col_counted",
    )

    def __init__(self, context: CaseContext) -> None:
        super().__init__(context)
        self.setObjectName("page_wages")
        b = self.b
        b.text(self.setTitle, "ui.wages.title")
        self._preview: WagePreview | None = None
        self._row_of_index: list[int] = []
        self._filling = False
        outer = self.body()
        self.intro = QLabel(objectName="wages_intro")
        self.intro.setWordWrap(True)
        outer.addWidget(self.intro)

        form = QFormLayout()
        self.first_month = line_edit("first_contribution_month", "ui.month_placeholder", b)
        narrow(self.first_month, 12)
        self.first_label = self.field_row(
            form,
            "first_contribution_month",
            self.first_month,
            "ui.wages.first_month",
            "ui.wages.first_month_tip",
        )
        self.first_month.textChanged.connect(lambda _v: self.changed("first_contribution_month"))
        outer.addLayout(form)

        # quick fill
        fill = QGroupBox()
        b.text(fill.setTitle, "ui.wages.quick_fill")
        fl = QHBoxLayout(fill)
        self.fill_amount = line_edit("fill_amount", "ui.wages.fill_amount_placeholder", b)
        self.fill_from = line_edit("fill_from", "ui.month_placeholder", b)
        self.fill_to = line_edit("fill_to", "ui.month_placeholder", b)
        for key, w in (("amount", self.fill_amount), ("from", self.fill_from), ("to", self.fill_to)):
            narrow(w, 12)
            label = QLabel()
            b.label(label, f"ui.wages.fill_{key}", w, tip=f"ui.wages.fill_{key}_tip")
            fl.addWidget(label)
            fl.addWidget(w)
        self.fill_button = QPushButton(objectName="fill_button")
        b.text(self.fill_button.setText, "ui.wages.fill")
        fl.addWidget(self.fill_button)
        fl.addStretch(1)
        self.fill_error = ErrorLabel()
        fill_outer = QVBoxLayout()
        fill_outer.addWidget(fill)
        fill_outer.addWidget(self.fill_error)
        outer.addLayout(fill_outer)
        self.fill_button.clicked.connect(self.quick_fill)
        for w in (self.fill_amount, self.fill_from, self.fill_to):
            EnterAction(w, self.fill_and_move_on)

        # the grid
        self.table = QTableWidget(0, len(self.COLS), objectName="wages_table")
        self.table.verticalHeader().setVisible(False)
        compact_rows(self.table)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        triggers = QAbstractItemView.EditTrigger  # typing edits a cell; moving onto one never opens an editor
        self.table.setEditTriggers(
            triggers.AnyKeyPressed
            | triggers.EditKeyPressed
            | triggers.DoubleClicked
            | triggers.SelectedClicked
        )
        self.table_label = QLabel()
        b.label(self.table_label, "ui.wages.table", self.table, tip="ui.wages.table_tip")
        outer.addWidget(self.table_label)
        outer.addWidget(self.table, 1)
        b.add(self._headers)
        self.table.itemChanged.connect(self._item_changed)
        self.grid = WageGrid(self.table)
        self._preview_timer = QTimer(self)  # the bands and the average follow after a short typing pause
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._refresh_preview)
        EnterAction(self.table, self._enter_in_grid)

        buttons, (self.add_button, self.remove_button, self.window_button, self.paste_button) = button_row(
            b,
            [
                ("add_month", "ui.wages.add_row", self.add_row),
                ("remove_month", "ui.wages.remove_row", self.remove_selected),
                ("window_months", "ui.wages.window_rows", self.fill_window_rows),
                ("paste_history", "ui.wages.paste", self.paste_history),
            ],
        )
        outer.addLayout(buttons)
        QShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Delete), self.table, self.remove_selected)
        paste = QShortcut(QKeySequence.StandardKey.Paste, self.table, self.paste_history)
        paste.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.paste_dialog: PastePreview | None = None

        self.table_errors = ErrorLabel()
        self.table_errors.setObjectName("wages_errors")
        outer.addWidget(self.table_errors)
        self.summary = QLabel(objectName="wages_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        outer.addWidget(self.summary)

        form2 = QFormLayout()
        self.similar = line_edit("similar_worker_monthly_wage", "ui.optional", b)
        narrow(self.similar, 14)
        self.similar_label = self.field_row(
            form2, "similar_worker_monthly_wage", self.similar, "ui.wages.similar", "ui.wages.similar_tip"
        )
        self.similar.textChanged.connect(lambda _v: self.changed("similar_worker_monthly_wage"))
        mark_optional(self.similar)
        outer.addLayout(form2)
        outer.addWidget(self.status)
        self.errors["monthly_wages"] = self.table_errors
        b.add(self.refresh_context)

    @property
    def preview(self) -> WagePreview | None:
        """The core's preview of the window's wages (brought up to date first if a refresh is pending)."""
        if self._preview_timer.isActive():
            self._refresh_preview()
        return self._preview

    # -- context from the incident page
    @property
    def invalidity(self) -> bool:
        return self.context.scheme() == "invalidity"

    def window(self) -> list[str]:
        """The months whose wages count for an employment injury (the core's window before the event's month).

        Empty without a valid event date, or while the core is not loaded.
        """
        event_day = self.context.event_day()
        if event_day is None or not self.core.ready:
            return []
        with contextlib.suppress(Exception):  # a date before the first rule: no window to propose
            return self.core.wage_window(event_day)
        return []

    def _headers(self) -> None:
        self.table.setHorizontalHeaderLabels([t(k) for k in self.COLS])

    def refresh_context(self) -> None:
        inv = self.invalidity
        self.first_month.setVisible(inv)
        self.first_label.setVisible(inv)
        self.errors["first_contribution_month"].setVisible(
            inv and bool(self.errors["first_contribution_month"].text())
        )
        self.similar.setVisible(not inv)
        self.similar_label.setVisible(not inv)
        self.window_button.setVisible(not inv)
        win = self.window()
        if inv:
            self.setSubTitle(t("ui.wages.subtitle_invalidity"))
            self.intro.setText(t("ui.wages.intro_invalidity"))
        else:
            self.setSubTitle(t("ui.wages.subtitle_injury"))
            if win:
                self.intro.setText(
                    t(
                        "ui.wages.intro_injury_window",
                        first=month_label(win[0], lang()),
                        last=month_label(win[-1], lang()),
                    )
                )
            else:
                self.intro.setText(t("ui.wages.intro_injury"))
        self._refresh_preview()

    @guarded()
    def initializePage(self) -> None:  # noqa: N802 (Qt API)
        """Coming from the incident page: propose the months that matter when the grid is empty."""
        if not self.invalidity and not self._any_wage():
            self.fill_window_rows(replace_empty=True)
        win = self.window()
        if not self.fill_from.text() and not self.fill_to.text():
            if self.invalidity:
                from estimator.engine.dates import add_months, month_of
                from estimator.model.case import parse_month

                event_day = self.context.event_day()
                first = norm_month(self.first_month.text())
                if event_day is not None:
                    self.fill_to.setText(display_month(month_of(add_months(event_day, -1))))
                if parse_month(first) is not None:
                    self.fill_from.setText(display_month(first))
            elif win:
                self.fill_from.setText(display_month(win[0]))
                self.fill_to.setText(display_month(win[-1]))
        self.refresh_context()

    def focus_first(self) -> None:
        """With wages already in the grid, the focus goes to the grid (quick fill is not needed then)."""
        if self._any_wage() and not (self.invalidity and not self.first_month.text().strip()):
            self.grid.focus_wage()  # the first empty wage; never an open Month editor
            return
        super().focus_first()

    # -- grid
    def _any_wage(self) -> bool:
        return any(wage for _month, wage in self.grid.rows())

    def _cell(self, row: int, col: int) -> str:
        return self.grid.cell(row, col)

    def _set_row(self, row: int, month: str, wage: str) -> None:
        for col, value in ((0, display_month(month)), (1, wage)):
            item = self.table.item(row, col)
            if item is None:
                item = QTableWidgetItem()
                self.table.setItem(row, col, item)
            item.setText(value)
        for col in (2, 3, 4):
            if self.table.item(row, col) is None:
                item = QTableWidgetItem("")
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, col, item)

    def add_row(self, month: str = "", wage: str = "") -> int:
        self._filling = True
        try:
            row = self.table.rowCount()
            self.table.insertRow(row)
            self._set_row(row, month, wage)
        finally:
            self._filling = False
        self.grid.forget()
        if not month and not wage:
            self.table.setCurrentCell(row, 0)
            self.table.setFocus()
        self.changed("monthly_wages")
        return row

    def remove_selected(self) -> None:
        rows = sorted(
            {i.row() for i in self.table.selectedIndexes()}
            or ({self.table.currentRow()} if self.table.currentRow() >= 0 else set()),
            reverse=True,
        )
        if not rows:
            return
        for r in rows:
            self.table.removeRow(r)
        self.grid.forget()
        self.changed("monthly_wages")

    def set_wages(self, pairs: list[tuple[str, str]], touch: bool = True) -> None:
        """Replace the grid (months sorted); ``touch=False`` for rows only proposed (no "required" yet)."""
        self.grid.close_editor()  # an editor left open must not write into the new rows
        self._filling = True
        try:
            self.table.setRowCount(0)
            self.table.setRowCount(len(pairs))
            for row, (month, wage) in enumerate(pairs):
                self._set_row(row, month, wage)
        finally:
            self._filling = False
        self.grid.forget()
        if touch:
            self.changed("monthly_wages")
        else:
            self.edited.emit()

    def rows(self) -> list[tuple[str, str]]:
        return self.grid.rows()

    def fill_window_rows(self, replace_empty: bool = False) -> None:
        """Add the months of the wage window that are not in the grid yet."""
        win = self.window()
        if not win:
            return
        existing = {m: w for m, w in self.rows() if m}
        if replace_empty and not any(existing.values()):
            existing = {}
        for m in win:
            existing.setdefault(m, "")
        self.set_wages(sorted(existing.items()), touch=not replace_empty)

    def fill_and_move_on(self) -> None:
        """Enter in quick fill: fill, then on to the next page when the wages are complete."""
        if self.quick_fill():
            wizard = self.wizard()
            go_next = getattr(wizard, "go_next_if_complete", None)
            if go_next is not None:
                go_next()

    def quick_fill(self) -> bool:
        """'RM2,500 from Jan 2023 to Jun 2025': set the wage of every month in the range."""
        rows = quick_fill_rows(self.rows(), self.fill_amount, self.fill_from, self.fill_to, self.fill_error)
        if rows is None:
            return False
        self.set_wages(rows)
        return True

    def paste_history(self) -> None:
        """Ctrl+V on the grid / Paste history: the clipboard's rows, after a preview, into the grid."""
        self.paste_dialog = open_paste_preview(self, self.rows(), self.set_wages, self._back_from_paste)

    def _back_from_paste(self) -> None:
        self.paste_dialog = None
        QWidget.window(self).activateWindow()  # the keyboard goes back to the page, not to nowhere
        self.grid.focus_wage()

    def _enter_in_grid(self) -> None:
        """Enter in a cell being edited: the cell keeps it (the value is committed), then the next empty wage;
        Enter on the grid itself: the page's Enter (the next field, or Next)."""
        if self.table.state() == QAbstractItemView.State.EditingState:
            QTimer.singleShot(0, self._after_cell_enter)  # after the editor's own (queued) commit
        else:
            self.enter_from(self.table)

    def _after_cell_enter(self) -> None:
        if not self.grid.focus_wage(only_empty=True):
            self.enter_from(self.table)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() > 1:
            return
        self.grid.row_edited(item.row())
        self.changed("monthly_wages")

    # -- live banding (the core's): each (month, wage) banded once, after a pause in the typing
    def _refresh_preview(self) -> None:
        self._preview_timer.stop()
        core = self.core
        event_day = self.context.event_day()
        self._preview = None
        counts: set[str] | None = None
        if core.ready and event_day is not None and not self.invalidity:
            window = set(self.window())
            counts = window
            in_window = [(m, w) for m, w in self.grid.valid() if m in window]
            with contextlib.suppress(Exception):  # no band table for those months: no preview
                self._preview = core.preview(event_day, in_window)
        self._filling = True
        try:
            self.grid.show_bands(core, counts)
        finally:
            self._filling = False
        self._summary_text()

    def _summary_text(self) -> None:
        paid = sum(1 for _m, w in self.grid.valid() if w > 0) if self.core.ready else 0
        self.summary.setText(summary_line(self._preview, self.invalidity, paid))

    # -- case data
    def collect(self, data: dict[str, Any]) -> None:
        wages = []
        self._row_of_index = []
        for r, (m, w) in enumerate(self.rows()):
            if not m and not w:
                continue
            entry: dict[str, Any] = {}
            if m:
                entry["month"] = m
            if w:
                entry["wage"] = w
            wages.append(entry)
            self._row_of_index.append(r)
        if wages:
            data["monthly_wages"] = wages
        if self.invalidity:
            fm = norm_month(self.first_month.text())
            if fm:
                data["first_contribution_month"] = fm
        else:
            sim = norm_money(self.similar.text())
            if sim:
                data["similar_worker_monthly_wage"] = sim

    def load(self, data: dict[str, Any]) -> None:
        pairs = []
        for wm in data.get("monthly_wages") or []:
            if isinstance(wm, dict):
                pairs.append((str(wm.get("month", "")), str(wm.get("wage", ""))))
        self.set_wages(pairs)
        self._refresh_preview()
        self.first_month.setText(display_month(str(data.get("first_contribution_month") or "")))
        self.similar.setText(str(data.get("similar_worker_monthly_wage") or ""))
        self.fill_amount.clear()
        self.fill_from.clear()
        self.fill_to.clear()
        self.fill_error.show_message("")

    def check_extra(self) -> None:
        """Next needs at least one wage (or a similar worker's wage)."""
        has_wage = self.core.ready and any(w > 0 for _m, w in self.grid.valid())
        has_similar = not self.invalidity and bool(norm_money(self.similar.text()))
        self.extra_block = "" if has_wage or has_similar else t("ui.wages.need_a_wage")

    def field_label(self, field: str) -> str:
        top = top_field(field)
        if top == "first_contribution_month":
            return plain(t("ui.wages.first_month"))
        if top == "similar_worker_monthly_wage":
            return plain(t("ui.wages.similar"))
        idx = row_of(field)
        if idx is not None and idx < len(self._row_of_index):
            r = self._row_of_index[idx]
            return t("ui.wages.row", n=r + 1, month=self._cell(r, 0) or "?")
        return plain(t("ui.wages.table"))

    def show_problems(self, problems: list[Problem]) -> None:
        self.check_extra()
        shown = "monthly_wages" in self.touched  # no pink row and no "Row 1…" before the wages were typed
        rows_bad: dict[int, list[str]] = {}
        for p in problems:
            idx = row_of(p.field)
            if top_field(p.field) != "monthly_wages" or idx is None or idx >= len(self._row_of_index):
                continue
            if p.code != "missing" or shown:
                rows_bad.setdefault(self._row_of_index[idx], []).append(problem_text(p, ""))
        self._filling = True
        try:
            self.grid.show_bad(rows_bad)
        finally:
            self._filling = False
        super().show_problems(problems)
        lines = [
            problem_text(p, self.field_label(p.field))
            for p in problems
            if top_field(p.field) == "monthly_wages" and (p.code != "missing" or shown)
        ]
        more = "\n…" if len(lines) > TABLE_ERROR_LINES else ""
        self.table_errors.show_message("\n".join(lines[:TABLE_ERROR_LINES]) + more)
        self._preview_timer.start()
