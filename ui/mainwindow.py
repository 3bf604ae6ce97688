"""The main window: File / Settings / Language / Help menus around the case wizard.

It keeps the open file, the unsaved-changes state and the autosaved draft, and hands the core's Result to the
printing module (imported at click time).

Start-up order: the window shows with the menus and the incident page alone; ``build_rest()`` (the event loop's
first turn) builds the other pages and applies the focus styles, ``finish_startup()`` (the next turn) loads the
core.  The dialogs, printing and compare modules are imported when first needed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QSizePolicy

from estimator import __version__

from .compare import ACTION_TEXT_KEY
from .core import Core
from .crash import guarded
from .draft import Drafts
from .settings import Settings
from .text import Binder, lang, pick, plain, set_lang, t
from .widgets import Shortcut, set_shortcut
from .wizard import PAGE_RESULTS, CaseWizard

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from .compare.controller import CompareController

APP_VERSION = __version__  # the one version (estimator/__init__.py)
FOCUS_COLOR = "#1a5fb4"
FOCUS_STYLE = (  # a focus frame that shows on every input, whatever the platform style draws
    f"QLineEdit:focus, QComboBox:focus, QAbstractSpinBox:focus, QPlainTextEdit:focus {{"
    f" border: 2px solid {FOCUS_COLOR}; border-radius: 3px; padding: 1px; }}"
    f" QAbstractItemView:focus {{ border: 2px solid {FOCUS_COLOR}; }}"
    f" QCheckBox:focus, QRadioButton:focus {{ outline: none; border: 1px dashed {FOCUS_COLOR}; }}"
    f" QPushButton:focus {{ border: 2px solid {FOCUS_COLOR}; border-radius: 3px; padding: 3px 10px; }}"
)
DRAFT_DELAY_MS = 2000


class _Dialogs:
    """``ui.dialogs``, imported on first use (showing the window does not need it)."""

    def __getattr__(self, name: str) -> Any:
        from . import dialogs as module

        return getattr(module, name)


dialogs = _Dialogs()


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings, core: Core, drafts: Drafts) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.settings = settings
        self.core = core
        self.drafts = drafts
        self.path: Path | None = None
        self.dirty = False
        self.b = Binder()
        self.wizard = CaseWizard(core, host=self)
        self.setCentralWidget(self.wizard)
        self.wizard.caseChanged.connect(self._case_changed)
        self.wizard.resultChanged.connect(self._result_changed)
        self.comparing: CompareController | None = None

        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.save_draft_now)

        self._build_menus()
        self.live = QLabel(objectName="live_estimate")
        self.live.setWordWrap(False)
        # a long line is cut at the window's edge (the whole of it in the tooltip), never widening the window
        self.live.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.statusBar().addPermanentWidget(self.live, 1)
        self.b.add(self._update_title)
        geo = settings.geometry()
        if geo is not None:
            self.restoreGeometry(geo)  # type: ignore[arg-type]
        else:
            fm = (
                self.fontMetrics()
            )  # 1024x768 less a taskbar and a title bar at most, and never beyond the screen
            free = self.screen().availableGeometry()
            width = min(max(900, fm.averageCharWidth() * 110), free.width(), 1000)
            self.resize(width, min(max(620, fm.height() * 36), free.height() - 40, 680))

    # ------------------------------------------------------------------------------------------- menus
    def _action(
        self, key: str, slot: Callable[[], object], shortcut: Shortcut | None = None, name: str = ""
    ) -> QAction:
        act = QAction(self)
        act.setObjectName(name or key.rsplit(".", 1)[-1])
        self.b.text(act.setText, key)
        if shortcut is not None:
            set_shortcut(act, shortcut)
        act.triggered.connect(lambda _checked=False: slot())
        return act

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = QMenu(self)
        self.b.text(self.file_menu.setTitle, "ui.menu.file")
        self.act_new = self._action("ui.action.new", self.new_case, QKeySequence.StandardKey.New)
        self.act_open = self._action("ui.action.open", self.open_dialog, QKeySequence.StandardKey.Open)
        self.act_save = self._action("ui.action.save", self.save, QKeySequence.StandardKey.Save)
        self.act_save_as = self._action("ui.action.save_as", self.save_as, "Ctrl+Shift+S")
        self.act_pdf = self._action("ui.action.export_pdf", self.export_pdf, "Ctrl+E")
        self.act_print = self._action("ui.action.print", self.print_summary, QKeySequence.StandardKey.Print)
        self.act_preview = self._action("ui.action.print_preview", self.preview_summary)
        self.act_compare = self._action(ACTION_TEXT_KEY, self.compare, "Ctrl+K", name="compare")
        self.act_quit = self._action("ui.action.quit", self.close, "Ctrl+Q")
        self.recent_menu = QMenu(self)
        self.recent_menu.setObjectName("recent_menu")
        self.b.text(self.recent_menu.setTitle, "ui.menu.recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        for act in (self.act_new, self.act_open, self.act_save, self.act_save_as):
            self.file_menu.addAction(act)
        self.file_menu.addMenu(self.recent_menu)
        self.file_menu.addSeparator()
        for act in (self.act_pdf, self.act_print, self.act_preview):
            self.file_menu.addAction(act)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.act_compare)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.act_quit)
        bar.addMenu(self.file_menu)

        self.settings_menu = QMenu(self)
        self.b.text(self.settings_menu.setTitle, "ui.menu.settings")
        self.act_settings = self._action("ui.action.settings", self.open_settings, "Ctrl+,")
        self.settings_menu.addAction(self.act_settings)
        bar.addMenu(self.settings_menu)

        self.lang_menu = QMenu(self)
        self.lang_menu.setTitle("Lan&guage / Bahasa")
        group = QActionGroup(self)
        self.lang_actions: dict[str, QAction] = {}
        for code, label in (("en", "&English"), ("ms", "Bahasa &Malaysia")):
            act = QAction(self, text=label, checkable=True)  # (QAction(label, ...) would build QIcon's class)
            act.setObjectName(f"lang_{code}")
            act.setChecked(code == lang())
            act.triggered.connect(lambda _c=False, c=code: self.set_language(c))
            group.addAction(act)
            self.lang_menu.addAction(act)
            self.lang_actions[code] = act
        self.act_toggle_lang = QAction(self)
        set_shortcut(self.act_toggle_lang, "Ctrl+L")
        self.act_toggle_lang.triggered.connect(lambda: self.set_language("ms" if lang() == "en" else "en"))
        self.addAction(self.act_toggle_lang)
        bar.addMenu(self.lang_menu)

        self.help_menu = QMenu(self)
        self.b.text(self.help_menu.setTitle, "ui.menu.help")
        self.act_about = self._action("ui.action.about", self.about, QKeySequence.StandardKey.HelpContents)
        self.help_menu.addAction(self.act_about)
        bar.addMenu(self.help_menu)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = self.settings.recent_files
        if not files:
            act = self.recent_menu.addAction(t("ui.menu.recent_none"))
            act.setEnabled(False)
            return
        for i, f in enumerate(files):
            act = self.recent_menu.addAction(f"&{i + 1} {Path(f).name}")
            act.setToolTip(f)
            act.setObjectName(f"recent_{i}")
            act.triggered.connect(lambda _c=False, p=f: self.open_path(Path(p)))
        self.recent_menu.addSeparator()
        clear = self.recent_menu.addAction(t("ui.menu.recent_clear"))
        clear.triggered.connect(self.settings.clear_recent)

    # ------------------------------------------------------------------------------------------- start-up
    def build_rest(self) -> None:
        """Just after the window shows: the pages after the incident page, then the focus styles (once)."""
        self.wizard.ensure_pages()
        self.wizard.focus_arrival()
        if self.styleSheet() != FOCUS_STYLE:
            self.setStyleSheet(FOCUS_STYLE)

    def finish_startup(self, open_file: str | None = None) -> None:
        """After the window shows: load the core, offer a draft back, open a file given on the command line."""
        self.build_rest()
        if not self.wizard.start_core():
            dialogs.error(self, pick(self.core.error))
            return
        for notice in self.core.pack().notices:
            self.statusBar().showMessage(notice, 15000)
        from .office_pack import office_pack_label

        office_label = office_pack_label(self.core.pack(), lang())
        if office_label is not None:
            self.statusBar().addPermanentWidget(office_label)
        if not self.offer_draft() and open_file:
            self.open_path(Path(open_file))
        self._update_title()

    def offer_draft(self) -> bool:
        doc = self.drafts.load()
        if doc is None:
            return False
        when = str(doc.get("saved_at", "")).replace("T", " ")
        if not dialogs.ask_yes_no(self, t("ui.draft.offer", when=when), t("ui.draft.offer_detail")):
            self.drafts.clear()
            return False
        self.wizard.load(doc["case"])
        source = str(doc.get("source") or "")
        self.path = Path(source) if source else None
        self.dirty = True
        self.wizard.go_furthest()
        self._update_title()
        return True

    # ------------------------------------------------------------------------------------------- state
    def _case_changed(self) -> None:
        self.dirty = True
        self._update_title()
        self._draft_timer.start()

    def save_draft_now(self) -> None:
        """Write the open case to the draft (also called by the crash handler)."""
        self._draft_timer.stop()
        if self.dirty:
            self.drafts.save(self.wizard.collect(), str(self.path or ""))

    def _update_title(self) -> None:
        name = self.path.name if self.path else t("ui.untitled")
        editing = self.comparing.editing_title() if self.comparing is not None else ""
        name += f" — {editing}" if editing else ""
        self.setWindowTitle(f"{name}{' *' if self.dirty else ''} — Faedah")
        self._result_changed()

    def _result_changed(self) -> None:
        """The status bar: what is still needed until the case is complete, then the answer card's headline."""
        text = self._live_text()
        self.live.setText(text)
        self.live.setToolTip(text)

    def _live_text(self) -> str:
        wiz = self.wizard
        if not self.core.ready:
            return t("ui.live.loading")
        needed = wiz.still_needed() if wiz.validated else []
        if needed:
            return t("ui.live.needed", fields=", ".join(needed))
        if wiz.case is None or wiz.result is None:
            return t("ui.live.none")
        from .results.headline import headline

        return t("ui.live.prefix") + " " + headline(wiz.result)

    def _maybe_keep(self) -> bool:
        """Before the open case goes away: True when it may go (saved, or the user chose to discard it)."""
        if not self.dirty:
            return True
        answer = dialogs.ask_save_discard(self, t("ui.unsaved.question"))
        if answer == "save":
            return self.save()
        if answer == "discard":
            self.drafts.clear()
            return True
        return False

    # ------------------------------------------------------------------------------------------- files
    def new_case(self) -> None:
        if not self._maybe_keep():
            return
        if self.comparing is not None:
            self.comparing.end()
        self.wizard.clear()
        self.path = None
        self.dirty = False
        self.drafts.clear()
        self._update_title()

    def open_dialog(self) -> None:
        if not self._maybe_keep():
            return
        folder = self.settings.last_folder or str(Path.home())
        name = dialogs.open_file_name(self, folder)
        if name:
            self.open_path(Path(name), asked=True)

    def open_path(self, path: Path, asked: bool = False) -> bool:
        if not asked and not self._maybe_keep():
            return False
        if not self.wizard.start_core():
            dialogs.error(self, pick(self.core.error))
            return False
        from estimator.model.case import CaseError

        from .compare.controller import is_comparison_file

        if is_comparison_file(path):
            return self._comparison().open_file(path)
        try:
            case = self.core.read_case(path)
        except CaseError as exc:
            dialogs.error(self, t("ui.file.open_failed", name=path.name), dialogs.problems_text(exc.problems))
            return False
        if self.comparing is not None:
            self.comparing.end()
        self.wizard.load(self.core.case_to_dict(case))
        self.path = path
        self.dirty = False
        self.drafts.clear()
        self.settings.add_recent(path)
        self.settings.last_folder = str(path.parent)
        self.wizard.go_furthest()
        self._update_title()
        self.statusBar().showMessage(t("ui.file.opened", name=path.name), 5000)
        return True

    def save(self) -> bool:
        if self.comparing is not None and self.comparing.active:
            return self.comparing.save(ask=self.path is None)
        if self.path is None:
            return self.save_as()
        return self._write(self.path)

    def save_as(self) -> bool:
        if self.comparing is not None and self.comparing.active:
            return self.comparing.save(ask=True)
        suggested = str(self.path) if self.path else str(Path(self._save_folder()) / self._suggested_name())
        name = dialogs.save_file_name(self, suggested)
        if not name:
            return False
        return self._write(Path(name))

    def _save_folder(self) -> str:
        """The last folder used, else Documents, else the home folder."""
        from PySide6.QtCore import QStandardPaths

        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return self.settings.last_folder or documents or str(Path.home())

    def _suggested_name(self) -> str:
        """'<case reference or claimant's name>-<event date>.json' (today's date before one is entered)."""
        from datetime import date

        data = self.wizard.collect()
        who = str(data.get("case_reference") or data.get("claimant_name") or "").strip()
        safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in who)[:40].strip("-")
        day = self.wizard.event_day() or date.today()
        return f"{safe or 'faedah-case'}-{day.isoformat()}.json"

    def _write(self, path: Path) -> bool:
        from estimator.model.fileio import WriteError

        self.wizard.revalidate()
        if self.wizard.case is None:
            dialogs.error(
                self,
                t("ui.file.cannot_save"),
                dialogs.problems_text(self.wizard.problems, self.wizard.field_label),
            )
            return False
        from estimator.model.fileio import ChangedOnDisk

        try:
            try:
                self.core.write_case(path, self.wizard.case)
            except ChangedOnDisk as changed:  # another program (or PC) saved this file meanwhile: ask first
                if not dialogs.ask_yes_no(self, pick(changed.message)):
                    return False
                self.core.write_case(path, self.wizard.case, overwrite_changed=True)
        except WriteError as exc:
            dialogs.error(self, pick(exc.message))
            return False
        self.path = path
        self.dirty = False
        self.drafts.clear()
        self.settings.add_recent(path)
        self.settings.last_folder = str(path.parent)
        self._update_title()
        self.statusBar().showMessage(t("ui.file.saved", name=path.name), 5000)
        return True

    # ------------------------------------------------------------------------------------------- printing
    def _print_args(self, one_export: bool = True) -> dict[str, Any] | None:
        if self.wizard.result is None:
            self.wizard.revalidate()
            self.wizard.compute_result()
        if self.wizard.result is None:
            dialogs.error(
                self,
                t("ui.print.no_result"),
                dialogs.problems_text(self.wizard.problems, self.wizard.field_label),
            )
            return None
        s = self.settings
        return {
            "lang": s.pdf_lang,
            "office_name": s.office_name,
            "office_address": s.office_address,
            # "print the full IC" applies to one export or print only, never to the next claimant's paper
            "unmask_ic": s.take_unmask_ic() if one_export else s.unmask_ic,
            "large_print": s.large_print,
        }

    def _printing(self) -> ModuleType | None:
        try:
            from . import printing
        except ImportError:
            dialogs.info(self, t("ui.print.unavailable"))
            return None
        return printing

    def export_pdf(self) -> None:
        args = self._print_args()
        mod = self._printing() if args is not None else None
        if mod is None or args is None:
            return
        out = mod.export_pdf(self, self.wizard.result, self.wizard.case, **args)
        if out is not None:
            self.statusBar().showMessage(t("ui.print.exported", path=str(out)), 8000)

    def print_summary(self) -> None:
        args = self._print_args()
        mod = self._printing() if args is not None else None
        if mod is None or args is None:
            return
        if mod.print_summary(self, self.wizard.result, self.wizard.case, **args):
            self.statusBar().showMessage(t("ui.print.sent"), 5000)

    def preview_summary(self) -> None:
        args = self._print_args(one_export=False)
        mod = self._printing() if args is not None else None
        if mod is None or args is None:
            return
        mod.preview_summary(self, self.wizard.result, self.wizard.case, **args)

    # ------------------------------------------------------------------------------------------- settings
    def open_settings(self) -> None:
        dlg = dialogs.SettingsDialog(self, self.settings)
        if dlg.exec() and self.settings.ui_lang != lang():
            self.set_language(self.settings.ui_lang)

    def set_language(self, code: str) -> None:
        set_lang(code)
        self.settings.ui_lang = code
        for c, act in self.lang_actions.items():
            act.setChecked(c == code)
        self.b.apply()
        self.wizard.retranslate()
        if self.comparing is not None:
            self.comparing.retranslate()
        self._update_title()

    def about(self) -> None:
        dlg = dialogs.AboutDialog(self, self.core.rules if self.core.ready else None, APP_VERSION)
        dlg.exec()

    # ------------------------------------------------------------------------------------------- closing
    @guarded()
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        if not self._maybe_keep():
            event.ignore()
            return
        self._draft_timer.stop()
        if not self.dirty:
            self.drafts.clear()
        geometry = self.saveGeometry()
        if geometry != self.settings.geometry():  # (an unchanged window writes nothing)
            self.settings.set_geometry(geometry)
        event.accept()

    # ------------------------------------------------------------------------------------------- compare
    def _comparison(self) -> CompareController:
        if self.comparing is None:
            from .compare.controller import CompareController

            self.comparing = CompareController(self)
        return self.comparing

    def compare(self) -> None:
        """Ctrl+K: scenarios side by side (the first time, the open case becomes A and a copy B)."""
        if self.wizard.start_core():
            self._comparison().toggle()

    def go_results(self) -> None:
        self.wizard.go_to(PAGE_RESULTS)

    def label(self) -> str:
        return plain(self.windowTitle())
