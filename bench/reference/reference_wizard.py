"""The bare reference for start-up: a 5-page QWizard with a few plain widgets per page, nothing else.

    QT_QPA_PLATFORM=offscreen QUIT_AFTER_SHOW=1 python bench/reference/reference_wizard.py

It imports what a minimal PySide6 wizard needs (QtCore, QtGui, QtWidgets) and shows the window; with
QUIT_AFTER_SHOW=1 it quits as soon as the window is shown, like ``python -m ui``. Faedah's start-up is
measured as a ratio of this program's, in the same run (bench/run.py).
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QWizard,
    QWizardPage,
)


def page(title: str, fields: list[tuple[str, object]]) -> QWizardPage:
    result = QWizardPage()
    result.setTitle(title)
    form = QFormLayout(result)
    for label, widget in fields:
        form.addRow(label, widget)  # type: ignore[call-overload]
    return result


def build() -> QWizard:
    wizard = QWizard()
    wizard.setWindowTitle("Reference wizard")
    scheme = QComboBox()
    scheme.addItems(["one", "two", "three"])
    wizard.addPage(page("Incident", [("Scheme", scheme), ("Date", QDateEdit()), ("Name", QLineEdit())]))
    wages = QTableWidget(6, 2)
    wizard.addPage(page("Wages", [("Months", wages)]))
    wizard.addPage(page("Disablement", [("Leave days", QSpinBox()), ("Attendance", QCheckBox())]))
    wizard.addPage(page("Dependants", [("Dependants", QTableWidget(4, 3))]))
    wizard.addPage(page("Estimate", [("Notes", QLineEdit())]))
    wizard.resize(900, 650)
    return wizard


def main() -> int:
    app = QApplication(sys.argv[:1])
    wizard = build()
    wizard.show()
    if os.environ.get("QUIT_AFTER_SHOW") == "1":
        QTimer.singleShot(0, app.quit)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
