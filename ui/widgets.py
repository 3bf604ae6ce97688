"""Small building blocks shared by the pages: tolerant input parsing, error labels, field rows."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from .crash import guarded

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent  # (its class is built on first use: the events come after start-up)
    from PySide6.QtGui import QAction

_YMD = re.compile(r"^\s*(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})\s*$")
_MY = re.compile(r"^\s*(\d{1,2})[/.\-](\d{4})\s*$")
_YM = re.compile(r"^\s*(\d{4})[/.\-](\d{1,2})\s*$")
MONTHS_EN = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
MONTHS_MS = ["jan", "feb", "mac", "apr", "mei", "jun", "jul", "ogo", "sep", "okt", "nov", "dis"]
_NAMED = re.compile(r"^\s*([A-Za-z]{3})[a-z]*\.?\s*[\s/\-]\s*(\d{4})\s*$")

ERROR_STYLE = "color: #b00020;"
WARN_STYLE = "color: #8a5a00;"


def norm_date(text: str) -> str:
    """'10/06/2025', '10.6.2025', '10062025', '2025-6-10' -> '2025-06-10'; anything else is passed on for the
    core to refuse (``estimator.model.date_input``)."""
    from estimator.model.date_input import normalise_day_text

    return normalise_day_text(text)


def norm_month(text: str) -> str:
    """'03/2025', '2025-3', 'Mar 2025', 'Mac 2025' -> '2025-03'."""
    s = text.strip()
    m = _YM.match(s)
    if m:
        return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"
    m = _MY.match(s)
    if m:
        return f"{int(m.group(2)):04d}-{int(m.group(1)):02d}"
    m = _NAMED.match(s)
    if m:
        name = m.group(1).lower()
        for names in (MONTHS_EN, MONTHS_MS):
            if name in names:
                return f"{int(m.group(2)):04d}-{names.index(name) + 1:02d}"
    return s


def norm_money(text: str) -> str:
    """'RM 2,500.00' -> '2500.00' (the core validates what remains)."""
    s = text.strip()
    if s[:2].upper() == "RM":
        s = s[2:]
    return s.replace(",", "").replace(" ", "")


def display_date(value: object) -> str:
    """'2025-06-10' -> '10/06/2025' (how a clerk in Malaysia writes a date); anything else unchanged."""
    text = "" if value is None else str(value)
    m = _YMD.match(text)
    if m and len(text.strip()) == 10:
        return f"{int(m.group(3)):02d}/{int(m.group(2)):02d}/{int(m.group(1)):04d}"
    return text


def display_month(value: str) -> str:
    """'2025-03' -> '03/2025' (the form the placeholder shows); anything else unchanged."""
    m = _YM.match(value or "")
    if m and len(value.strip()) == 7:
        return f"{int(m.group(2)):02d}/{int(m.group(1)):04d}"
    return value


def set_enum(obj: QObject, prop: str, key: str) -> None:
    """Set the Qt property ``prop`` (an enum) to its value named ``key``, e.g. ("textFormat", "PlainText").

    Start-up sets the few enum values the first page needs this way: the first use of any ``Qt.…`` enum makes
    PySide build the whole ``Qt`` namespace's 93 enum types (about 15 ms, a tenth of a bare wizard's start-up);
    after the window shows, code uses ``QtCore.Qt`` as usual."""
    if not obj.setProperty(prop, key):
        raise ValueError(f"{type(obj).__name__}.{prop} has no value {key!r}")


def styled(label: QLabel, style: str) -> None:
    """Give ``label`` its style sheet when it first has something to say: a widget's own style sheet costs at
    every polish, and the first page's many hidden (or empty) message labels need none to show the window."""
    if not label.styleSheet():
        label.setStyleSheet(style)


Shortcut = QKeySequence | QKeySequence.StandardKey | str


def set_shortcut(action: QAction, shortcut: Shortcut) -> None:
    """``action.setShortcut`` without its overload check, which builds the whole ``Qt`` namespace's enums
    (see :func:`set_enum`): the key sequence is set as the action's ``shortcut`` property."""
    action.setProperty("shortcut", QKeySequence(shortcut))


def narrow(widget: QWidget, chars: int) -> QWidget:
    """Keep a short input (a date, a month, an amount) about ``chars`` characters wide."""
    fm = widget.fontMetrics()
    widget.setMaximumWidth(fm.horizontalAdvance("0") * chars + 24)
    return widget


def compact_rows(table: QWidget) -> None:
    """Table rows as high as the text needs (they follow the font size)."""
    header = table.verticalHeader()  # type: ignore[attr-defined]
    header.setDefaultSectionSize(int(table.fontMetrics().height() * 1.5))


def month_label(month: str, lang: str) -> str:
    """'2025-03' -> 'Mar 2025' / 'Mac 2025'."""
    try:
        y, m = month.split("-")
        names = MONTHS_MS if lang == "ms" else MONTHS_EN
        return f"{names[int(m) - 1].capitalize()} {y}"
    except (ValueError, IndexError):
        return month


class ErrorLabel(QLabel):
    """The message beside a field at fault (hidden while there is none)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        set_enum(self, "textFormat", "PlainText")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setAccessibleName("error")
        self.hide()

    def show_message(self, text: str) -> None:
        if text:
            styled(self, ERROR_STYLE)
        self.setText(text)
        self.setVisible(bool(text))


class EnterAction(QObject):
    """Enter in this field does its own action (search, fill) instead of the wizard's Next."""

    def __init__(self, widget: QWidget, action: Callable[[], None]) -> None:
        super().__init__(widget)
        self._action = action
        widget.installEventFilter(self)

    @guarded(False)
    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() != QtCore.QEvent.Type.KeyPress:
            return False
        from PySide6.QtGui import QKeyEvent  # (here: start-up creates no event class)

        if isinstance(event, QKeyEvent) and event.key() in (
            QtCore.Qt.Key.Key_Return,
            QtCore.Qt.Key.Key_Enter,
        ):
            self._action()
            return True
        return False


def with_error(widget: QWidget) -> tuple[QWidget, ErrorLabel]:
    """``widget`` with an error label under it, as one form-layout field."""
    box = QWidget()
    lay = QVBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(2)
    lay.addWidget(widget)
    err = ErrorLabel()
    lay.addWidget(err)
    return box, err


def top_field(field: str) -> str:
    """'monthly_wages[2].wage' -> 'monthly_wages'."""
    return field.split(".")[0].split("[")[0]


def row_of(field: str) -> int | None:
    """'monthly_wages[2].wage' -> 2."""
    m = re.match(r"^[a-z_]+\[(\d+)\]", field)
    return int(m.group(1)) if m else None
