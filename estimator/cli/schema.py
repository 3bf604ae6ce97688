"""``faedah schema case|result|comparison`` prints the JSON Schema of the case file or of the CLI's ``--json`` result;
``faedah schema --write DIR`` writes every schema to ``DIR/NAME.schema.json`` (the committed copies live in
docs/schema/ and a test keeps them equal to what the models generate).

The schemas are generated from the pydantic models, never written by hand: the case file is described as it is
*read* (``mode="validation"``: money may be a string or a number), the result as it is *written*
(``mode="serialization"``: money is a string).

Extension point: a new document (the coming ``comparison`` of several estimates) adds one entry to
:data:`SCHEMAS`: its name, a one-line description and a function returning its model's schema. The CLI's
choices, ``--write`` and the docs/schema test all follow that table.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DIALECT = "https://json-schema.org/draft/2020-12/schema"


@dataclass(frozen=True)
class SchemaSpec:
    name: str
    description: str
    generate: Callable[[], dict[str, Any]]


def _case_schema() -> dict[str, Any]:
    from estimator.model.case import Case

    return Case.model_json_schema(mode="validation")


def _benefit_kinds(base: type[Any]) -> list[type[Any]]:
    """Every benefit record the core defines (the subclasses of BenefitRecord, depth first, by name)."""
    found: list[type[Any]] = []
    for sub in sorted(base.__subclasses__(), key=lambda cls: cls.__name__):
        if sub.__module__.startswith("estimator."):  # not a test's toy benefit
            found += [sub, *_benefit_kinds(sub)]
    return found


def _result_schema() -> dict[str, Any]:
    """The Result as written; ``benefits`` lists the concrete records (the model types it as the base class)."""
    from typing import Union

    from pydantic import Field, create_model

    from estimator.law import registry  # noqa: F401 - imports every scheme's benefit records
    from estimator.model.result import BenefitRecord, Result

    kinds = tuple(_benefit_kinds(BenefitRecord))
    benefit = Union[kinds]  # type: ignore[valid-type]  # noqa: UP007 (a runtime tuple of classes)
    document = create_model(
        "Result",
        __base__=Result,
        __doc__=Result.__doc__,
        benefits=(list[benefit], Field(default_factory=list)),
    )
    body = document.model_json_schema(mode="serialization")
    for kind in kinds:  # a record matches exactly one kind: no field of another kind may sneak in
        body["$defs"][kind.__name__]["additionalProperties"] = False
    return body


def _comparison_schema() -> dict[str, Any]:
    """The comparison file: up to four labelled cases, each a whole case file."""
    from estimator.model.comparison_file import (
        COMPARISON_FORMAT,
        COMPARISON_VERSION,
        MAX_LABEL,
        MAX_SCENARIOS,
    )

    case = _case_schema()
    defs = case.pop("$defs", {})
    defs["Case"] = case
    return {
        "title": "Comparison",
        "type": "object",
        "additionalProperties": False,
        "required": ["format", "version", "scenarios"],
        "properties": {
            "format": {"const": COMPARISON_FORMAT},
            "version": {"const": COMPARISON_VERSION},
            "scenarios": {
                "type": "array",
                "minItems": 1,
                "maxItems": MAX_SCENARIOS,
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["label", "case"],
                    "properties": {
                        "label": {"type": "string", "maxLength": MAX_LABEL},
                        "case": {"$ref": "#/$defs/Case"},
                    },
                },
            },
        },
        "$defs": defs,
    }


SCHEMAS: dict[str, SchemaSpec] = {
    spec.name: spec
    for spec in (
        SchemaSpec(
            "case", "a Faedah case file (format faedah-case), as the app and the CLI read it", _case_schema
        ),
        SchemaSpec(
            "result",
            "the result of `faedah estimate CASE.json --json` (format faedah-result)",
            _result_schema,
        ),
        SchemaSpec(
            "comparison",
            "a comparison file (format faedah-comparison): up to four labelled cases",
            _comparison_schema,
        ),
    )
}


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the document ``name`` (a key of :data:`SCHEMAS`)."""
    spec = SCHEMAS[name]
    body = spec.generate()
    return {
        "$schema": DIALECT,
        "$comment": f"Generated from the pydantic models: {spec.description}.",
        **body,
    }


def schema_text(name: str) -> str:
    return json.dumps(schema(name), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write_all(folder: Path) -> list[Path]:
    """Write every schema to ``folder`` through the safe writer (atomic; a FIFO, device, symlink to a device or
    read-only file is refused; a full disk leaves the old file); :class:`WriteError` names the file at fault."""
    from estimator.engine.i18n import tr
    from estimator.model.fileio import WriteError, atomic_write_bytes, check_target, remove_stale_temp_files

    try:
        if folder.exists() and not folder.is_dir():
            raise WriteError(folder, tr("many.err.not_a_folder", path=str(folder)))
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(
            folder, tr("err.write_failed", path=str(folder), reason=exc.strerror or str(exc))
        ) from exc
    remove_stale_temp_files([folder])
    paths = [folder / f"{name}.schema.json" for name in SCHEMAS]
    for path in paths:  # every target checked before the first is written
        check_target(path)
    for name, path in zip(SCHEMAS, paths, strict=True):
        atomic_write_bytes(path, schema_text(name).encode("utf-8"), backup=False)
    return paths


def _cmd_schema(args: argparse.Namespace) -> int:
    if args.write:
        for path in write_all(Path(args.write)):
            print(path, file=sys.stderr)
        return 0
    if not args.name:
        print(f"schema: name one of {', '.join(SCHEMAS)} (or --write DIR)", file=sys.stderr)
        return 2
    sys.stdout.write(schema_text(args.name))
    return 0


def register_cli(sub: Any) -> None:
    """Add ``schema`` to the CLI's sub-commands (``sub`` is argparse's sub-parsers action)."""
    cmd = sub.add_parser("schema", help="print the JSON Schema of the case file or of the result")
    cmd.add_argument("name", nargs="?", choices=tuple(SCHEMAS), help="which document")
    cmd.add_argument("--write", metavar="DIR", help="write every schema to DIR/NAME.schema.json")
    cmd.set_defaults(func=_cmd_schema)
