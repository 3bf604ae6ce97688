"""The dialog that adds or edits one dependant (relationship, name, date of birth, conditions)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..text import plain, t
from ..widgets import ErrorLabel, display_date, norm_date
from .base import parse_day

EDITED_KEYS = (
    "relationship",
    "name",
    "date_of_birth",
    "in_higher_education",
    "education_ends_on",
    "disabled",
    "married",
)


class DependantDialog(QDialog):
    """Add or edit one dependant (opened window-modal, never blocking the event loop)."""

    def __init__(
        self, parent: QWidget, relationships: tuple[str, ...], data: dict[str, Any] | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dependant_dialog")
        self.setWindowTitle(t("ui.dep.dialog_title"))
        data = data or {}
        self.extra = {key: value for key, value in data.items() if key not in EDITED_KEYS}  # kept as they are
        form = QFormLayout(self)
        self.relationship = QComboBox(objectName="dep_relationship")
        for code in relationships:
            self.relationship.addItem(t(f"ui.rel.{code}"), code)
        self.relationship.setCurrentIndex(max(self.relationship.findData(data.get("relationship")), 0))
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
        self.ic = QLineEdit(objectName="dep_ic")
        self.ic.setPlaceholderText(t("ui.optional"))
        self.ends = QLineEdit(
            display_date(data.get("education_ends_on", "")), objectName="dep_education_ends"
        )
        self.ends.setPlaceholderText(t("ui.date_optional_placeholder"))
        for key, w in (
            ("ui.dep.relationship", self.relationship),
            ("ui.dep.name", self.name),
            ("ui.dep.ic", self.ic),
            ("ui.dep.dob", dob_box),
        ):
            lab = QLabel(t(key))
            target = self.dob if w is dob_box else w
            lab.setBuddy(target)
            target.setAccessibleName(plain(t(key)))
            if key != "ui.dep.ic":
                target.setToolTip(t(f"{key}_tip"))
                target.setAccessibleDescription(t(f"{key}_tip"))
            form.addRow(lab, w)
        self.ic.setToolTip(t("ui.dep.ic_tip"))
        self.ic.setAccessibleDescription(t("ui.dep.ic_tip"))
        for w, tip in (
            (self.studying, "ui.dep.studying_tip"),
            (self.disabled, "ui.dep.disabled_tip"),
            (self.married, "ui.dep.married_tip"),
        ):
            w.setToolTip(t(tip))
            w.setAccessibleDescription(t(tip))
            form.addRow("", w)
        self.ends_label = QLabel(t("ui.dep.education_ends"))
        self.ends_label.setBuddy(self.ends)
        self.ends.setAccessibleName(plain(t("ui.dep.education_ends")))
        self.ends.setToolTip(t("ui.dep.education_ends_tip"))
        self.ends.setAccessibleDescription(t("ui.dep.education_ends_tip"))
        form.addRow(self.ends_label, self.ends)
        self._dob_from_ic = ""
        self.ic.textChanged.connect(self._ic_changed)
        self.dob.textChanged.connect(lambda _text: self._check_ic())
        self.studying.toggled.connect(lambda _on: self._adapt())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(t("ui.ok"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(t("ui.cancel"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.relationship.currentIndexChanged.connect(self._adapt)
        self._adapt()

    def _adapt(self) -> None:
        """Ask only what matters for the relationship: a spouse is never "married" or "in higher education"."""
        spouse = self.relationship.currentData() == "spouse"
        self.studying.setVisible(not spouse)
        self.married.setVisible(not spouse)
        studying = not spouse and self.studying.isChecked()
        self.ends.setVisible(studying)
        self.ends_label.setVisible(studying)

    def _ic_changed(self, text: str) -> None:
        from estimator.model.date_input import ic_birth_date

        born = ic_birth_date(text)
        current = self.dob.text().strip()
        if born is not None and (not current or current == self._dob_from_ic):
            self._dob_from_ic = display_date(born.isoformat())
            self.dob.setText(self._dob_from_ic)
        self._check_ic()

    def _check_ic(self) -> None:
        from estimator.model.date_input import ic_birth_date

        born = ic_birth_date(self.ic.text())
        typed = parse_day(self.dob.text())
        mismatch = born is not None and typed is not None and born != typed
        self.dob_error.show_message(
            t("ui.dep.ic_mismatch", date=display_date(born.isoformat())) if mismatch and born else ""
        )

    def _accept(self) -> None:
        if parse_day(self.dob.text()) is None:
            self.dob_error.show_message(t("ui.dep.bad_date"))
            self.dob.setFocus()
            return
        if self.ends.isVisibleTo(self) and self.ends.text().strip() and parse_day(self.ends.text()) is None:
            self.dob_error.show_message(t("ui.err.date", form=t("ui.date_placeholder")))
            self.ends.setFocus()
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
            if cb.isChecked() and not cb.isHidden():
                out[key] = True
        if out.get("in_higher_education") and self.ends.text().strip():
            out["education_ends_on"] = norm_date(self.ends.text())
        return out
