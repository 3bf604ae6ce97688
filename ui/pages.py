"""The wizard's input pages: incident, wages, disability, dependants.

Each page builds its part of the case document (the core's JSON format) from its widgets, loads it back, and
shows the core's validation problems next to the fields it owns.  No page computes a benefit.
"""

from __future__ import annotations

import contextlib
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from .crash import guarded
from .text import Binder, lang, pick, plain, t
from .widgets import (
    WARN_STYLE,
    EnterAction,
    ErrorLabel,
    compact_rows,
    display_date,
    display_month,
    month_label,
    narrow,
    norm_date,
    norm_money,
    norm_month,
    row_of,
    top_field,
    with_error,
)

if TYPE_CHECKING:
    from .wizard import CaseWizard

INCIDENT_TYPES: list[tuple[str, str]] = [
    ("work_accident", "employment_injury"),
    ("commuting_accident", "employment_injury"),
    ("emergency_accident", "employment_injury"),
    ("occupational_disease", "employment_injury"),
    ("non_work_accident", "non_employment_injury"),
    ("illness", "invalidity"),
]
RELATIONSHIPS = ("spouse", "child", "parent", "sibling", "grandparent")
MAX_FILL_MONTHS = 600


def parse_iso(text: str) -> date | None:
    try:
        return date.fromisoformat(norm_date(text))
    except ValueError:
        return None


def month_idx(month: str) -> int | None:
    try:
        y, m = month.split("-")
        if len(y) != 4 or not 1 <= int(m) <= 12:
            return None
        return int(y) * 12 + int(m) - 1
    except ValueError:
        return None


def month_of_idx(idx: int) -> str:
    y, m = divmod(idx, 12)
    return f"{y:04d}-{m + 1:02d}"


class CasePage(QWizardPage):
    """A page that owns some fields of the case."""

    FIELDS: frozenset[str] = frozenset()
    edited = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.b = Binder()
        self.errors: dict[str, ErrorLabel] = {}
        self.touched: set[str] = set()
        self.problems: list[Any] = []
        self.extra_block: str = ""  # a page-level reason to block Next (e.g. no wage entered)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet(WARN_STYLE)
        self.status.setAccessibleName("status")

    # -- plumbing
    def cw(self) -> CaseWizard:
        return self.wizard()  # type: ignore[return-value]

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

    def place_problem(self, problem: Any) -> bool:
        """Put one problem next to its widget; False when the page has no place for it."""
        field = problem.field
        label = self.errors.get(field) or self.errors.get(top_field(field))
        if label is None:
            return False
        if problem.code == "missing" and top_field(field) not in self.touched:
            return True  # said in the status line instead
        label.show_message(pick(problem.message))
        return True

    def show_problems(self, problems: list[Any]) -> None:
        self.problems = problems
        for label in self.errors.values():
            label.show_message("")
        loose: list[str] = []
        needed: list[str] = []
        for p in problems:
            if p.code == "missing" and top_field(p.field) not in self.touched:
                needed.append(self.field_label(p.field))
            if not self.place_problem(p):
                loose.append(f"{self.field_label(p.field)}: {pick(p.message)}")
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
        wiz = self.wizard()
        if wiz is None or not getattr(wiz, "validated", False):
            return False
        return not self.problems and not self.extra_block

    def retranslate(self) -> None:
        self.b.apply()


def _line(name: str, placeholder_key: str | None = None, binder: Binder | None = None) -> QLineEdit:
    w = QLineEdit()
    w.setObjectName(name)
    if placeholder_key and binder is not None:
        binder.text(w.setPlaceholderText, placeholder_key)
    return w


# =============================================================================================== incident


class IncidentPage(CasePage):
    FIELDS = frozenset(
        {
            "",
            "format",
            "version",
            "scheme",
            "incident_type",
            "outcome",
            "event_date",
            "date_of_birth",
            "claimant_name",
            "ic_number",
            "case_reference",
            "claim_date",
            "police_report_made",
            "accident_outside_malaysia",
            "caused_by_disease",
            "covered_by_self_employment_scheme",
            "covered_by_housewives_scheme",
            "notes",
            "meta",
        }
    )

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("page_incident")
        b = self.b
        b.text(self.setTitle, "ui.incident.title")
        b.text(self.setSubTitle, "ui.incident.subtitle")
        outer = QVBoxLayout(self)

        what = QGroupBox()
        b.text(what.setTitle, "ui.incident.group_what")
        form = QFormLayout(what)
        self.type_combo = QComboBox(objectName="incident_type")
        for code, _scheme in INCIDENT_TYPES:
            self.type_combo.addItem(code, code)
        self.outcome_combo = QComboBox(objectName="outcome")
        self.outcome_combo.addItem("injury", "injury")
        self.outcome_combo.addItem("death", "death")
        self.type_note = QLabel(objectName="type_note")
        self.type_note.setWordWrap(True)
        self.type_note.setTextFormat(Qt.TextFormat.PlainText)
        self.event_date = _line("event_date", "ui.date_placeholder", b)
        narrow(self.event_date, 16)
        ev_box, self.errors["event_date"] = with_error(self.event_date)
        self.type_label, self.outcome_label, self.event_label = QLabel(), QLabel(), QLabel()
        type_box, self.errors["incident_type"] = with_error(self.type_combo)
        out_box, self.errors["outcome"] = with_error(self.outcome_combo)
        self.errors["scheme"] = self.errors["incident_type"]
        form.addRow(self.type_label, type_box)
        form.addRow("", self.type_note)
        form.addRow(self.outcome_label, out_box)
        form.addRow(self.event_label, ev_box)
        b.label(self.type_label, "ui.incident.type", self.type_combo)
        b.label(self.outcome_label, "ui.incident.outcome", self.outcome_combo)
        b.add(self._event_label_text)

        # conditions that decide coverage
        self.police = QComboBox(objectName="police_report_made")
        self.police_label = QLabel()
        police_box, self.errors["police_report_made"] = with_error(self.police)
        form.addRow(self.police_label, police_box)
        b.label(self.police_label, "ui.incident.police", self.police)
        b.add(self._police_items)
        self.nei_checks: dict[str, QCheckBox] = {}
        self.nei_box = QWidget()
        nei_lay = QVBoxLayout(self.nei_box)
        nei_lay.setContentsMargins(0, 0, 0, 0)
        for key in (
            "accident_outside_malaysia",
            "caused_by_disease",
            "covered_by_self_employment_scheme",
            "covered_by_housewives_scheme",
        ):
            cb = QCheckBox(objectName=key)
            b.text(cb.setText, f"ui.incident.{key}")
            nei_lay.addWidget(cb)
            self.nei_checks[key] = cb
            cb.toggled.connect(lambda _v, k=key: self.changed(k))
        self.nei_label = QLabel()
        b.text(self.nei_label.setText, "ui.incident.nei_conditions")
        form.addRow(self.nei_label, self.nei_box)
        outer.addWidget(what)

        who = QGroupBox()
        b.text(who.setTitle, "ui.incident.group_claimant")
        form2 = QFormLayout(who)
        self.name = _line("claimant_name", None)
        self.ic = _line("ic_number", "ui.optional", b)
        self.dob = _line("date_of_birth", "ui.date_placeholder", b)
        self.reference = _line("case_reference", "ui.optional", b)
        self.claim_date = _line("claim_date", "ui.date_optional_placeholder", b)
        narrow(self.dob, 16)
        narrow(self.claim_date, 26)
        narrow(self.ic, 20)
        narrow(self.reference, 30)
        for key, widget, label_key in (
            ("claimant_name", self.name, "ui.incident.name"),
            ("ic_number", self.ic, "ui.incident.ic"),
            ("date_of_birth", self.dob, "ui.incident.dob"),
            ("case_reference", self.reference, "ui.incident.reference"),
            ("claim_date", self.claim_date, "ui.incident.claim_date"),
        ):
            box, self.errors[key] = with_error(widget)
            lab = QLabel()
            form2.addRow(lab, box)
            b.label(
                lab, label_key, widget, tip=f"{label_key}_tip" if key in ("ic_number", "claim_date") else None
            )
            widget.textChanged.connect(lambda _v, k=key: self.changed(k))
        outer.addWidget(who)
        outer.addWidget(self.status)
        outer.addStretch(1)
        self.errors[""] = self.errors["event_date"]

        self.type_combo.currentIndexChanged.connect(self._type_changed)
        self.outcome_combo.currentIndexChanged.connect(self._outcome_changed)
        self.event_date.textChanged.connect(lambda _v: self.changed("event_date"))
        self.police.currentIndexChanged.connect(lambda _v: self.changed("police_report_made"))
        b.add(self._type_texts)
        self._update_visibility()

    # -- texts that depend on the choice
    def _type_texts(self) -> None:
        with QSignalBlocker(self.type_combo):
            for i, (code, _s) in enumerate(INCIDENT_TYPES):
                self.type_combo.setItemText(i, t(f"ui.type.{code}"))
        with QSignalBlocker(self.outcome_combo):
            first = "invalidity" if self.scheme == "invalidity" else "injury"
            self.outcome_combo.setItemData(0, first)
            self.outcome_combo.setItemText(0, t(f"ui.outcome.{first}"))
            self.outcome_combo.setItemText(1, t("ui.outcome.death"))
        self.type_note.setText(t(f"ui.type_note.{self.incident_type}"))
        self._event_label_text()

    def _police_items(self) -> None:
        with QSignalBlocker(self.police):
            idx = max(self.police.currentIndex(), 0)
            self.police.clear()
            for key in ("ui.police.unknown", "ui.police.yes", "ui.police.no"):
                self.police.addItem(t(key))
            self.police.setCurrentIndex(idx)

    def _event_label_text(self) -> None:
        if self.outcome == "death":
            key = "ui.incident.event_date.death"
        elif self.scheme == "invalidity":
            key = "ui.incident.event_date.invalidity"
        elif self.incident_type == "occupational_disease":
            key = "ui.incident.event_date.disease"
        else:
            key = "ui.incident.event_date.injury"
        self.event_label.setText(t(key))
        self.event_label.setBuddy(self.event_date)
        self.event_date.setAccessibleName(plain(t(key)))
        self.event_date.setToolTip(t("ui.date_tip"))

    def _update_visibility(self) -> None:
        commuting = self.incident_type == "commuting_accident"
        self.police.setVisible(commuting)
        self.police_label.setVisible(commuting)
        nei = self.scheme == "non_employment_injury"
        self.nei_box.setVisible(nei)
        self.nei_label.setVisible(nei)

    def _type_changed(self, _index: int) -> None:
        self._type_texts()
        self._update_visibility()
        self.changed("incident_type", "scheme", "outcome")

    def _outcome_changed(self, _index: int) -> None:
        self._event_label_text()
        self.changed("outcome")

    # -- values
    @property
    def incident_type(self) -> str:
        return INCIDENT_TYPES[max(self.type_combo.currentIndex(), 0)][0]

    @property
    def scheme(self) -> str:
        return INCIDENT_TYPES[max(self.type_combo.currentIndex(), 0)][1]

    @property
    def outcome(self) -> str:
        if self.outcome_combo.currentIndex() == 1:
            return "death"
        return "invalidity" if self.scheme == "invalidity" else "injury"

    def event_day(self) -> date | None:
        return parse_iso(self.event_date.text())

    def field_label(self, field: str) -> str:
        keys = {
            "event_date": None,
            "date_of_birth": "ui.incident.dob",
            "claimant_name": "ui.incident.name",
            "ic_number": "ui.incident.ic",
            "claim_date": "ui.incident.claim_date",
            "incident_type": "ui.incident.type",
            "outcome": "ui.incident.outcome",
            "case_reference": "ui.incident.reference",
            "police_report_made": "ui.incident.police",
        }
        top = top_field(field)
        if top == "event_date":
            return plain(self.event_label.text())
        key = keys.get(top)
        return plain(t(key)) if key else field

    def collect(self, data: dict[str, Any]) -> None:
        data["scheme"] = self.scheme
        data["incident_type"] = self.incident_type
        data["outcome"] = self.outcome
        for key, widget in (
            ("event_date", self.event_date),
            ("date_of_birth", self.dob),
            ("claim_date", self.claim_date),
        ):
            text = norm_date(widget.text())
            if text:
                data[key] = text
        for key, widget in (
            ("claimant_name", self.name),
            ("ic_number", self.ic),
            ("case_reference", self.reference),
        ):
            text = widget.text().strip()
            if text:
                data[key] = text
        if self.incident_type == "commuting_accident" and self.police.currentIndex() > 0:
            data["police_report_made"] = self.police.currentIndex() == 1
        if self.scheme == "non_employment_injury":
            for key, cb in self.nei_checks.items():
                if cb.isChecked():
                    data[key] = True

    def load(self, data: dict[str, Any]) -> None:
        code = str(data.get("incident_type", "work_accident"))
        idx = next((i for i, (c, _s) in enumerate(INCIDENT_TYPES) if c == code), 0)
        self.type_combo.setCurrentIndex(idx)
        self.outcome_combo.setCurrentIndex(1 if data.get("outcome") == "death" else 0)
        for key, widget in (
            ("event_date", self.event_date),
            ("date_of_birth", self.dob),
            ("claim_date", self.claim_date),
            ("claimant_name", self.name),
            ("ic_number", self.ic),
            ("case_reference", self.reference),
        ):
            value = data.get(key)
            widget.setText(
                display_date(value)
                if key.endswith("date") or key == "date_of_birth"
                else ("" if value is None else str(value))
            )
        police = data.get("police_report_made")
        self.police.setCurrentIndex(0 if police is None else (1 if police is True else 2))
        for key, cb in self.nei_checks.items():
            cb.setChecked(data.get(key) is True)
        self._type_texts()
        self._update_visibility()


# =============================================================================================== wages


class WagesPage(CasePage):
    FIELDS = frozenset({"monthly_wages", "first_contribution_month", "similar_worker_monthly_wage"})
    COLS = (
        "ui.wages.col_month",
        "ui.wages.col_wage",
        "ui.wages.col_band",
        "ui.wages.col_assumed",
        "ui.wages.col_counted",
    )

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("page_wages")
        b = self.b
        b.text(self.setTitle, "ui.wages.title")
        self.preview: Any = None
        self._row_of_index: list[int] = []
        self._filling = False
        outer = QVBoxLayout(self)
        self.intro = QLabel(objectName="wages_intro")
        self.intro.setWordWrap(True)
        outer.addWidget(self.intro)

        form = QFormLayout()
        self.first_month = _line("first_contribution_month", "ui.month_placeholder", b)
        narrow(self.first_month, 12)
        fm_box, self.errors["first_contribution_month"] = with_error(self.first_month)
        self.first_label = QLabel()
        form.addRow(self.first_label, fm_box)
        b.label(self.first_label, "ui.wages.first_month", self.first_month, tip="ui.wages.first_month_tip")
        self.first_month.textChanged.connect(lambda _v: self.changed("first_contribution_month"))
        outer.addLayout(form)

        # quick fill
        fill = QGroupBox()
        b.text(fill.setTitle, "ui.wages.quick_fill")
        fl = QHBoxLayout(fill)
        self.fill_amount = _line("fill_amount", "ui.wages.fill_amount_placeholder", b)
        self.fill_from = _line("fill_from", "ui.month_placeholder", b)
        self.fill_to = _line("fill_to", "ui.month_placeholder", b)
        for w in (self.fill_amount, self.fill_from, self.fill_to):
            narrow(w, 12)
        self.fill_button = QPushButton(objectName="fill_button")
        b.text(self.fill_button.setText, "ui.wages.fill")
        la, lf, lt = QLabel(), QLabel(), QLabel()
        b.label(la, "ui.wages.fill_amount", self.fill_amount)
        b.label(lf, "ui.wages.fill_from", self.fill_from)
        b.label(lt, "ui.wages.fill_to", self.fill_to)
        for w in (la, self.fill_amount, lf, self.fill_from, lt, self.fill_to, self.fill_button):
            fl.addWidget(w)
        fl.addStretch(1)
        self.fill_error = ErrorLabel()
        fill_outer = QVBoxLayout()
        fill_outer.addWidget(fill)
        fill_outer.addWidget(self.fill_error)
        outer.addLayout(fill_outer)
        self.fill_button.clicked.connect(self.quick_fill)
        for w in (self.fill_amount, self.fill_from, self.fill_to):
            EnterAction(w, self.quick_fill)

        # the grid
        self.table = QTableWidget(0, len(self.COLS), objectName="wages_table")
        self.table.verticalHeader().setVisible(False)
        compact_rows(self.table)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table_label = QLabel()
        b.label(self.table_label, "ui.wages.table", self.table, tip="ui.wages.table_tip")
        outer.addWidget(self.table_label)
        outer.addWidget(self.table, 1)
        b.add(self._headers)
        self.table.itemChanged.connect(self._item_changed)

        buttons = QHBoxLayout()
        self.add_button, self.remove_button, self.window_button = QPushButton(), QPushButton(), QPushButton()
        self.add_button.setObjectName("add_month")
        self.remove_button.setObjectName("remove_month")
        self.window_button.setObjectName("window_months")
        b.text(self.add_button.setText, "ui.wages.add_row")
        b.text(self.remove_button.setText, "ui.wages.remove_row")
        b.text(self.window_button.setText, "ui.wages.window_rows")
        for w in (self.add_button, self.remove_button, self.window_button):
            buttons.addWidget(w)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self.remove_selected)
        self.window_button.clicked.connect(self.fill_window_rows)
        QShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Delete), self.table, self.remove_selected)

        self.table_errors = ErrorLabel()
        self.table_errors.setObjectName("wages_errors")
        outer.addWidget(self.table_errors)
        self.summary = QLabel(objectName="wages_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        outer.addWidget(self.summary)

        form2 = QFormLayout()
        self.similar = _line("similar_worker_monthly_wage", "ui.optional", b)
        narrow(self.similar, 14)
        sim_box, self.errors["similar_worker_monthly_wage"] = with_error(self.similar)
        self.similar_label = QLabel()
        form2.addRow(self.similar_label, sim_box)
        b.label(self.similar_label, "ui.wages.similar", self.similar, tip="ui.wages.similar_tip")
        self.similar.textChanged.connect(lambda _v: self.changed("similar_worker_monthly_wage"))
        outer.addLayout(form2)
        outer.addWidget(self.status)
        self.errors["monthly_wages"] = self.table_errors
        b.add(self._context_texts)

    # -- context from the incident page
    def _ctx(self) -> tuple[str, date | None]:
        wiz = self.wizard()
        if wiz is None:
            return "employment_injury", None
        inc = self.cw().incident
        return inc.scheme, inc.event_day()

    @property
    def invalidity(self) -> bool:
        return self._ctx()[0] == "invalidity"

    def window(self) -> list[str]:
        """The 6 months before the month of the event (employment injury); [] without a valid date."""
        _scheme, ev = self._ctx()
        if ev is None:
            return []
        idx = ev.year * 12 + ev.month - 1
        return [month_of_idx(i) for i in range(idx - 6, idx)]

    def _headers(self) -> None:
        self.table.setHorizontalHeaderLabels([t(k) for k in self.COLS])

    def _context_texts(self) -> None:
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
                _s, ev = self._ctx()
                first = norm_month(self.first_month.text())
                if ev is not None:
                    self.fill_to.setText(display_month(month_of_idx(ev.year * 12 + ev.month - 2)))
                if month_idx(first) is not None:
                    self.fill_from.setText(display_month(first))
            elif win:
                self.fill_from.setText(display_month(win[0]))
                self.fill_to.setText(display_month(win[-1]))
        self._context_texts()

    # -- grid
    def _any_wage(self) -> bool:
        return any(self._cell(r, 1) for r in range(self.table.rowCount()))

    def _cell(self, row: int, col: int) -> str:
        item = self.table.item(row, col)
        return item.text().strip() if item is not None else ""

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
        self.changed("monthly_wages")

    def set_wages(self, pairs: list[tuple[str, str]]) -> None:
        """Replace the grid (months sorted)."""
        self._filling = True
        try:
            self.table.setRowCount(0)
            for month, wage in pairs:
                row = self.table.rowCount()
                self.table.insertRow(row)
                self._set_row(row, month, wage)
        finally:
            self._filling = False
        self.changed("monthly_wages")

    def rows(self) -> list[tuple[str, str]]:
        return [
            (norm_month(self._cell(r, 0)), norm_money(self._cell(r, 1))) for r in range(self.table.rowCount())
        ]

    def fill_window_rows(self, replace_empty: bool = False) -> None:
        """Add the months of the 6-month window that are not in the grid yet."""
        win = self.window()
        if not win:
            return
        existing = {m: w for m, w in self.rows() if m}
        if replace_empty and not any(existing.values()):
            existing = {}
        for m in win:
            existing.setdefault(m, "")
        self.set_wages(sorted(existing.items()))

    def quick_fill(self) -> None:
        """'RM2,500 from Jan 2023 to Jun 2025': set the wage of every month in the range."""
        amount = norm_money(self.fill_amount.text())
        first, last = norm_month(self.fill_from.text()), norm_month(self.fill_to.text())
        a, z = month_idx(first), month_idx(last)
        try:
            ok_amount = Decimal(amount) >= 0 if amount else False
        except InvalidOperation:
            ok_amount = False
        if not ok_amount:
            self.fill_error.show_message(t("ui.wages.fill_bad_amount"))
            self.fill_amount.setFocus()
            return
        if a is None or z is None:
            self.fill_error.show_message(t("ui.wages.fill_bad_month"))
            (self.fill_from if a is None else self.fill_to).setFocus()
            return
        if z < a:
            self.fill_error.show_message(t("ui.wages.fill_order"))
            self.fill_to.setFocus()
            return
        if z - a + 1 > MAX_FILL_MONTHS:
            self.fill_error.show_message(t("ui.wages.fill_too_long", n=MAX_FILL_MONTHS))
            return
        self.fill_error.show_message("")
        existing = {m: w for m, w in self.rows() if m}
        for i in range(a, z + 1):
            existing[month_of_idx(i)] = amount
        self.set_wages(sorted(existing.items()))

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() > 1:
            return
        self.changed("monthly_wages")

    # -- live banding (the core's wages.preview)
    def _valid_pairs(self) -> list[tuple[str, Decimal]]:
        out: dict[str, Decimal] = {}
        for m, w in self.rows():
            if month_idx(m) is None or not w:
                continue
            try:
                value = Decimal(w)
            except InvalidOperation:
                continue
            if value.is_finite() and 0 <= value <= Decimal("1000000"):
                out.setdefault(m, value)
        return sorted(out.items())

    def _refresh_preview(self) -> None:
        wiz = self.wizard()
        core = getattr(wiz, "core", None)
        _scheme, ev = self._ctx()
        self.preview = None
        if core is not None and core.ready and ev is not None:
            with contextlib.suppress(Exception):  # a month before the first band table: no preview for it
                self.preview = core.preview(ev, self._valid_pairs())
            if self.preview is None:
                pairs = [(m, w) for m, w in self._valid_pairs() if m >= "1971-01"]
                with contextlib.suppress(Exception):
                    self.preview = core.preview(ev, pairs)
        by_month = {i.month: i for i in self.preview.months} if self.preview is not None else {}
        window = set(self.window()) if not self.invalidity else set()
        self._filling = True
        try:
            for r in range(self.table.rowCount()):
                m = norm_month(self._cell(r, 0))
                info = by_month.get(m)
                band = assumed = counted = ""
                if info is not None:
                    band = f"{info.band_item}: {info.band}"
                    assumed = f"{info.assumed_wage:,.2f}" + (" *" if info.provisional else "")
                    if self.invalidity:
                        counted = "✓" if info.wage > 0 else ""
                    else:
                        counted = "✓" if (info.in_window and info.wage > 0) else ""
                elif m in window:
                    counted = ""
                for col, value in ((2, band), (3, assumed), (4, counted)):
                    item = self.table.item(r, col)
                    if item is not None:
                        item.setText(value)
        finally:
            self._filling = False
        self._summary_text()

    def _summary_text(self) -> None:
        pv = self.preview
        if self.invalidity:
            n = sum(1 for _m, w in self._valid_pairs() if w > 0)
            self.summary.setText(t("ui.wages.summary_invalidity", n=n))
            return
        if pv is None:
            self.summary.setText("")
            return
        if pv.average_monthly is None:
            self.summary.setText(pick(pv.message) or t("ui.wages.no_window_months"))
            return
        text = t(
            "ui.wages.summary",
            n=pv.used_months,
            average=f"{pv.average_monthly:,.2f}",
            daily=f"{pv.average_daily:,.2f}",
        )
        if pv.provisional:
            text += "  " + t("ui.wages.provisional_band")
        self.summary.setText(text)

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
        self.first_month.setText(display_month(str(data.get("first_contribution_month") or "")))
        self.similar.setText(str(data.get("similar_worker_monthly_wage") or ""))
        self.fill_amount.clear()
        self.fill_from.clear()
        self.fill_to.clear()
        self.fill_error.show_message("")

    def check_extra(self) -> None:
        """Next needs at least one wage (or a similar worker's wage)."""
        has_wage = any(w > 0 for _m, w in self._valid_pairs())
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

    def show_problems(self, problems: list[Any]) -> None:
        self.check_extra()
        rows_bad: dict[int, list[str]] = {}
        for p in problems:
            idx = row_of(p.field)
            if top_field(p.field) == "monthly_wages" and idx is not None and idx < len(self._row_of_index):
                rows_bad.setdefault(self._row_of_index[idx], []).append(pick(p.message))
        self._filling = True
        try:
            for r in range(self.table.rowCount()):
                for col in (0, 1):
                    item = self.table.item(r, col)
                    if item is None:
                        continue
                    bad = r in rows_bad
                    item.setBackground(QBrush(QColor("#fde2e4")) if bad else QBrush())
                    item.setToolTip("\n".join(rows_bad.get(r, [])))
        finally:
            self._filling = False
        super().show_problems(problems)
        lines = [
            f"{self.field_label(p.field)}: {pick(p.message)}"
            for p in problems
            if top_field(p.field) == "monthly_wages"
        ]
        self.table_errors.show_message("\n".join(lines[:8]) + ("\n…" if len(lines) > 8 else ""))
        self._refresh_preview()


# =============================================================================================== disability


class DisabilityPage(CasePage):
    FIELDS = frozenset(
        {
            "medical_leave_days",
            "days_worked_with_wages",
            "loss_of_earning_capacity_percent",
            "injuries",
            "needs_constant_attendance",
        }
    )

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("page_disability")
        b = self.b
        b.text(self.setTitle, "ui.disability.title")
        b.text(self.setSubTitle, "ui.disability.subtitle")
        outer = QVBoxLayout(self)

        self.temp_group = QGroupBox()
        b.text(self.temp_group.setTitle, "ui.disability.group_temporary")
        f1 = QFormLayout(self.temp_group)
        self.leave = QSpinBox(objectName="medical_leave_days")
        self.leave.setRange(0, 3650)
        self.worked = QSpinBox(objectName="days_worked_with_wages")
        self.worked.setRange(0, 3650)
        narrow(self.leave, 8)
        narrow(self.worked, 8)
        for key, w, label_key in (
            ("medical_leave_days", self.leave, "ui.disability.leave"),
            ("days_worked_with_wages", self.worked, "ui.disability.worked"),
        ):
            box, self.errors[key] = with_error(w)
            lab = QLabel()
            f1.addRow(lab, box)
            b.label(lab, label_key, w, tip=f"{label_key}_tip")
            w.valueChanged.connect(lambda _v, k=key: self.changed(k))
        outer.addWidget(self.temp_group)

        self.perm_group = QGroupBox()
        b.text(self.perm_group.setTitle, "ui.disability.group_permanent")
        f2 = QFormLayout(self.perm_group)
        self.percent = _line("loss_of_earning_capacity_percent", "ui.disability.percent_placeholder", b)
        narrow(self.percent, 34)
        pbox, self.errors["loss_of_earning_capacity_percent"] = with_error(self.percent)
        lab = QLabel()
        f2.addRow(lab, pbox)
        b.label(lab, "ui.disability.percent", self.percent, tip="ui.disability.percent_tip")
        self.percent.textChanged.connect(lambda _v: self.changed("loss_of_earning_capacity_percent"))

        self.search = _line("injury_search", "ui.disability.search_placeholder", b)
        lab2 = QLabel()
        f2.addRow(lab2, self.search)
        b.label(lab2, "ui.disability.search", self.search)
        self.injury_list = QListWidget(objectName="injury_list")
        self.injury_list.setMinimumHeight(self.fontMetrics().height() * 8)
        ibox, self.errors["injuries"] = with_error(self.injury_list)
        lab3 = QLabel()
        f2.addRow(lab3, ibox)
        b.label(lab3, "ui.disability.injuries", self.injury_list, tip="ui.disability.injuries_tip")
        self.chosen = QLabel(objectName="injuries_chosen")
        self.chosen.setWordWrap(True)
        self.chosen.setTextFormat(Qt.TextFormat.PlainText)
        f2.addRow("", self.chosen)
        self.search.textChanged.connect(self._filter)
        EnterAction(self.search, self._toggle_first_match)
        self.injury_list.itemChanged.connect(self._injury_toggled)
        outer.addWidget(self.perm_group, 1)

        self.caa = QCheckBox(objectName="needs_constant_attendance")
        b.text(self.caa.setText, "ui.disability.caa")
        b.add(lambda: self.caa.setToolTip(t("ui.disability.caa_tip")))
        self.caa.toggled.connect(lambda _v: self.changed("needs_constant_attendance"))
        caa_box, self.errors["needs_constant_attendance"] = with_error(self.caa)
        outer.addWidget(caa_box)
        outer.addWidget(self.status)
        self._selected: list[str] = []
        self._loaded_list = False
        b.add(self._injury_texts)

    # -- the injury schedule (from the core)
    def populate(self) -> None:
        core = getattr(self.wizard(), "core", None)
        if core is None or not core.ready or self._loaded_list:
            return
        self._loaded_list = True
        blocker = QSignalBlocker(self.injury_list)
        for inj in core.injuries():
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, inj.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, inj)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable
            )
            item.setCheckState(Qt.CheckState.Checked if inj.id in self._selected else Qt.CheckState.Unchecked)
            self.injury_list.addItem(item)
        del blocker
        self._injury_texts()

    def _injury_texts(self) -> None:
        with QSignalBlocker(self.injury_list):
            for i in range(self.injury_list.count()):
                item = self.injury_list.item(i)
                inj = item.data(Qt.ItemDataRole.UserRole + 1)
                desc = pick(inj.description)
                if len(desc) < 40:
                    desc = f"{pick(inj.group)} — {desc}"
                item.setText(f"{inj.id}  {desc} ({inj.percent.normalize():f}%)")
                item.setToolTip(pick(inj.group))
        self._chosen_text()

    def _filter(self, text: str) -> None:
        words = text.lower().split()
        for i in range(self.injury_list.count()):
            item = self.injury_list.item(i)
            inj = item.data(Qt.ItemDataRole.UserRole + 1)
            hay = " ".join(
                [
                    inj.id,
                    inj.description.get("en", ""),
                    inj.description.get("ms", ""),
                    inj.group.get("en", ""),
                    inj.group.get("ms", ""),
                ]
            ).lower()
            item.setHidden(not all(w in hay for w in words))

    def _toggle_first_match(self) -> None:
        for i in range(self.injury_list.count()):
            item = self.injury_list.item(i)
            if not item.isHidden():
                self.injury_list.setCurrentItem(item)
                self.injury_list.setFocus()
                return

    def _injury_toggled(self, item: QListWidgetItem) -> None:
        code = item.data(Qt.ItemDataRole.UserRole)
        if item.checkState() == Qt.CheckState.Checked and code not in self._selected:
            self._selected.append(code)
        elif item.checkState() != Qt.CheckState.Checked and code in self._selected:
            self._selected.remove(code)
        self._chosen_text()
        self.changed("injuries")

    def set_injuries(self, ids: list[str]) -> None:
        self._selected = list(dict.fromkeys(ids))
        with QSignalBlocker(self.injury_list):
            for i in range(self.injury_list.count()):
                item = self.injury_list.item(i)
                checked = item.data(Qt.ItemDataRole.UserRole) in self._selected
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self._chosen_text()
        self.changed("injuries")

    def _chosen_text(self) -> None:
        if not self._selected:
            self.chosen.setText(t("ui.disability.none_chosen"))
            return
        text = t("ui.disability.chosen", ids=", ".join(self._selected))
        core = getattr(self.wizard(), "core", None)
        ev = self.cw().incident.event_day() if self.wizard() is not None else None
        combined = None
        if core is not None and core.ready and ev is not None:
            with contextlib.suppress(Exception):
                combined = core.combine(self._selected, ev)
        if combined is not None:
            percent, total = combined
            text += "  " + t("ui.disability.combined", percent=f"{percent.normalize():f}")
            if total:
                text += "  " + t("ui.disability.total")
        if self.percent.text().strip():
            text += "\n" + t("ui.disability.board_wins")
        self.chosen.setText(text)

    # -- case data
    def set_mode(self, scheme: str) -> None:
        inv = scheme == "invalidity"
        self.temp_group.setVisible(not inv)
        self.perm_group.setVisible(not inv)
        self.b.apply()
        if inv:
            self.setSubTitle(t("ui.disability.subtitle_invalidity"))

    @guarded()
    def initializePage(self) -> None:  # noqa: N802 (Qt API)
        self.populate()
        self.set_mode(self.cw().incident.scheme)

    def collect(self, data: dict[str, Any]) -> None:
        if data.get("scheme") != "invalidity":
            if self.leave.value():
                data["medical_leave_days"] = self.leave.value()
            if self.worked.value():
                data["days_worked_with_wages"] = self.worked.value()
            pct = self.percent.text().strip().rstrip("%").strip()
            if pct:
                data["loss_of_earning_capacity_percent"] = pct
            if self._selected:
                data["injuries"] = list(self._selected)
        if self.caa.isChecked():
            data["needs_constant_attendance"] = True

    def load(self, data: dict[str, Any]) -> None:
        def as_int(v: Any) -> int:
            try:
                return max(0, min(3650, int(v)))
            except (TypeError, ValueError):
                return 0

        self.leave.setValue(as_int(data.get("medical_leave_days", 0)))
        self.worked.setValue(as_int(data.get("days_worked_with_wages", 0)))
        pct = data.get("loss_of_earning_capacity_percent")
        self.percent.setText("" if pct is None else str(pct))
        inj = data.get("injuries") or []
        self.set_injuries([str(i) for i in inj] if isinstance(inj, list) else [])
        self.caa.setChecked(data.get("needs_constant_attendance") is True)
        self.search.clear()

    def field_label(self, field: str) -> str:
        keys = {
            "medical_leave_days": "ui.disability.leave",
            "days_worked_with_wages": "ui.disability.worked",
            "loss_of_earning_capacity_percent": "ui.disability.percent",
            "injuries": "ui.disability.injuries",
            "needs_constant_attendance": "ui.disability.caa",
        }
        key = keys.get(top_field(field))
        return plain(t(key)) if key else field


# =============================================================================================== dependants


class DependantDialog(QDialog):
    """Add or edit one dependant (opened window-modal, never blocking the event loop)."""

    def __init__(self, parent: QWidget, data: dict[str, Any] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dependant_dialog")
        self.setWindowTitle(t("ui.dep.dialog_title"))
        data = data or {}
        self.extra = {
            k: v
            for k, v in data.items()
            if k
            not in ("relationship", "name", "date_of_birth", "in_higher_education", "disabled", "married")
        }
        form = QFormLayout(self)
        self.relationship = QComboBox(objectName="dep_relationship")
        for code in RELATIONSHIPS:
            self.relationship.addItem(t(f"ui.rel.{code}"), code)
        rel = data.get("relationship")
        if rel in RELATIONSHIPS:
            self.relationship.setCurrentIndex(RELATIONSHIPS.index(rel))
        self.name = QLineEdit(str(data.get("name", "")), objectName="dep_name")
        self.dob = QLineEdit(display_date(data.get("date_of_birth", "")), objectName="dep_dob")
        self.dob.setPlaceholderText(t("ui.date_placeholder"))
        self.dob_error = ErrorLabel()
        dob_box = QWidget()
        dl = QVBoxLayout(dob_box)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(self.dob)
        dl.addWidget(self.dob_error)
        self.studying = QCheckBox(t("ui.dep.studying"), objectName="dep_studying")
        self.studying.setChecked(data.get("in_higher_education") is True)
        self.disabled = QCheckBox(t("ui.dep.disabled"), objectName="dep_disabled")
        self.disabled.setChecked(data.get("disabled") is True)
        self.married = QCheckBox(t("ui.dep.married"), objectName="dep_married")
        self.married.setChecked(data.get("married") is True)
        for key, w in (
            ("ui.dep.relationship", self.relationship),
            ("ui.dep.name", self.name),
            ("ui.dep.dob", dob_box),
        ):
            lab = QLabel(t(key))
            target = self.dob if w is dob_box else w
            lab.setBuddy(target)
            target.setAccessibleName(plain(t(key)))
            form.addRow(lab, w)
        for w in (self.studying, self.disabled, self.married):
            form.addRow("", w)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(t("ui.ok"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(t("ui.cancel"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def _accept(self) -> None:
        if parse_iso(self.dob.text()) is None:
            self.dob_error.show_message(t("ui.dep.bad_date"))
            self.dob.setFocus()
            return
        self.accept()

    def value(self) -> dict[str, Any]:
        out: dict[str, Any] = dict(self.extra)
        out["relationship"] = self.relationship.currentData()
        out["date_of_birth"] = norm_date(self.dob.text())
        if self.name.text().strip():
            out["name"] = self.name.text().strip()
        for key, cb in (
            ("in_higher_education", self.studying),
            ("disabled", self.disabled),
            ("married", self.married),
        ):
            if cb.isChecked():
                out[key] = True
        return out


class DependantsPage(CasePage):
    FIELDS = frozenset({"dependants", "funeral_expenses"})
    COLS = (
        "ui.dep.relationship",
        "ui.dep.name",
        "ui.dep.dob",
        "ui.dep.col_studying",
        "ui.dep.col_disabled",
        "ui.dep.col_married",
    )

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("page_dependants")
        b = self.b
        b.text(self.setTitle, "ui.dep.title")
        b.text(self.setSubTitle, "ui.dep.subtitle")
        self.items: list[dict[str, Any]] = []
        self.dialog: DependantDialog | None = None
        outer = QVBoxLayout(self)
        self.table = QTableWidget(0, len(self.COLS), objectName="dependants_table")
        self.table.verticalHeader().setVisible(False)
        compact_rows(self.table)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table_label = QLabel()
        b.label(self.table_label, "ui.dep.table", self.table, tip="ui.dep.table_tip")
        outer.addWidget(self.table_label)
        outer.addWidget(self.table, 1)
        self.table.itemActivated.connect(lambda _i: self.edit_selected())
        buttons = QHBoxLayout()
        self.add_button, self.edit_button, self.remove_button = QPushButton(), QPushButton(), QPushButton()
        self.add_button.setObjectName("add_dependant")
        self.edit_button.setObjectName("edit_dependant")
        self.remove_button.setObjectName("remove_dependant")
        b.text(self.add_button.setText, "ui.dep.add")
        b.text(self.edit_button.setText, "ui.dep.edit")
        b.text(self.remove_button.setText, "ui.dep.remove")
        for w in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(w)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        self.add_button.clicked.connect(lambda: self.open_dialog(None))
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table_errors = ErrorLabel()
        self.table_errors.setObjectName("dependants_errors")
        outer.addWidget(self.table_errors)
        self.errors["dependants"] = self.table_errors

        form = QFormLayout()
        self.funeral = _line("funeral_expenses", "ui.optional", b)
        narrow(self.funeral, 14)
        fbox, self.errors["funeral_expenses"] = with_error(self.funeral)
        lab = QLabel()
        form.addRow(lab, fbox)
        b.label(lab, "ui.dep.funeral", self.funeral, tip="ui.dep.funeral_tip")
        self.funeral.textChanged.connect(lambda _v: self.changed("funeral_expenses"))
        outer.addLayout(form)
        outer.addWidget(self.status)
        b.add(self._refresh_table)

    # -- editing
    def open_dialog(self, index: int | None) -> DependantDialog:
        data = self.items[index] if index is not None else None
        dlg = DependantDialog(self, data)
        dlg.setWindowModality(Qt.WindowModality.WindowModal)

        def done(code: int) -> None:
            if code == QDialog.DialogCode.Accepted:
                if index is None:
                    self.add_dependant(dlg.value())
                else:
                    self.items[index] = dlg.value()
                    self._refresh_table()
                    self.changed("dependants")
            self.dialog = None
            dlg.deleteLater()
            self.table.setFocus()

        dlg.finished.connect(done)
        self.dialog = dlg
        dlg.open()
        return dlg

    def edit_selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.items):
            self.open_dialog(row)

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.items):
            del self.items[row]
            self._refresh_table()
            self.changed("dependants")

    def add_dependant(self, data: dict[str, Any]) -> None:
        self.items.append(data)
        self._refresh_table()
        self.table.setCurrentCell(len(self.items) - 1, 0)
        self.changed("dependants")

    def _refresh_table(self) -> None:
        self.table.setHorizontalHeaderLabels([plain(t(k)) for k in self.COLS])
        self.table.setRowCount(len(self.items))
        yes = t("ui.yes")
        for r, d in enumerate(self.items):
            rel = d.get("relationship")
            values = [
                t(f"ui.rel.{rel}") if rel in RELATIONSHIPS else str(rel),
                str(d.get("name", "")),
                display_date(d.get("date_of_birth", "")),
                yes if d.get("in_higher_education") else "",
                yes if d.get("disabled") else "",
                yes if d.get("married") else "",
            ]
            for c, v in enumerate(values):
                item = self.table.item(r, c)
                if item is None:
                    item = QTableWidgetItem()
                    self.table.setItem(r, c, item)
                item.setText(v)

    # -- case data
    def collect(self, data: dict[str, Any]) -> None:
        if data.get("outcome") != "death":
            return
        if self.items:
            data["dependants"] = [dict(d) for d in self.items]
        fe = norm_money(self.funeral.text())
        if fe:
            data["funeral_expenses"] = fe

    def load(self, data: dict[str, Any]) -> None:
        deps = data.get("dependants") or []
        self.items = [dict(d) for d in deps if isinstance(d, dict)] if isinstance(deps, list) else []
        self._refresh_table()
        fe = data.get("funeral_expenses")
        self.funeral.setText("" if fe is None else str(fe))

    def field_label(self, field: str) -> str:
        if top_field(field) == "funeral_expenses":
            return plain(t("ui.dep.funeral"))
        idx = row_of(field)
        if idx is not None and idx < len(self.items):
            name = self.items[idx].get("name") or t(f"ui.rel.{self.items[idx].get('relationship')}")
            return t("ui.dep.row", n=idx + 1, name=name)
        return plain(t("ui.dep.table"))

    def show_problems(self, problems: list[Any]) -> None:
        bad: set[int] = set()
        for p in problems:
            idx = row_of(p.field)
            if top_field(p.field) == "dependants" and idx is not None:
                bad.add(idx)
        for r in range(self.table.rowCount()):
            for c in range(self.table.columnCount()):
                item = self.table.item(r, c)
                if item is not None:
                    item.setBackground(QBrush(QColor("#fde2e4")) if r in bad else QBrush())
        super().show_problems(problems)
        lines = [
            f"{self.field_label(p.field)}: {pick(p.message)}"
            for p in problems
            if top_field(p.field) == "dependants"
        ]
        self.table_errors.show_message("\n".join(lines))
