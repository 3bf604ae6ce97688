"""Where bundled resources and office overrides live (source tree, installed, or PyInstaller build)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

_PROJECT_ROOT = Path(__file__).resolve().parents[2]  # estimator/engine/paths.py -> the project root


def resources_dir() -> Path:
    """The bundled ``resources/`` folder."""
    env = os.environ.get("FAEDAH_RESOURCES")
    if env:
        return Path(env)
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return _PROJECT_ROOT / "resources"


def app_dir() -> Path:
    """Folder of the executable (frozen) or the project root (source)."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return _PROJECT_ROOT


def office_rules_dir() -> Path:
    """An office may drop an updated rule pack here (``rules/manifest.json``) beside the executable."""
    env = os.environ.get("FAEDAH_RULES_DIR")
    if env:
        return Path(env)
    return app_dir() / "rules"


def office_commutation_file() -> Path:
    """An office may drop the official commutation table here (``commutation.json``)."""
    env = os.environ.get("FAEDAH_COMMUTATION_FILE")
    if env:
        return Path(env)
    return app_dir() / "commutation.json"
