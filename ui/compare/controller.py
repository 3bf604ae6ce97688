"""Compare, in the main window: Ctrl+K turns the current case into scenario A and opens B, a copy, in the
wizard; Ctrl+K again shows the comparison view (and from there goes back to the wizard).

The view shares the window with the wizard: the window's central widget becomes a stack (wizard, view) the
first time.  The comparison file (``faedah-comparison``) is opened from File > Open and the recent list, and
saved atomically (:mod:`estimator.model.comparison_file`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QStackedWidget, QWidget

from .. import dialogs
from ..text import pick, t
from .session import CompareSession, letter
from .view import CompareView


def is_comparison_file(path: Path) -> bool:
    """True when ``path`` holds a comparison (a quick look; the strict read comes after)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return b'"faedah-comparison"' in head


class CompareController:
    def __init__(self, window: Any) -> None:  # the MainWindow (which imports this module)
        self.window = window
        self.wizard = window.wizard
        self.session = CompareSession(window.wizard, window.core)
        self.view = CompareView(self.edit, self.session.set_label)
        self.view.add_button.clicked.connect(self.add)
        self.view.remove_button.clicked.connect(self.remove_last)
        self.view.save_button.clicked.connect(self.save)
        self.view.pdf_button.clicked.connect(self.export_pdf)
        self.wizard.resultChanged.connect(self._live)  # the comparison follows the scenario being edited
        self.view.back_button.clicked.connect(lambda: self.edit(self.session.editing))
        self.path: Path | None = None
        self._wizard_focus: QWidget | None = None
        self._remember_focus()  # before the wizard moves into the stack (which takes the focus away)
        self.stack = QStackedWidget(objectName="compare_stack")
        central = window.takeCentralWidget()
        self.stack.addWidget(central)
        self.stack.addWidget(self.view)
        window.setCentralWidget(self.stack)
        self.stack.show()
        central.show()

    @property
    def active(self) -> bool:
        return bool(self.session.slots)

    def showing(self) -> bool:
        return self.stack.currentWidget() is self.view

    # -- Ctrl+K
    def toggle(self) -> None:
        if self.showing():
            self.edit(self.session.editing)
            return
        self._remember_focus()
        if not self.active:
            self.session.start_from_wizard()
            self._owns_window_file(None, dirty=True)
            self.show_view(focus_label=0)
        else:
            self.show_view(focus_label=None)

    def _remember_focus(self) -> None:
        focused = QApplication.focusWidget()
        if focused is not None and self.wizard.isAncestorOf(focused):
            self._wizard_focus = focused

    # -- the view
    def show_view(self, focus_label: int | None = None) -> None:
        self.refresh()
        self.stack.setCurrentWidget(self.view)
        index = self.session.editing if focus_label is None else focus_label
        edit = self.view.label_edits[index]
        edit.setFocus()
        edit.selectAll()

    def refresh(self, quiet: bool = False) -> None:
        labels = [self.session.label_of(i) for i in range(len(self.session.slots))]
        self.view.show_slots(labels, self.session.editing)
        try:
            comparison, invalid = self.session.comparison()
        except Exception as exc:  # the law refused a scenario: say so rather than lose the comparison
            self.view.show_comparison(None, [])
            if not quiet:
                dialogs.error(self.window, str(exc))
            return
        self.view.show_comparison(comparison, invalid)

    def _live(self) -> None:
        """A new estimate of the scenario being edited: the comparison is refreshed at once (no question)."""
        if self.active:
            self.refresh(quiet=True)

    def editing_title(self) -> str:
        """'editing scenario B (board 30%)' for the window's title while comparing ('' otherwise)."""
        if not self.active:
            return ""
        index = self.session.editing
        label = self.session.label_of(index)
        shown = letter(index) if label == letter(index) else f"{letter(index)} ({label})"
        return t("ui.compare.editing_title", label=shown)

    def export_pdf(self) -> None:
        """The comparison on paper (the engine's comparison PDF), in the PDF language of the settings."""
        from estimator.model.fileio import WriteError
        from estimator.render.pdf.compare import write_comparison_pdf

        comparison, invalid = self.session.comparison()
        if comparison is None or invalid:
            problems = invalid[0][1] if invalid else []
            dialogs.error(self.window, t("ui.print.no_result"), dialogs.problems_text(problems))
            return
        settings = self.window.settings
        folder = Path(self.path.parent if self.path else settings.last_folder or Path.home())
        name = dialogs.save_file_name(self.window, str(folder / "faedah-comparison.pdf"))
        if not name:
            return
        try:
            out = write_comparison_pdf(comparison, Path(name), lang=settings.pdf_lang)
        except WriteError as exc:
            dialogs.error(self.window, pick(exc.message))
            return
        self.window.statusBar().showMessage(t("ui.print.exported", path=str(out)), 8000)

    def add(self) -> None:
        index = self.session.add()
        if index < 0:
            dialogs.info(self.window, t("ui.compare.full"))
            return
        self.show_view(focus_label=index)

    def remove_last(self) -> None:
        self.session.remove_last()
        self.show_view()

    # -- the wizard
    def edit(self, index: int) -> None:
        """Open scenario ``index`` in the wizard, where the clerk was."""
        self.session.edit(index)
        self.stack.setCurrentWidget(self.stack.widget(0))
        self.window._update_title()  # noqa: SLF001 (the title says which scenario is being edited)
        label = self.session.label_of(index)
        self.window.statusBar().showMessage(t("ui.compare.editing_status", label=label), 8000)
        target = self._wizard_focus
        if target is not None and target.isVisible() and target.isEnabled():
            target.setFocus()
        else:
            page = self.wizard.currentPage()
            if page is not None:
                page.setFocus()
                page.focusNextChild()

    # -- the comparison file
    def _owns_window_file(self, path: Path | None, dirty: bool) -> None:
        """While comparing, the window's file is the comparison (Save never writes a scenario over a case)."""
        self.path = path
        self.window.path = path
        self.window.dirty = dirty
        if not dirty:
            self.window.drafts.clear()
        self.window._update_title()  # noqa: SLF001 (the window's own title format)

    def end(self) -> None:
        """Stop comparing (a new case or another case file): the wizard alone again."""
        self.session.slots = []
        self.session.editing = 0
        self.path = None
        self.stack.setCurrentWidget(self.stack.widget(0))

    def save(self, ask: bool = True) -> bool:
        from estimator.model.comparison_file import write_comparison_file
        from estimator.model.fileio import WriteError

        cases, invalid = self.session.cases()
        if invalid:
            label, problems = invalid[0]
            dialogs.error(self.window, t("ui.file.cannot_save"), dialogs.problems_text(problems))
            return False
        settings = self.window.settings
        suggested = str(self.path or Path(settings.last_folder or Path.home()) / "faedah-comparison.json")
        name = dialogs.save_file_name(self.window, suggested) if ask or self.path is None else str(self.path)
        if not name:
            return False
        path = Path(name)
        try:
            write_comparison_file(path, cases)
        except WriteError as exc:
            dialogs.error(self.window, pick(exc.message))
            return False
        self._owns_window_file(path, dirty=False)
        settings.add_recent(path)
        settings.last_folder = str(path.parent)
        self.window.statusBar().showMessage(t("ui.compare.saved", name=path.name), 5000)
        return True

    def open_file(self, path: Path) -> bool:
        from estimator.model.case import CaseError
        from estimator.model.comparison_file import read_comparison_file

        try:
            scenarios = read_comparison_file(path, self.window.core.pack())
        except CaseError as exc:
            dialogs.error(
                self.window, t("ui.file.open_failed", name=path.name), dialogs.problems_text(exc.problems)
            )
            return False
        self.session.start_from_cases(scenarios)
        self._owns_window_file(path, dirty=False)
        settings = self.window.settings
        settings.add_recent(path)
        settings.last_folder = str(path.parent)
        self._wizard_focus = None
        self.show_view(focus_label=0)
        self.window.statusBar().showMessage(t("ui.compare.opened", name=path.name), 5000)
        return True

    def retranslate(self) -> None:
        self.view.retranslate()
        if self.active:
            self.refresh()
