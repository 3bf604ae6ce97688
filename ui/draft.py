"""The autosaved draft: the open case, written to the user data folder while the clerk works.

It is the one place besides a file the user saves where claimant data is written.  It is offered back at the
next start after a crash or power cut, and deleted when the case is saved, or discarded (New, Open, Quit
without saving, or declining the offer).  It is readable by the user alone (0600 on POSIX), and read back only
if it is a regular file (never a FIFO or device put in its place), strictly (a duplicate key or deep nesting
makes it damaged, and a damaged draft is removed).
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

DRAFT_NAME = "autosave-draft.json"
DRAFT_FORMAT = "faedah-draft"
MAX_DRAFT_BYTES = 2_000_000


class Drafts:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @property
    def path(self) -> Path:
        return self.folder / DRAFT_NAME

    def save(self, case_data: dict[str, Any], source: str = "") -> bool:
        """Write the draft atomically; a failure is silent (the open case stays in memory)."""
        from datetime import datetime

        from estimator.model.fileio import WriteError, atomic_write_text, remove_stale_temp_files

        remove_stale_temp_files(
            [self.folder]
        )  # a draft write killed half-way: its temp file holds claimant data
        doc = {
            "format": DRAFT_FORMAT,
            "saved_at": datetime.now().isoformat(timespec="seconds"),
            "source": source,
            "case": case_data,
        }
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            atomic_write_text(
                self.path, json.dumps(doc, ensure_ascii=False, indent=1), backup=False, private=True
            )
        except (OSError, WriteError, TypeError, ValueError):
            return False
        return True

    def load(self) -> dict[str, Any] | None:
        """The draft document, or None when there is none (a damaged draft is removed)."""
        if not os.path.lexists(self.path):  # the usual start: no draft, and the core is not imported yet
            return None
        from estimator.engine.safeio import NotRegularFile, UnsafeInput, read_regular_file, strict_json_loads

        try:
            raw = read_regular_file(self.path, MAX_DRAFT_BYTES)
        except FileNotFoundError:
            return None
        except NotRegularFile:  # not ours: leave it, offer nothing
            return None
        except (OSError, UnsafeInput):
            self.clear()
            return None
        try:
            doc = strict_json_loads(raw.decode("utf-8"))
        except (ValueError, RecursionError):
            self.clear()
            return None
        if (
            not isinstance(doc, dict)
            or doc.get("format") != DRAFT_FORMAT
            or not isinstance(doc.get("case"), dict)
        ):
            self.clear()
            return None
        return doc

    def clear(self) -> None:
        with contextlib.suppress(OSError):
            if self.path.is_file() and not self.path.is_symlink():
                self.path.unlink()
