"""The case wizard: incident -> wages -> disability or dependants -> results.

The wizard builds the case document from its pages, validates it with the core on every edit (the problems go
to the page and field at fault, and Next stays disabled while the page has any), and asks the core for the
estimate, debounced, whenever the case is valid.

Start-up: the wizard is made with the incident page alone (the window shows with it); ``ensure_pages()`` builds
the other pages, on the event loop's first turn after the window shows or synchronously when something needs
one of them first (``wizard.wages``, ``input_pages``, Next, loading a case).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Protocol

from PySide6 import QtCore
from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWizard, QWizardPage

from estimator.engine.i18n import Text

from . import crash
from .core import Core, CoreUnavailable
from .pages.base import CasePage
from .pages.incident import OWN_CONTRIBUTION_SCHEMES, IncidentPage
from .text import Binder, T, t
from .widgets import top_field

if TYPE_CHECKING:
    from datetime import date

    from PySide6.QtGui import QKeyEvent

    from estimator.model.case import Case, Problem
    from estimator.model.result import Result

    from .pages.dependants import DependantsPage
    from .pages.disablement import DisabilityPage
    from .pages.wages import WagesPage
    from .results import ResultsView

PAGE_INCIDENT, PAGE_WAGES, PAGE_DISABILITY, PAGE_DEPENDANTS, PAGE_RESULTS = range(5)
PASSTHROUGH = ("notes", "meta")
ESTIMATE_DELAY_MS = 350


class ResultActions(Protocol):
    """What the results page's buttons ask of the window around the wizard."""

    def export_pdf(self) -> None: ...

    def print_summary(self) -> None: ...

    def preview_summary(self) -> None: ...

    def save(self) -> bool: ...


class ResultsPage(QWizardPage):
    """Shows the core's Result; the view itself (and its imports) are built on first use."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("page_results")
        self.b = Binder()
        self.b.text(self.setTitle, "ui.results.title")
        self.b.text(self.setSubTitle, "ui.results.subtitle")
        self.setFinalPage(True)
        self.lay = QVBoxLayout(self)
        self.lay.setContentsMargins(0, 0, 0, 0)
        self.placeholder = QLabel()
        self.lay.addWidget(self.placeholder)
        self.view: ResultsView | None = None

    def ensure_view(self) -> ResultsView:
        if self.view is None:
            from .results import ResultsView

            self.view = ResultsView(self)
            self.placeholder.hide()
            self.lay.addWidget(self.view)
        return self.view

    @crash.guarded()
    def initializePage(self) -> None:  # noqa: N802 (Qt API)
        wiz: CaseWizard = self.wizard()  # type: ignore[assignment]
        wiz.compute_result()
        self.render()

    def render(self) -> None:
        wiz: CaseWizard = self.wizard()  # type: ignore[assignment]
        self.ensure_view().render(wiz.result, wiz.result_error, wiz.case)

    def focus_first(self) -> None:
        """Arriving on the results: the focus on the tabs (Ctrl+Tab / arrows switch them)."""
        self.ensure_view().tabs.tabBar().setFocus(QtCore.Qt.FocusReason.TabFocusReason)

    def retranslate(self) -> None:
        self.b.apply()
        if self.view is not None:
            self.render()


class LaterPages:
    """The pages built after the window shows (see ``CaseWizard.ensure_pages``)."""

    def __init__(self, context: CaseWizard) -> None:
        from .pages.dependants import DependantsPage
        from .pages.disablement import DisabilityPage
        from .pages.wages import WagesPage

        self.wages = WagesPage(context)
        self.disability = DisabilityPage(context)
        self.dependants = DependantsPage(context)
        self.results = ResultsPage()


class CaseWizard(QWizard):
    caseChanged = Signal()  # an edit by the user
    resultChanged = Signal()

    def __init__(self, core: Core, host: ResultActions | None = None) -> None:
        super().__init__()
        self.setObjectName("case_wizard")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoCancelButton, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonLayout(
            [QWizard.WizardButton.Stretch, QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton]
        )
        self.core = core
        self.host = host
        self.b = Binder()
        self.validated = False
        self.case: Case | None = None
        self.data: dict[str, Any] = {}
        self.problems: list[Problem] = []
        self.result: Result | None = None
        self.result_error: Text | None = None
        self._result_for: str | None = None
        self.passthrough: dict[str, Any] = {}
        self._loading = False
        self._core_started = False

        self.incident = IncidentPage(self)  # first: the other pages ask it for the scheme and the date
        self.setPage(PAGE_INCIDENT, self.incident)
        self.incident.edited.connect(self._on_edit)
        self._later: LaterPages | None = None  # the other pages: ensure_pages()
        self._focus_pending = False  # the incident page's arrival focus, put off while the window shows
        self.caseChanged.connect(self._no_arrival_focus)
        self.b.add(self._button_texts)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(ESTIMATE_DELAY_MS)
        self._timer.timeout.connect(self.compute_result)
        self.currentIdChanged.connect(self._page_changed)

    # -- the pages after the incident page: built once, on the first turn after the window shows or on first need
    def ensure_pages(self) -> LaterPages:
        if self._later is None:
            self.incident.after_show()
            later = LaterPages(self)
            for pid, page in (
                (PAGE_WAGES, later.wages),
                (PAGE_DISABILITY, later.disability),
                (PAGE_DEPENDANTS, later.dependants),
                (PAGE_RESULTS, later.results),
            ):
                self.setPage(pid, page)
            for case_page in (later.wages, later.disability, later.dependants):
                case_page.edited.connect(self._on_edit)
            self._later = later
        return self._later

    @property
    def pages_built(self) -> bool:
        return self._later is not None

    def focus_arrival(self) -> None:
        """Start-up, just after the window shows: the focus where arriving on the incident page puts it (unless
        the clerk has already typed; walking the focus chain is not needed to show the window)."""
        if self._focus_pending and self.currentPage() is self.incident:
            self.incident.focus_first()
        self._focus_pending = False

    def _no_arrival_focus(self) -> None:
        self._focus_pending = False

    @property
    def wages(self) -> WagesPage:
        return self.ensure_pages().wages

    @property
    def disability(self) -> DisabilityPage:
        return self.ensure_pages().disability

    @property
    def dependants(self) -> DependantsPage:
        return self.ensure_pages().dependants

    @property
    def results(self) -> ResultsPage:
        return self.ensure_pages().results

    @property
    def input_pages(self) -> list[CasePage]:
        later = self.ensure_pages()
        return [self.incident, later.wages, later.disability, later.dependants]

    @crash.guarded(False)
    def validateCurrentPage(self) -> bool:  # noqa: N802 (Qt API): Next needs the page it goes to
        self.ensure_pages()
        return bool(super().validateCurrentPage())

    # -- the pages' CaseContext
    def scheme(self) -> str:
        return self.incident.scheme

    def event_day(self) -> date | None:
        return self.incident.event_day()

    def start_core(self) -> bool:
        """Load the core (once) and hand the pages what it defines; False (``core.error`` says why) on failure."""
        if self._core_started:
            return True
        if not self.core.load():
            return False
        self._core_started = True
        types = self.core.incident_types()
        schemes = dict.fromkeys(scheme for _code, scheme in types)
        self.incident.set_choices(types, {scheme: self.core.outcomes(scheme) for scheme in schemes})
        self.disability.populate()
        self.revalidate()
        self.results.b.apply()
        return True

    # -- QWizard behaviour inside a main window: Escape and Finish never close it
    def reject(self) -> None:
        pass

    def accept(self) -> None:
        pass

    def done(self, _result: int) -> None:
        pass

    def _button_texts(self) -> None:
        self.setButtonText(QWizard.WizardButton.NextButton, t("ui.next"))
        self.setButtonText(QWizard.WizardButton.BackButton, t("ui.back"))
        for which, key in (
            (QWizard.WizardButton.NextButton, "ui.next"),
            (QWizard.WizardButton.BackButton, "ui.back"),
        ):
            self.button(which).setAccessibleName(t(key).replace("&", "").strip("<> "))

    @crash.guarded(-1)
    def nextId(self) -> int:  # noqa: N802 (Qt API)
        cur = self.currentId()
        if cur == PAGE_INCIDENT and self.incident.scheme not in OWN_CONTRIBUTION_SCHEMES:
            return PAGE_WAGES
        if cur in (PAGE_INCIDENT, PAGE_WAGES):  # a plan or a presumed income, not wages, is the basis
            return PAGE_DEPENDANTS if self.incident.outcome == "death" else PAGE_DISABILITY
        if cur in (PAGE_DISABILITY, PAGE_DEPENDANTS):
            return PAGE_RESULTS
        return -1

    def _page_changed(self, pid: int) -> None:
        if pid == PAGE_WAGES:
            self.wages.refresh_context()
        if pid >= 0:
            page = self.page(pid)
            if isinstance(page, CasePage):
                page.show_problems(self._problems_for(page))
                if self._later is None:  # the window is showing: focus_arrival() puts the focus, just after
                    self._focus_pending = True
                else:
                    page.focus_first()
            elif page is self.results:
                self.results.focus_first()

    # -- the keyboard: Enter moves on (to the next field that needs input, or to the next page)
    @crash.guarded()
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        qt = QtCore.Qt
        plain_enter = (
            event.modifiers() & ~qt.KeyboardModifier.KeypadModifier == qt.KeyboardModifier.NoModifier
        )
        if event.key() in (qt.Key.Key_Return, qt.Key.Key_Enter) and plain_enter:
            page = self.currentPage()
            if isinstance(page, CasePage):
                event.accept()
                page.enter_from(QApplication.focusWidget())
                return
        super().keyPressEvent(event)

    def go_next_if_complete(self) -> None:
        """After an action that may complete the page (quick fill's Enter): on to the next page when it is."""
        page = self.currentPage()
        if isinstance(page, CasePage) and page.isComplete() and self.nextId() >= 0:
            self.next()

    def field_label(self, field: str) -> str:
        """A field of the case as its label on the screen (the page that owns it says)."""
        owner = next((page for page in self.input_pages if page.owns(field)), self.incident)
        return owner.field_label(field)

    def still_needed(self) -> list[str]:
        """The labels of the fields the case still needs (missing), then of those at fault."""
        missing = [self.field_label(top_field(p.field)) for p in self.problems if p.code == "missing"]
        wages_asked = self.incident.scheme not in OWN_CONTRIBUTION_SCHEMES
        on_path = [self.incident, self.wages] if wages_asked else [self.incident]
        on_path.append(self.dependants if self.incident.outcome == "death" else self.disability)
        for page in on_path:  # the decisions the pages ask for (the plan, the Medical Board) count too
            missing += page.pending()
        if self.wages.extra_block and wages_asked:
            missing.append(self.wages.field_label("monthly_wages"))
        faulty = [self.field_label(p.field) for p in self.problems if p.code != "missing"]
        return list(dict.fromkeys(missing + faulty))

    # -- the case document
    def collect(self) -> dict[str, Any]:
        from copy import deepcopy

        data: dict[str, Any] = {"format": "faedah-case", "version": 1}
        data.update(deepcopy(self.passthrough))
        for page in self.input_pages:
            page.collect(data)
        return data

    def load(self, data: dict[str, Any], show_all: bool = True) -> None:
        """Fill every page from a case document (a file, a draft); tolerant of damaged values."""
        from copy import deepcopy

        self._loading = True
        try:
            self.passthrough = {k: deepcopy(data[k]) for k in PASSTHROUGH if k in data}
            for page in self.input_pages:
                page.reset()
                page.load(data)
                if show_all:
                    page.touched.update(page.FIELDS)
        finally:
            self._loading = False
        if self.results.view is not None:
            self.results.view.tabs.setCurrentIndex(0)
        self.restart()
        self.revalidate()
        self.compute_result()

    def switch_case(self, data: dict[str, Any]) -> None:
        """Edit another case document (a compared scenario), staying on the same page where it can."""
        page = self.currentId()
        self.load(data)
        if page >= 0:
            self.go_to(page)

    def clear(self) -> None:
        self.load(
            {"scheme": "employment_injury", "incident_type": "work_accident", "outcome": "injury"},
            show_all=False,
        )
        for page in self.input_pages:
            page.reset()
        self.restart()
        self.revalidate()

    # -- validation
    def _problems_for(self, page: CasePage) -> list[Problem]:
        owned = [p for p in self.problems if page.owns(p.field)]
        if page is self.incident and self.problems:  # (no problems yet at start-up: the other pages may wait)
            known = set().union(*(pg.FIELDS for pg in self.input_pages))
            owned += [p for p in self.problems if top_field(p.field) not in known]
        return owned

    def revalidate(self) -> None:
        if not self.core.ready:
            self.validated = False
            for page in self.input_pages:
                page.completeChanged.emit()
            return
        from estimator.model.case import CaseError

        data = self.collect()
        try:
            case = self.core.parse(data)
            problems: list[Problem] = []
        except CaseError as exc:
            case, problems = None, list(exc.problems)
        self.data, self.case, self.problems = data, case, problems
        self.validated = True
        for page in self.input_pages:
            page.show_problems(self._problems_for(page))
        key = json.dumps(data, sort_keys=True, default=str)
        if case is None:
            if self._result_for != key:
                self.compute_result()  # nothing to estimate: say so at once
        elif key != self._result_for:
            self._timer.start()

    def _on_edit(self) -> None:
        if self._loading:
            return
        self.revalidate()
        self.caseChanged.emit()

    # -- the estimate
    def compute_result(self) -> None:
        self._timer.stop()
        if not self.core.ready:
            return
        key = json.dumps(self.data, sort_keys=True, default=str)
        self._result_for = key
        self.result, self.result_error = None, None
        if self.case is None:
            self.result_error = T("ui.results.fix_first")
        else:
            try:
                self.result = self.core.estimate(self.case)
            except CoreUnavailable as exc:
                self.result_error = exc.message
            except Exception as exc:  # a fault in the core: logged, shown on the page, the case is kept
                crash.write_log(type(exc), exc.__traceback__)
                self.result_error = T("ui.results.core_failed", log=str(crash.log_path()))
        self.resultChanged.emit()
        if self.currentId() == PAGE_RESULTS:
            self.results.render()

    # -- navigation
    def go_to(self, pid: int) -> None:
        """From the start, walk forward (only through valid pages) towards ``pid``."""
        self.restart()
        guard = 0
        while self.currentId() != pid and guard < 10:
            guard += 1
            page = self.currentPage()
            if page is None or not page.isComplete() or self.nextId() < 0:
                break
            self.next()

    def go_furthest(self) -> None:
        self.go_to(PAGE_RESULTS)

    def retranslate(self) -> None:
        self.b.apply()
        for page in self.input_pages:
            page.retranslate()
        if self.validated:
            for page in self.input_pages:
                page.show_problems(self._problems_for(page))
        self.results.retranslate()
