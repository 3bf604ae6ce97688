""" "Check your answers": what the clerk entered, at the top of the Estimate page, each line a jump to change it.

Every line is a flat button whose mnemonic is its number (Alt+1 … Alt+7, the same in both languages): it goes
back to the page of that answer and puts the focus on the field.  The lines say what the case holds (the case
document the estimate was made from), in the screen's words and with dates as DD/MM/YYYY; nothing is computed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QPushButton, QSizePolicy, QWidget

from ..text import amount_text, known, t
from ..widgets import display_date, display_month

Jump = Callable[[str], None]  # the name of the answer to change ("type", "event_date", …)
# each answer: the page it was typed on and its widget there (object names; None: the page's own first field)
WHERE: dict[str, tuple[str, str | None]] = {
    "type": ("page_incident", "incident_type"),
    "event_date": ("page_incident", "event_date"),
    "date_of_birth": ("page_incident", "date_of_birth"),
    "sksps_plan": ("page_incident", "sksps_plan"),
    "monthly_wages": ("page_wages", None),
    "medical_board": ("page_disability", "medical_board"),
    "dependants": ("page_dependants", None),
}


def jump_to(wizard: Any, name: str) -> None:
    """Back to the page where answer ``name`` was typed, the focus on its field (its value selected)."""
    page_name, widget_name = WHERE[name]
    pid = next((p for p in wizard.pageIds() if wizard.page(p).objectName() == page_name), None)
    if pid is None:
        return
    wizard.go_to(pid)
    page = wizard.page(pid)
    widget = page.findChild(QWidget, widget_name) if widget_name else None
    if widget is None:
        page.focus_first()
        return
    widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
    select_all = getattr(widget, "selectAll", None)
    if select_all is not None:
        select_all()


def _case_lines(case: Any) -> list[tuple[str, str, str]]:
    """(answer name, label key, value) of each answer of ``case`` worth checking."""
    lines: list[tuple[str, str, str]] = []
    outcome = t(f"ui.outcome.{case.outcome}") if known(f"ui.outcome.{case.outcome}") else case.outcome
    lines.append(("type", "ui.check.what", f"{t(f'ui.type.{case.incident_type}')} — {outcome}"))
    dates = display_date(case.event_date.isoformat())
    if case.claim_date is not None:
        dates += "  " + t("ui.check.claimed", date=display_date(case.claim_date.isoformat()))
    lines.append(("event_date", "ui.check.dates", dates))
    lines.append(("date_of_birth", "ui.check.dob", display_date(case.date_of_birth.isoformat())))
    if case.scheme == "self_employment":
        plan = t(f"ui.plan_choice.{case.sksps_plan}") if case.sksps_plan else t("ui.plan_choose")
        lines.append(("sksps_plan", "ui.check.plan", plan))
    if case.monthly_wages:
        months = [w.month for w in case.monthly_wages]
        wages = t(
            "ui.check.wages_value",
            n=len(months),
            first=display_month(min(months)),
            last=display_month(max(months)),
        )
        lines.append(("monthly_wages", "ui.check.wages", wages))
    elif case.similar_worker_monthly_wage is not None:
        similar = t("ui.check.similar", amount=amount_text(case.similar_worker_monthly_wage))
        lines.append(("monthly_wages", "ui.check.wages", similar))
    if case.outcome == "death":
        relations = [t(f"ui.rel.{d.relationship}") for d in case.dependants]
        deps = ", ".join(relations) if relations else t("ui.check.no_dependants")
        lines.append(("dependants", "ui.check.dependants", deps))
    elif case.scheme != "invalidity":
        if case.loss_of_earning_capacity_percent is not None:
            board = f"{case.loss_of_earning_capacity_percent.normalize():f}%"
        elif case.injuries:
            board = t("ui.check.injuries", ids=", ".join(case.injuries))
        else:
            board = t("ui.check.not_assessed")
        days = t("ui.check.leave", n=case.medical_leave_days)
        lines.append(("medical_board", "ui.check.board", f"{board}; {days}"))
    return lines


class CheckAnswers(QGroupBox):
    def __init__(self, jump: Jump, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("check_answers")
        self._jump = jump
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(6, 2, 6, 2)
        self._grid.setVerticalSpacing(0)
        self.buttons: dict[str, QPushButton] = {}

    def render(self, case: Any) -> None:
        self.setTitle(t("ui.check.title"))
        for button in self.buttons.values():
            self._grid.removeWidget(button)
            button.hide()  # its Alt+number must not stay alive until the deletion
            button.deleteLater()
        self.buttons = {}
        if case is None:
            self.hide()
            return
        for n, (name, key, value) in enumerate(_case_lines(case), start=1):
            button = QPushButton(f"&{n}  {t(key)}: {value.replace('&', '&&')}", objectName=f"check_{name}")
            button.setFlat(True)
            button.setSizePolicy(
                QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed
            )  # never widens the page
            button.setAutoDefault(False)
            button.setStyleSheet("text-align: left; padding: 0 4px;")
            button.setToolTip(f"{t(key)}: {value}\n{t('ui.check.change_tip')}")
            button.setAccessibleName(f"{t(key)}: {value}")
            button.setAccessibleDescription(t("ui.check.change_tip"))
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.clicked.connect(lambda _checked=False, which=name: self._jump(which))
            if n == 1:  # what happened (scheme, incident, outcome): the longest line, across the block
                self._grid.addWidget(button, 0, 0, 1, 2)
            else:
                self._grid.addWidget(button, 1 + (n - 2) // 2, (n - 2) % 2)
            self.buttons[name] = button
        self.show()
