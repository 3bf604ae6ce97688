"""The results page's view: renders the core's Result (never recomputes a figure).

Three tabs: the benefits with every figure (commutation options side by side, dependants' split, warnings,
reasons a benefit is not payable, provisional marks and footnotes, the disclaimer), a timeline chart of each
payee's monthly amount, and the explanation of every figure as an expandable tree (formula, the numbers put in,
the rules used with their source, date and confidence).
"""

from __future__ import annotations

import html
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

from .text import Binder, lang, pick, t
from .timeline import PALETTE, Segment, Series, TimelineChart

PROV_STYLE = "color:#a04000;font-weight:bold"


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def rm(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return f"RM{value:,.2f}"


def num(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return f"{value.normalize():f}" if value == value.to_integral_value() else f"{value:f}"


def prov_mark(flag: bool) -> str:
    return f' <span style="{PROV_STYLE}">[{esc(t("ui.results.provisional"))}]</span>' if flag else ""


def rel_name(relationship: str) -> str:
    key = f"ui.rel.{relationship}"
    text = t(key)
    return relationship if text == key else text


class ResultsView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("results_view")
        self.b = Binder()
        self.result: Any = None
        self.case: Any = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)

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
        for w, key in (
            (self.pdf_button, "ui.action.export_pdf"),
            (self.print_button, "ui.action.print"),
            (self.preview_button, "ui.action.print_preview"),
            (self.save_button, "ui.action.save"),
        ):
            self.b.text(w.setText, key)
            buttons.addWidget(w)
        buttons.addStretch(1)
        lay.addLayout(buttons)
        self.pdf_button.clicked.connect(lambda: self._host_call("export_pdf"))
        self.print_button.clicked.connect(lambda: self._host_call("print_summary"))
        self.preview_button.clicked.connect(lambda: self._host_call("preview_summary"))
        self.save_button.clicked.connect(lambda: self._host_call("save"))
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
        has = result is not None
        for w in (self.pdf_button, self.print_button, self.preview_button):
            w.setEnabled(has)
        if not has:
            self.banner.setText(f'<p style="{PROV_STYLE}">{esc(pick(error) or t("ui.results.none"))}</p>')
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
        self.browser.setHtml(self.benefits_html(result))
        self.browser.verticalScrollBar().setValue(pos)
        self._fill_tree(result)
        self._fill_chart(result)

    # -- benefits
    def benefits_html(self, r: Any) -> str:
        parts: list[str] = []
        head = [t("ui.results.age", age=r.age_at_event)]
        if r.average_assumed_monthly_wage is not None:
            head.append(
                t(
                    "ui.results.avg_wage",
                    monthly=rm(r.average_assumed_monthly_wage),
                    daily=rm(r.average_assumed_daily_wage),
                )
            )
        parts.append("<p>" + " · ".join(esc(h) for h in head) + "</p>")

        if r.not_payable:
            parts.append(f"<h3>{esc(t('ui.results.not_payable'))}</h3><ul>")
            parts += [f"<li>{esc(pick(n.reason))}</li>" for n in r.not_payable]
            parts.append("</ul>")
        if not r.benefits:
            parts.append(f"<p>{esc(t('ui.results.no_benefits'))}</p>")
        money = [
            b
            for b in r.benefits
            if b.code not in ("MEDICAL", "REHABILITATION", "EDUCATION", "RETURN_TO_WORK")
        ]
        info = [b for b in r.benefits if b not in money]
        for b in money:
            parts.append(self._benefit_html(r, b))
        if r.warnings:
            parts.append(f"<h3>{esc(t('ui.results.warnings'))}</h3><ul>")
            for w in r.warnings:
                mark = "⚠ " if w.severity == "warning" else "ℹ "
                parts.append(f"<li>{mark}{esc(pick(w.message))}</li>")
            parts.append("</ul>")
        if info:
            parts.append(f"<h3>{esc(t('ui.results.other_benefits'))}</h3>")
            for b in info:
                parts.append(f"<p><b>{esc(pick(b.title))}</b>{prov_mark(b.provisional)}</p><ul>")
                parts += [f"<li>{esc(pick(c))}</li>" for c in b.conditions]
                parts.append("</ul>")
        if r.provisional_notes:
            parts.append(f"<h3>{esc(t('ui.results.provisional_notes'))}</h3><ol>")
            parts += [f"<li>{esc(pick(n))}</li>" for n in r.provisional_notes]
            parts.append("</ol>")
        parts.append(
            f"<hr><p><small>{esc(t('ui.results.rules', name=r.rules.name, version=r.rules.version))}"
            f"</small></p>"
        )
        return "\n".join(parts)

    def _rows(self, rows: list[tuple[str, str]]) -> str:
        cells = "".join(f"<tr><td>{esc(k)}</td><td align='right'><b>{v}</b></td></tr>" for k, v in rows)
        return f"<table cellspacing='0' cellpadding='3'>{cells}</table>"

    def _explain_links(self, b: Any) -> str:
        if not b.step_ids:
            return ""
        links = ", ".join(f"<a href='step:{esc(s)}'>{esc(self._step_title(s))}</a>" for s in b.step_ids)
        return f"<p><small>{esc(t('ui.results.how'))} {links}</small></p>"

    def _step_title(self, step_id: str) -> str:
        try:
            return pick(self.result.step(step_id).title)
        except KeyError:
            return step_id

    def _benefit_html(self, r: Any, b: Any) -> str:
        out = [f"<h3>{esc(pick(b.title))}{prov_mark(b.provisional)}</h3>"]
        code = b.code
        if code == "TDB":
            out.append(
                self._rows(
                    [
                        (t("ui.r.daily_rate"), esc(rm(b.daily_rate))),
                        (t("ui.r.days"), esc(b.days)),
                        (t("ui.r.period"), esc(f"{b.first_day.isoformat()} – {b.last_day.isoformat()}")),
                        (t("ui.r.total"), esc(rm(b.total))),
                    ]
                )
            )
        elif code == "PDB":
            rows = [
                (
                    t("ui.r.lec"),
                    esc(f"{num(b.loss_of_earning_capacity_percent)}%")
                    + (f" ({esc(t('ui.r.total_disablement'))})" if b.total_disablement else ""),
                ),
                (t("ui.r.ptd_daily_rate"), esc(rm(b.ptd_daily_rate))),
                (t("ui.r.daily_rate"), esc(rm(b.daily_rate))),
                (t("ui.r.monthly"), esc(rm(b.monthly_amount))),
                (t("ui.r.monthly_range"), esc(f"{rm(b.monthly_amount_28)} – {rm(b.monthly_amount_31)}")),
            ]
            out.append(self._rows(rows))
            for opt in b.options:
                out.append(self._option_html(opt))
        elif code == "CAA":
            out.append(self._rows([(t("ui.r.monthly"), esc(rm(b.monthly_amount)))]))
        elif code in ("DEPENDANTS", "SURVIVORS_PENSION"):
            rows = []
            if code == "SURVIVORS_PENSION":
                rows += [
                    (t("ui.r.rate_percent"), esc(f"{num(b.rate_percent)}%")),
                    (t("ui.r.amw"), esc(rm(b.average_monthly_wage))),
                    (t("ui.r.qualifying"), esc(t(f"ui.r.qualifying_{b.qualifying}"))),
                ]
            else:
                rows.append((t("ui.r.daily_rate"), esc(rm(b.daily_rate))))
            rows.append((t("ui.r.monthly_total"), esc(rm(b.monthly_amount))))
            out.append(self._rows(rows))
            out.append(self._payees_html(b))
            out.append(self._schedule_html(b))
        elif code == "FUNERAL":
            out.append(
                self._rows(
                    [
                        (t("ui.r.expenses"), esc(rm(b.expenses))),
                        (t("ui.r.cap"), esc(rm(b.cap))),
                        (t("ui.r.total"), esc(rm(b.total))),
                    ]
                )
            )
        elif code == "INVALIDITY_PENSION":
            out.append(
                self._rows(
                    [
                        (t("ui.r.amw"), esc(rm(b.average_monthly_wage))),
                        (t("ui.r.contributions"), esc(b.contributions)),
                        (t("ui.r.qualifying"), esc(t(f"ui.r.qualifying_{b.qualifying}"))),
                        (t("ui.r.rate_percent"), esc(f"{num(b.rate_percent)}%")),
                        (t("ui.r.monthly"), esc(rm(b.monthly_amount))),
                        (t("ui.r.daily_part_month"), esc(rm(b.daily_rate))),
                    ]
                )
            )
        elif code == "INVALIDITY_GRANT":
            out.append(
                self._rows(
                    [
                        (t("ui.r.contributions_paid"), esc(rm(b.contributions_paid))),
                        (t("ui.r.interest"), esc(rm(b.interest))),
                        (t("ui.r.total"), esc(rm(b.total))),
                    ]
                )
            )
        for note in b.notes:
            out.append(f"<p><small>{esc(pick(note))}</small></p>")
        out.append(self._explain_links(b))
        return "\n".join(out)

    def _option_html(self, o: Any) -> str:
        """One commutation option beside the monthly payment it replaces."""
        title = t(f"ui.r.option_{o.kind}")
        keep, take = t("ui.r.keep_monthly"), t(f"ui.r.take_{o.kind}")
        mark = prov_mark(o.provisional)
        rows = [
            (t("ui.r.lump_sum_now"), "—", rm(o.lump_sum) + ("*" if o.provisional else "")),
            (t("ui.r.monthly_after"), rm(o.alternative_monthly_amount), rm(o.monthly_amount)),
            (t("ui.r.commuted_daily"), "—", rm(o.commuted_daily_rate)),
            (
                t("ui.r.remaining_daily"),
                rm(o.commuted_daily_rate + o.remaining_daily_rate),
                rm(o.remaining_daily_rate),
            ),
            (t("ui.r.factor", age=o.age), "—", num(o.factor) + ("*" if o.provisional else "")),
            (
                t("ui.r.break_even"),
                "—",
                (
                    t("ui.r.age_years", age=num(o.break_even_age))
                    if o.break_even_age is not None
                    else t("ui.r.never")
                ),
            ),
        ]
        body = "".join(
            f"<tr><td>{esc(a)}</td><td align='right'>{esc(b)}</td><td align='right'><b>{esc(c)}</b></td></tr>"
            for a, b, c in rows
        )
        return (
            f"<h4>{esc(title)}{mark}</h4>"
            f"<table border='1' cellspacing='0' cellpadding='4' style='border-collapse:collapse'>"
            f"<tr><th></th><th>{esc(keep)}</th><th>{esc(take)}</th></tr>{body}</table>"
            f"<p><small><b>{esc(t('ui.r.method'))}</b> {esc(pick(o.method))}"
            f" <a href='step:{esc(o.step_id)}'>{esc(t('ui.results.see_working'))}</a></small></p>"
        )

    def _payee_label(self, b: Any, index: int) -> str:
        for p in b.payees:
            if p.index == index:
                return p.name or f"{rel_name(p.relationship)} {index + 1}"
        return str(index + 1)

    def _payees_html(self, b: Any) -> str:
        if not b.payees:
            return f"<p>{esc(t('ui.r.no_payees'))}</p>"
        head = [
            t("ui.r.col_payee"),
            t("ui.r.col_relationship"),
            t("ui.r.col_share"),
            t("ui.r.col_daily"),
            t("ui.r.col_monthly"),
            t("ui.r.col_from"),
            t("ui.r.col_until"),
        ]
        rows = []
        for p in b.payees:
            until = p.ends_on.isoformat() if p.ends_on else t("ui.r.open_ended")
            rows.append(
                [
                    p.name or "—",
                    rel_name(p.relationship),
                    f"{p.share} ({num(p.share_percent)}%)",
                    rm(p.daily_rate),
                    rm(p.monthly_amount),
                    p.starts_on.isoformat(),
                    f"{until} — {pick(p.end_reason)}",
                ]
            )
        return f"<h4>{esc(t('ui.r.split'))}</h4>" + self._table(head, rows)

    def _schedule_html(self, b: Any) -> str:
        if len(b.schedule) < 1:
            return ""
        head = [
            t("ui.r.col_period"),
            t("ui.r.col_monthly_total"),
            t("ui.r.col_paid_to"),
            t("ui.r.col_reason"),
        ]
        rows = []
        for s in b.schedule:
            end = s.end.isoformat() if s.end else t("ui.r.open_ended")
            paid = "; ".join(f"{self._payee_label(b, pp.index)} {rm(pp.monthly_amount)}" for pp in s.payees)
            rows.append([f"{s.start.isoformat()} – {end}", rm(s.monthly_total), paid, pick(s.reason)])
        return f"<h4>{esc(t('ui.r.schedule'))}</h4>" + self._table(head, rows)

    @staticmethod
    def _table(head: list[str], rows: list[list[str]]) -> str:
        h = "".join(f"<th align='left'>{esc(x)}</th>" for x in head)
        body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in rows)
        return f"<table border='1' cellspacing='0' cellpadding='3'><tr>{h}</tr>{body}</table>"

    # -- explanation tree
    def _fill_tree(self, r: Any) -> None:
        expanded = {
            self.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)
            for i in range(self.tree.topLevelItemCount())
            if self.tree.topLevelItem(i).isExpanded()
        }
        self.tree.clear()
        code = lang()
        for s in r.steps:
            top = QTreeWidgetItem(
                [
                    pick(s.title, code) + (f"  [{t('ui.results.provisional')}]" if s.provisional else ""),
                    pick(s.result, code),
                ]
            )
            top.setData(0, Qt.ItemDataRole.UserRole, s.id)
            if s.provisional:
                top.setForeground(0, Qt.GlobalColor.darkRed)
            self.tree.addTopLevelItem(top)

            def child(parent: QTreeWidgetItem, label: str, value: str) -> QTreeWidgetItem:
                item = QTreeWidgetItem([label, value])
                item.setToolTip(1, value)
                parent.addChild(item)
                return item

            child(top, t("ui.x.formula"), pick(s.formula, code))
            child(top, t("ui.x.substituted"), pick(s.substituted, code))
            child(top, t("ui.x.result"), pick(s.result, code))
            if s.inputs:
                inputs = child(top, t("ui.x.inputs"), "")
                for k, v in s.inputs.items():
                    child(inputs, k, v)
            if s.params:
                rules = child(top, t("ui.x.rules"), str(len(s.params)))
                for prm in s.params:
                    mark = f" [{t('ui.results.provisional')}]" if prm.provisional else ""
                    item = child(
                        rules,
                        pick(prm.description, code) + mark,
                        t(
                            "ui.x.param",
                            value=prm.value,
                            key=prm.key,
                            date=prm.effective_from.isoformat(),
                            confidence=prm.confidence,
                        ),
                    )
                    child(item, t("ui.x.source"), prm.source)
                    if prm.note:
                        child(item, t("ui.x.note"), pick(prm.note_text, code))
            if s.rounding:
                child(top, t("ui.x.rounding"), pick(s.rounding, code))
            if s.note:
                child(top, t("ui.x.note"), pick(s.note, code))
            top.setExpanded(s.id in expanded)
        if self.tree.topLevelItemCount() and self.tree.currentItem() is None:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self._show_detail(self.tree.currentItem())
        self.tree.resizeColumnToContents(0)
        width = self.tree.viewport().width()
        if self.tree.columnWidth(0) > width * 0.45:
            self.tree.setColumnWidth(0, int(width * 0.45) if width > 200 else 300)

    def _show_detail(self, item: QTreeWidgetItem | None, _prev: QTreeWidgetItem | None = None) -> None:
        """The whole explanation of the selected step, word-wrapped, under the tree."""
        while item is not None and item.parent() is not None:
            item = item.parent()
        if item is None or self.result is None:
            self.detail.setHtml("")
            return
        try:
            s = self.result.step(item.data(0, Qt.ItemDataRole.UserRole))
        except KeyError:
            return
        rows = [
            (t("ui.x.formula"), pick(s.formula)),
            (t("ui.x.substituted"), pick(s.substituted)),
            (t("ui.x.result"), pick(s.result)),
        ]
        rows += [(k, v) for k, v in s.inputs.items()]
        if s.rounding:
            rows.append((t("ui.x.rounding"), pick(s.rounding)))
        if s.note:
            rows.append((t("ui.x.note"), pick(s.note)))
        body = "".join(f"<tr><td valign='top'><b>{esc(k)}</b></td><td>{esc(v)}</td></tr>" for k, v in rows)
        rules = ""
        if s.params:
            items = []
            for prm in s.params:
                items.append(
                    f"<li>{esc(pick(prm.description))}{prov_mark(prm.provisional)}: <b>{esc(prm.value)}</b>"
                    f" <tt>{esc(prm.key)}</tt> — {esc(t('ui.x.param_from', date=prm.effective_from.isoformat()))}"
                    f" — {esc(prm.confidence)}<br><small>{esc(t('ui.x.source'))}: {esc(prm.source)}"
                    + (f"; {esc(pick(prm.note_text))}" if prm.note else "")
                    + "</small></li>"
                )
            rules = f"<p><b>{esc(t('ui.x.rules'))}</b></p><ul>{''.join(items)}</ul>"
        self.detail.setHtml(
            f"<h3>{esc(pick(s.title))}{prov_mark(s.provisional)}</h3>"
            f"<table cellpadding='3'>{body}</table>{rules}"
        )

    # -- timeline
    def _fill_chart(self, r: Any) -> None:
        series: list[Series] = []
        desc: list[str] = []
        for b in r.benefits:
            if b.code not in ("DEPENDANTS", "SURVIVORS_PENSION") or not b.schedule:
                continue
            per: dict[int, list[Segment]] = {}
            for s in b.schedule:
                for pp in s.payees:
                    per.setdefault(pp.index, []).append(Segment(s.start, s.end, pp.monthly_amount))
            for k, (index, segs) in enumerate(sorted(per.items())):
                label = self._payee_label_any(b, index)
                series.append(Series(label, PALETTE[k % len(PALETTE)], self._merge(segs)))
                desc.append(
                    label
                    + ": "
                    + "; ".join(
                        f"{s.start.isoformat()}–{s.end.isoformat() if s.end else '…'} {rm(s.amount)}"
                        for s in segs
                    )
                )
        self.chart.axis_label = t("ui.results.timeline_axis")
        self.chart.set_data(
            series, t("ui.results.timeline_title"), t("ui.results.timeline_empty"), "\n".join(desc)
        )
        self.tabs.setTabEnabled(1, bool(series))

    def _payee_label_any(self, b: Any, index: int) -> str:
        for p in b.payees:
            if p.index == index:
                name = p.name or str(index + 1)
                return f"{name} ({rel_name(p.relationship)})"
        return str(index + 1)

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
