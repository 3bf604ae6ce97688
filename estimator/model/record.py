"""What every record of the result is made of: money and numbers as JSON writes them, and the record base class
with its validation-free constructors (the law builds records from values it has already checked)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, PlainSerializer

Money = Annotated[Decimal, PlainSerializer(lambda v: f"{v:.2f}", return_type=str, when_used="json")]
Number = Annotated[
    Decimal, PlainSerializer(lambda v: f"{v.normalize():f}", return_type=str, when_used="json")
]


_set = object.__setattr__


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
        record = cls.__new__(cls)
        object.__setattr__(record, "__dict__", data)
        object.__setattr__(
            record, "__pydantic_fields_set__", set(values) if _fields_set is None else _fields_set
        )
        object.__setattr__(record, "__pydantic_extra__", None)
        object.__setattr__(record, "__pydantic_private__", None)
        return record

    @classmethod
    def of(cls, values: dict[str, Any]) -> Self:
        """A record from a dict of every field in the fields' order (taken, not copied; the JSON lists them in
        its order), without validation: for records made by the hundred (a long history's runs)."""
        record = cls.__new__(cls)
        _set(record, "__dict__", values)
        every: set[str] | None = cls.__dict__.get("_every_field")
        if every is None:
            every = set(cls.model_fields)  # shared by the records of the class: every field is set
            type.__setattr__(cls, "_every_field", every)
        _set(record, "__pydantic_fields_set__", every)
        _set(record, "__pydantic_extra__", None)
        _set(record, "__pydantic_private__", None)
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
