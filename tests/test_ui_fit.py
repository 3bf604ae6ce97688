"""Every page fits a counter PC's screen (issue 25): 1024x768 less a taskbar (1024x728) at 100%, the same screen at
125% (819x582 logical pixels), and 125% text; Next / Back and the status bar stay on the screen, nothing needs
a horizontal scroll bar (a tall page scrolls inside itself)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QWizard

from tests.ui_helpers import dialogs_fixture, sample, win_fixture  # noqa: F401 (fixtures)
from ui.pages import CasePage

pytestmark = [
    pytest.mark.gui,
    # Under Wine (the Windows suite here) Windows' Segoe UI is replaced by a wider stand-in font, so the sizes are
    # not Windows' own; the fit is measured here with Qt's offscreen fonts and at 125% text, and on screenshots.
    pytest.mark.skipif(os.name == "nt", reason="Wine's stand-in UI font is wider than Windows' Segoe UI"),
]

SCREENS = {  # (logical width, height, text scale)
    "100%": (1024, 728, 1.0),
    "125% display": (819, 582, 1.0),
    "125% text": (1024, 728, 1.25),
}
SAMPLES = (
    "tdb_work_accident.json",
    "pdb_partial_commuting.json",
    "death_four_dependants.json",
    "invalidity_pension.json",
    "sksps_rider_tdb_pdb.json",
)


@pytest.fixture(name="text_scale")
def text_scale_fixture(request: pytest.FixtureRequest) -> Iterator[float]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font = app.font()
    scale = SCREENS[request.param][2]
    if scale != 1.0:
        bigger = app.font()
        bigger.setPointSizeF(font.pointSizeF() * scale)
        app.setFont(bigger)
    yield scale
    app.setFont(font)


def pages_of(win: Any) -> Iterator[tuple[str, int]]:
    wiz = win.wizard
    for name in SAMPLES:
        wiz.load(sample(name))
        for pid in wiz.pageIds():
            wiz.go_to(pid)
            if wiz.currentId() == pid:
                QApplication.processEvents()
                yield name, pid


@pytest.mark.parametrize("language", ["en", "ms"])
@pytest.mark.parametrize("text_scale", list(SCREENS), indirect=True)
def test_every_page_fits(win: Any, text_scale: float, language: str, request: pytest.FixtureRequest) -> None:
    width, height, _scale = SCREENS[request.node.callspec.params["text_scale"]]
    win.set_language(language)
    win.setFont(QApplication.font())
    win.resize(width, height)
    QApplication.processEvents()
    wiz = win.wizard
    misfits: list[str] = []
    for name, pid in pages_of(win):
        where = f"{name} page {pid}"
        hint = win.minimumSizeHint()
        if hint.width() > width or hint.height() > height:
            misfits.append(f"{where}: the window needs {hint.width()}x{hint.height()}")
        page = wiz.currentPage()
        if isinstance(page, CasePage):
            need = page.scroller.widget().minimumSizeHint().width()
            have = page.scroller.viewport().width()
            if need > have:
                misfits.append(f"{where}: {need} px wide in {have} px")
        for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.BackButton):
            button = wiz.button(which)
            corner = button.mapTo(win, button.rect().bottomRight())
            if button.isVisible() and (corner.x() > win.width() or corner.y() > win.height()):
                misfits.append(f"{where}: {button.text()} off the window")
        bar = win.statusBar()
        if bar.mapTo(win, bar.rect().bottomLeft()).y() > win.height():
            misfits.append(f"{where}: the status bar is off the window")
    assert not misfits, "\n".join(misfits)


def test_default_window_fits_a_768_screen_with_a_taskbar(qtbot: Any, dialogs: Any) -> None:
    from ui.app import create_window

    win = create_window(["faedah"])
    qtbot.addWidget(win)
    frame = 32  # a title bar
    available = win.screen().availableGeometry()
    assert win.height() + frame <= max(728, min(available.height(), 728))
    assert win.width() <= 1024
