"""Take a PNG of every page of the app (and the dialogs), in English and Bahasa Malaysia where useful.

    QT_QPA_PLATFORM=offscreen python3 scripts/screenshots.py [--scale 100|125] [OUT_DIR]
    xvfb-run -a python3 scripts/screenshots.py --scale 125

A counter PC's screen: 1024x768 less a taskbar (1024x728), at 100% or at 125% display scaling (Qt's scale factor
1.25: 819x582 logical pixels).  The pictures go to docs/screenshots/<scale>/ by default.  Settings and the draft folder are temporary, so the user's
own settings are never touched.  The bundled DejaVu fonts are used.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ARGS = sys.argv[1:]
SCALE = ARGS[ARGS.index("--scale") + 1] if "--scale" in ARGS else "125"
if "--scale" in ARGS:
    del ARGS[ARGS.index("--scale") : ARGS.index("--scale") + 2]
os.environ["QT_SCALE_FACTOR"] = "1.25" if SCALE == "125" else "1"  # before the QApplication
_tmp = tempfile.mkdtemp(prefix="faedah-shots-")
os.environ["FAEDAH_CONFIG_DIR"] = str(Path(_tmp) / "config")
os.environ["FAEDAH_DATA_DIR"] = str(Path(_tmp) / "data")

from PySide6.QtCore import QSize  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from ui.app import create_window, register_fonts  # noqa: E402
from ui.dialogs import AboutDialog, SettingsDialog  # noqa: E402
from ui.mainwindow import APP_VERSION, MainWindow  # noqa: E402
from ui.wizard import PAGE_DEPENDANTS, PAGE_DISABILITY, PAGE_INCIDENT, PAGE_RESULTS, PAGE_WAGES  # noqa: E402

SIZE = QSize(819, 582) if SCALE == "125" else QSize(1024, 728)  # logical pixels of 1024x728 on the screen
SAMPLES = ROOT / "samples"


def no_modal_dialogs() -> None:
    """A screenshot run never waits for a click: every question is answered, every message printed."""
    from ui import crash, dialogs

    crash.show_dialog = lambda text: print("CRASH DIALOG:", text)  # type: ignore[assignment]
    dialogs.info = lambda _p, text, detail="": print("INFO:", text, detail)  # type: ignore[assignment]
    dialogs.error = lambda _p, text, detail="": print("ERROR:", text, detail)  # type: ignore[assignment]
    dialogs.ask_yes_no = lambda _p, text, detail="": False  # type: ignore[assignment]
    dialogs.ask_save_discard = lambda _p, text: "discard"  # type: ignore[assignment]


def settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def grab(app: QApplication, widget: QWidget, out: Path, name: str) -> Path:
    settle(app)
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print("saved", path)
    return path


def main() -> int:
    out = Path(ARGS[0]) if ARGS else ROOT / "docs" / "screenshots" / SCALE
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Faedah")
    register_fonts(app)
    no_modal_dialogs()
    win: MainWindow = create_window([sys.argv[0]])
    win.resize(SIZE)
    win.setMaximumSize(SIZE)  # the screen: a page taller than this scrolls inside itself
    win.show()
    win.finish_startup()
    wiz = win.wizard

    def shot(
        sample: str | None, page: int, name: str, lang: str = "en", before: Callable[[], None] | None = None
    ) -> None:
        win.set_language(lang)
        if sample:
            win.open_path(SAMPLES / sample, asked=True)
        wiz.go_to(page)
        if before is not None:
            before()
        grab(app, win, out, name)

    # an empty case: the first page in both languages
    shot(None, PAGE_INCIDENT, "01-incident-empty-en")
    shot(None, PAGE_INCIDENT, "01-incident-empty-ms", "ms")
    shot("pdb_partial_commuting.json", PAGE_INCIDENT, "02-incident-commuting-en")
    shot("pdb_partial_commuting.json", PAGE_WAGES, "03-wages-en")
    shot("pdb_partial_commuting.json", PAGE_WAGES, "03-wages-ms", "ms")
    shot("invalidity_pension.json", PAGE_WAGES, "04-wages-invalidity-en")
    shot(
        "pdb_partial_commuting.json",
        PAGE_DISABILITY,
        "05-disability-en",
        before=lambda: wiz.disability.search.setText("finger"),
    )
    shot("death_four_dependants.json", PAGE_DEPENDANTS, "06-dependants-en")
    shot("death_four_dependants.json", PAGE_DEPENDANTS, "06-dependants-ms", "ms")
    shot("pdb_partial_commuting.json", PAGE_RESULTS, "07-results-commutation-en")
    shot("pdb_lump_sum.json", PAGE_RESULTS, "08-results-lump-sum-en")
    shot("pdb_lump_sum.json", PAGE_RESULTS, "08-results-lump-sum-ms", "ms")
    shot("death_four_dependants.json", PAGE_RESULTS, "09-results-dependants-en")

    def timeline() -> None:
        wiz.results.ensure_view().tabs.setCurrentIndex(1)

    shot("death_four_dependants.json", PAGE_RESULTS, "10-results-timeline-en", before=timeline)

    def explanation() -> None:
        view = wiz.results.ensure_view()
        view.tabs.setCurrentIndex(2)
        for i in range(min(3, view.tree.topLevelItemCount())):
            view.tree.topLevelItem(i).setExpanded(True)
        view.show_step("tdb.daily")
        item = view.tree.currentItem()
        if item is not None:
            item.setExpanded(True)
            for k in range(item.childCount()):
                item.child(k).setExpanded(True)

    shot("pdb_partial_commuting.json", PAGE_RESULTS, "11-results-explanation-en", before=explanation)
    shot("pdb_partial_commuting.json", PAGE_RESULTS, "11-results-explanation-ms", "ms", before=explanation)
    shot("sksps_rider_tdb_pdb.json", PAGE_INCIDENT, "02-incident-sksps-en")
    shot("tdb_work_accident.json", PAGE_DISABILITY, "05-disability-board-en")
    shot("invalidity_pension.json", PAGE_RESULTS, "12-results-invalidity-en")

    # an entry that blocks Next: a date of birth after the accident
    def bad_entry() -> None:
        wiz.incident.dob.setText("01/01/2030")

    shot("tdb_work_accident.json", PAGE_INCIDENT, "13-incident-error-en", before=bad_entry)
    win.dirty = False

    def dependant_dialog(lang: str) -> None:
        from ui.pages import DependantDialog

        win.set_language(lang)
        dialog = DependantDialog(wiz.dependants, win.core.relationships(), {"relationship": "child"})
        dialog.studying.setChecked(True)
        dialog.show()
        grab(app, dialog, out, f"16-dependant-dialog-{lang}")
        dialog.close()

    dependant_dialog("en")
    dependant_dialog("ms")

    def paste_preview() -> None:
        lines = [f"{(i + 4) % 12 + 1:02d}/{2015 + (i + 4) // 12}\t{2800 + 10 * i}.00" for i in range(120)]
        QApplication.clipboard().setText("Month\tWage\n" + "\n".join(lines) + "\nTotal 2,000 months\n")
        wiz.wages.paste_history()
        dialog = wiz.wages.paste_dialog
        if dialog is not None:
            grab(app, dialog, out, "17-paste-preview-en")
            dialog.reject()

    shot("invalidity_pension.json", PAGE_WAGES, "04-wages-invalidity-en", before=None)
    paste_preview()
    win.dirty = False

    def comparison(lang: str) -> None:
        win.set_language(lang)
        win.open_path(SAMPLES / "pdb_partial_commuting.json", asked=True)
        wiz.go_to(PAGE_DISABILITY)
        win.compare()  # A = the case, B = a copy
        if win.comparing is not None:
            win.comparing.edit(1)  # B in the wizard
        wiz.disability.percent.setText("20")
        wiz.compute_result()
        win.compare()  # the comparison view
        grab(app, win, out, f"16-compare-{lang}")
        if win.comparing is not None:
            win.comparing.end()
        win.dirty = False

    comparison("en")
    comparison("ms")
    shot("pdb_partial_commuting.json", PAGE_DISABILITY, "17-whatif-en")
    win.set_language("en")
    settings = SettingsDialog(win, win.settings)
    settings.show()
    grab(app, settings, out, "14-settings-en")
    settings.close()
    about = AboutDialog(win, win.core.rules, APP_VERSION)
    about.show()
    grab(app, about, out, "15-about-en")
    about.close()
    win.dirty = False
    win.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
