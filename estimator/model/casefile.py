"""Reading and writing case files (the CLI's input and the app's saved case are the same file).

Reading goes through :func:`estimator.engine.safeio.read_regular_file`: a FIFO, a device or a folder is refused at
once, and no more than ``MAX_CASE_BYTES`` are read whatever the file system says its size is.  Writing goes
through :mod:`estimator.model.fileio` (atomic, ``.bak``, symlinks kept); :func:`write_case_file` with
``expected`` refuses to overwrite a file that changed on disk since it was opened (another program, a second
Faedah window).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from estimator.engine.i18n import tr
from estimator.engine.rules import RulePack, default_rules
from estimator.engine.safeio import NotRegularFile, TooLarge, read_regular_file
from estimator.model.case import (
    MAX_CASE_BYTES,
    Case,
    CaseError,
    Problem,
    case_to_json,
    decode_case_bytes,
    parse_case,
)
from estimator.model.fileio import FileStamp, atomic_write_text, check_unchanged, stamp_of


def read_case_bytes(path: Path | str, limit: int = MAX_CASE_BYTES) -> bytes:
    """The raw bytes of a case (or comparison) file: a regular file only, at most ``limit`` bytes; every
    refusal is a :class:`CaseError` naming the file."""
    path = Path(path)
    try:
        return read_regular_file(path, limit)
    except TooLarge:
        raise CaseError(
            [
                Problem(
                    field="",
                    code="too_large",
                    message=tr("err.too_large", limit=f"{limit // 1000} kB"),
                )
            ]
        ) from None
    except NotRegularFile as exc:
        raise CaseError(
            [
                Problem(
                    field="",
                    code="not_regular",
                    message=tr("rel.err.not_regular_file", path=str(path), kind=exc.reason),
                )
            ]
        ) from None
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


def read_case_file(path: Path | str, rules: RulePack | None = None, today: date | None = None) -> Case:
    raw = read_case_bytes(path)
    return parse_case(decode_case_bytes(raw), today=today, injury_ids=injury_ids(rules))


def open_case_file(
    path: Path | str, rules: RulePack | None = None, today: date | None = None
) -> tuple[Case, FileStamp]:
    """The case and the stamp (size, mtime, hash) of the bytes it was read from, for a later
    ``write_case_file(path, case, expected=stamp)``."""
    raw = read_case_bytes(path)
    case = parse_case(decode_case_bytes(raw), today=today, injury_ids=injury_ids(rules))
    return case, stamp_of(Path(path), raw)


def injury_ids(rules: RulePack | None = None) -> set[str]:
    pack = rules or default_rules()
    schedule = pack.param("ei.injury_schedule").values[-1].value
    return set(schedule)


def write_case_file(
    path: Path | str, case: Case, expected: FileStamp | None = None, overwrite_changed: bool = False
) -> Path:
    """Save ``case``.  With ``expected`` (the stamp from :func:`open_case_file` or the last save), a file changed
    on disk since then raises :class:`~estimator.model.fileio.ChangedOnDisk` unless ``overwrite_changed``
    (the user was asked and said yes)."""
    path = Path(path)
    if expected is not None and not overwrite_changed:
        check_unchanged(path, expected)
    return atomic_write_text(path, case_to_json(case))
