"""What every input page shares: the fields it owns, its error labels, touched tracking, the status line.

A page never imports the wizard: the wizard hands itself in as the page's :class:`CaseContext` (the core, whether
the case has been validated yet, the scheme and event date chosen on the incident page).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6 import QtCore
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from ..crash import guarded
from ..text import Binder, pick, t
from ..widgets import WARN_STYLE, ErrorLabel, norm_date, set_enum, styled, top_field, with_error

if TYPE_CHECKING:
    from datetime import date

    from PySide6.QtCore import QEvent

    from estimator.model.case import Problem

    from ..core import Core

BAD_ROW_COLOR = "#fde2e4"  # the background of a table row at fault
OPTIONAL = "faedah_optional"  # widget property: an empty value is fine, the focus passes the field by
CHOICE = "faedah_choice"  # widget property: a choice list with no preselected answer (see mark_choice)
FOCUS_CHAIN_LIMIT = 2000
# the core's consistency checks on a well-formed month or date: their own message, never the "type it as" one
OWN_MESSAGE_CODES = frozenset(
    {"month_after_event", "month_before_working_age", "duplicate_month", "after_history"}
)
ISO_MONTH = re.compile(r"\b(\d{4})-(\d{2})\b(?!-)")


def mark_optional(*widgets: QWidget) -> None:
    """These inputs may stay empty: arriving on the page or pressing Enter does not stop on them."""
    for widget in widgets:
        widget.setProperty(OPTIONAL, True)


def mark_choice(*widgets: QComboBox) -> None:
    """A decision the clerk must take: the list starts on "choose…" (no data), and the focus stops there."""
    for widget in widgets:
        widget.setProperty(CHOICE, True)


def input_types() -> tuple[type[QWidget], ...]:
    """The kinds of widget that take input (the item views' class is built on first use, after start-up)."""
    from PySide6.QtWidgets import QAbstractItemView

    return (QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QAbstractButton)


def fit_combo(combo: QComboBox, letters: int = 24, whole_items: bool = True) -> None:
    """A choice list as wide as ``letters`` letters, not as its longest item (the list itself opens wider): a
    long plan or answer never widens the page past a 1024x768 screen.  ``whole_items=False`` leaves the list's
    items to :func:`show_whole_items` (the first page: the list's classes are built after the window shows)."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(letters)
    if whole_items:
        show_whole_items(combo)


def show_whole_items(combo: QComboBox) -> None:
    """The open list shows each item whole (never cut short with an ellipsis)."""
    set_enum(combo.view(), "textElideMode", "ElideNone")


def needs_input(widget: QWidget) -> bool:
    """An empty line edit that is not optional, or a decision (a choice list) not taken yet."""
    if isinstance(widget, QComboBox):
        return bool(widget.property(CHOICE)) and widget.currentData() is None
    return isinstance(widget, QLineEdit) and not widget.text().strip() and not widget.property(OPTIONAL)


def focus_and_select(widget: QWidget) -> None:
    """Put the focus on ``widget``; a value already there is selected, so that typing replaces it."""
    widget.setFocus(QtCore.Qt.FocusReason.TabFocusReason)
    if isinstance(widget, (QLineEdit, QAbstractSpinBox)):
        widget.selectAll()


def problem_text(problem: Problem, label: str) -> str:
    """The core's message for a problem in the words of the screen: the field's label, dates as the boxes show
    them (never a raw field name or the file's YYYY-MM-DD)."""
    message = pick(problem.message)
    if problem.code in OWN_MESSAGE_CODES:  # a month at fault for a reason of its own: the core's reason
        message = ISO_MONTH.sub(lambda m: f"{m.group(2)}/{m.group(1)}", message)
    elif problem.code.startswith("date"):
        message = t("ui.err.date", form=t("ui.date_placeholder"))
    elif problem.code.startswith("month") or message.endswith(("YYYY-MM.", "TTTT-BB.")):
        message = t("ui.err.month", form=t("ui.month_placeholder"))
    return f"{label}: {message}" if label else message


class FocusOutWatcher(QObject):
    """Calls back when ``widget`` loses the focus (the field has been visited: its "required" may show)."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    @guarded(False)
    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QtCore.QEvent.Type.FocusOut:
            self._callback()
        return False


class FocusFollower(QObject):
    """A page's view of the focus moving: its scroll area shows the field that takes the focus (Enter and
    Alt+letter jump anywhere on the page), and an input in ``unwatched`` gets its :class:`FocusOutWatcher` when
    it first takes the focus (only then can it lose it: no Python code runs for the events with which the window
    shows every input).

    It lets go of the application's ``focusChanged`` as the application quits: the widgets destroyed at exit move
    the focus, and a Python slot called then for a half-destroyed widget costs PySide a search for its type (more
    than the whole first page costs to build)."""

    def __init__(self, scroll: QScrollArea) -> None:
        super().__init__(scroll)
        self._scroll = scroll
        self.unwatched: dict[QWidget, Callable[[], None]] = {}
        app = QApplication.instance()
        app.focusChanged.connect(self._focus_changed)  # type: ignore[union-attr]
        app.aboutToQuit.connect(self._quitting)  # type: ignore[union-attr]

    def _quitting(self) -> None:
        QApplication.instance().focusChanged.disconnect(self._focus_changed)  # type: ignore[union-attr]

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and new in self.unwatched:
            FocusOutWatcher(new, self.unwatched.pop(new))
        try:
            inner = self._scroll.widget()
        except RuntimeError:  # the page's scroll area is gone (a window closing): the signal outlives it
            return
        if new is not None and inner is not None and inner.isAncestorOf(new):
            self._scroll.ensureWidgetVisible(new, 8, 8)


class CaseContext(Protocol):
    """What a page may ask of the wizard it sits in."""

    core: Core
    validated: bool  # the core has checked the case at least once (Next stays disabled before)

    def scheme(self) -> str: ...

    def event_day(self) -> date | None: ...


def parse_day(text: str) -> date | None:
    """A date typed in any of the accepted forms; None when it is not one."""
    if not text.strip():
        return None
    from datetime import date

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
        self.status.setAccessibleName("status")
        self._complete_shown: bool | None = None  # what the wizard was last told (completeChanged on a flip)

    # -- building
    def body(self) -> QVBoxLayout:
        """The page's layout, inside a scroll area: a page taller than a small screen (1024x768 at 125%)
        scrolls, and the wizard's Back / Next stay on the screen."""
        page_layout = QVBoxLayout(self)
        page_layout.setContentsMargins(0, 0, 0, 0)
        self.scroller = QScrollArea(objectName=f"{self.objectName() or 'page'}_scroll")
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        set_enum(self.scroller, "horizontalScrollBarPolicy", "ScrollBarAlwaysOff")
        inner = QWidget(objectName="page_body")
        self.scroller.setWidget(inner)
        page_layout.addWidget(self.scroller)
        self.focus_follower = FocusFollower(self.scroller)
        return QVBoxLayout(inner)

    def field_row(
        self, form: QFormLayout, field: str, widget: QWidget, label_key: str, tip: str | None = None
    ) -> QLabel:
        """A form row for ``field``: its label (with mnemonic and tip), the widget and its error label."""
        box, self.errors[field] = with_error(widget)
        label = QLabel()
        label.setWordWrap(True)  # a long question (Malay, 125% text) wraps instead of widening the page
        if isinstance(widget, QComboBox):
            fit_combo(widget)
        form.addRow(label, box)
        self.b.label(label, label_key, widget, tip=tip)
        self.watch(field, widget)
        return label

    def watch(self, field: str, widget: QWidget) -> None:
        """Once the clerk has left ``widget`` (empty or not), its field's "required" may show."""

        def visited() -> None:
            if field not in self.touched and needs_input(widget):
                self.touched.add(field)
                self.show_problems(self.problems)

        self.focus_follower.unwatched[widget] = visited  # (watched from its first focus on: FocusFollower)

    # -- the keyboard path
    def focus_chain(self) -> list[QWidget]:
        """The inputs of this page that can take the focus now, in tab order."""
        chain: list[QWidget] = []
        kinds = input_types()
        widget = self.nextInFocusChain()
        for _step in range(FOCUS_CHAIN_LIMIT):
            if widget is None or widget is self:
                break
            if (
                isinstance(widget, kinds)
                and self.isAncestorOf(widget)
                and widget.isVisibleTo(self)
                and widget.isEnabled()
                and widget.focusPolicy() & QtCore.Qt.FocusPolicy.TabFocus
                and widget not in chain
            ):
                chain.append(widget)
            widget = widget.nextInFocusChain()
        return chain

    def first_needed(self, after: QWidget | None = None) -> QWidget | None:
        """The first input (after ``after``) that still needs a value."""
        chain = self.focus_chain()
        start = chain.index(after) + 1 if after in chain else 0
        return next((widget for widget in chain[start:] if needs_input(widget)), None)

    def focus_first(self) -> None:
        """Arriving on the page: the focus on the first field that needs input (else the first input)."""
        chain = [widget for widget in self.focus_chain() if not isinstance(widget, QPushButton)]
        target = self.first_needed() or (chain[0] if chain else None)
        if target is not None:
            focus_and_select(target)

    def enter_from(self, widget: QWidget | None) -> None:
        """Enter in ``widget``: on to the next field that needs input, or to the next page (see below)."""
        wizard = self.wizard()
        if self.enter_pressed(widget) and wizard is not None and wizard.nextId() >= 0:
            wizard.next()

    def enter_pressed(self, widget: QWidget | None) -> bool:
        """Enter in ``widget``: True when the wizard should go on to the next page.

        The focus moves to the next field that still needs input; when there is none and the page is complete,
        the wizard moves on; when the page is still incomplete, every field of it shows what it needs.
        """
        name = widget.objectName() if widget is not None else ""
        if widget is not None and name in self.FIELDS:
            self.touched.add(name)
            at_fault = any(top_field(p.field) == name and p.code != "missing" for p in self.problems)
            if at_fault or (isinstance(widget, QComboBox) and needs_input(widget)):
                self.show_problems(self.problems)  # Enter never leaves a field at fault: its message stays
                focus_and_select(widget)
                return False
        following = self.first_needed(after=widget)
        if following is not None:
            focus_and_select(following)
            return False
        if self.isComplete():
            return True
        self.touched.update(self.FIELDS)  # "Next was tried": say everything that is missing
        self.show_problems(self.problems)
        first = self.first_needed()
        if first is not None:
            focus_and_select(first)
        return False

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
        label.show_message(problem_text(problem, ""))  # beside its label: the label need not be repeated
        return True

    def local_problems(self, problems: list[Problem]) -> list[Problem]:
        """Problems the page finds itself (a decision not taken yet, a date the core checks only later)."""
        return []

    def pending(self) -> list[str]:
        """The labels of what this page still needs that the core does not ask for (its decisions)."""
        if not self.core.ready:
            return []
        return [self.field_label(p.field) for p in self.local_problems(self.problems) if p.code == "missing"]

    def show_problems(self, problems: list[Problem]) -> None:
        own = [p for p in self.local_problems(problems) if p not in problems] if self.core.ready else []
        problems = [*problems, *own]
        self.problems = problems
        for label in self.errors.values():
            label.show_message("")
        loose: list[str] = []
        needed: list[str] = []
        for problem in problems:
            if problem.code == "missing" and top_field(problem.field) not in self.touched:
                needed.append(self.field_label(top_field(problem.field)))  # the table, not each row
            if not self.place_problem(problem):
                loose.append(problem_text(problem, self.field_label(problem.field)))
        lines = []
        if needed:
            lines.append(t("ui.page.still_needed", fields=", ".join(dict.fromkeys(needed))))
        lines += loose
        if self.extra_block and not problems:
            lines.append(self.extra_block)
        if lines:
            styled(self.status, WARN_STYLE)
        self.status.setText("\n".join(lines))
        self.refresh_complete()

    def refresh_complete(self) -> None:
        """Tell the wizard (completeChanged) only when the page's completeness flips."""
        complete = bool(self.isComplete())
        if complete != self._complete_shown:
            self._complete_shown = complete
            self.completeChanged.emit()

    @guarded(False)
    def isComplete(self) -> bool:  # noqa: N802 (Qt API)
        if not self.context.validated:
            return False
        return not self.problems and not self.extra_block

    def retranslate(self) -> None:
        self.b.apply()
