"""The schemes, each an ordered list of laws (the table is in :mod:`estimator.law.registry`).

A law is a function ``(ctx) -> BenefitRecord | list[BenefitRecord] | None``; it returns what it pays (or ``None``,
having recorded why not) and may end the scheme's list with :class:`~estimator.law.context.NothingMorePayable`
(e.g. an excluded accident).  The lists follow the order in which the Act grants the benefits and in which a
claimant reads them.  :func:`register` adds or replaces a scheme (a test's toy scheme, a future scheme).
"""

from __future__ import annotations

from collections.abc import Sequence

from estimator.law import registry
from estimator.law.context import Law


def register(scheme: str, outcome: str, laws: Sequence[Law]) -> None:
    """Declare the laws of ``scheme`` for an ``outcome`` ("injury", "death", "invalidity"), in order."""
    registry.register(scheme, outcome, list(laws))


def unregister(scheme: str, outcome: str) -> None:
    registry.SCHEMES.pop((scheme, outcome), None)


def laws_for(scheme: str, outcome: str) -> tuple[Law, ...]:
    return registry.SCHEMES.get((scheme, outcome), ())
