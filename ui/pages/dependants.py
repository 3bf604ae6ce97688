"""The dependants page (death): the dependants in a table, edited in a dialog, and the funeral expenses."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from .. import dialogs
from ..crash import guarded
from ..text import known, plain, rm_text, t
from ..widgets import (
    EnterAction,
    ErrorLabel,
    compact_rows,
    display_date,
    narrow,
    norm_money,
    row_of,
    top_field,
)
from .base import (
    CaseContext,
    CasePage,
    bad_row_brush,
    button_row,
    line_edit,
    mark_optional,
    parse_day,
    problem_text,
)
from .dependants_dialog import DependantDialog

if TYPE_CHECKING:
    from estimator.model.case import Problem


def relationship_text(code: object) -> str:
    """The relationship in the current language (an unknown code as it is)."""
    key = f"ui.rel.{code}"
    return t(key) if known(key) else str(code)


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

    def __init__(self, context: CaseContext) -> None:
        super().__init__(context)
        self.setObjectName("page_dependants")
        b = self.b
        b.text(self.setTitle, "ui.dep.title")
        b.text(self.setSubTitle, "ui.dep.subtitle")
        self.items: list[dict[str, Any]] = []
        self.dialog: DependantDialog | None = None
        outer = self.body()
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
        buttons, (self.add_button, self.edit_button, self.remove_button) = button_row(
            b,
            [
                ("add_dependant", "ui.dep.add", lambda: self.open_dialog(None)),
                ("edit_dependant", "ui.dep.edit", self.edit_selected),
                ("remove_dependant", "ui.dep.remove", self.remove_selected),
            ],
        )
        outer.addLayout(buttons)
        EnterAction(self.add_button, self._enter_on_add)
        self._none_confirmed = False  # the clerk said there is no dependant to list
        self.table_errors = ErrorLabel()
        self.table_errors.setObjectName("dependants_errors")
        outer.addWidget(self.table_errors)
        self.errors["dependants"] = self.table_errors

        form = QFormLayout()
        self.funeral = line_edit("funeral_expenses", "ui.optional", b)
        narrow(self.funeral, 32)  # wide enough for its placeholder ("optional; paid up to RM3,000.00")
        self.field_row(form, "funeral_expenses", self.funeral, "ui.dep.funeral", "ui.dep.funeral_tip")
        self.funeral.textChanged.connect(lambda _v: self.changed("funeral_expenses"))
        mark_optional(self.funeral)
        outer.addLayout(form)
        outer.addWidget(self.status)
        b.add(self._refresh_table)

    # -- the keyboard: an empty list is a decision too
    def focus_first(self) -> None:
        """No dependant yet: the focus on Add (Enter there asks whether there is none)."""
        if not self.items:
            self.add_button.setFocus(Qt.FocusReason.TabFocusReason)
            return
        super().focus_first()

    def _enter_on_add(self) -> None:
        if self.items:
            self.open_dialog(None)
        else:
            self.enter_from(self.add_button)

    def enter_pressed(self, widget: QWidget | None) -> bool:
        """Leaving the page with no dependant listed asks first ("No dependants?"); No opens the Add dialog."""
        go_on = super().enter_pressed(widget)
        if not go_on or self.items or self._none_confirmed:
            return go_on
        if dialogs.ask_yes_no(self, t("ui.dep.none_question"), t("ui.dep.none_detail")):
            self._none_confirmed = True
            return True
        self.open_dialog(None)
        return False

    # -- editing
    def open_dialog(self, index: int | None) -> DependantDialog:
        data = self.items[index] if index is not None else None
        dlg = DependantDialog(self, self.core.relationships(), data)
        dlg.setWindowModality(Qt.WindowModality.WindowModal)

        def done(code: int) -> None:
            if code == QDialog.DialogCode.Accepted:
                if index is None:
                    self.add_dependant(dlg.value())
                elif index >= len(self.items):
                    pass  # the case was replaced (New, Open) while the dialog was open: the edit belonged to it
                else:
                    self.items[index] = dlg.value()
                    self._refresh_table()
                    self.changed("dependants")
            self.dialog = None
            dlg.deleteLater()
            self.window().activateWindow()  # the keyboard goes back to the page, not to nowhere
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
                relationship_text(rel),
                str(d.get("name", "")),
                self._born_text(d.get("date_of_birth", "")),
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

    @guarded()
    def initializePage(self) -> None:  # noqa: N802 (Qt API)
        self._refresh_table()  # the ages follow the date of the event
        self.show_funeral_cap()

    def show_funeral_cap(self) -> None:
        """The funeral box says the cap in force on the date of death (the rule pack's ``ei.funeral_max``)."""
        from decimal import Decimal

        event = self.context.event_day()
        if event is None or not self.core.ready:
            return
        try:
            cap = rm_text(Decimal(str(self.core.pack().at("ei.funeral_max", event).value)))
        except Exception:  # no cap in force on that date: the box says nothing more
            return
        self.funeral.setPlaceholderText(t("ui.dep.funeral_placeholder_cap", cap=cap))
        self.funeral.setToolTip(t("ui.dep.funeral_tip_cap", cap=cap))
        self.funeral.setAccessibleDescription(t("ui.dep.funeral_tip_cap", cap=cap))

    def _born_text(self, born: object) -> str:
        """'14/02/2008 (17)': the date of birth and the age on the date of the event."""
        text = display_date(born)
        day, event = parse_day(str(born or "")), self.context.event_day()
        if day is None or event is None or day > event:
            return text
        age = event.year - day.year - ((event.month, event.day) < (day.month, day.day))
        return f"{text} ({t('ui.dep.age', n=age)})"

    # -- case data
    def collect(self, data: dict[str, Any]) -> None:
        if data.get("outcome") != "death":
            return
        if self.items:
            data["dependants"] = [dict(d) for d in self.items]
        fe = norm_money(self.funeral.text())
        if fe:
            data["funeral_expenses"] = fe

    def reset(self) -> None:
        super().reset()
        self._none_confirmed = False

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
            name = self.items[idx].get("name") or relationship_text(self.items[idx].get("relationship"))
            return t("ui.dep.row", n=idx + 1, name=name)
        return plain(t("ui.dep.table"))

    def show_problems(self, problems: list[Problem]) -> None:
        bad: set[int] = set()
        for p in problems:
            idx = row_of(p.field)
            if top_field(p.field) == "dependants" and idx is not None:
                bad.add(idx)
        for r in range(self.table.rowCount()):
            for c in range(self.table.columnCount()):
                item = self.table.item(r, c)
                if item is not None:
                    item.setBackground(bad_row_brush(r in bad))
        super().show_problems(problems)
        lines = [
            problem_text(p, self.field_label(p.field)) for p in problems if top_field(p.field) == "dependants"
        ]
        self.table_errors.show_message("\n".join(lines))
