"""Reading and writing case files (the CLI's input and the app's saved case are the same file)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from estimator.engine.i18n import tr
from estimator.engine.rules import RulePack, default_rules
from estimator.model.case import (
    MAX_CASE_BYTES,
    Case,
    CaseError,
    Problem,
    case_to_json,
    decode_case_bytes,
    parse_case,
)
from estimator.model.fileio import atomic_write_text


def read_case_file(path: Path | str, rules: RulePack | None = None, today: date | None = None) -> Case:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_CASE_BYTES:
            raise CaseError(
                [
                    Problem(
                        field="",
                        code="too_large",
                        message=tr("err.too_large", limit=f"{MAX_CASE_BYTES // 1000} kB"),
                    )
                ]
            )
        raw = path.read_bytes()
    except CaseError:
        raise
    except FileNotFoundError:
        raise CaseError(
            [Problem(field="", code="not_found", message=tr("err.file_not_found", path=str(path)))]
        ) from None
    except OSError as exc:
        raise CaseError(
            [
                Problem(
                    field="",
                    code="unreadable",
                    message=tr("err.unreadable", path=str(path), reason=exc.strerror or str(exc)),
                )
            ]
        ) from None
    return parse_case(decode_case_bytes(raw), today=today, injury_ids=injury_ids(rules))


def injury_ids(rules: RulePack | None = None) -> set[str]:
    pack = rules or default_rules()
    schedule = pack.param("ei.injury_schedule").values[-1].value
    return set(schedule)


def write_case_file(path: Path | str, case: Case) -> Path:
    return atomic_write_text(path, case_to_json(case))
