"""Faster wages: quick fill (one amount over a range of months) and a pasted contribution history.

The parsing is the core's (``estimator.model.paste``); this module shows what a paste gave in a preview dialog
(the rows read, the lines not read) before the rows go into the grid.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..text import amount_text, lang, t
from ..widgets import ErrorLabel, month_label, norm_money, norm_month

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLineEdit

    from estimator.model.paste import PastedHistory

PREVIEW_LINES = 12  # rows shown at each end of a long paste


def quick_fill_rows(
    rows: list[tuple[str, str]],
    amount_box: QLineEdit,
    from_box: QLineEdit,
    to_box: QLineEdit,
    error: ErrorLabel,
) -> list[tuple[str, str]] | None:
    """'RM2,500 from Jan 2023 to Jun 2025': the grid's rows with every month of the range at that wage.

    None (the reason shown in ``error``, the focus on the box at fault) when the amount or a month is not valid.
    """
    from estimator.engine.dates import month_from_index
    from estimator.model.case import MAX_HISTORY_MONTHS, parse_month

    amount = norm_money(amount_box.text())
    first = parse_month(norm_month(from_box.text()))
    last = parse_month(norm_month(to_box.text()))
    try:
        ok_amount = Decimal(amount) >= 0 if amount else False
    except InvalidOperation:
        ok_amount = False
    problem: tuple[str, QLineEdit | None] | None = None
    if not ok_amount:
        problem = (t("ui.wages.fill_bad_amount"), amount_box)
    elif first is None or last is None:
        problem = (t("ui.wages.fill_bad_month"), from_box if first is None else to_box)
    elif last < first:
        problem = (t("ui.wages.fill_order"), to_box)
    elif last - first + 1 > MAX_HISTORY_MONTHS:
        problem = (t("ui.wages.fill_too_long", n=MAX_HISTORY_MONTHS), None)
    if problem is not None or first is None or last is None:
        message, box = problem or ("", None)
        error.show_message(message)
        if box is not None:
            box.setFocus()
        return None
    error.show_message("")
    existing = {month: wage for month, wage in rows if month}
    for index in range(first, last + 1):
        existing[month_from_index(index)] = amount
    return sorted(existing.items())


def valid_pairs(rows: list[tuple[str, str]]) -> list[tuple[str, Decimal]]:
    """The rows the core would accept: a month and a wage within the case's limits (the first of a month)."""
    from estimator.model.case import MAX_WAGE, parse_month

    out: dict[str, Decimal] = {}
    for month, wage in rows:
        if parse_month(month) is None or not wage:
            continue
        try:
            value = Decimal(wage)
        except InvalidOperation:
            continue
        if value.is_finite() and 0 <= value <= MAX_WAGE:
            out.setdefault(month, value)
    return sorted(out.items())


def preview_text(pasted: PastedHistory) -> str:
    """The rows a paste gave, as the preview lists them (the first and last ones of a long paste)."""
    lines = [f"{month_label(month, lang())}\t{amount_text(wage)}" for month, wage in pasted.rows]
    if len(lines) > 2 * PREVIEW_LINES:
        lines = [*lines[:PREVIEW_LINES], "…", *lines[-PREVIEW_LINES:]]
    return "\n".join(lines)


class PastePreview(QDialog):
    """What a paste gave, accepted with Enter (OK) or dropped with Escape."""

    def __init__(self, parent: QWidget, pasted: PastedHistory) -> None:
        super().__init__(parent)
        self.setObjectName("paste_preview")
        self.setWindowTitle(t("ui.paste.title"))
        self.pasted = pasted
        lay = QVBoxLayout(self)
        summary = QLabel(t("ui.paste.summary", n=len(pasted.rows)), objectName="paste_summary")
        summary.setWordWrap(True)
        lay.addWidget(summary)
        rows = QPlainTextEdit(objectName="paste_rows")
        rows.setReadOnly(True)
        rows.setPlainText(preview_text(pasted))
        rows.setAccessibleName(t("ui.paste.summary", n=len(pasted.rows)))
        rows.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Enter goes to OK
        lay.addWidget(rows, 1)
        skipped = [t("ui.paste.bad_line", n=number, text=text) for number, text in pasted.bad_lines]
        skipped += [
            t("ui.paste.duplicate_line", n=number, text=text) for number, text in pasted.duplicate_lines
        ]
        self.bad = ErrorLabel()
        self.bad.setObjectName("paste_bad_lines")
        self.bad.show_message("\n".join(skipped))
        lay.addWidget(self.bad)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(t("ui.paste.accept"))
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(pasted.rows))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(t("ui.cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setFocus()
        self.resize(self.fontMetrics().averageCharWidth() * 60, self.fontMetrics().height() * 24)


def clipboard_history() -> PastedHistory:
    """The clipboard's text read as a contribution history."""
    from estimator.model.paste import parse_history

    return parse_history(QApplication.clipboard().text())


def open_paste_preview(
    parent: QWidget,
    rows: list[tuple[str, str]],
    set_rows: Callable[[list[tuple[str, str]]], None],
    after: Callable[[], None],
) -> PastePreview:
    """Read the clipboard, show the preview (window-modal, never blocking); accepted, the rows read replace
    those of the same months in ``rows`` and go to ``set_rows``; ``after`` runs when the preview closes."""
    pasted = clipboard_history()
    dialog = PastePreview(parent, pasted)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)

    def done(code: int) -> None:
        if code == QDialog.DialogCode.Accepted:
            merged = {month: wage for month, wage in rows if month}
            merged.update({month: f"{wage}" for month, wage in pasted.rows})
            set_rows(sorted(merged.items()))
        dialog.deleteLater()
        after()

    dialog.finished.connect(done)
    dialog.open()
    return dialog
