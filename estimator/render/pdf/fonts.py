"""The bundled DejaVu Sans fonts, registered once with reportlab (never a system font)."""

from __future__ import annotations

import re
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


# ---------------------------------------------------------------------------------------------- other scripts
HAN = "FaedahHan"  # Droid Sans Fallback: Chinese (Han) characters; one weight
TAMIL = "FaedahTamil"
TAMIL_BOLD = "FaedahTamil-Bold"
_FALLBACK_FILES = {
    HAN: "DroidSansFallbackFull.ttf",
    TAMIL: "NotoSansTamil-Regular.ttf",
    TAMIL_BOLD: "NotoSansTamil-Bold.ttf",
}
_fallback_done: set[str] = set()
SHAPED = frozenset({TAMIL, TAMIL_BOLD})  # scripts whose letters combine: drawn through HarfBuzz shaping


_OTHER_SCRIPTS = re.compile(
    "[\u0b80-\u0bff\U00011fc0-\U00011fff\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0002fa1f]"
)


def script_of(char: str) -> str | None:
    """``"tamil"``, ``"han"`` or None (a character the DejaVu faces draw)."""
    code = ord(char)
    if 0x0B80 <= code <= 0x0BFF or 0x11FC0 <= code <= 0x11FFF:
        return "tamil"
    if (
        0x2E80 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFE30 <= code <= 0xFE4F
        or 0xFF00 <= code <= 0xFFEF
        or 0x20000 <= code <= 0x2FA1F
    ):
        return "han"
    return None


def fallback_font(script: str, bold: bool) -> str:
    """The bundled face of ``script`` (registered on first use: most summaries never need it)."""
    name = HAN if script == "han" else (TAMIL_BOLD if bold else TAMIL)
    if name not in _fallback_done:
        with _lock:
            if name not in _fallback_done:
                path = resources_dir() / "fonts" / _FALLBACK_FILES[name]
                pdfmetrics.registerFont(TTFont(name, str(path), shapable=name in SHAPED))
                _fallback_done.add(name)
    return name


def font_runs(text: str, font: str) -> list[tuple[str, str]]:
    """``text`` cut into runs of one face each: Han and Tamil letters in their bundled faces."""
    if text.isascii() or _OTHER_SCRIPTS.search(text) is None:
        return [(text, font)]
    bold = font == BOLD
    runs: list[tuple[str, str]] = []
    for char in text:
        script = script_of(char)
        face = font if script is None or (char.isspace()) else fallback_font(script, bold)
        if runs and (runs[-1][1] == face or (char.isspace() and runs[-1][1] != font)):
            runs[-1] = (runs[-1][0] + char, runs[-1][1])
        else:
            runs.append((char, face))
    return runs


_SHAPED_TEXT: dict[
    str, dict[int, str]
] = {}  # face name -> private code of a shaped glyph -> the letters it draws
_PRIVATE = range(0xE000, 0xF900)


def shaped(run: str, face: str, size: float) -> str:
    """``run`` shaped by HarfBuzz (reportlab's ``shapeStr``); the private codes of its combined glyphs are
    remembered with the letters they stand for, so the PDF's text (copy, search, screen readers) reads them."""
    from reportlab.pdfbase.pdfmetrics import getFont
    from reportlab.pdfbase.ttfonts import shapeStr

    _install_text_map()
    out: str = shapeStr(run, face, size)
    data = getattr(out, "__shapeData__", None) or []
    clusters = [sd.cluster for sd in data]
    face_name = getFont(face).face.name
    key = face_name.decode() if isinstance(face_name, bytes) else str(face_name)
    known = _SHAPED_TEXT.setdefault(key, {})
    for i, char in enumerate(out):
        if ord(char) not in _PRIVATE or i >= len(clusters) or clusters[i] < 0:
            continue
        start = clusters[i]
        if any(c == start for c in clusters[:i]):
            continue  # a second glyph of the same letters: the first one carries them
        later = [c for c in clusters[i + 1 :] if c > start]
        letters = run[start : min(later) if later else len(run)]
        known.setdefault(ord(char), letters)
    return out


_map_installed = False


def _install_text_map() -> None:
    """Make reportlab's ToUnicode maps give the letters of the shaped glyphs (see :func:`shaped`)."""
    global _map_installed
    if _map_installed:
        return
    from reportlab.pdfbase import ttfonts

    plain_map = ttfonts.makeToUnicodeCMap

    def text_map(fontname: str, subset: list[int]) -> str:
        known = _SHAPED_TEXT.get(str(fontname).split("+", 1)[-1])
        cmap: str = plain_map(fontname, subset)
        if not known:
            return cmap
        for i, code in enumerate(subset):
            letters = known.get(code)
            if letters:
                utf16 = "".join(f"{b:02X}" for b in letters.encode("utf-16-be"))
                cmap = cmap.replace(f"<{i:02X}> <{code:04X}>", f"<{i:02X}> <{utf16}>")
        return cmap

    ttfonts.makeToUnicodeCMap = text_map
    _map_installed = True


def drawable(text: str) -> bool:
    """Whether every letter of ``text`` has a glyph in the bundled faces (else it would print as a box)."""
    from reportlab.pdfbase.pdfmetrics import getFont

    register_fonts()
    for run, face in font_runs(text, REGULAR):
        font = getFont(face)
        widths = font.face.charWidths  # code point -> width, for the characters the face maps
        if any(ord(c) not in widths and not c.isspace() for c in run):
            return False
    return True
