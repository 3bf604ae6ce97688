"""The bundled DejaVu Sans fonts, registered once with reportlab (never a system font)."""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from estimator.engine.paths import resources_dir

REGULAR = "FaedahSans"
BOLD = "FaedahSans-Bold"

_lock = threading.Lock()
_done = False


def register_fonts() -> tuple[str, str]:
    """Register DejaVu Sans (regular and bold) under our own names; returns (regular, bold)."""
    global _done
    if _done:
        return REGULAR, BOLD
    with _lock:
        if not _done:
            folder = resources_dir() / "fonts"
            pdfmetrics.registerFont(TTFont(REGULAR, str(folder / "DejaVuSans.ttf")))
            pdfmetrics.registerFont(TTFont(BOLD, str(folder / "DejaVuSans-Bold.ttf")))
            # <b> and <i> in paragraph markup map onto the bundled faces (there is no italic face)
            addMapping(REGULAR, 0, 0, REGULAR)
            addMapping(REGULAR, 1, 0, BOLD)
            addMapping(REGULAR, 0, 1, REGULAR)
            addMapping(REGULAR, 1, 1, BOLD)
            _done = True
    return REGULAR, BOLD
