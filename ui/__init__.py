"""Faedah desktop app (PySide6): collects a case, validates it with the core, renders the core's Result."""

from .qtfix import protect_singletons

protect_singletons()
