"""Plain text written straight as PDF text operators into a reportlab text object.

reportlab's ``textOut`` splits every string into font subsets, escapes it, measures it (to move a cursor the
summary never reads) and formats the size again each time.  The summary draws the same labels, dates and
figures over and over, so a string's subset pieces are remembered per document, face and text; the operators
are the ones reportlab writes (``Tm``, ``Tf``, ``Tj``, ``rg``), without the cursor bookkeeping.  Shaped
(Tamil) runs still go through reportlab.
"""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary, ref

from reportlab.lib.colors import Color
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase.pdfmetrics import getFont

Pieces = tuple[tuple[int, str, str], ...]  # (subset, its PDF font name, the operator showing the text)

_FILL: dict[tuple[float, float, float], str] = {}
_SIZE: dict[float, str] = {}


class _Known:
    """What one PDF document has written so far, per face: the pieces of each text, and the one-byte codes of
    the letters placed in the face's first subset (a text made of those alone is encoded without reportlab's
    letter-by-letter pass)."""

    def __init__(self) -> None:
        self.pieces: dict[tuple[str, str], Pieces] = {}
        self.letters: dict[str, set[str]] = {}
        self.codes: dict[str, dict[int, int]] = {}


_KNOWN: WeakKeyDictionary[Any, _Known] = WeakKeyDictionary()  # per PDF document
# the document last written and its _Known, replaced as one tuple (two documents built at once in two threads
# never read each other's)
_last: tuple[Any, _Known] | None = None


def _known(doc: Any) -> _Known:
    global _last
    last = _last
    if last is not None and last[0]() is doc:
        return last[1]
    known = _KNOWN.get(doc)
    if known is None:
        known = _KNOWN[doc] = _Known()
    _last = (ref(doc), known)
    return known


def _pieces(doc: Any, face: str, text: str) -> Pieces:
    known = _known(doc)
    pieces = known.pieces.get((face, text))
    if pieces is not None:
        return pieces
    font = getFont(face)
    letters = known.letters.get(face)
    if text and letters is not None and letters.issuperset(text):
        codes = known.codes[face]
        pieces = (
            (
                0,
                font.getSubsetInternalName(0, doc),
                f"({escapePDF(text.translate(codes).encode('latin-1'))}) Tj",
            ),
        )
    else:
        pieces = tuple(
            (subset, font.getSubsetInternalName(subset, doc), f"({escapePDF(chunk)}) Tj")
            for subset, chunk in font.splitString(text, doc)
        )
        _learn(known, face, font.state[doc].assignments, text)
    known.pieces[(face, text)] = pieces
    return pieces


def _learn(known: _Known, face: str, assignments: dict[int, int], text: str) -> None:
    """Remember the first-subset codes reportlab gave the letters of ``text`` (a no-break space is drawn as a
    space by reportlab, so it is never taken as known)."""
    letters = known.letters.setdefault(face, set())
    codes = known.codes.setdefault(face, {})
    for letter in set(text) - letters:
        code = assignments.get(ord(letter))
        if code is not None and code < 256 and letter != "\xa0":
            letters.add(letter)
            codes[ord(letter)] = code


def plain_out(obj: Any, text: str, face: str, size: float) -> None:
    """``text`` (in one face, not shaped) at the text cursor of the reportlab text object ``obj``."""
    if obj._fontname != face or obj._fontsize != size:
        obj._fontname, obj._fontsize, obj._curSubset = face, size, -1
    code = obj._code
    for subset, name, show in _pieces(obj._doc, face, text):
        if subset != obj._curSubset:
            points = _SIZE.get(size)
            if points is None:
                points = _SIZE[size] = fp_str(size)
            code.append(f"{name} {points} Tf")
            obj._curSubset = subset
        code.append(show)


def origin(obj: Any, x: float, y: float) -> None:
    """Start a line of text at (x, y) (the text object's ``setTextOrigin`` without its bookkeeping)."""
    obj._code.append(f"1 0 0 1 {fp_str(x, y)} Tm")


def fill(obj: Any, color: Any) -> None:
    """The fill colour of the text that follows (an opaque RGB colour written as reportlab writes it); nothing
    is written when the text object already fills with it."""
    if obj.__dict__.get("_ink_fill") is color:
        return
    obj._ink_fill = color
    if type(color) is not Color or color.alpha not in (None, 1):
        obj.setFillColor(color)
        return
    key = (color.red, color.green, color.blue)
    op = _FILL.get(key)
    if op is None:
        op = _FILL[key] = f"{fp_str(key)} rg"
    obj._code.append(op)
    obj._fillColorObj = color
