"""The incident page: what happened (incident type, outcome, date, coverage conditions) and who the claimant is.

The incident types and the outcomes each scheme allows come from the core (:meth:`IncidentPage.set_choices`,
called once the core has loaded); until then the two lists are empty.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..text import plain, t
from ..widgets import display_date, narrow, norm_date, set_enum, top_field, with_error
from .base import (
    CaseContext,
    CasePage,
    fit_combo,
    line_edit,
    mark_choice,
    mark_optional,
    parse_day,
    show_whole_items,
)

if TYPE_CHECKING:
    from datetime import date

    from estimator.model.case import Problem

NEI_CONDITIONS = (  # the conditions of the non-employment injury scheme asked on this page
    "accident_outside_malaysia",
    "caused_by_disease",
    "covered_by_self_employment_scheme",
    "covered_by_housewives_scheme",
)
DATE_FIELDS = ("event_date", "date_of_birth", "claim_date")
# the first choice, in plain words: who the insured person is decides which schemes (and incident types) apply
SCHEME_GROUPS: dict[str, tuple[str, ...]] = {
    "employed": ("employment_injury", "non_employment_injury", "invalidity"),
    "self_employed": ("self_employment",),
    "housewife": ("housewives",),
}
OWN_CONTRIBUTION_SCHEMES = ("self_employment", "housewives")  # the day the contribution was paid is asked
SKSPS_PLANS = (1, 2, 3, 4)
TEXT_FIELDS = ("claimant_name", "ic_number", "case_reference")
LABEL_KEYS = {
    "date_of_birth": "ui.incident.dob",
    "claimant_name": "ui.incident.name",
    "ic_number": "ui.incident.ic",
    "claim_date": "ui.incident.claim_date",
    "incident_type": "ui.incident.type",
    "outcome": "ui.incident.outcome",
    "case_reference": "ui.incident.reference",
    "police_report_made": "ui.incident.police",
    "sksps_plan": "ui.incident.plan_label",
}


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
            *NEI_CONDITIONS,
            "sksps_plan",
            "contribution_paid_on",
            "notes",
            "meta",
        }
    )

    def __init__(self, context: CaseContext) -> None:
        super().__init__(context)
        self.setObjectName("page_incident")
        self._scheme_of: dict[str, str] = {}  # incident type -> scheme (from the core)
        self._outcomes: dict[str, tuple[str, ...]] = {}  # scheme -> outcomes (from the core)
        self._pending_type = ""  # an incident type loaded before the choices arrived
        self._types: list[tuple[str, str]] = []  # every (incident type, scheme) of the core
        b = self.b
        b.text(self.setTitle, "ui.incident.title")
        b.text(self.setSubTitle, "ui.incident.subtitle")
        outer = self.body()

        what = QGroupBox()
        b.text(what.setTitle, "ui.incident.group_what")
        form = QFormLayout(what)
        self.group_combo = QComboBox(objectName="scheme_group")
        for group in SCHEME_GROUPS:
            self.group_combo.addItem(group, group)
        self.group_label = QLabel()
        form.addRow(self.group_label, self.group_combo)
        b.label(self.group_label, "ui.incident.who", self.group_combo, tip="ui.incident.who_tip")
        self.type_combo = QComboBox(objectName="incident_type")
        self.outcome_combo = QComboBox(objectName="outcome")
        self.type_note = QLabel(objectName="type_note")
        self.type_note.setWordWrap(True)
        set_enum(self.type_note, "textFormat", "PlainText")
        self.event_date = line_edit("event_date", "ui.date_placeholder", b)
        narrow(self.event_date, 16)
        event_box, self.errors["event_date"] = with_error(self.event_date)
        self.type_label, self.outcome_label, self.event_label = QLabel(), QLabel(), QLabel()
        type_box, self.errors["incident_type"] = with_error(self.type_combo)
        outcome_box, self.errors["outcome"] = with_error(self.outcome_combo)
        self.errors["scheme"] = self.errors["incident_type"]
        form.addRow(self.type_label, type_box)
        form.addRow("", self.type_note)
        form.addRow(self.outcome_label, outcome_box)
        form.addRow(self.event_label, event_box)
        b.label(self.type_label, "ui.incident.type", self.type_combo, tip="ui.incident.type_tip")
        b.label(self.outcome_label, "ui.incident.outcome", self.outcome_combo, tip="ui.incident.outcome_tip")
        b.add(self._event_label_text)

        # conditions that decide coverage
        self.police = QComboBox(objectName="police_report_made")
        self.police_label = QLabel()
        police_box, self.errors["police_report_made"] = with_error(self.police)
        form.addRow(self.police_label, police_box)
        b.label(self.police_label, "ui.incident.police", self.police, tip="ui.incident.police_tip")
        b.add(self._police_items)
        self.nei_checks: dict[str, QCheckBox] = {}
        self.nei_box = QWidget()
        nei_layout = QVBoxLayout(self.nei_box)
        nei_layout.setContentsMargins(0, 0, 0, 0)
        for key in NEI_CONDITIONS:
            check = QCheckBox(objectName=key)
            b.text(check.setText, f"ui.incident.{key}")
            b.text(check.setToolTip, "ui.incident.nei_tip")
            b.text(check.setAccessibleDescription, "ui.incident.nei_tip")
            nei_layout.addWidget(check)
            self.nei_checks[key] = check
            check.toggled.connect(lambda _v, k=key: self.changed(k))
        self.nei_label = QLabel()
        b.text(self.nei_label.setText, "ui.incident.nei_conditions")
        form.addRow(self.nei_label, self.nei_box)
        # the self-employed's plan (Act 789) and the day their own contribution was paid (Acts 789 and 838)
        self.plan_combo = QComboBox(objectName="sksps_plan")
        fit_combo(self.plan_combo, 32, whole_items=False)  # (see after_show)
        mark_choice(self.plan_combo)
        self.plan_label = QLabel()
        plan_box, self.errors["sksps_plan"] = with_error(self.plan_combo)
        form.addRow(self.plan_label, plan_box)
        b.label(self.plan_label, "ui.incident.plan_label", self.plan_combo)  # Alt+S / Alt+E: unique
        self.paid_on = line_edit("contribution_paid_on", "ui.date_optional_placeholder", b)
        narrow(self.paid_on, 26)
        self.paid_label = QLabel()
        paid_box, self.errors["contribution_paid_on"] = with_error(self.paid_on)
        form.addRow(self.paid_label, paid_box)
        b.label(
            self.paid_label,
            "ui.incident.paid_on_label",
            self.paid_on,
            tip="ui.incident.contribution_paid_on_tip",
        )
        self.plan_combo.currentIndexChanged.connect(lambda _v: self.changed("sksps_plan"))
        self.paid_on.textChanged.connect(lambda _v: self.changed("contribution_paid_on"))
        outer.addWidget(what)

        who = self.who_group = QGroupBox()
        claimant_form = QFormLayout(who)
        self.name = line_edit("claimant_name")
        self.ic = line_edit("ic_number", "ui.optional", b)
        self.dob = line_edit("date_of_birth", "ui.date_placeholder", b)
        self.reference = line_edit("case_reference", "ui.optional", b)
        self.claim_date = line_edit("claim_date", "ui.date_optional_placeholder", b)
        narrow(self.dob, 16)
        mark_optional(self.name, self.ic, self.reference, self.claim_date)
        narrow(self.claim_date, 26)
        narrow(self.ic, 20)
        narrow(self.reference, 30)
        for key, widget in self._text_widgets().items():
            if key == "event_date":
                continue
            box, self.errors[key] = with_error(widget)
            label = QLabel()
            claimant_form.addRow(label, box)
            label_key = LABEL_KEYS[key]
            if key == "claimant_name":
                self.name_label = label
                label.setBuddy(widget)
            else:
                b.label(label, label_key, widget, tip=f"{label_key}_tip")
            widget.textChanged.connect(lambda _v, k=key: self.changed(k))
            self.watch(key, widget)
        outer.addWidget(who)
        outer.addWidget(self.status)
        outer.addStretch(1)
        self.errors[""] = self.errors["event_date"]
        self._dob_from_ic = (
            ""  # the date of birth last filled in from the IC number (replaced when the IC changes)
        )
        self.ic.textChanged.connect(self._ic_changed)
        self.watch("event_date", self.event_date)

        self.group_combo.currentIndexChanged.connect(self._group_changed)
        self.type_combo.currentIndexChanged.connect(self._type_changed)
        self.outcome_combo.currentIndexChanged.connect(self._outcome_changed)
        self.event_date.textChanged.connect(lambda _v: self.changed("event_date"))
        self.police.currentIndexChanged.connect(lambda _v: self.changed("police_report_made"))
        b.add(self._type_texts)
        b.add(self._person_texts)
        self._update_visibility()

    def after_show(self) -> None:
        """What the page leaves until the window has shown (the wizard calls it once, with the other pages)."""
        show_whole_items(self.plan_combo)

    def _text_widgets(self) -> dict[str, QLineEdit]:
        """The line edits by field, in the order of the form (claimant rows after the event date)."""
        return {
            "event_date": self.event_date,
            "claimant_name": self.name,
            "ic_number": self.ic,
            "date_of_birth": self.dob,
            "case_reference": self.reference,
            "claim_date": self.claim_date,
        }

    # -- the choices (from the core)
    def set_choices(
        self, incident_types: list[tuple[str, str]], outcomes: dict[str, tuple[str, ...]]
    ) -> None:
        """The incident types (with their schemes) and each scheme's outcomes, as the core defines them."""
        wanted = self._pending_type or self.incident_type
        self._scheme_of = dict(incident_types)
        self._outcomes = dict(outcomes)
        self._types = list(incident_types)
        self._fill_types(wanted)
        self._pending_type = ""
        self._type_texts()
        self._update_visibility()

    def _group_of(self, incident_type: str) -> str:
        scheme = self._scheme_of.get(incident_type, "")
        return next((g for g, schemes in SCHEME_GROUPS.items() if scheme in schemes), "employed")

    def _fill_types(self, wanted: str, follow: bool = True) -> None:
        """The incident types of the chosen group (first the group of ``wanted`` if ``follow`` and it is known)."""
        if follow and wanted in self._scheme_of:
            with QSignalBlocker(self.group_combo):
                self.group_combo.setCurrentIndex(max(self.group_combo.findData(self._group_of(wanted)), 0))
        schemes = SCHEME_GROUPS.get(str(self.group_combo.currentData() or "employed"), ())
        with QSignalBlocker(self.type_combo):
            self.type_combo.clear()
            for code, scheme in self._types:
                if scheme in schemes:
                    self.type_combo.addItem(t(f"ui.type.{code}"), code)
            self.type_combo.setCurrentIndex(max(self.type_combo.findData(wanted), 0))

    def _group_changed(self, _index: int) -> None:
        self._fill_types(self.incident_type, follow=False)
        self._type_changed(0)

    # -- texts that depend on the choice
    def _type_texts(self) -> None:
        with QSignalBlocker(self.group_combo):
            for index in range(self.group_combo.count()):
                self.group_combo.setItemText(index, t(f"ui.insured.{self.group_combo.itemData(index)}"))
        with QSignalBlocker(self.plan_combo):
            plan_index = max(self.plan_combo.currentIndex(), 0)
            self.plan_combo.clear()
            self.plan_combo.addItem(t("ui.plan_choose"), None)  # no plan is chosen for the clerk
            for plan in SKSPS_PLANS:
                self.plan_combo.addItem(t(f"ui.plan_choice.{plan}"), plan)
            self.plan_combo.setCurrentIndex(plan_index)
        with QSignalBlocker(self.type_combo):
            for index in range(self.type_combo.count()):
                self.type_combo.setItemText(index, t(f"ui.type.{self.type_combo.itemData(index)}"))
        with QSignalBlocker(self.outcome_combo):
            index = max(self.outcome_combo.currentIndex(), 0)
            self.outcome_combo.clear()
            outcomes = self._outcomes.get(self.scheme, ())
            for code in outcomes:
                self.outcome_combo.addItem(t(f"ui.outcome.{code}"), code)
            self.outcome_combo.setCurrentIndex(min(index, len(outcomes) - 1))
        self.type_note.setText(t(f"ui.type_note.{self.incident_type}") if self.incident_type else "")
        self._event_label_text()

    def _police_items(self) -> None:
        with QSignalBlocker(self.police):
            index = max(self.police.currentIndex(), 0)
            self.police.clear()
            for key in ("ui.police.unknown", "ui.police.yes", "ui.police.no"):
                self.police.addItem(t(key))
            self.police.setCurrentIndex(index)

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
        self._person_texts()
        self.event_label.setBuddy(self.event_date)
        self.event_date.setAccessibleName(plain(t(key)))
        self.event_date.setToolTip(t("ui.incident.event_date_tip"))
        self.event_date.setAccessibleDescription(t("ui.incident.event_date_tip"))

    def _person_texts(self) -> None:
        """The person's box and name: the clerk's words for the one who died on a death case."""
        if not hasattr(self, "name_label"):
            return
        death = self.outcome == "death"
        self.who_group.setTitle(t("ui.incident.group_deceased" if death else "ui.incident.group_claimant"))
        key = "ui.incident.name_deceased" if death else "ui.incident.name"
        self.name_label.setText(t(key))
        self.name.setAccessibleName(plain(t(key)))
        self.name.setToolTip(t("ui.incident.name_tip"))
        self.name.setAccessibleDescription(t("ui.incident.name_tip"))

    def _update_visibility(self) -> None:
        commuting = self.incident_type == "commuting_accident"
        self.police.setVisible(commuting)
        self.police_label.setVisible(commuting)
        nei = self.scheme == "non_employment_injury"
        self.nei_box.setVisible(nei)
        self.nei_label.setVisible(nei)
        own = self.scheme in OWN_CONTRIBUTION_SCHEMES
        for widget in (self.paid_on, self.paid_label):
            widget.setVisible(own)
        for widget in (self.plan_combo, self.plan_label):
            widget.setVisible(self.scheme == "self_employment")

    def _type_changed(self, _index: int) -> None:
        self._type_texts()
        self._update_visibility()
        self.changed("incident_type", "scheme", "outcome")

    def _outcome_changed(self, _index: int) -> None:
        self._event_label_text()
        self._person_texts()
        self.changed("outcome")

    # -- MyKad: the IC number gives the date of birth
    def _ic_changed(self, text: str) -> None:
        from estimator.model.date_input import ic_birth_date

        born = ic_birth_date(text, self.event_day())
        current = self.dob.text().strip()
        if born is not None and (not current or current == self._dob_from_ic):
            self._dob_from_ic = display_date(born.isoformat())
            self.dob.setText(self._dob_from_ic)

    def ic_mismatch(self) -> str:
        """The warning when the date of birth contradicts the IC number ('' when they agree)."""
        if not self.ic.text().strip() or not self.dob.text().strip():
            return ""  # nothing to compare (nor the core's date module to import, as the window shows)
        from estimator.model.date_input import ic_birth_date

        born = ic_birth_date(self.ic.text(), self.event_day())
        typed = parse_day(self.dob.text())
        if born is None or typed is None or born == typed:
            return ""
        return t("ui.incident.ic_mismatch", date=display_date(born.isoformat()))

    def local_problems(self, problems: list[Problem]) -> list[Problem]:
        """The plan not chosen yet; a date of birth after the event, said here (the core checks the dates only
        once the whole case is well formed, after the wages)."""
        from estimator.engine.i18n import tr
        from estimator.model.case import Problem

        out: list[Problem] = []
        if self.scheme == "self_employment" and self.plan_combo.currentData() is None:
            out.append(Problem(field="sksps_plan", code="missing", message=tr("ui.plan_missing")))
        born, event = parse_day(self.dob.text()), self.event_day()
        if (
            born is not None
            and event is not None
            and born >= event
            and not any(top_field(p.field) == "date_of_birth" for p in problems)
        ):
            out.append(
                Problem(field="date_of_birth", code="born_after_event", message=tr("err.born_after_event"))
            )
        return out

    def show_problems(self, problems: list[Problem]) -> None:
        super().show_problems(problems)
        label = self.errors["date_of_birth"]
        mismatch = self.ic_mismatch()
        if mismatch and not label.text():
            label.show_message(mismatch)

    # -- values
    @property
    def incident_type(self) -> str:
        return str(self.type_combo.currentData() or "")

    @property
    def scheme(self) -> str:
        return self._scheme_of.get(self.incident_type, "")

    @property
    def outcome(self) -> str:
        return str(self.outcome_combo.currentData() or "")

    def event_day(self) -> date | None:
        return parse_day(self.event_date.text())

    def field_label(self, field: str) -> str:
        top = top_field(field)
        if top == "event_date":
            return plain(self.event_label.text())
        if top == "claimant_name" and self.outcome == "death":
            return plain(t("ui.incident.name_deceased"))
        key = LABEL_KEYS.get(top)
        return plain(t(key)) if key else field

    def collect(self, data: dict[str, Any]) -> None:
        data["scheme"] = self.scheme
        data["incident_type"] = self.incident_type
        data["outcome"] = self.outcome
        widgets = self._text_widgets()
        for key in DATE_FIELDS:
            text = norm_date(widgets[key].text())
            if text:
                data[key] = text
        if self.scheme == "self_employment" and self.plan_combo.currentData() is not None:
            data["sksps_plan"] = self.plan_combo.currentData()
        paid = norm_date(self.paid_on.text())
        if paid and self.scheme in OWN_CONTRIBUTION_SCHEMES:
            data["contribution_paid_on"] = paid
        for key in TEXT_FIELDS:
            text = widgets[key].text().strip()
            if text:
                data[key] = text
        if self.incident_type == "commuting_accident" and self.police.currentIndex() > 0:
            data["police_report_made"] = self.police.currentIndex() == 1
        if self.scheme == "non_employment_injury":
            for key, check in self.nei_checks.items():
                if check.isChecked():
                    data[key] = True

    def load(self, data: dict[str, Any]) -> None:
        code = str(data.get("incident_type", ""))
        if self._types:
            self._fill_types(code)
        else:
            self._pending_type = code
        plan = data.get("sksps_plan")
        plan_index = self.plan_combo.findData(plan) if plan in SKSPS_PLANS else -1
        self.plan_combo.setCurrentIndex(plan_index if plan_index >= 0 else 0)
        self.paid_on.setText(display_date(data.get("contribution_paid_on")))
        self._type_texts()  # the outcomes of the scheme just chosen
        outcome_index = self.outcome_combo.findData(data.get("outcome"))
        self.outcome_combo.setCurrentIndex(outcome_index if outcome_index >= 0 else 0)
        for key, widget in self._text_widgets().items():
            value = data.get(key)
            if key in DATE_FIELDS:
                widget.setText(display_date(value))
            else:
                widget.setText("" if value is None else str(value))
        police = data.get("police_report_made")
        self.police.setCurrentIndex(0 if police is None else (1 if police is True else 2))
        for key, check in self.nei_checks.items():
            check.setChecked(data.get(key) is True)
        self._type_texts()
        self._update_visibility()
