"""The presenters of the benefits the Acts grant (filled in by the presentation work)."""

from __future__ import annotations
