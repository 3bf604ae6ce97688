"""The explanation tab: every step of the working as an expandable tree, and the selected step in full."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTextBrowser, QTreeWidget, QTreeWidgetItem

from estimator.present import StepView
from estimator.present.format import label

from ..text import lang, pick
from .html import esc, prov_mark


def _child(parent: QTreeWidgetItem, name: str, value: str) -> QTreeWidgetItem:
    item = QTreeWidgetItem([name, value])
    item.setToolTip(1, value)
    parent.addChild(item)
    return item


def _rule_text(step: StepView, index: int) -> str:
    rule = step.rules[index]
    return pick(
        label(
            "rule_value",
            value=rule.value,
            key=rule.key,
            date=pick(rule.effective_from),
            confidence=rule.confidence,
        )
    )


def fill_tree(tree: QTreeWidget, steps: list[StepView]) -> None:
    """The steps as top-level items (expanded ones stay expanded), their lines and rules as children."""
    expanded = {
        tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)
        for i in range(tree.topLevelItemCount())
        if tree.topLevelItem(i).isExpanded()
    }
    tree.clear()
    code = lang()
    mark = f"  [{pick(label('provisional'), code)}]"
    for step in steps:
        top = QTreeWidgetItem(
            [pick(step.title, code) + (mark if step.provisional else ""), pick(step.result, code)]
        )
        top.setData(0, Qt.ItemDataRole.UserRole, step.id)
        top.setToolTip(0, pick(step.title, code))  # a long title (Malay ones are) in full
        if step.provisional:
            top.setForeground(0, Qt.GlobalColor.darkRed)
        tree.addTopLevelItem(top)
        for row in step.labelled():
            _child(top, pick(row.label, code), pick(row.value, code))
        if step.inputs:
            inputs = _child(top, pick(label("inputs"), code), "")
            for key, value in step.inputs.items():
                _child(inputs, key, value)
        if step.rules:
            rules = _child(top, pick(label("rules_used"), code), str(len(step.rules)))
            for i, rule in enumerate(step.rules):
                item = _child(
                    rules,
                    pick(rule.description, code) + (mark if rule.provisional else ""),
                    _rule_text(step, i),
                )
                _child(item, pick(label("col_source"), code), rule.source)
                if rule.note:
                    _child(item, pick(label("note"), code), pick(rule.note, code))
        top.setExpanded(step.id in expanded)
    if tree.topLevelItemCount() and tree.currentItem() is None:
        tree.setCurrentItem(tree.topLevelItem(0))
    tree.resizeColumnToContents(0)
    width = tree.viewport().width()
    if tree.columnWidth(0) > width * 0.6:  # the titles wrap within 60% (the figures are short)
        tree.setColumnWidth(0, int(width * 0.6) if width > 200 else 300)
    tree.doItemsLayout()  # the rows take the height their wrapped titles need


def show_step_detail(detail: QTextBrowser, step: StepView | None) -> None:
    """The whole explanation of one step, word-wrapped."""
    if step is None:
        detail.setHtml("")
        return
    rows = [(pick(r.label), pick(r.value)) for r in step.labelled()]
    rows += list(step.inputs.items())
    body = "".join(f"<tr><td valign='top'><b>{esc(k)}</b></td><td>{esc(v)}</td></tr>" for k, v in rows)
    rules = ""
    if step.rules:
        items = [
            f"<li>{esc(pick(rule.description))}{prov_mark(rule.provisional)}: {esc(_rule_text(step, i))}"
            f"<br><small>{esc(pick(label('col_source')))}: {esc(rule.source)}"
            + (f"; {esc(pick(rule.note))}" if rule.note else "")
            + "</small></li>"
            for i, rule in enumerate(step.rules)
        ]
        rules = f"<p><b>{esc(pick(label('rules_used')))}</b></p><ul>{''.join(items)}</ul>"
    detail.setHtml(
        f"<h3>{esc(pick(step.title))}{prov_mark(step.provisional)}</h3><table cellpadding='3'>{body}</table>{rules}"
    )
