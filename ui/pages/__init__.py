"""The wizard's input pages: incident, wages, disablement, dependants (one module each).

Each page builds its part of the case document (the core's JSON format) from its widgets, loads it back, and
shows the core's validation problems next to the fields it owns.  No page computes a benefit, and no page imports
the wizard: the wizard passes itself in as the pages' :class:`~ui.pages.base.CaseContext`.

The names below are imported on first use (``from ui.pages import WagesPage``): the window shows with the incident
page alone and builds the other pages just after (start-up), so importing one page must not import them all.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .base import CaseContext, CasePage
    from .dependants import DependantsPage
    from .dependants_dialog import DependantDialog
    from .disablement import DisabilityPage
    from .incident import IncidentPage
    from .wages import WagesPage

_HOME = {
    "CaseContext": "base",
    "CasePage": "base",
    "DependantDialog": "dependants_dialog",
    "DependantsPage": "dependants",
    "DisabilityPage": "disablement",
    "IncidentPage": "incident",
    "WagesPage": "wages",
}

__all__ = [
    "CaseContext",
    "CasePage",
    "DependantDialog",
    "DependantsPage",
    "DisabilityPage",
    "IncidentPage",
    "WagesPage",
]


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
