"""The claimant's printed summary (PDF, reportlab), built from a :class:`~estimator.model.result.Result` and its case.

``write_pdf`` is what the app's Export/Print and the CLI's ``--pdf`` use; ``pdf_bytes`` returns the same document
in memory (the print path rasterises these bytes, so paper and PDF are the same pages).
"""

from __future__ import annotations

import io
import threading
from datetime import date
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from estimator.model.case import Case
from estimator.model.fileio import atomic_write_bytes
from estimator.model.result import Result
from estimator.render.pdf.canvas import MARGIN_X, PageDecor, make_canvas
from estimator.render.pdf.document import ReportOptions, SummaryBuilder, mask_ic
from estimator.render.pdf.fonts import register_fonts
from estimator.render.pdf.text import REPORT_LANGS, Lx

__all__ = ["REPORT_LANGS", "mask_ic", "pdf_bytes", "write_pdf"]

TOP = 20 * mm
_BUILD_LOCK = threading.Lock()
BOTTOM = 22 * mm


def pdf_bytes(
    result: Result,
    case: Case,
    *,
    lang: str = "en",
    office_name: str = "",
    office_address: str = "",
    mask_ic: bool = True,
    generated_on: date | None = None,
) -> bytes:
    """The summary as PDF bytes. ``lang``: "en", "ms" or "both" (Bahasa Malaysia first, English below)."""
    register_fonts()
    options = ReportOptions(
        lang=lang,
        office_name=office_name,
        office_address=office_address,
        mask_ic=mask_ic,
        generated_on=generated_on,
    )
    builder = SummaryBuilder(result, case, options)
    lx: Lx = builder.lx
    name = case.claimant_name.strip()
    ref = case.case_reference.strip()
    who = " · ".join(x for x in (name, ref) if x)
    office = " ".join(office_name.split()) or lx.kp("office_default")
    decor = PageDecor(
        lx=lx,
        running_head=f"{lx.kp('doc_title')}: {who or '—'}",
        office=office,
        footer_left=lx.kp("footer_estimate"),
        pdf_date=f"D:{builder.generated_on:%Y%m%d}000000",
        footer_left2=lx.k("footer_rules", version=result.rules.version, sha=result.rules.sha256[:12])[
            lx.primary
        ],
    )
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=TOP,
        bottomMargin=BOTTOM,
        title=lx.kp("pdf_title", ref=ref or name or ""),
        author=office,
        subject=lx.kp("doc_title"),
        creator="Faedah",
        producer="Faedah (reportlab)",
        lang="ms-MY" if lx.primary == "ms" else "en-MY",
        invariant=True,
    )
    frame = Frame(
        MARGIN_X,
        BOTTOM,
        A4[0] - 2 * MARGIN_X,
        A4[1] - TOP - BOTTOM,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    story = builder.story()
    with _BUILD_LOCK:
        # Plain Flate streams: the pure-Python ASCII85 pass costs time and makes the file a quarter bigger.
        a85 = rl_config.useA85
        rl_config.useA85 = 0
        try:
            doc.build(story, canvasmaker=make_canvas(decor))
        finally:
            rl_config.useA85 = a85
    return buf.getvalue()


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
) -> Path:
    """Write the summary to ``path`` atomically (temporary file + rename); raises ``fileio.WriteError``."""
    data = pdf_bytes(
        result,
        case,
        lang=lang,
        office_name=office_name,
        office_address=office_address,
        mask_ic=mask_ic,
        generated_on=generated_on,
    )
    return atomic_write_bytes(Path(path), data, backup=True)
