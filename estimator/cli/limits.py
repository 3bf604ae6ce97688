"""Length limits of free-text options: an office name of 10,000 characters is refused at once with a clear
message instead of taking minutes to fit onto the page header (the app's settings cap it at the same 200)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from estimator.engine.i18n import pick, tr

MAX_OFFICE_NAME = 200
MAX_OFFICE_ADDRESS = 10_000  # the PDF folds a long address into a few lines itself


def bounded_text(limit: int) -> Callable[[str], str]:
    """An argparse ``type`` that refuses text longer than ``limit`` characters (argparse names the option and
    exits 2)."""

    def check(text: str) -> str:
        if len(text) > limit:
            raise argparse.ArgumentTypeError(pick(tr("many.err.text_too_long", limit=limit), "en"))
        return text

    return check
