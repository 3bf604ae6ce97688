"""The wizard's input pages: incident, wages, disablement, dependants (one module each).

Each page builds its part of the case document (the core's JSON format) from its widgets, loads it back, and
shows the core's validation problems next to the fields it owns.  No page computes a benefit, and no page imports
the wizard: the wizard passes itself in as the pages' :class:`~ui.pages.base.CaseContext`.
"""

from .base import CaseContext, CasePage
from .dependants import DependantsPage
from .dependants_dialog import DependantDialog
from .disablement import DisabilityPage
from .incident import IncidentPage
from .wages import WagesPage

__all__ = [
    "CaseContext",
    "CasePage",
    "DependantDialog",
    "DependantsPage",
    "DisabilityPage",
    "IncidentPage",
    "WagesPage",
]
