"""The results page's view: renders the presentation of the core's Result (never recomputes a figure).

Three tabs: the benefits with every figure (commutation options side by side, dependants' split, warnings,
reasons a benefit is not payable, provisional marks and footnotes, the disclaimer), a timeline chart of each
payee's monthly amount, and the explanation of every figure as an expandable tree (formula, the numbers put in,
the rules used with their source, date and confidence).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from estimator.present import ResultView, present_result

from ..text import Binder, pick, t
from ..timeline import PALETTE, Segment, Series, TimelineChart
from .answers import CheckAnswers, jump_to
from .explanation import fill_tree, show_step_detail
from .html import PROV_STYLE, benefits_html, esc, no_result_html

__all__ = ["ResultsView"]


ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def rm(value: Decimal) -> str:
    return f"RM{value:,.2f}"


def day(value: date) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


class ResultsView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("results_view")
        self.b = Binder()
        self.result: Any = None
        self.view: ResultView | None = None
        self.case: Any = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)

        self.check = CheckAnswers(self._jump)
        lay.addWidget(self.check)
        self.banner = QLabel(objectName="results_banner")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(self.banner)

        self.tabs = QTabWidget(objectName="results_tabs")
        self.browser = QTextBrowser(objectName="results_text")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._anchor)
        self.chart = TimelineChart()
        self.tree = QTreeWidget(objectName="explanation_tree")
        self.tree.setColumnCount(2)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setStretchLastSection(True)
        self.tabs.addTab(self.browser, "")
        self.tabs.addTab(self.chart, "")
        self.detail = QTextBrowser(objectName="explanation_detail")
        self.detail.setOpenLinks(False)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(self.tree)
        self.split.addWidget(self.detail)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        self.tree.currentItemChanged.connect(self._show_detail)
        self.tabs.addTab(self.split, "")
        lay.addWidget(self.tabs, 1)

        buttons = QHBoxLayout()
        self.pdf_button = QPushButton(objectName="export_pdf")
        self.print_button = QPushButton(objectName="print")
        self.preview_button = QPushButton(objectName="print_preview")
        self.save_button = QPushButton(objectName="save_case")
        self.compare_button = QPushButton(objectName="compare_scenarios")
        for w, key in (
            (self.pdf_button, "ui.action.export_pdf"),
            (self.print_button, "ui.action.print"),
            (self.preview_button, "ui.action.print_preview"),
            (self.save_button, "ui.action.save"),
            (self.compare_button, "ui.results.compare"),
        ):
            self.b.text(w.setText, key)
            buttons.addWidget(w)
        buttons.addStretch(1)
        lay.addLayout(buttons)
        self.pdf_button.clicked.connect(lambda: self._host_call("export_pdf"))
        self.print_button.clicked.connect(lambda: self._host_call("print_summary"))
        self.preview_button.clicked.connect(lambda: self._host_call("preview_summary"))
        self.save_button.clicked.connect(lambda: self._host_call("save"))
        self.compare_button.clicked.connect(lambda: self._host_call("compare"))
        self.b.add(self._tab_texts)

    def _tab_texts(self) -> None:
        self.tabs.setTabText(0, t("ui.results.tab_benefits"))
        self.tabs.setTabText(1, t("ui.results.tab_timeline"))
        self.tabs.setTabText(2, t("ui.results.tab_explanation"))
        self.tree.setHeaderLabels([t("ui.results.col_item"), t("ui.results.col_detail")])
        self.browser.setAccessibleName(t("ui.results.tab_benefits").replace("&", ""))
        self.tree.setAccessibleName(t("ui.results.tab_explanation").replace("&", ""))
        self.detail.setAccessibleName(t("ui.results.col_detail"))

    def _host_call(self, name: str) -> None:
        wiz = self.parent().wizard() if self.parent() is not None else None  # type: ignore[attr-defined]
        host = getattr(wiz, "host", None)
        fn = getattr(host, name, None)
        if fn is not None:
            fn()

    def _jump(self, name: str) -> None:
        wiz = self.parent().wizard() if self.parent() is not None else None  # type: ignore[attr-defined]
        if wiz is not None:
            jump_to(wiz, name)

    def _anchor(self, url: QUrl) -> None:
        target = url.toString()
        if target.startswith("step:"):
            self.show_step(target[5:])

    def show_step(self, step_id: str) -> None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, Qt.ItemDataRole.UserRole) == step_id:
                self.tabs.setCurrentWidget(self.split)
                item.setExpanded(True)
                self.tree.setCurrentItem(item)
                self.tree.scrollToItem(item)
                self.tree.setFocus()
                return

    # ------------------------------------------------------------------------------------------- render
    def render(self, result: Any, error: dict[str, str] | None, case: Any) -> None:
        self.b.apply()
        self.result, self.case = result, case
        self.check.render(case)
        has = result is not None
        for w in (self.pdf_button, self.print_button, self.preview_button):
            w.setEnabled(has)
        self.view = (
            present_result(result, prepared_on=date.today()) if has else None
        )  # deadlines judged today
        if self.view is None:
            self.banner.setText(no_result_html(pick(error)))
            self.browser.setHtml("")
            self.tree.clear()
            self.chart.set_data([], t("ui.results.timeline_title"), t("ui.results.timeline_empty"), "")
            return
        banner = ""
        if result.provisional:
            banner = f'<p style="{PROV_STYLE}">⚠ {esc(t("ui.results.provisional_banner"))}</p>'
        banner += f"<p><i>{esc(pick(result.disclaimer))}</i></p>"
        self.banner.setText(banner)
        pos = self.browser.verticalScrollBar().value()
        self.browser.setHtml(ISO_DATE.sub(r"\3/\2/\1", benefits_html(self.view)))  # DD/MM/YYYY everywhere
        self.browser.verticalScrollBar().setValue(pos)
        fill_tree(self.tree, self.view.steps)
        self._show_detail(self.tree.currentItem())
        self._fill_chart(self.view)

    # -- explanation
    def _show_detail(self, item: QTreeWidgetItem | None, _prev: QTreeWidgetItem | None = None) -> None:
        while item is not None and item.parent() is not None:
            item = item.parent()
        if item is None or self.view is None:
            show_step_detail(self.detail, None)
            return
        step_id = item.data(0, Qt.ItemDataRole.UserRole)
        show_step_detail(self.detail, next((s for s in self.view.steps if s.id == step_id), None))

    # -- timeline
    def _fill_chart(self, view: ResultView) -> None:
        series: list[Series] = []
        desc: list[str] = []
        lines = [s for b in view.benefits for s in b.series if not s.total]
        for k, line in enumerate(lines):
            segments = [Segment(seg.start, seg.end, seg.amount) for seg in line.segments]
            series.append(Series(pick(line.label), PALETTE[k % len(PALETTE)], self._merge(segments)))
            desc.append(
                pick(line.label)
                + ": "
                + "; ".join(f"{day(s.start)}–{day(s.end) if s.end else '…'} {rm(s.amount)}" for s in segments)
            )
        self.chart.axis_label = t("ui.results.timeline_axis")
        self.chart.set_data(
            series, t("ui.results.timeline_title"), t("ui.results.timeline_empty"), "\n".join(desc)
        )
        self.tabs.setTabEnabled(1, bool(series))

    @staticmethod
    def _merge(segs: list[Segment]) -> list[Segment]:
        out: list[Segment] = []
        for s in segs:
            if (
                out
                and out[-1].amount == s.amount
                and out[-1].end is not None
                and (s.start - out[-1].end).days <= 1
            ):
                out[-1] = Segment(out[-1].start, s.end, s.amount)
            else:
                out.append(s)
        return out
