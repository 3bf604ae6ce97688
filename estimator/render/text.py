"""A readable plain-text rendering of a Result (the CLI's default output), from its presentation."""

from __future__ import annotations

import textwrap
from datetime import date

from estimator.engine.i18n import pick
from estimator.model.result import Result
from estimator.present import BenefitView, ResultView, Row, Table, present_result
from estimator.present.format import label, local_dates
from estimator.present.glossary import answer_texts, glossary_line, terms_used

RULE_WIDTH = 78
CELL_WIDTH = 36  # a longer cell of a table wraps onto more lines


def _label(key: str, lang: str, /, **args: object) -> str:
    return pick(label(key, **args), lang)


def _row(row: Row, lang: str, mark: str) -> str:
    name = pick(row.label, lang)
    value = pick(row.value, lang) + (mark if row.provisional else "")
    if row.kind == "note":
        return f"    – {f'{name}: ' if name else ''}{value}"
    if row.kind == "option":
        return f"    ↳ {name}: {value}"
    return f"    {name}: {value}"


def _one_line(cell: str) -> str:
    """A two-line cell on one line: "RM830.10 (2/9)"."""
    first, _, detail = cell.partition("\n")
    return f"{first} ({detail})" if detail else first


def _table(table: Table, lang: str, mark: str, indent: str = "    ") -> list[str]:
    cells = [[pick(c, lang) for c in table.columns]]
    for r, row in enumerate(table.rows):
        cells.append(
            [_one_line(pick(c, lang)) + (mark if (r, i) in table.marked else "") for i, c in enumerate(row)]
        )
    widths = [min(CELL_WIDTH, max(len(row[i]) for row in cells)) for i in range(len(cells[0]))]

    def lines(texts: list[str]) -> list[str]:
        wrapped = [textwrap.wrap(cell, widths[i]) or [""] for i, cell in enumerate(texts)]
        out = []
        for k in range(max(len(w) for w in wrapped)):
            parts = [
                (w[k] if k < len(w) else "").rjust(widths[i])
                if i in table.numeric and len(w) == 1
                else (w[k] if k < len(w) else "").ljust(widths[i])
                for i, w in enumerate(wrapped)
            ]
            out.append((indent + "  ".join(parts)).rstrip())
        return out

    out = [f"{indent}{pick(table.title, lang)}:"]
    if table.hint:
        out += textwrap.wrap(
            pick(table.hint, lang), RULE_WIDTH, initial_indent=indent, subsequent_indent=indent
        )
    for cell_texts in cells:
        out += lines(cell_texts)
    return out


def _benefit(view: BenefitView, lang: str, mark: str) -> list[str]:
    out = [f"* {pick(view.title, lang)}{mark if view.provisional else ''}: {pick(view.headline, lang)}"]
    out += [_row(row, lang, mark) for row in view.rows]
    for table in view.tables:
        out += _table(table, lang, mark)
    out += [f"    – {pick(note, lang)}" for note in view.notes]
    return out


def _answer(view: ResultView, lang: str) -> list[str]:
    """The answer, what to do next and the words used: the same as the paper's first page."""
    out = [f"{_label('answer_title', lang)}:"]
    for b in view.money_benefits:
        out.append(f"  {pick(b.title, lang)}")
        for line in b.answer or [b.headline]:
            out += textwrap.wrap(
                pick(line, lang), RULE_WIDTH, initial_indent="    ", subsequent_indent="      "
            )
    if view.next_steps:
        out += ["", f"{_label('next_title', lang)}:"]
        for step in view.next_steps:
            out.append(f"  {pick(step.title, lang)}")
            if pick(step.timing, lang):
                out.append(f"    > {pick(step.timing, lang)}")
            if step.status:
                out += textwrap.wrap(
                    pick(step.status, lang), RULE_WIDTH, initial_indent="    ", subsequent_indent="      "
                )
            out += [f"    - {pick(d, lang)}" for d in step.documents]
            if step.weak:
                out.append(f"    {pick(step.weak, lang)}")
    for section in view.info:
        out += ["", f"{pick(section.title, lang)}:"]
        for line in section.lines:
            out += textwrap.wrap(
                pick(line, lang), RULE_WIDTH, initial_indent="  - ", subsequent_indent="    "
            )
    used = terms_used(answer_texts(view))
    if used:
        out += ["", f"{_label('words_title', lang)}:"]
        for term in used:
            out += textwrap.wrap(
                pick(glossary_line(term), lang), RULE_WIDTH, initial_indent="  ", subsequent_indent="    "
            )
    return [*out, ""]


def _lines(view: ResultView, lang: str, explain: bool) -> list[str]:
    mark = f" [{_label('provisional', lang)}]"
    title = _label("text.title", lang)
    out = [title, "=" * len(title)]
    out += _answer(view, lang)
    out += [f"{pick(row.label, lang)}: {pick(row.value, lang)}" for row in view.facts]
    if view.wages is not None:
        out += ["", *_table(view.wages, lang, " †", indent="  ")]
    out += ["", f"{_label('text.benefits', lang)}:"]
    if not view.benefits:
        out.append(f"  {_label('no_benefits', lang)}")
    for benefit in view.benefits:
        out += _benefit(benefit, lang, mark)
    if view.not_payable:
        out += ["", f"{_label('not_payable', lang)}:"] + [
            f"  {pick(local_dates(r), lang)}" for r in view.not_payable
        ]
    if view.warnings:
        out += ["", f"{_label('warnings', lang)}:"]
        out += [
            f"  [{_label(f'warning.{sev}', lang)}] {pick(local_dates(msg), lang)}"
            for sev, msg in view.warnings
        ]
    if explain and view.steps:
        out += ["", f"{_label('text.how', lang)}:"]
        for step in view.steps:
            head = f"{_label('step_n', lang, n=step.number)} ({step.id})"
            out.append(f"  {head}: {pick(step.title, lang)}{mark if step.provisional else ''}")
            out.append(f"      {pick(step.formula, lang)}")
            out.append(f"      {pick(step.substituted, lang)}  ⇒ {pick(step.result, lang)}")
            for rule in step.rules:
                value = _label(
                    "rule_value",
                    lang,
                    value=rule.value,
                    key=rule.key,
                    date=pick(rule.effective_from, lang),
                    confidence=rule.confidence,
                )
                out.append(
                    f"      {_label('col_rule', lang)}: {value}; {_label('text.source', lang)} {rule.source}"
                )
            for extra in (step.rounding, step.note):
                if extra:
                    out.append(f"      {pick(extra, lang)}")
    if view.provisional_notes:
        out += ["", f"{_label('provisional_notes', lang)}:"]
        out += [f"  †{i} {pick(note, lang)}" for i, note in enumerate(view.provisional_notes, 1)]
    out += ["", f"{pick(view.rule_pack.label, lang)}: {pick(view.rule_pack.value, lang)}"]
    out.append(pick(view.disclaimer, lang))
    return out


def render_text(
    result: Result, lang: str = "en", explain: bool = True, prepared_on: date | None = None
) -> str:
    """The summary as text; ``prepared_on``: the date prepared (the CLI passes today), against which each
    claim deadline is judged (passed, or the days left)."""
    if lang == "both":
        return (
            render_text(result, "en", explain, prepared_on)
            + "\n"
            + "=" * RULE_WIDTH
            + "\n"
            + render_text(result, "ms", explain, prepared_on)
        )
    view = present_result(result, prepared_on)
    return "\n".join(_lines(view, lang, explain)) + "\n"
