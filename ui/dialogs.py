"""Every modal question the app asks goes through this module (tests replace these functions), plus the
Settings and About dialogs."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from .settings import PORTABLE_FILE, Settings, app_dir
from .text import pick, plain, t

if TYPE_CHECKING:
    from estimator.engine.rules import RulePack
    from estimator.model.case import Problem

CASE_FILTER_KEY = "ui.file.filter"


# ---------------------------------------------------------------------------------------------- messages


def _box(parent: QWidget | None, icon: QMessageBox.Icon, text: str, detail: str = "") -> QMessageBox:
    box = QMessageBox(icon, "Faedah", text, parent=parent)
    if detail:
        box.setInformativeText(detail)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def info(parent: QWidget | None, text: str, detail: str = "") -> None:
    _box(parent, QMessageBox.Icon.Information, text, detail).exec()


def error(parent: QWidget | None, text: str, detail: str = "") -> None:
    _box(parent, QMessageBox.Icon.Warning, text, detail).exec()


def ask_yes_no(parent: QWidget | None, text: str, detail: str = "") -> bool:
    box = _box(parent, QMessageBox.Icon.Question, text, detail)
    yes = box.addButton(t("ui.yes_button"), QMessageBox.ButtonRole.YesRole)
    box.addButton(t("ui.no_button"), QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(yes)
    box.exec()
    return box.clickedButton() is yes


def ask_save_discard(parent: QWidget | None, text: str) -> str:
    """'save', 'discard' or 'cancel'."""
    box = _box(parent, QMessageBox.Icon.Question, text)
    save = box.addButton(t("ui.unsaved.save"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(t("ui.unsaved.discard"), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(t("ui.cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    return "save" if clicked is save else "discard" if clicked is discard else "cancel"


def problems_text(problems: list[Problem], label_of: Callable[[str], str] | None = None) -> str:
    """The core's problems, one line each, in the UI language.

    ``label_of`` turns a field into its label on the screen (without it, the field is named as in the file).
    """

    def name(field: str) -> str:
        if not field:
            return t("ui.file.whole_file")
        return label_of(field) if label_of is not None else field

    return "\n".join(f"• {name(p.field)}: {pick(p.message)}" for p in problems)


def open_file_name(parent: QWidget | None, folder: str) -> str:
    path, _ = QFileDialog.getOpenFileName(parent, plain(t("ui.action.open")), folder, t(CASE_FILTER_KEY))
    return path


def save_file_name(parent: QWidget | None, suggested: str) -> str:
    path, _ = QFileDialog.getSaveFileName(
        parent, plain(t("ui.action.save_as")), suggested, t(CASE_FILTER_KEY)
    )
    if path and not Path(path).suffix:
        path += ".json"
    return path


# ---------------------------------------------------------------------------------------------- settings


class SettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None, settings: Settings) -> None:
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self.settings = settings
        self.setWindowTitle(plain(t("ui.action.settings")))
        form = QFormLayout(self)
        self.office_name = QLineEdit(settings.office_name, objectName="office_name")
        self.office_address = QPlainTextEdit(settings.office_address, objectName="office_address")
        self.office_address.setTabChangesFocus(True)
        self.office_address.setMaximumHeight(self.fontMetrics().height() * 5)
        self.ui_lang = QComboBox(objectName="ui_lang")
        self.ui_lang.addItem("English", "en")
        self.ui_lang.addItem("Bahasa Malaysia", "ms")
        self.ui_lang.setCurrentIndex(0 if settings.ui_lang == "en" else 1)
        self.pdf_lang = QComboBox(objectName="pdf_lang")
        for code in ("en", "ms", "both"):
            self.pdf_lang.addItem(t(f"ui.settings.pdf_lang_{code}"), code)
        self.pdf_lang.setCurrentIndex(("en", "ms", "both").index(settings.pdf_lang))
        self.unmask = QCheckBox(t("ui.settings.unmask_ic"), objectName="unmask_ic")
        self.unmask.setChecked(settings.unmask_ic)
        self.large_print = QCheckBox(t("ui.settings.large_print"), objectName="large_print")
        self.large_print.setChecked(settings.large_print)
        self.large_print.setToolTip(t("ui.settings.large_print_tip"))
        self.portable = QCheckBox(t("ui.settings.portable"), objectName="portable")
        self.portable.setChecked(settings.portable)
        self.portable.setToolTip(t("ui.settings.portable_tip"))
        for key, w in (
            ("ui.settings.office_name", self.office_name),
            ("ui.settings.office_address", self.office_address),
            ("ui.settings.ui_lang", self.ui_lang),
            ("ui.settings.pdf_lang", self.pdf_lang),
        ):
            lab = QLabel(t(key))
            lab.setBuddy(w)
            w.setAccessibleName(plain(t(key)))
            form.addRow(lab, w)
        form.addRow("", self.unmask)
        form.addRow("", self.large_print)
        form.addRow("", self.portable)
        where = QLabel(t("ui.settings.where", path=settings.location))
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(where)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color:#b00020")
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(t("ui.ok"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(t("ui.cancel"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _accept(self) -> None:
        s = self.settings
        s.office_name = self.office_name.text()
        s.office_address = self.office_address.toPlainText()
        s.ui_lang = self.ui_lang.currentData()
        s.pdf_lang = self.pdf_lang.currentData()
        s.unmask_ic = self.unmask.isChecked()
        s.large_print = self.large_print.isChecked()
        if self.portable.isChecked() != s.portable and not self._set_portable(self.portable.isChecked()):
            return
        self.accept()

    def _set_portable(self, on: bool) -> bool:
        """Create or remove ``portable.ini`` beside the program (takes effect at the next start)."""
        target = app_dir() / PORTABLE_FILE
        try:
            if on:
                if not target.exists():
                    target.write_text(
                        "; Faedah portable mode: settings are kept in this file\n", encoding="utf-8"
                    )
            else:
                with contextlib.suppress(FileNotFoundError):
                    target.unlink()
        except OSError as exc:
            self.error.setText(
                t("ui.settings.portable_failed", path=str(target), reason=exc.strerror or str(exc))
            )
            return False
        self.error.setText(t("ui.settings.restart"))
        return True


# ---------------------------------------------------------------------------------------------- about


def about_html(rules: RulePack | None, version: str) -> str:
    from html import escape

    parts = [
        f"<h2>Faedah {escape(version)}</h2>",
        f"<p>{escape(t('ui.about.what'))}</p>",
        f"<p><b>{escape(t('ui.about.disclaimer'))}</b></p>",
    ]
    if rules is not None:
        parts.append(f"<h3>{escape(t('ui.about.rules'))}</h3><table>")
        for key, value in (
            (t("ui.about.rules_name"), rules.name),
            (t("ui.about.rules_version"), rules.version),
            (t("ui.about.rules_published"), rules.published),
            (t("ui.about.rules_origin"), rules.origin),
            ("SHA-256", rules.sha256),
        ):
            parts.append(f"<tr><td>{escape(key)}</td><td><tt>{escape(str(value))}</tt></td></tr>")
        parts.append("</table>")
        for notice in rules.notices:
            parts.append(f"<p style='color:#a04000'>{escape(notice)}</p>")
        sources: dict[str, None] = {}
        for param in rules.parameters.values():
            for v in param.values:
                sources.setdefault(v.source, None)
        parts.append(f"<h3>{escape(t('ui.about.sources'))}</h3><ul>")
        parts += [f"<li>{escape(s)}</li>" for s in sorted(sources)]
        parts.append("</ul>")
    else:
        parts.append(f"<p>{escape(t('ui.about.no_rules'))}</p>")
    parts.append(f"<p><small>{escape(t('ui.about.fonts'))}</small></p>")
    return "".join(parts)


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None, rules: RulePack | None, version: str) -> None:
        super().__init__(parent)
        self.setObjectName("about_dialog")
        self.setWindowTitle(plain(t("ui.action.about")))
        lay = QVBoxLayout(self)
        self.browser = QTextBrowser(objectName="about_text")
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(about_html(rules, version))
        lay.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(t("ui.close"))
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        fm = self.fontMetrics()
        self.resize(fm.averageCharWidth() * 90, fm.height() * 30)
