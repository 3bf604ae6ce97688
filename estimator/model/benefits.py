"""Every benefit record type of the model, its codes and what a batch's columns or a comparison read of it.

The list is read from the model itself (every :class:`~estimator.model.result.BenefitRecord` subclass of
``estimator.model``), so a benefit added to the model is in the batch CSV and the checklist test at once.
"""

from __future__ import annotations

import typing

from estimator.model import result_schemes  # noqa: F401 - the schemes' own records are benefit types too
from estimator.model.result import BenefitRecord


def benefit_types() -> list[type[BenefitRecord]]:
    """Every benefit record type of the model, in the order they are declared."""
    out: list[type[BenefitRecord]] = []
    todo = list(BenefitRecord.__subclasses__())
    while todo:
        cls = todo.pop(0)
        if cls.__module__.startswith("estimator.model.") and cls not in out:
            out.append(cls)
        todo += cls.__subclasses__()
    return out


def codes_of(cls: type[BenefitRecord]) -> tuple[str, ...]:
    """The benefit codes a record type can carry (its ``code`` Literal)."""
    annotation = cls.model_fields["code"].annotation
    return tuple(str(a) for a in typing.get_args(annotation))


def batch_codes() -> tuple[str, ...]:
    """The codes of every benefit paid in money (a record type that declares its ``amounts``), in model order."""
    return tuple(code for cls in benefit_types() if cls.amounts for code in codes_of(cls))
