"""The disablement page: medical leave, the loss of earning capacity, the scheduled injuries, constant attendance.

The schedule of injuries and their combined percentage come from the core (:meth:`DisabilityPage.populate`, once
the core has loaded).
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
)

from ..compare.whatif import WhatIfChart
from ..crash import guarded
from ..text import percent_text, pick, plain, t
from ..widgets import EnterAction, narrow, top_field, with_error
from .base import OPTIONAL, CaseContext, CasePage, line_edit, mark_choice, mark_optional

if TYPE_CHECKING:
    from estimator.engine.rules import Injury
    from estimator.model.case import Problem

MAX_DAYS = 3650  # the case's limit on medical leave days and days worked
INJURY_ROLE = Qt.ItemDataRole.UserRole + 1  # the list item's Injury


class DisabilityPage(CasePage):
    FIELDS = frozenset(
        {
            "medical_leave_days",
            "days_worked_with_wages",
            "loss_of_earning_capacity_percent",
            "injuries",
            "needs_constant_attendance",
            "medical_board",  # the clerk's answer, not a field of the case: it decides which fields count
        }
    )

    def __init__(self, context: CaseContext) -> None:
        super().__init__(context)
        self.setObjectName("page_disability")
        b = self.b
        b.text(self.setTitle, "ui.disability.title")
        b.text(self.setSubTitle, "ui.disability.subtitle")
        outer = self.body()

        self.temp_group = QGroupBox()
        b.text(self.temp_group.setTitle, "ui.disability.group_temporary")
        f1 = QFormLayout(self.temp_group)
        # days as plain boxes: empty means "not entered" (a spin box showed 0, and typing 10 before it gave 100)
        self.leave = line_edit("medical_leave_days", "ui.disability.days_placeholder", b)
        self.worked = line_edit("days_worked_with_wages", "ui.optional", b)
        for days in (self.leave, self.worked):
            days.setValidator(QIntValidator(0, MAX_DAYS, days))
        narrow(self.leave, 8)
        narrow(self.worked, 8)
        for key, w, label_key in (
            ("medical_leave_days", self.leave, "ui.disability.leave"),
            ("days_worked_with_wages", self.worked, "ui.disability.worked"),
        ):
            self.field_row(f1, key, w, label_key, f"{label_key}_tip")
            w.textChanged.connect(lambda _v, k=key: self.changed(k))
        outer.addWidget(self.temp_group)

        self.perm_group = QGroupBox()
        b.text(self.perm_group.setTitle, "ui.disability.group_permanent")
        f2 = QFormLayout(self.perm_group)
        self.board = QComboBox(objectName="medical_board")
        mark_choice(self.board)
        self.field_row(f2, "medical_board", self.board, "ui.disability.board", "ui.disability.board_tip")
        b.add(self._board_items)
        self.board.currentIndexChanged.connect(self._board_changed)
        self.percent = line_edit("loss_of_earning_capacity_percent", "ui.disability.percent_placeholder", b)
        narrow(self.percent, 34)
        self.field_row(
            f2,
            "loss_of_earning_capacity_percent",
            self.percent,
            "ui.disability.percent",
            "ui.disability.percent_tip",
        )
        self.percent.textChanged.connect(lambda _v: self._assessed_typed())

        self.search = line_edit("injury_search", "ui.disability.search_placeholder", b)
        lab2 = QLabel()
        f2.addRow(lab2, self.search)
        b.label(lab2, "ui.disability.search", self.search, tip="ui.disability.search_tip")
        self.injury_list = QListWidget(objectName="injury_list")
        self.injury_list.setMinimumHeight(self.fontMetrics().height() * 8)
        self.injury_list.setWordWrap(True)  # a long line of the schedule wraps, never cut off
        self.injury_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.injury_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.field_row(
            f2, "injuries", self.injury_list, "ui.disability.injuries", "ui.disability.injuries_tip"
        )
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
        b.add(lambda: self.caa.setAccessibleDescription(t("ui.disability.caa_tip")))
        self.caa.toggled.connect(lambda _v: self.changed("needs_constant_attendance"))
        caa_box, self.errors["needs_constant_attendance"] = with_error(self.caa)
        outer.addWidget(caa_box)
        self.whatif = WhatIfChart(self.core, lambda: getattr(self.context, "case", None))
        self.percent.textChanged.connect(self.whatif.schedule)
        outer.addWidget(self.whatif)
        b.add(self.whatif.refresh)
        outer.addWidget(self.status)
        mark_optional(self.worked, self.percent, self.search)
        self._selected: list[str] = []
        self._loaded_list = False
        b.add(self._injury_texts)

    # -- the Medical Board's decision: asked, never assumed
    BOARD_CHOICES = (None, "yes", "not_yet")

    def _board_items(self) -> None:
        with QSignalBlocker(self.board):
            index = max(self.board.currentIndex(), 0)
            self.board.clear()
            for code in self.BOARD_CHOICES:
                self.board.addItem(t(f"ui.disability.board.{code or 'choose'}"), code)
            self.board.setCurrentIndex(index)

    @property
    def board_answer(self) -> str | None:
        value = self.board.currentData()
        return str(value) if value else None

    def _board_changed(self, _index: int) -> None:
        assessed = self.board_answer == "yes"
        for widget in (self.percent, self.search, self.injury_list):
            widget.setEnabled(self.board_answer != "not_yet")
        self.percent.setProperty(OPTIONAL, not assessed or bool(self._selected))
        self.changed("medical_board")

    def set_board(self, answer: str | None) -> None:
        self.board.setCurrentIndex(max(self.board.findData(answer), 0) if answer else 0)
        self._board_changed(0)

    def _assessed_typed(self) -> None:
        """A % typed (or an injury ticked) is the Board's assessment: the question is answered "Yes"."""
        if self.board_answer is None and (self.percent.text().strip() or self._selected):
            with QSignalBlocker(self.board):
                self.board.setCurrentIndex(max(self.board.findData("yes"), 0))
            self._board_changed(0)
        self.changed("loss_of_earning_capacity_percent")

    def asks_board(self) -> bool:
        return self.context.scheme() != "invalidity"

    def local_problems(self, problems: list[Problem]) -> list[Problem]:
        """The Medical Board question unanswered; "assessed" with neither a % nor an injury."""
        from estimator.engine.i18n import tr
        from estimator.model.case import Problem

        if not self.asks_board():
            return []
        if self.board_answer is None:
            return [Problem(field="medical_board", code="missing", message=tr("ui.disability.board_missing"))]
        if self.board_answer == "yes" and not self.percent.text().strip() and not self._selected:
            message = tr("ui.disability.percent_missing")
            return [Problem(field="loss_of_earning_capacity_percent", code="missing", message=message)]
        return []

    # -- the injury schedule (from the core)
    def populate(self) -> None:
        core = self.core
        if not core.ready or self._loaded_list:
            return
        self._loaded_list = True
        blocker = QSignalBlocker(self.injury_list)
        for inj in core.injuries():
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, inj.id)
            item.setData(INJURY_ROLE, inj)
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
                inj: Injury = item.data(INJURY_ROLE)
                desc = pick(inj.description)
                if len(desc) < 40:
                    desc = f"{pick(inj.group)} — {desc}"
                item.setText(f"{inj.id}  {desc} ({percent_text(inj.percent)})")
                item.setToolTip(pick(inj.group))
        self._chosen_text()

    def _filter(self, text: str) -> None:
        words = text.lower().split()
        for i in range(self.injury_list.count()):
            item = self.injury_list.item(i)
            inj: Injury = item.data(INJURY_ROLE)
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
        self.percent.setProperty(OPTIONAL, self.board_answer != "yes" or bool(self._selected))
        if self._selected:
            self._assessed_typed()
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
        event_day = self.context.event_day()
        combined = None
        if self.core.ready and event_day is not None:
            with contextlib.suppress(Exception):  # no schedule in force on that date
                combined = self.core.combine(self._selected, event_day)
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
        self.set_mode(self.context.scheme())
        self.whatif.setVisible(self.context.scheme() != "invalidity")
        self.whatif.schedule(self.percent.text())

    def collect(self, data: dict[str, Any]) -> None:
        if data.get("scheme") != "invalidity":
            for key, days in (("medical_leave_days", self.leave), ("days_worked_with_wages", self.worked)):
                if days.text().strip():
                    data[key] = int(days.text())
            pct = self.percent.text().strip().rstrip("%").strip()
            if pct and self.board_answer == "yes":  # "not yet assessed": no % and no injury counts
                data["loss_of_earning_capacity_percent"] = pct
            if self._selected and self.board_answer == "yes":
                data["injuries"] = list(self._selected)
        if self.caa.isChecked():
            data["needs_constant_attendance"] = True

    def load(self, data: dict[str, Any]) -> None:
        def days_text(value: Any) -> str:
            if value is None or isinstance(value, bool):
                return ""
            try:
                return str(max(0, min(MAX_DAYS, int(value))))
            except (TypeError, ValueError):
                return ""

        self.leave.setText(days_text(data.get("medical_leave_days")))
        self.worked.setText(days_text(data.get("days_worked_with_wages")))
        pct = data.get("loss_of_earning_capacity_percent")
        self.percent.setText("" if pct is None else str(pct))
        inj = data.get("injuries") or []
        self.set_injuries([str(i) for i in inj] if isinstance(inj, list) else [])
        # a case document says what the Board decided: a % or an injury is "assessed", none is "not yet"
        loaded = data.get("scheme") is not None and data.get("outcome") is not None
        self.set_board(("yes" if pct is not None or inj else "not_yet") if loaded else None)
        self.caa.setChecked(data.get("needs_constant_attendance") is True)
        self.search.clear()

    def reset(self) -> None:
        super().reset()
        self.set_board(None)  # a new case: the Board's decision is asked again

    def field_label(self, field: str) -> str:
        keys = {
            "medical_board": "ui.disability.board",
            "medical_leave_days": "ui.disability.leave",
            "days_worked_with_wages": "ui.disability.worked",
            "loss_of_earning_capacity_percent": "ui.disability.percent",
            "injuries": "ui.disability.injuries",
            "needs_constant_attendance": "ui.disability.caa",
        }
        key = keys.get(top_field(field))
        return plain(t(key)) if key else field
