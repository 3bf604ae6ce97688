"""The wages grid as the page reads it: the rows read once and then kept cell by cell, each month banded once.

A keystroke anywhere on the wizard rebuilds the case document from every page; with a 480-month history the grid
must not be read (or banded, or repainted) again each time.  :class:`WageGrid` keeps the rows the page last read,
updates the one row an edit touched, bands a (month, wage) pair once (the core's ``describe_month`` through
``Core.band_month``), and writes a cell only when its text changes.  It also keeps the keyboard in the Wage
column: the focus lands on the first empty wage, never in an open Month editor, and typing on a month that is
already there goes to its wage.
"""

from __future__ import annotations

import contextlib
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QTableWidget, QWidget

from ..crash import guarded
from ..text import amount_text, pick, t
from ..widgets import norm_money, norm_month
from .base import bad_row_brush
from .wages_input import valid_pairs

if TYPE_CHECKING:
    from estimator.law.wages import WagePreview
    from estimator.model.result import WageMonthInfo

    from ..core import Core

MONTH_COL, WAGE_COL = 0, 1
BAND_COLS = (2, 3, 4)


class WageGrid:
    def __init__(self, table: QTableWidget) -> None:
        self.table = table
        self._rows: list[tuple[str, str]] | None = None
        self._valid: list[tuple[str, Decimal]] | None = None
        self._parsed: dict[tuple[str, str], Decimal | None] = {}
        self._bands: dict[tuple[str, Decimal], WageMonthInfo | None] = {}
        self._shown: dict[int, tuple[str, str, str]] = {}
        self._bad: dict[int, str] = {}
        MonthGuard(table)

    # -- the rows
    def cell(self, row: int, col: int) -> str:
        item = self.table.item(row, col)
        return item.text().strip() if item is not None else ""

    def forget(self) -> None:
        """The rows were replaced (filled, pasted, loaded, added, removed): read them again when asked."""
        self._rows = None
        self._valid = None
        self._shown.clear()
        self._bad.clear()

    def rows(self) -> list[tuple[str, str]]:
        """(month as YYYY-MM, wage without RM or commas) of every row, read from the table once."""
        if self._rows is None or len(self._rows) != self.table.rowCount():
            self._rows = [
                (norm_month(self.cell(r, MONTH_COL)), norm_money(self.cell(r, WAGE_COL)))
                for r in range(self.table.rowCount())
            ]
            self._valid = None
        return self._rows

    def row_edited(self, row: int) -> None:
        """One cell was typed: only its row is read again."""
        rows = self.rows()
        if 0 <= row < len(rows):
            rows[row] = (norm_month(self.cell(row, MONTH_COL)), norm_money(self.cell(row, WAGE_COL)))
        self._valid = None

    def valid(self) -> list[tuple[str, Decimal]]:
        """The rows the core would accept (``valid_pairs``), worked out once per edit."""
        if self._valid is None:
            out: dict[str, Decimal] = {}
            for month, wage in self.rows():
                if (month, wage) not in self._parsed:  # each typed pair checked once
                    pair = valid_pairs([(month, wage)])
                    self._parsed[(month, wage)] = pair[0][1] if pair else None
                value = self._parsed[(month, wage)]
                if value is not None:
                    out.setdefault(month, value)
            self._valid = sorted(out.items())
        return self._valid

    # -- bands (the core's), each (month, wage) once
    def band(self, core: Core, month: str, wage: Decimal) -> WageMonthInfo | None:
        key = (month, wage)
        if key not in self._bands:
            info = None
            with contextlib.suppress(Exception):  # a month before the first band table: no band for it
                info = core.band_month(month, wage)
            self._bands[key] = info
        return self._bands[key]

    def show_bands(self, core: Core, counts: set[str] | None) -> None:
        """Each row's band, assumed wage and ✓ (``counts``: the months that count; None = every paid month)."""
        valid = dict(self.valid())
        for r, (month, _wage) in enumerate(self.rows()):
            wage = valid.get(month)
            texts = ("", "", "")
            info = self.band(core, month, wage) if wage is not None and core.ready else None
            if info is not None:
                counted = info.wage > 0 and (counts is None or month in counts)
                texts = (
                    f"{info.band_item}: {info.band}",
                    amount_text(info.assumed_wage) + (" *" if info.provisional else ""),
                    "✓" if counted else "",
                )
            if self._shown.get(r) == texts:
                continue
            self._shown[r] = texts
            for col, value in zip(BAND_COLS, texts, strict=True):
                item = self.table.item(r, col)
                if item is not None and item.text() != value:
                    item.setText(value)

    def show_bad(self, rows_bad: dict[int, list[str]]) -> None:
        """Tint the rows at fault (their messages as tooltips); rows whose state did not change are left alone."""
        now = {r: "\n".join(messages) for r, messages in rows_bad.items()}
        for r in set(now) | set(self._bad):
            if now.get(r) == self._bad.get(r):
                continue
            for col in (MONTH_COL, WAGE_COL):
                item = self.table.item(r, col)
                if item is not None:
                    item.setBackground(bad_row_brush(r in now))
                    item.setToolTip(now.get(r, ""))
        self._bad = now

    # -- the keyboard
    def close_editor(self) -> None:
        """Commit and close a cell editor left open (after a paste, or coming back to the page)."""
        for editor in self.table.viewport().findChildren(QWidget):
            if editor.isVisible() and editor.parent() is self.table.viewport():
                self.table.commitData(editor)
                self.table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def focus_wage(self, only_empty: bool = False) -> bool:
        """The focus on the first empty Wage cell (else, unless ``only_empty``, the current row's wage), with
        no editor open; False when there was no such cell."""
        self.close_editor()
        rows = self.rows()
        empty = next((r for r, (month, wage) in enumerate(rows) if month and not wage), None)
        if empty is None and only_empty:
            return False
        row = empty if empty is not None else max(self.table.currentRow(), 0)
        if rows:
            self.table.setCurrentCell(min(row, len(rows) - 1), WAGE_COL)
        self.table.setFocus(Qt.FocusReason.TabFocusReason)
        return True


class MonthGuard(QObject):
    """Typing on a month already in the grid goes to that row's wage: a month never becomes a wage."""

    def __init__(self, table: QTableWidget) -> None:
        super().__init__(table)
        self._table = table
        table.installEventFilter(self)

    @guarded(False)
    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        table = self._table
        typed = event.text()
        if (
            typed
            and typed.isprintable()
            and table.state() != QAbstractItemView.State.EditingState
            and table.currentColumn() == MONTH_COL
        ):
            item = table.item(table.currentRow(), MONTH_COL)
            if item is not None and item.text().strip():
                table.setCurrentCell(table.currentRow(), WAGE_COL)
        return False


def summary_line(preview: WagePreview | None, invalidity: bool, paid_months: int) -> str:
    """The line under the grid: the months counted and the core's average (the assumed wages, never typed)."""
    if invalidity:
        return t("ui.wages.summary_invalidity", n=paid_months)
    if preview is None:
        return ""
    if preview.average_monthly is None or preview.average_daily is None:
        return pick(preview.message) or t("ui.wages.no_window_months")
    text = t(
        "ui.wages.summary",
        n=preview.used_months,
        average=amount_text(preview.average_monthly),
        daily=amount_text(preview.average_daily),
    )
    if preview.provisional:
        text += "  " + t("ui.wages.provisional_band")
    return text
