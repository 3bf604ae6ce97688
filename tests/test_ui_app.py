"""The app around the wizard: languages, files, the autosaved draft, the crash dialog, settings, start-up."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QLineEdit, QWizard

from tests.ui_helpers import DialogLog, dialogs_fixture, make_window, sample, sample_copy, win_fixture  # noqa: F401 (fixtures)
from ui.wizard import PAGE_INCIDENT, PAGE_RESULTS, PAGE_WAGES

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parent.parent


def visible_texts(widget: Any) -> set[str]:
    return {w.text() for w in widget.findChildren(QLabel) if w.isVisible() and w.text()}


# ---------------------------------------------------------------------------------------------- languages


def test_language_switch_changes_visible_texts_and_is_remembered(
    qtbot: Any, win: Any, tmp_path: Path
) -> None:
    wiz = win.wizard
    assert win.open_path(sample_copy(tmp_path, "pdb_partial_commuting.json"))
    assert wiz.currentId() == PAGE_RESULTS
    html_en = wiz.results.view.browser.toHtml()
    pdb_title = wiz.result.benefit("PDB").title
    assert pdb_title["en"] in html_en
    wiz.back()
    page_en = visible_texts(wiz)
    next_en = wiz.buttonText(QWizard.WizardButton.NextButton)

    win.lang_actions["ms"].trigger()
    assert win.settings.ui_lang == "ms"
    page_ms = visible_texts(wiz)
    assert page_ms != page_en
    assert wiz.buttonText(QWizard.WizardButton.NextButton) == "Seterus&nya >"
    assert win.file_menu.title() == "&Fail"
    assert next_en != "Seterus&nya >"
    wiz.next()
    html_ms = wiz.results.view.browser.toHtml()
    assert pdb_title["ms"] in html_ms and pdb_title["en"] not in html_ms
    assert wiz.results.view.tabs.tabText(2) == "Pen&jelasan"
    assert wiz.result.disclaimer["ms"][:30] in wiz.results.view.banner.text()

    # the choice is remembered: a new window starts in Malay
    second = make_window(qtbot)
    assert second.wizard.incident.title() == "1 · Kejadian"
    second.dirty = False
    win.lang_actions["en"].trigger()
    assert wiz.results.title() == "4 · Estimate"


def test_every_ui_string_exists_in_both_languages() -> None:
    from estimator.engine.i18n import catalog as merged

    data = json.loads((ROOT / "resources" / "i18n" / "ui.json").read_text(encoding="utf-8"))
    used: set[str] = set()
    for path in (ROOT / "ui").glob("*.py"):
        used |= set(re.findall(r"[\"'](ui\.[a-z0-9_.]+[a-z0-9_])[\"']", path.read_text(encoding="utf-8")))
    missing = sorted(k for k in used if k not in data and not k.endswith(".") and k != "ui.json")
    assert not missing
    for key, entry in data.items():
        if not key.startswith("_"):
            assert entry["en"].strip() and entry["ms"].strip(), key
            assert set(re.findall(r"{(\w+)}", entry["en"])) == set(re.findall(r"{(\w+)}", entry["ms"])), key
    assert all(k in merged() for k in data if not k.startswith("_"))  # merges with the other catalogs


# ---------------------------------------------------------------------------------------------- files


def test_save_then_open_gives_the_same_results(
    qtbot: Any, win: Any, dialogs: DialogLog, tmp_path: Path
) -> None:
    wiz = win.wizard
    assert win.open_path(sample_copy(tmp_path, "death_four_dependants.json"))
    before = wiz.result.model_dump(mode="json")
    wiz.go_to(PAGE_INCIDENT)
    wiz.incident.reference.setText("KES-2025/77")  # an edit: unsaved
    assert win.dirty and "*" in win.windowTitle()
    dialogs.save_name = str(tmp_path / "case.json")
    win.act_save_as.trigger()
    assert not win.dirty and win.path == tmp_path / "case.json"
    saved = json.loads((tmp_path / "case.json").read_text(encoding="utf-8"))
    assert saved["case_reference"] == "KES-2025/77"
    from estimator import parse_case

    assert parse_case(saved).dependants == parse_case(sample("death_four_dependants.json")).dependants

    win.act_new.trigger()
    assert wiz.currentId() == PAGE_INCIDENT and wiz.result is None
    assert win.open_path(tmp_path / "case.json")
    assert wiz.currentId() == PAGE_RESULTS
    assert wiz.result.model_dump(mode="json") == before
    assert str((tmp_path / "case.json").resolve()) in win.settings.recent_files

    # the CLI reads the same file and gets the same figures
    from estimator import estimate, read_case_file

    assert estimate(read_case_file(tmp_path / "case.json")).model_dump(mode="json") == before
    # saving again keeps the previous file as a backup
    wiz.go_to(PAGE_INCIDENT)
    wiz.incident.reference.setText("KES-2025/78")
    win.act_save.trigger()
    assert (tmp_path / "case.json.bak").exists()


def test_opening_a_bad_file_shows_the_problems(
    qtbot: Any, win: Any, dialogs: DialogLog, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    data = sample("tdb_work_accident.json")
    data["monthly_wages"][0]["wage"] = "-100"
    data["dependants"] = [{"relationship": "spouse", "date_of_birth": "2020-01-01"}]
    bad.write_text(json.dumps(data), encoding="utf-8")
    assert not win.open_path(bad)
    kind, text, detail = dialogs.kinds("error")[-1]
    assert "bad.json" in text
    assert "monthly_wages[0].wage" in detail and "Traceback" not in detail
    (tmp_path / "junk.json").write_bytes(b"\xff\xfe not json")
    win.set_language("ms")
    assert not win.open_path(tmp_path / "junk.json")
    from estimator.model.case import CaseError, decode_case_bytes

    with pytest.raises(CaseError) as exc:
        decode_case_bytes(b"\xff\xfe not json")
    assert exc.value.problems[0].message["ms"] in dialogs.kinds("error")[-1][2]
    win.set_language("en")


def test_save_into_a_read_only_folder_keeps_the_case(
    qtbot: Any, win: Any, dialogs: DialogLog, tmp_path: Path
) -> None:
    if os.name == "nt" or (hasattr(os, "geteuid") and os.geteuid() == 0):
        # root can write anywhere, and on Windows chmod(0o500) only marks a folder read-only, which does not
        # stop writing into it: use a missing folder
        target = tmp_path / "no-such-folder" / "case.json"
    else:
        folder = tmp_path / "ro"
        folder.mkdir()
        folder.chmod(0o500)
        target = folder / "case.json"
    assert win.open_path(sample_copy(tmp_path, "tdb_work_accident.json"))
    win.wizard.go_to(PAGE_INCIDENT)
    win.wizard.incident.reference.setText("X1")
    dialogs.save_name = str(target)
    assert not win.save_as()
    kind, text, _detail = dialogs.kinds("error")[-1]
    assert str(target.parent) in text
    assert win.dirty and win.wizard.collect()["case_reference"] == "X1"


def test_an_invalid_case_is_not_saved_and_says_why(
    qtbot: Any, win: Any, dialogs: DialogLog, tmp_path: Path
) -> None:
    dialogs.save_name = str(tmp_path / "x.json")
    win.wizard.incident.event_date.setText("10/06/2025")
    assert not win.save_as()
    assert not (tmp_path / "x.json").exists()
    said = dialogs.kinds("error")[-1][2]
    assert "Date of birth" in said and "date_of_birth" not in said  # the label, never the raw field


def test_unsaved_changes_prompt_on_close(qtbot: Any, win: Any, dialogs: DialogLog, tmp_path: Path) -> None:
    win.wizard.incident.name.setText("Someone")
    dialogs.save_discard = "cancel"
    assert not win.close()
    assert win.isVisible() and dialogs.kinds("save_discard")
    dialogs.save_discard = "discard"
    win.save_draft_now()
    assert win.drafts.path.exists()
    assert win.close()
    assert not win.drafts.path.exists()  # discarded: the draft goes too


# ---------------------------------------------------------------------------------------------- draft, crash


def test_autosaved_draft_is_offered_back(qtbot: Any, win: Any, dialogs: DialogLog) -> None:
    wiz = win.wizard
    wiz.incident.type_combo.setCurrentIndex(1)
    wiz.incident.event_date.setText("15/03/2025")
    wiz.incident.name.setText("Rajesh")
    assert win.dirty
    qtbot.waitUntil(lambda: win.drafts.path.exists(), timeout=5000)  # written a moment after the edits
    draft = json.loads(win.drafts.path.read_text(encoding="utf-8"))
    assert draft["case"]["claimant_name"] == "Rajesh"

    # the next start (after a power cut): offered back, restored on Yes
    dialogs.yes_no = True
    second = make_window(qtbot)
    assert dialogs.kinds("yes_no")
    assert second.wizard.incident.name.text() == "Rajesh"
    assert second.wizard.incident.incident_type == "commuting_accident"
    assert second.wizard.incident.event_date.text() == "15/03/2025"
    assert second.dirty
    second.dirty = False
    second._draft_timer.stop()

    # declined: the draft is deleted
    dialogs.yes_no = False
    third = make_window(qtbot)
    assert not win.drafts.path.exists()
    assert third.wizard.incident.name.text() == ""
    third.dirty = False


def test_draft_is_cleared_when_the_case_is_saved(
    qtbot: Any, win: Any, dialogs: DialogLog, tmp_path: Path
) -> None:
    assert win.open_path(sample_copy(tmp_path, "tdb_work_accident.json"))
    win.wizard.go_to(PAGE_INCIDENT)
    win.wizard.incident.reference.setText("R-1")
    win.save_draft_now()
    assert win.drafts.path.exists()
    dialogs.save_name = str(tmp_path / "saved.json")
    assert win.save_as()
    assert not win.drafts.path.exists()


def test_unexpected_error_shows_the_crash_dialog_and_keeps_the_case(
    qtbot: Any, win: Any, dialogs: DialogLog
) -> None:
    from ui import crash

    win.wizard.incident.name.setText("Nurul Izzah")
    win.wizard.incident.ic.setText("930101-01-1234")

    def boom() -> None:
        raise RuntimeError("failure quoting Nurul Izzah 930101-01-1234")

    QTimer.singleShot(0, boom)  # raised inside the Qt event loop
    qtbot.waitUntil(lambda: bool(dialogs.crashes), timeout=5000)
    message = dialogs.crashes[-1]
    log = crash.log_path()
    assert str(log) in message
    assert "Your case is kept" in message and "Kes anda disimpan" in message  # both languages
    text = log.read_text(encoding="utf-8")
    assert "RuntimeError" in text and "Nurul" not in text and "930101" not in text
    assert win.drafts.path.exists()  # the open case was written to the draft
    assert json.loads(win.drafts.path.read_text(encoding="utf-8"))["case"]["claimant_name"] == "Nurul Izzah"
    assert win.isVisible()


def test_an_error_inside_a_qt_override_is_caught(
    qtbot: Any, win: Any, dialogs: DialogLog, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    wiz = win.wizard
    assert win.open_path(sample_copy(tmp_path, "tdb_work_accident.json"))
    wiz.go_to(PAGE_INCIDENT)

    def broken(*_a: Any, **_k: Any) -> None:
        def f(key: str, **kw: Any) -> None:
            pass

        f("x", key="y")  # the kind of TypeError that crashed PySide6 6.12 in an override

    monkeypatch.setattr(type(wiz.wages), "refresh_context", broken)
    wiz.next()
    assert wiz.currentId() == PAGE_WAGES
    assert dialogs.crashes


def test_a_fault_in_the_core_is_shown_on_the_results_page(
    qtbot: Any, win: Any, dialogs: DialogLog, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def fail(_case: Any) -> None:
        raise ArithmeticError("core bug")

    monkeypatch.setattr(win.core, "estimate", fail)
    assert win.open_path(sample_copy(tmp_path, "tdb_work_accident.json"))
    wiz = win.wizard
    assert wiz.currentId() == PAGE_RESULTS
    assert wiz.result is None
    assert "internal error" in wiz.results.view.banner.text()
    assert not wiz.results.view.pdf_button.isEnabled()


# ---------------------------------------------------------------------------------------------- settings etc.


def test_settings_live_in_the_config_dir_and_round_trip(tmp_path: Path) -> None:
    from ui.settings import Settings, data_dir

    s = Settings(["faedah"])
    assert Path(s.location).parent == Path(os.environ["FAEDAH_CONFIG_DIR"])
    assert data_dir(["faedah"]) == Path(os.environ["FAEDAH_DATA_DIR"])
    s.office_name = "PERKESO Cawangan Ipoh"
    s.office_address = "Jalan Sultan Idris Shah\n30000 Ipoh"
    s.pdf_lang = "both"
    s.unmask_ic = True
    for i in range(12):
        s.add_recent(tmp_path / f"c{i}.json")
    again = Settings(["faedah"])
    assert again.office_name == "PERKESO Cawangan Ipoh"
    assert again.office_address.endswith("30000 Ipoh")
    assert again.pdf_lang == "both" and again.unmask_ic is True
    assert len(again.recent_files) == 8 and again.recent_files[0].endswith("c11.json")
    assert Settings(["faedah"]).ui_lang == "en"


def test_portable_mode_uses_an_ini_beside_the_program(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui import settings as settings_mod

    monkeypatch.delenv("FAEDAH_CONFIG_DIR")
    monkeypatch.delenv("FAEDAH_DATA_DIR")
    monkeypatch.setattr(settings_mod, "app_dir", lambda: tmp_path)
    assert settings_mod.settings_file(["faedah"]) is None
    (tmp_path / "portable.ini").write_text("", encoding="utf-8")
    assert settings_mod.settings_file(["faedah"]) == tmp_path / "portable.ini"
    assert settings_mod.data_dir(["faedah"]) == tmp_path / "data"
    s = settings_mod.Settings(["faedah"])
    assert s.portable
    s.office_name = "Pejabat"
    assert "Pejabat" in (tmp_path / "portable.ini").read_text(encoding="utf-8")


def test_settings_dialog_saves_and_switches_language(qtbot: Any, win: Any) -> None:
    from ui.dialogs import SettingsDialog

    dlg = SettingsDialog(win, win.settings)
    qtbot.addWidget(dlg)
    dlg.office_name.setText("Pejabat PERKESO Shah Alam")
    dlg.pdf_lang.setCurrentIndex(2)
    dlg._accept()
    assert win.settings.office_name == "Pejabat PERKESO Shah Alam"
    assert win.settings.pdf_lang == "both"


def test_printing_gets_the_result_and_the_settings(
    qtbot: Any, win: Any, dialogs: DialogLog, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import importlib

    calls: list[tuple[str, Any, Any, dict[str, Any]]] = []
    try:
        printing = importlib.import_module("ui.printing")
    except ImportError:
        pytest.skip("ui/printing.py is not there yet")
    for name in ("export_pdf", "print_summary", "preview_summary"):
        monkeypatch.setattr(
            printing,
            name,
            lambda parent, result, case, _n=name, **kw: (
                calls.append((_n, result, case, kw)) or tmp_path / "x.pdf"
            ),
        )
    win.settings.office_name = "Pejabat"
    assert win.open_path(sample_copy(tmp_path, "pdb_lump_sum.json"))
    view = win.wizard.results.view
    view.pdf_button.click()
    view.print_button.click()
    view.preview_button.click()
    assert [c[0] for c in calls] == ["export_pdf", "print_summary", "preview_summary"]
    name, result, case, kw = calls[0]
    assert result is win.wizard.result and case is win.wizard.case
    assert kw == {
        "lang": win.settings.pdf_lang,
        "office_name": "Pejabat",
        "office_address": "",
        "unmask_ic": False,
        "large_print": False,
    }


def test_large_print_setting_reaches_the_paper(qtbot: Any, win: Any, tmp_path: Any) -> None:
    """Issue 23 point 1: the app's print settings have a large-print option; the paper it makes has 14 pt
    claimant pages."""
    from ui.dialogs import SettingsDialog
    from ui.printing import _build

    dlg = SettingsDialog(win, win.settings)
    qtbot.addWidget(dlg)
    dlg.large_print.setChecked(True)
    dlg._accept()
    assert win.settings.large_print is True
    from estimator import estimate, parse_case

    case = parse_case(sample("tdb_work_accident.json"))
    result = estimate(case)
    normal = _build(None, result, case, "en", "", "", False, "print_failed")
    large = _build(None, result, case, "en", "", "", False, "print_failed", True)
    assert normal is not None and large is not None and len(large) > len(normal)


def test_about_box_names_the_rule_pack_and_the_disclaimer(qtbot: Any, win: Any) -> None:
    from ui.dialogs import AboutDialog

    dlg = AboutDialog(win, win.core.rules, "0.1.0")
    qtbot.addWidget(dlg)
    text = dlg.browser.toPlainText()
    rules = win.core.rules
    assert rules.version in text and rules.sha256 in text and rules.name in text
    assert "not PERKESO's decision" in text
    assert "perkeso.gov.my" in text  # sources


def test_keyboard_labels_and_accessible_names(qtbot: Any, win: Any) -> None:
    wiz = win.wizard
    for page in wiz.input_pages:
        for edit in page.findChildren(QLineEdit):
            if edit.objectName().startswith("qt_") or not edit.objectName():
                continue
            assert edit.accessibleName(), (page.objectName(), edit.objectName())
        buddies = [lab for lab in page.findChildren(QLabel) if lab.buddy() is not None]
        assert buddies and all("&" in lab.text() or lab.text().endswith(":") for lab in buddies)
    assert "&" in wiz.buttonText(QWizard.WizardButton.NextButton)


def test_main_quits_after_show(tmp_path: Path) -> None:
    """In a process of its own: the event loop's quit must not leave this process's timers stopped (the
    tests after this one rely on them)."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, QUIT_AFTER_SHOW="1", QT_QPA_PLATFORM="offscreen")
    env["FAEDAH_CONFIG_DIR"] = str(tmp_path / "config")
    env["FAEDAH_DATA_DIR"] = str(tmp_path / "data")
    code = "import sys; from ui import app; sys.exit(app.main(['faedah']))"
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, timeout=120, check=False
    )
    assert run.returncode == 0, run.stderr


# the light parts of the core the window may use before it shows (texts, paths)
LIGHT_CORE = (
    "estimator",
    "estimator.engine",
    "estimator.engine.i18n",
    "estimator.engine.paths",
    "estimator.model",  # an empty package
    "estimator.model.date_input",  # the date forms the boxes accept (re and datetime only)
)


def test_startup_does_not_import_the_core() -> None:
    import subprocess

    code = (
        "import sys, os; os.environ['QT_QPA_PLATFORM']='offscreen'; os.environ['QUIT_AFTER_SHOW']='1';"
        "from ui import app; rc = app.main(['faedah']);"
        "print(sorted(m for m in sys.modules if m.startswith(('estimator', 'ui.results', 'ui.printing',"
        f" 'reportlab', 'pydantic')) and m not in {LIGHT_CORE!r}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60, env={**os.environ}
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"
