"""Export, print and preview from the app (ui/printing.py) with mocked dialogs: nothing blocks.

The printers are sent to PDF files (QPrinter.OutputFormat.PdfFormat) at a low resolution, so the pages that
would go to paper can be counted and read back.
"""

from __future__ import annotations

import errno
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypdf
import pytest
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from estimator.render.pdf import pdf_bytes

from .report_helpers import death_case, death_result

pytest.importorskip("pytestqt")
pytest.importorskip("pypdfium2")

from ui import printing  # noqa: E402

ARGS: dict[str, Any] = {
    "lang": "en",
    "office_name": "PERKESO Kuala Lumpur",
    "office_address": "Jalan Ampang",
    "unmask_ic": False,
}


def pages_of(path: Path) -> int:
    return len(pypdf.PdfReader(str(path)).pages)


def to_pdf(printer: QPrinter, path: Path) -> None:
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(72)  # keeps the test fast; the pages are rasterised at this resolution


def fake_print_dialog(
    out: Path, accept: bool = True, page_range: tuple[int, int] | None = None, seen: list[Any] | None = None
) -> type:
    class FakePrintDialog:
        def __init__(self, printer: QPrinter, parent: QWidget | None = None) -> None:
            self.printer = printer
            self.minmax = (0, 0)
            if seen is not None:
                seen.append(self)

        def setWindowTitle(self, title: str) -> None:  # noqa: N802
            self.title = title

        def setMinMax(self, lo: int, hi: int) -> None:  # noqa: N802
            self.minmax = (lo, hi)

        def setOption(self, *args: object) -> None:  # noqa: N802
            pass

        def exec(self) -> QDialog.DialogCode:
            to_pdf(self.printer, out)
            if page_range:
                self.printer.setPrintRange(QPrinter.PrintRange.PageRange)
                self.printer.setFromTo(*page_range)
            return QDialog.DialogCode.Accepted if accept else QDialog.DialogCode.Rejected

    return FakePrintDialog


@pytest.fixture
def parent(qtbot: Any) -> QWidget:
    w = QWidget()
    qtbot.addWidget(w)
    return w


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    seen: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: seen.append((title, text)))
    return seen


@pytest.fixture(scope="module")
def expected_pages() -> int:
    return len(pypdf.PdfReader(io.BytesIO(pdf_bytes(death_result(), death_case(), **_pdf_args()))).pages)


def _pdf_args() -> dict[str, Any]:
    return {"lang": "en", "office_name": ARGS["office_name"], "office_address": ARGS["office_address"]}


# ------------------------------------------------------------------------------------------------ print


def test_print_paints_the_same_pages_as_the_pdf(
    parent: QWidget,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    expected_pages: int,
    warnings: list[tuple[str, str]],
) -> None:
    out = tmp_path / "printed.pdf"
    seen: list[Any] = []
    monkeypatch.setattr(printing, "QPrintDialog", fake_print_dialog(out, seen=seen))
    assert printing.print_summary(parent, death_result(), death_case(), **ARGS) is True
    assert pages_of(out) == expected_pages
    assert seen[0].minmax == (1, expected_pages)
    assert printing._LIVE_PRINTERS == []
    assert warnings == []


def test_print_honours_a_page_range(parent: QWidget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "printed.pdf"
    monkeypatch.setattr(printing, "QPrintDialog", fake_print_dialog(out, page_range=(2, 3)))
    assert printing.print_summary(parent, death_result(), death_case(), **ARGS) is True
    assert pages_of(out) == 2


def test_cancelled_print_prints_nothing(
    parent: QWidget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "printed.pdf"
    monkeypatch.setattr(printing, "QPrintDialog", fake_print_dialog(out, accept=False))
    assert printing.print_summary(parent, death_result(), death_case(), **ARGS) is False
    assert not out.exists()
    assert printing._LIVE_PRINTERS == []


def test_a_printer_that_cannot_start_gives_a_message(
    parent: QWidget, monkeypatch: pytest.MonkeyPatch, warnings: list[tuple[str, str]]
) -> None:
    def broken(pdf: bytes, printer: QPrinter) -> int:
        raise printing.PrintError("the printer could not be opened")

    monkeypatch.setattr(printing, "QPrintDialog", fake_print_dialog(Path("unused.pdf")))
    monkeypatch.setattr(printing, "paint_pdf", broken)
    assert printing.print_summary(parent, death_result(), death_case(), **ARGS) is False
    assert len(warnings) == 1 and "printer could not be opened" in warnings[0][1]


def test_rasterised_page_has_the_a4_shape() -> None:
    data = pdf_bytes(death_result(), death_case())
    image = next(printing.page_images(data, 36, [1]))
    assert abs(image.height() / image.width() - 297 / 210) < 0.01
    assert not image.isNull()


# ------------------------------------------------------------------------------------------------ preview


def test_preview_paints_the_pages(
    parent: QWidget,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    expected_pages: int,
    warnings: list[tuple[str, str]],
) -> None:
    out = tmp_path / "preview.pdf"

    class Signal:
        def __init__(self) -> None:
            self.slots: list[Callable[[QPrinter], None]] = []

        def connect(self, slot: Callable[[QPrinter], None]) -> None:
            self.slots.append(slot)

        def disconnect(self, slot: Callable[[QPrinter], None]) -> None:
            self.slots.remove(slot)

    class FakePreview:
        def __init__(self, printer: QPrinter, parent: QWidget | None = None) -> None:
            self.printer = printer
            self.paintRequested = Signal()

        def setWindowTitle(self, title: str) -> None:  # noqa: N802
            self.title = title

        def resize(self, w: int, h: int) -> None:
            pass

        def exec(self) -> int:
            assert self.printer in printing._LIVE_PRINTERS
            to_pdf(self.printer, out)
            for slot in list(self.paintRequested.slots):
                slot(self.printer)
            return 0

    monkeypatch.setattr(printing, "QPrintPreviewDialog", FakePreview)
    printing.preview_summary(parent, death_result(), death_case(), **ARGS)
    assert pages_of(out) == expected_pages
    assert printing._LIVE_PRINTERS == [] and warnings == []


def test_real_preview_dialog_is_built_and_paints(
    parent: QWidget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, warnings: list[tuple[str, str]]
) -> None:
    """The real QPrintPreviewDialog, with exec() replaced so that it does not block."""
    out = tmp_path / "preview.pdf"

    def run(dialog: Any) -> int:
        target = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        to_pdf(target, out)
        dialog.paintRequested.emit(target)
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", run)
    printing.preview_summary(parent, death_result(), death_case(), **ARGS)
    assert out.exists() and pages_of(out) >= 1
    assert warnings == []


# ------------------------------------------------------------------------------------------------ export


def test_export_writes_the_chosen_file(
    parent: QWidget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, expected_pages: int
) -> None:
    asked: list[tuple[Any, ...]] = []

    def choose(*args: Any, **kwargs: Any) -> tuple[str, str]:
        asked.append(args)
        return str(tmp_path / "claim summary"), "PDF"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    out = printing.export_pdf(parent, death_result(), death_case(), **ARGS)
    assert out == tmp_path / "claim summary.pdf"
    assert pages_of(out) == expected_pages
    assert asked and str(asked[0][2]).endswith(".pdf") and "KL-2025_0042" in str(asked[0][2])


def test_export_cancelled(parent: QWidget, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    assert printing.export_pdf(parent, death_result(), death_case(), **ARGS) is None


def test_export_to_a_folder_without_permission_says_so(
    parent: QWidget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, warnings: list[tuple[str, str]]
) -> None:
    def denied(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "s.pdf"), ""))
    monkeypatch.setattr("estimator.model.fileio.tempfile.mkstemp", denied)
    assert printing.export_pdf(parent, death_result(), death_case(), **ARGS) is None
    assert len(warnings) == 1 and str(tmp_path / "s.pdf") in warnings[0][1]
    assert list(tmp_path.iterdir()) == []


def test_suggested_file_name_is_safe() -> None:
    case = death_case("A & <B> / C:\\D").model_copy(update={"case_reference": ""})
    name = printing.suggested_file_name(case)
    assert name.startswith("Faedah-A_B_C_D-") and name.endswith(".pdf")


# ------------------------------------------------------------------------------------------------ light printing


@pytest.mark.parametrize(("resolution", "gray"), [(300, False), (600, False), (600, True), (1200, True)])
def test_claimant_pages_reach_the_printer_at_most_10_mb_each(resolution: int, gray: bool) -> None:
    data = pdf_bytes(death_result(), death_case())
    dpi, gray = printing.print_plan(resolution, gray)
    for image in printing.page_images(data, dpi, [1, 2], gray=gray):
        assert image.sizeInBytes() <= printing.MAX_PAGE_BYTES
        assert image.format() == (QImage.Format.Format_Grayscale8 if gray else QImage.Format.Format_RGB888)
    assert dpi == (300 if gray else pytest.approx(185, abs=10))
