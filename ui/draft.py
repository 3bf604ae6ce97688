"""The autosaved draft: the open case, written to the user data folder while the clerk works.

It is the one place besides a file the user saves where claimant data is written.  It is offered back at the
next start after a crash or power cut, and deleted when the case is saved, or discarded (New, Open, Quit
without saving, or declining the offer).
"""

from __future__ import annotations

import contextlib
import json
from datetime import datetime
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
        from estimator.model.fileio import WriteError, atomic_write_text

        doc = {
            "format": DRAFT_FORMAT,
            "saved_at": datetime.now().isoformat(timespec="seconds"),
            "source": source,
            "case": case_data,
        }
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            atomic_write_text(self.path, json.dumps(doc, ensure_ascii=False, indent=1), backup=False)
        except (OSError, WriteError, TypeError, ValueError):
            return False
        return True

    def load(self) -> dict[str, Any] | None:
        """The draft document, or None when there is none (a damaged draft is removed)."""
        try:
            if not self.path.exists() or self.path.stat().st_size > MAX_DRAFT_BYTES:
                return None
            doc = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
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
            self.path.unlink()
