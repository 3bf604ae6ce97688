"""Faedah desktop app (PySide6): collects a case, validates it with the core, renders the core's Result."""

# The app's modules without Qt come first: PySide6 (imported by qtfix) hooks every later import and reads the
# module's whole source, which start-up need not pay for these.
from . import core, crash, draft, text  # noqa: F401
from .qtfix import protect_singletons

protect_singletons()
