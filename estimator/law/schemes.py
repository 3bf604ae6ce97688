"""The schemes, each an ordered list of laws: the registry that ``estimate`` walks.

A law is a function ``(ctx) -> BenefitRecord | list[BenefitRecord] | None``; it returns what it pays (or ``None``,
having recorded why not) and may end the scheme's list with :class:`NothingMorePayable` (e.g. an excluded accident).
The lists follow the order in which the Act grants the benefits and in which a claimant reads them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from estimator.law.context import Ctx
from estimator.model.result import BenefitRecord

Law = Callable[[Ctx], BenefitRecord | list[BenefitRecord] | None]


class NothingMorePayable(Exception):  # noqa: N818 - a signal, not an error
    """Raised by a law when no later law of the scheme can pay (the reason is already recorded)."""


_SCHEMES: dict[tuple[str, str], tuple[Law, ...]] = {}


def register(scheme: str, outcome: str, laws: Sequence[Law]) -> None:
    """Declare the laws of ``scheme`` for an ``outcome`` ("injury", "death", "invalidity"), in order."""
    _SCHEMES[(scheme, outcome)] = tuple(laws)


def laws_for(scheme: str, outcome: str) -> tuple[Law, ...]:
    if not _SCHEMES:
        from estimator.law import registry  # noqa: F401 - fills the table

    return _SCHEMES.get((scheme, outcome), ())
