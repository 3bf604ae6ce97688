"""What every record of the result is made of: money and numbers as JSON writes them, and the record base class
with its validation-free constructors (the law builds records from values it has already checked)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, PlainSerializer


def money_json(value: Decimal) -> str:
    """Money as JSON writes it: two places."""
    return f"{value:.2f}"


Money = Annotated[Decimal, PlainSerializer(money_json, return_type=str, when_used="json")]


def _to_the_sen(value: Decimal) -> Decimal:
    """A figure read from a record's JSON (or given to a validating constructor), with exactly two places."""
    return Decimal(f"{value:.2f}")


# Money the law made in whole sen (``from_sen``, ``sen()``): exactly two places, so pydantic writes it as it is
# (``str``, no Python call per figure) and the JSON is the same as Money's; a dependants' schedule holds hundreds.
# A value validated into it is put to two places; the law's records are checked by tests/test_result_json.py.
Sen = Annotated[Decimal, AfterValidator(_to_the_sen)]
Number = Annotated[
    Decimal, PlainSerializer(lambda v: f"{v.normalize():f}", return_type=str, when_used="json")
]


_set = object.__setattr__
_new = object.__new__
# pydantic's own slots of every record, set straight through their descriptors (the cheapest way, for records made
# by the hundred)
set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
set_private = BaseModel.__dict__["__pydantic_private__"].__set__
_EVERY: dict[type[BaseModel], set[str]] = {}  # per record class: its every field (the fields set by ``of``)


def record_fields(cls: type[BaseModel]) -> set[str]:
    """Every field of the record class ``cls``: the fields set of a record made whole (one set per class)."""
    every = _EVERY.get(cls)
    if every is None:
        every = _EVERY[cls] = set(cls.model_fields)
    return every


def _constant(value: Any) -> Callable[[], Any]:
    return lambda: value


class _M(BaseModel):
    model_config = ConfigDict(frozen=False)

    @classmethod
    def model_construct(cls, _fields_set: set[str] | None = None, **values: Any) -> Self:  # type: ignore[override]
        """A record from values the law has already checked (no validation), several times faster than
        pydantic's own: the field defaults are looked up once per class."""
        fields = cls._construct_defaults()
        data = {name: values[name] if name in values else make() for name, make in fields}
        record = _new(cls)
        _set(record, "__dict__", data)
        set_fields_set(record, set(values) if _fields_set is None else _fields_set)
        set_extra(record, None)
        set_private(record, None)
        return record

    @classmethod
    def of(cls, values: dict[str, Any]) -> Self:
        """A record from a dict of every field in the fields' order (taken, not copied; the JSON lists them in
        its order), without validation: for records made by the hundred (a long history's runs)."""
        record = _new(cls)
        _set(record, "__dict__", values)
        every = _EVERY.get(cls)
        if every is None:  # shared by the records of the class: every field is set
            every = record_fields(cls)
        set_fields_set(record, every)
        set_extra(record, None)
        set_private(record, None)
        return record

    @classmethod
    def _construct_defaults(cls) -> list[tuple[str, Callable[[], Any]]]:
        cached: list[tuple[str, Callable[[], Any]]] | None = cls.__dict__.get("_defaults_cache")
        if cached is None:
            cached = []
            for name, info in cls.model_fields.items():
                if info.default_factory is not None:
                    cached.append((name, info.default_factory))  # type: ignore[arg-type]
                else:
                    cached.append((name, _constant(info.default)))
            type.__setattr__(cls, "_defaults_cache", cached)
        return cached
