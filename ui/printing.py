"""Export, print and preview the claimant's summary: the same PDF pages on screen, on paper and on disk.

The PDF is built by :mod:`estimator.render.pdf` (the same module the CLI uses).  Printing and the preview do not
lay the summary out again: the PDF's pages are rasterised with pypdfium2 (QtPdf is not part of
PySide6-Essentials) and painted on the ``QPrinter`` one page per sheet, scaled to fit the paper.

Dialogs are looked up as module globals at call time (``QFileDialog``, ``QPrintDialog``,
``QPrintPreviewDialog``, ``QMessageBox``) so tests can replace them; every ``QPrinter`` handed to a dialog is
kept referenced in ``_LIVE_PRINTERS`` until the dialog has closed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from PySide6.QtCore import QRectF, QStandardPaths
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from estimator.engine.i18n import pick, tr
from estimator.model.case import Case
from estimator.model.fileio import WriteError
from estimator.model.result import Result
from estimator.render.pdf import pdf_bytes, write_pdf

log = logging.getLogger(__name__)

MAX_PRINT_DPI = 300  # pages are rasterised at the printer's resolution, at most this
MAX_PAGE_BYTES = 10_000_000  # the page data sent to the printer for one page, at most
A4_INCHES = (210 / 25.4, 297 / 25.4)
_LIVE_PRINTERS: list[QPrinter] = []  # printers currently handed to a dialog (kept alive while it is open)


class PrintError(Exception):
    """The pages could not be painted on the printer."""


# ------------------------------------------------------------------------------------------------ texts


def _ui_lang(fallback: str = "en") -> str:
    try:
        from .text import lang

        return lang()
    except ImportError:  # pragma: no cover - ui.text is part of the app
        return fallback if fallback in ("en", "ms") else "en"


def _msg(key: str, **args: object) -> str:
    return pick(tr(f"report.qt.{key}", **args), _ui_lang())


def _error(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


# ------------------------------------------------------------------------------------------------ export


def suggested_file_name(case: Case, today: date | None = None) -> str:
    """``Faedah-<reference or name>-<date>.pdf`` with only letters, digits, ``-`` and ``_``."""
    who = case.case_reference.strip() or case.claimant_name.strip() or "summary"
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in who)
    safe = "_".join(part for part in safe.split("_") if part)[:60] or "summary"
    return f"Faedah-{safe}-{(today or date.today()).isoformat()}.pdf"


def _default_folder() -> Path:
    loc = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(loc) if loc else Path.home()


def export_pdf(
    parent: QWidget | None,
    result: Result,
    case: Case,
    *,
    lang: str = "en",
    office_name: str = "",
    office_address: str = "",
    unmask_ic: bool = False,
    large_print: bool = False,
) -> Path | None:
    """Ask where to save, then write the summary there (atomically). None when cancelled or it failed."""
    start = _default_folder() / suggested_file_name(case)
    chosen, _ = QFileDialog.getSaveFileName(parent, _msg("export_title"), str(start), _msg("pdf_filter"))
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    try:
        return write_pdf(
            result,
            case,
            path,
            lang=lang,
            office_name=office_name,
            office_address=office_address,
            mask_ic=not unmask_ic,
            large_print=large_print,
        )
    except WriteError as exc:
        _error(parent, _msg("export_failed"), pick(exc.message, _ui_lang()))
    except Exception as exc:  # a layout failure must not crash the counter PC: say so and keep the case
        log.exception("PDF export failed")
        _error(parent, _msg("export_failed"), _msg("render_failed", reason=str(exc) or type(exc).__name__))
    return None


# ------------------------------------------------------------------------------------------------ painting


def page_bytes(dpi: float, gray: bool) -> int:
    """The bytes of one A4 page's bitmap at ``dpi`` (8-bit gray: one a pixel; colour: three)."""
    width, height = (int(side * dpi) for side in A4_INCHES)
    return width * height * (1 if gray else 3)


def print_plan(resolution: int, gray: bool) -> tuple[float, bool]:
    """(dpi, gray) for a printer: its resolution up to 300 dpi, lowered until a page is at most 10 MB.

    A grey printer gets 8-bit grey (300 dpi: 8.7 MB a page); a colour one gets RGB at about 175 dpi.
    """
    dpi = float(min(max(resolution, 72), MAX_PRINT_DPI))
    while dpi > 72 and page_bytes(dpi, gray) > MAX_PAGE_BYTES:
        dpi -= 5
    return dpi, gray


def page_images(
    pdf: bytes, dpi: float, pages: list[int] | None = None, gray: bool = False
) -> Iterator[QImage]:
    """The PDF's pages (1-based numbers, all by default) as images at ``dpi`` (RGB, or 8-bit grey)."""
    import pypdfium2 as pdfium  # imported here: only printing and the preview need it

    doc = pdfium.PdfDocument(pdf)
    try:
        numbers = pages if pages is not None else list(range(1, len(doc) + 1))
        for number in numbers:
            page = doc[number - 1]
            try:
                bitmap = page.render(scale=dpi / 72.0, rev_byteorder=True, grayscale=gray)
                fmt = {
                    1: QImage.Format.Format_Grayscale8,
                    3: QImage.Format.Format_RGB888,
                    4: QImage.Format.Format_RGBX8888,
                }[bitmap.n_channels]
                image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, fmt).copy()
                bitmap.close()
            finally:
                page.close()
            yield image
    finally:
        doc.close()


def page_count(pdf: bytes) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        return len(doc)
    finally:
        doc.close()


def _pages_to_print(printer: QPrinter, total: int) -> list[int]:
    first, last = 1, total
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(1, printer.fromPage())
        last = min(total, printer.toPage() or total)
    pages = list(range(first, last + 1))
    if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
        pages.reverse()
    return pages


def paint_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Paint the PDF's pages on ``printer``, one page per sheet, scaled to fit; returns the pages painted."""
    pages = _pages_to_print(printer, page_count(pdf))
    if not pages:
        return 0
    gray = printer.colorMode() == QPrinter.ColorMode.GrayScale
    dpi, gray = print_plan(printer.resolution(), gray)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError("the printer could not be opened")
    try:
        for i, image in enumerate(page_images(pdf, dpi, pages, gray=gray)):
            if i and not printer.newPage():
                raise PrintError("the printer refused a new page")
            area = QRectF(painter.viewport())
            scale = min(area.width() / image.width(), area.height() / image.height())
            w, h = image.width() * scale, image.height() * scale
            target = QRectF(area.x() + (area.width() - w) / 2, area.y() + (area.height() - h) / 2, w, h)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
            painter.drawImage(target, image)
    finally:
        painter.end()
    return len(pages)


def new_printer() -> QPrinter:
    """A printer set up for the summary: A4 portrait, the whole sheet (the PDF has its own margins)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    printer.setDocName("Faedah")
    return printer


def _build(
    parent: QWidget | None,
    result: Result,
    case: Case,
    lang: str,
    office_name: str,
    office_address: str,
    unmask_ic: bool,
    title_key: str,
    large_print: bool = False,
) -> bytes | None:
    try:
        return pdf_bytes(
            result,
            case,
            lang=lang,
            office_name=office_name,
            office_address=office_address,
            mask_ic=not unmask_ic,
            large_print=large_print,
        )
    except Exception as exc:
        log.exception("summary could not be built")
        _error(parent, _msg(title_key), _msg("render_failed", reason=str(exc) or type(exc).__name__))
        return None


# ------------------------------------------------------------------------------------------------ dialogs


def print_summary(
    parent: QWidget | None,
    result: Result,
    case: Case,
    *,
    lang: str = "en",
    office_name: str = "",
    office_address: str = "",
    unmask_ic: bool = False,
    large_print: bool = False,
) -> bool:
    """The system print dialog, then the PDF's pages on the chosen printer. True when printed."""
    pdf = _build(
        parent, result, case, lang, office_name, office_address, unmask_ic, "print_failed", large_print
    )
    if pdf is None:
        return False
    printer = new_printer()
    _LIVE_PRINTERS.append(printer)
    try:
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(_msg("print_title"))
        dialog.setMinMax(1, page_count(pdf))
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        try:
            paint_pdf(pdf, printer)
        except Exception as exc:
            log.exception("printing failed")
            _error(parent, _msg("print_failed"), _msg("render_failed", reason=str(exc) or type(exc).__name__))
            return False
        return True
    finally:
        _LIVE_PRINTERS.remove(printer)


def preview_summary(
    parent: QWidget | None,
    result: Result,
    case: Case,
    *,
    lang: str = "en",
    office_name: str = "",
    office_address: str = "",
    unmask_ic: bool = False,
    large_print: bool = False,
) -> None:
    """Qt's print preview of the same pages (the dialog can print them too)."""
    pdf = _build(
        parent, result, case, lang, office_name, office_address, unmask_ic, "print_failed", large_print
    )
    if pdf is None:
        return
    printer = new_printer()
    _LIVE_PRINTERS.append(printer)
    failures: list[str] = []

    def paint(target: QPrinter) -> None:
        try:
            paint_pdf(pdf, target)
        except Exception as exc:  # a slot must not raise into Qt
            log.exception("preview painting failed")
            failures.append(str(exc) or type(exc).__name__)

    try:
        dialog = QPrintPreviewDialog(printer, parent)
        dialog.setWindowTitle(_msg("preview_title"))
        dialog.paintRequested.connect(paint)
        dialog.resize(900, 1000)
        dialog.exec()
        dialog.paintRequested.disconnect(paint)
    finally:
        _LIVE_PRINTERS.remove(printer)
    if failures:
        _error(parent, _msg("print_failed"), _msg("render_failed", reason=failures[0]))
