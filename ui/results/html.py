"""The results page's benefits tab as HTML, from the presentation of a Result (no benefit is named here)."""

from __future__ import annotations

import html

from estimator.engine.i18n import Text
from estimator.present import BenefitView, ResultView, Row, Table
from estimator.present.format import label, local_dates
from estimator.present.glossary import answer_texts, glossary_line, terms_used

from ..text import pick, t

PROV_STYLE = "color:#a04000;font-weight:bold"


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def cell(value: Text) -> str:
    """A cell's text, its second line (a detail such as a share) below it."""
    return "<br>".join(esc(line) for line in pick(value).split("\n"))


def prov_mark(flag: bool) -> str:
    return f' <span style="{PROV_STYLE}">[{esc(pick(label("provisional")))}]</span>' if flag else ""


def rows_html(rows: list[Row]) -> str:
    cells = "".join(
        f"<tr><td>{esc(pick(r.label))}</td><td align='right'>"
        + (f"<b>{cell(r.value)}</b>" if r.kind == "amount" else cell(r.value))
        + f"{prov_mark(r.provisional)}</td></tr>"
        for r in rows
    )
    return f"<table cellspacing='0' cellpadding='3'>{cells}</table>"


def table_html(table: Table) -> str:
    head = "".join(
        f"<th align='{'right' if i in table.numeric else 'left'}'>{esc(pick(c))}</th>"
        for i, c in enumerate(table.columns)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f"<td align='{'right' if i in table.numeric else 'left'}'>{cell(c)}{prov_mark((r, i) in table.marked)}</td>"
            for i, c in enumerate(row)
        )
        + "</tr>"
        for r, row in enumerate(table.rows)
    )
    hint = f"<p><small>{esc(pick(table.hint))}</small></p>" if table.hint else ""
    return (
        f"<h4>{esc(pick(table.title))}</h4>{hint}"
        f"<table border='1' cellspacing='0' cellpadding='3' style='border-collapse:collapse'>"
        f"<tr>{head}</tr>{body}</table>"
    )


def steps_links(view: ResultView, step_ids: list[str]) -> str:
    links = ", ".join(
        f"<a href='step:{esc(sid)}'>{esc(pick(title))}</a>" for sid, _, title in view.step_titles(step_ids)
    )
    return f"<p><small>{esc(pick(label('how_ref')))} {links}</small></p>" if links else ""


def benefit_html(view: ResultView, b: BenefitView) -> str:
    if b.in_kind:  # listed under "other help": the title, then its conditions
        out = [f"<p><b>{esc(pick(b.title))}</b>{prov_mark(b.provisional)}</p>"]
    else:
        out = [
            f"<h3>{esc(pick(b.title))}{prov_mark(b.provisional)}</h3>",
            f"<p><b>{esc(pick(b.headline))}</b></p>",
        ]
    figures = [r for r in b.rows if r.kind in ("amount", "detail")]
    if figures:
        out.append(rows_html(figures))
    options = [r for r in b.rows if r.kind == "option"]
    if options:
        out.append(
            "<ul>"
            + "".join(
                f"<li>{esc(pick(r.label))}: {cell(r.value)}{prov_mark(r.provisional)}</li>" for r in options
            )
            + "</ul>"
        )
    conditions = [r for r in b.rows if r.kind == "note"]
    if conditions:
        out.append("<ul>" + "".join(f"<li>{cell(r.value)}</li>" for r in conditions) + "</ul>")
    out += [table_html(table) for table in b.tables]
    out += [f"<p><small>{esc(pick(note))}</small></p>" for note in b.notes]
    out.append(steps_links(view, b.step_ids))
    return "\n".join(out)


CARD_STYLE = "background:#f3f6fa;border-left:4px solid #1f3a5f;padding:6px"


def answer_card_html(view: ResultView) -> str:
    """The answer card: the same sentences, next steps and words as the paper's first page."""
    parts = [f"<div style='{CARD_STYLE}'><h2>{esc(pick(label('answer_title')))}</h2>"]
    for b in view.money_benefits:
        lines = b.answer or [b.headline]
        parts.append(f"<p><b>{esc(pick(b.title))}</b><br><b>{esc(pick(lines[0]))}</b>")
        parts += [f"<br>{esc(pick(line))}" for line in lines[1:]]
        parts.append("</p>")
    if view.next_steps:
        parts.append(f"<h3>{esc(pick(label('next_title')))}</h3>")
        for step in view.next_steps:
            parts.append(f"<p><b>{esc(pick(step.title))}</b>")
            if pick(step.timing):
                parts.append(f"<br>▶ <b>{esc(pick(step.timing))}</b>")
            if step.status:  # the deadline judged today: passed (in red), or the days left
                colour = "#b42318" if step.passed else "#1a4d8f"
                parts.append(f'<br><span style="color:{colour}"><b>{esc(pick(step.status))}</b></span>')
            parts += [f"<br>• {esc(pick(d))}" for d in step.documents]
            if step.weak:
                parts.append(f"<br><small>{esc(pick(step.weak))}</small>")
            parts.append("</p>")
    used = terms_used(answer_texts(view))
    if used:
        parts.append(f"<h4>{esc(pick(label('words_title')))}</h4><p><small>")
        parts.append("<br>".join(esc(pick(glossary_line(term))) for term in used))
        parts.append("</small></p>")
    parts.append("</div>")
    return "\n".join(parts)


def benefits_html(view: ResultView) -> str:
    parts = [
        answer_card_html(view),
        "<p>" + " · ".join(f"{esc(pick(r.label))}: {esc(pick(r.value))}" for r in view.facts) + "</p>",
    ]
    if view.not_payable:
        parts.append(f"<h3>{esc(pick(label('not_payable')))}</h3><ul>")
        parts += [f"<li>{esc(pick(local_dates(reason)))}</li>" for reason in view.not_payable]
        parts.append("</ul>")
    if not view.benefits:
        parts.append(f"<p>{esc(pick(label('no_benefits')))}</p>")
    parts += [benefit_html(view, b) for b in view.money_benefits]
    if view.warnings:
        parts.append(f"<h3>{esc(pick(label('warnings')))}</h3><ul>")
        for severity, message in view.warnings:
            mark = "⚠ " if severity == "warning" else "ℹ "
            parts.append(f"<li>{mark}{esc(pick(local_dates(message)))}</li>")
        parts.append("</ul>")
    if view.in_kind_benefits:
        parts.append(f"<h3>{esc(pick(label('other_benefits')))}</h3>")
        parts += [benefit_html(view, b) for b in view.in_kind_benefits]
    if view.wages is not None:
        parts.append(table_html(view.wages))
    if view.provisional_notes:
        parts.append(f"<h3>{esc(pick(label('provisional_notes')))}</h3><ol>")
        parts += [f"<li>{esc(pick(note))}</li>" for note in view.provisional_notes]
        parts.append("</ol>")
    rule_pack = f"{pick(view.rule_pack.label)}: {pick(view.rule_pack.value)}"
    parts.append(f"<hr><p><small>{esc(rule_pack)}</small></p>")
    return "\n".join(parts)


def no_result_html(message: str) -> str:
    return f'<p style="{PROV_STYLE}">{esc(message or t("ui.results.none"))}</p>'
