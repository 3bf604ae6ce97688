"""The claimant's printed summary (PDF, reportlab), built from a :class:`~estimator.model.result.Result` and its case.

``write_pdf`` is what the app's Export/Print and the CLI's ``--pdf`` use; ``pdf_bytes`` returns the same document
in memory (the print path rasterises these bytes, so paper and PDF are the same pages).

Every valid case prints: should a flowable be taller than a page and impossible to split (a reportlab
``LayoutError``), the document is built again with such flowables shrunk to fit the page.  Privacy: with the IC
masked, a case reference that looks like an IC is masked the same way (header, page heads, title); the PDF's
metadata never holds the claimant's name or IC; an exported PDF has no ``.bak``.
"""

from __future__ import annotations

import io
import re
import threading
import zlib
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.pdfbase.pdfdoc import PDFZCompress
from reportlab.platypus import Flowable, Frame, KeepInFrame, PageBreak, Spacer
from reportlab.platypus.doctemplate import ActionFlowable, LayoutError

from estimator.model.case import Case
from estimator.model.fileio import atomic_write_bytes, check_target
from estimator.model.result import Result
from estimator.render.pdf.canvas import FRAME_HEIGHT, PageDecor, a4_document, make_canvas
from estimator.render.pdf.document import ReportOptions, SummaryBuilder, mask_ic
from estimator.render.pdf.fonts import register_fonts
from estimator.render.pdf.text import REPORT_LANGS, Lx, app_version

__all__ = ["REPORT_LANGS", "mask_ic", "pdf_bytes", "reference_for_print", "write_pdf"]

_BUILD_LOCK = threading.Lock()
MAX_ADDRESS_LINES = 6
_IC_LIKE = re.compile(r"(?<![0-9])[0-9]{6}[- ]?[0-9]{2}[- ]?[0-9]{4}(?![0-9])", re.ASCII)


def reference_for_print(reference: str, masked: bool = True) -> str:
    """The case reference as printed (and as an export file name may use it): an IC number inside it
    (``820511-01-2468``, ``820511012468``) is masked like the IC itself unless ``masked`` is False."""
    ref = reference.strip()
    if not masked:
        return ref
    return _IC_LIKE.sub(lambda found: mask_ic(found.group(0)), ref)


def _short_address(address: str) -> str:
    """At most ``MAX_ADDRESS_LINES`` lines: the rest is joined onto the last line (a pasted address of 200
    lines must not make the header taller than a page)."""
    lines = [" ".join(line.split()) for line in address.splitlines()]
    lines = [line for line in lines if line]
    if len(lines) <= MAX_ADDRESS_LINES:
        return "\n".join(lines)
    head, tail = lines[: MAX_ADDRESS_LINES - 1], lines[MAX_ADDRESS_LINES - 1 :]
    return "\n".join([*head, ", ".join(tail)])


class _ShrinkIfStuck(Flowable):  # type: ignore[misc]
    """A flowable that, when it can neither fit nor split on a fresh page, is shrunk to fit the page."""

    def __init__(self, inner: Any, frame_height: float) -> None:
        super().__init__()
        self.inner = inner
        self.frame_height = frame_height
        self.keepWithNext = getattr(inner, "keepWithNext", 0)

    def _pass_context(self) -> None:
        for attribute in ("canv", "_frame"):
            if hasattr(self, attribute):
                setattr(self.inner, attribute, getattr(self, attribute))

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._pass_context()
        width, height = self.inner.wrap(avail_width, avail_height)
        self.width, self.height = width, height
        return width, height

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        self._pass_context()
        parts = self.inner.split(avail_width, avail_height)
        if parts:
            return _shrinkable(parts)
        if avail_height < self.frame_height * 0.97:  # not yet on a fresh page: try the next one
            return []
        return [KeepInFrame(avail_width, avail_height, [self.inner], mode="shrink")]

    def getSpaceBefore(self) -> float:  # noqa: N802 - reportlab's name
        return float(self.inner.getSpaceBefore())  # float-ok: a layout measure in points

    def getSpaceAfter(self) -> float:  # noqa: N802 - reportlab's name
        return float(self.inner.getSpaceAfter())  # float-ok: a layout measure in points

    def draw(self) -> None:
        self.inner.drawOn(self.canv, 0, 0)


class _BodyFrame(Frame):  # type: ignore[misc]
    """The page's frame. ``KeepTogether`` measures its flowables against a deep copy of the frame; a frame
    holds numbers, strings and lists of background tuples, so a copy of its fields (the lists copied) does."""

    def __deepcopy__(self, _memo: dict[int, Any]) -> _BodyFrame:
        twin: _BodyFrame = self.__class__.__new__(self.__class__)
        twin.__dict__.update({k: list(v) if isinstance(v, list) else v for k, v in self.__dict__.items()})
        return twin


def _shrinkable(story: Iterable[Any]) -> list[Any]:
    """Each content flowable wrapped; page and frame breaks, spacers and actions stay as they are (the page
    template acts on their type)."""
    plain = (ActionFlowable, PageBreak, Spacer, _ShrinkIfStuck, KeepInFrame)
    return [f if isinstance(f, plain) else _ShrinkIfStuck(f, FRAME_HEIGHT) for f in story]


def pdf_bytes(
    result: Result,
    case: Case,
    *,
    lang: str = "en",
    office_name: str = "",
    office_address: str = "",
    mask_ic: bool = True,
    generated_on: date | None = None,
    claimant_only: bool = False,
    large_print: bool = False,
) -> bytes:
    """The summary as PDF bytes. ``lang``: "en", "ms" or "both" (Bahasa Malaysia first, English below).

    ``generated_on``: the date prepared (the caller passes today; deadlines are judged against it);
    ``large_print``: the claimant's pages at 14 pt and more (the office's part is unchanged)."""
    register_fonts()
    arguments: dict[str, Any] = {
        "lang": lang,
        "office_name": office_name,
        "office_address": _short_address(office_address),
        "mask_ic": mask_ic,
        "generated_on": generated_on,
        "claimant_only": claimant_only,  # the claimant's part alone, without the office's working
        "large_print": large_print,
    }
    try:
        return _build(result, case, arguments, fallback=False)
    except LayoutError:  # a flowable taller than a page: build again with such flowables shrunk to fit
        return _build(result, case, arguments, fallback=True)


def _build(result: Result, case: Case, arguments: dict[str, Any], fallback: bool) -> bytes:
    masked = bool(arguments["mask_ic"])
    ref = reference_for_print(case.case_reference, masked)
    if ref != case.case_reference.strip():
        case = case.model_copy(update={"case_reference": ref})
    options = ReportOptions(**arguments)
    builder = SummaryBuilder(result, case, options)
    lx: Lx = builder.lx
    name = case.claimant_name.strip()
    who = " · ".join(x for x in (name, ref) if x)
    office_name = str(arguments["office_name"])
    office = " ".join(office_name.split()) or lx.kp("office_default")
    decor = PageDecor(
        lx=lx,
        running_head=f"{lx.kp('doc_title')}: {who or '—'}",
        office=office,
        footer_left=lx.kp("footer_estimate"),
        pdf_date=f"D:{builder.generated_on:%Y%m%d}000000",
        footer_left2=lx.k("footer_rules", app=app_version(), version=result.rules.version)[lx.primary],
    )
    buf = io.BytesIO()
    # metadata travels with the file (indexers, mail previews): the masked reference only, never a name
    doc = a4_document(
        buf,
        lx,
        title=lx.kp("pdf_title", ref=reference_for_print(ref, True)).strip(),
        author=office,
        subject=lx.kp("doc_title"),
        frame_class=_BodyFrame,
    )
    story = builder.story()
    if fallback:
        story = _shrinkable(story)
    with _BUILD_LOCK:
        # Plain Flate streams: the pure-Python ASCII85 pass costs time and makes the file a quarter bigger.  Flate
        # at its fastest level: 40% of the compression time (a tenth of the build) for a file about 6% bigger.
        a85 = rl_config.useA85
        rl_config.useA85 = 0
        PDFZCompress.encode = _fast_flate  # reportlab's one Flate filter object, for this build
        try:
            doc.build(story, canvasmaker=make_canvas(decor))
        finally:
            rl_config.useA85 = a85
            del PDFZCompress.encode
    return buf.getvalue()


def _fast_flate(data: str | bytes) -> bytes:
    """A stream compressed as reportlab's Flate filter does, at zlib's fastest level."""
    return zlib.compress(data.encode("utf8") if isinstance(data, str) else data, 1)


def write_pdf(
    result: Result,
    case: Case,
    path: str | Path,
    *,
    lang: str = "en",
    office_name: str = "",
    office_address: str = "",
    mask_ic: bool = True,
    generated_on: date | None = None,
    protect: Iterable[Path | str] = (),
    claimant_only: bool = False,
    large_print: bool = False,
) -> Path:
    """Write the summary to ``path`` atomically (temporary file + rename, no ``.bak``: an earlier PDF, perhaps
    with the full IC, must not stay beside it); ``protect``: files that must not be overwritten (the case file
    read).  Raises ``fileio.WriteError``, before any work when the target is not safe to write."""
    check_target(Path(path), protect)
    data = pdf_bytes(
        result,
        case,
        lang=lang,
        office_name=office_name,
        office_address=office_address,
        mask_ic=mask_ic,
        generated_on=generated_on,
        claimant_only=claimant_only,
        large_print=large_print,
    )
    return atomic_write_bytes(Path(path), data, backup=False, protect=protect)
