"""The ``faedah`` command line: estimate, contributions, rules."""

from __future__ import annotations

from estimator.cli.main import main

__all__ = ["main"]
