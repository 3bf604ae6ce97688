"""What every input page shares: the fields it owns, its error labels, touched tracking, the status line.

A page never imports the wizard: the wizard hands itself in as the page's :class:`CaseContext` (the core, whether
the case has been validated yet, the scheme and event date chosen on the incident page).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget, QWizardPage

from ..crash import guarded
from ..text import Binder, pick, t
from ..widgets import WARN_STYLE, ErrorLabel, norm_date, top_field, with_error

if TYPE_CHECKING:
    from estimator.model.case import Problem

    from ..core import Core

BAD_ROW_COLOR = "#fde2e4"  # the background of a table row at fault


class CaseContext(Protocol):
    """What a page may ask of the wizard it sits in."""

    core: Core
    validated: bool  # the core has checked the case at least once (Next stays disabled before)

    def scheme(self) -> str: ...

    def event_day(self) -> date | None: ...


def parse_day(text: str) -> date | None:
    """A date typed in any of the accepted forms; None when it is not one."""
    try:
        return date.fromisoformat(norm_date(text))
    except ValueError:
        return None


def bad_row_brush(bad: bool) -> QBrush:
    return QBrush(QColor(BAD_ROW_COLOR)) if bad else QBrush()


def line_edit(name: str, placeholder_key: str | None = None, binder: Binder | None = None) -> QLineEdit:
    """A named line edit, with a translated placeholder."""
    widget = QLineEdit()
    widget.setObjectName(name)
    if placeholder_key and binder is not None:
        binder.text(widget.setPlaceholderText, placeholder_key)
    return widget


def button_row(
    binder: Binder, buttons: list[tuple[str, str, Callable[[], object]]]
) -> tuple[QHBoxLayout, list[QPushButton]]:
    """A row of push buttons (object name, text key, action), left-aligned."""
    row = QHBoxLayout()
    made = []
    for name, key, action in buttons:
        button = QPushButton(objectName=name)
        binder.text(button.setText, key)
        button.clicked.connect(lambda _checked=False, act=action: act())
        row.addWidget(button)
        made.append(button)
    row.addStretch(1)
    return row, made


class CasePage(QWizardPage):
    """A page that owns some fields of the case."""

    FIELDS: frozenset[str] = frozenset()
    edited = Signal()

    def __init__(self, context: CaseContext) -> None:
        super().__init__()
        self.context = context
        self.b = Binder()
        self.errors: dict[str, ErrorLabel] = {}
        self.touched: set[str] = set()
        self.problems: list[Problem] = []
        self.extra_block: str = ""  # a page-level reason to block Next (e.g. no wage entered)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet(WARN_STYLE)
        self.status.setAccessibleName("status")

    # -- building
    def field_row(
        self, form: QFormLayout, field: str, widget: QWidget, label_key: str, tip: str | None = None
    ) -> QLabel:
        """A form row for ``field``: its label (with mnemonic and tip), the widget and its error label."""
        box, self.errors[field] = with_error(widget)
        label = QLabel()
        form.addRow(label, box)
        self.b.label(label, label_key, widget, tip=tip)
        return label

    # -- plumbing
    @property
    def core(self) -> Core:
        return self.context.core

    def changed(self, *fields: str) -> None:
        self.touched.update(fields)
        self.edited.emit()

    def owns(self, field: str) -> bool:
        return top_field(field) in self.FIELDS

    def collect(self, data: dict[str, Any]) -> None:
        raise NotImplementedError

    def load(self, data: dict[str, Any]) -> None:
        raise NotImplementedError

    def reset(self) -> None:
        self.touched.clear()

    def field_label(self, field: str) -> str:
        return field

    def place_problem(self, problem: Problem) -> bool:
        """Put one problem next to its widget; False when the page has no place for it."""
        field = problem.field
        label = self.errors.get(field) or self.errors.get(top_field(field))
        if label is None:
            return False
        if problem.code == "missing" and top_field(field) not in self.touched:
            return True  # said in the status line instead
        label.show_message(pick(problem.message))
        return True

    def show_problems(self, problems: list[Problem]) -> None:
        self.problems = problems
        for label in self.errors.values():
            label.show_message("")
        loose: list[str] = []
        needed: list[str] = []
        for problem in problems:
            if problem.code == "missing" and top_field(problem.field) not in self.touched:
                needed.append(self.field_label(problem.field))
            if not self.place_problem(problem):
                loose.append(f"{self.field_label(problem.field)}: {pick(problem.message)}")
        lines = []
        if needed:
            lines.append(t("ui.page.still_needed", fields=", ".join(dict.fromkeys(needed))))
        lines += loose
        if self.extra_block and not problems:
            lines.append(self.extra_block)
        self.status.setText("\n".join(lines))
        self.completeChanged.emit()

    @guarded(False)
    def isComplete(self) -> bool:  # noqa: N802 (Qt API)
        if not self.context.validated:
            return False
        return not self.problems and not self.extra_block

    def retranslate(self) -> None:
        self.b.apply()
