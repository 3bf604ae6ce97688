"""The main window's lasting label for an office rule pack: which pack is in force and how far it differs from
the published one.  Self-contained: give it the Result's ``rules`` info (or the pack) and place the label."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel

from estimator.engine.i18n import pick, tr

OFFICE_ORIGINS = ("office", "office (last accepted copy)", "given")


def office_pack_text(info: Any, lang: str = "en") -> str | None:
    """The sentence for ``info`` (RulesInfo or RulePack), or None when the published pack is in force."""
    origin = getattr(info, "origin", "bundled")
    if origin not in OFFICE_ORIGINS:
        return None
    count = int(getattr(info, "differs_from_published", 0) or 0)
    text = tr("rules.office_pack_differs", version=info.version, name=info.name, count=count)
    return pick(text, lang)


def office_pack_label(info: Any, lang: str = "en") -> QLabel | None:
    """A label saying an office rule pack is in force (None for the published pack)."""
    text = office_pack_text(info, lang)
    if text is None:
        return None
    label = QLabel(text)
    label.setObjectName("officePackLabel")
    label.setWordWrap(True)
    label.setToolTip(f"sha256 {getattr(info, 'sha256', '')}")
    label.setStyleSheet(
        "QLabel#officePackLabel { padding: 4px 8px; border: 1px solid #b07d00; background: #fff4d6; }"
    )
    return label
