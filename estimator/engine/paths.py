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


def user_data_dir() -> Path:
    """The user data folder (``FAEDAH_DATA_DIR``, else the platform's per-user data folder + ``Faedah``).

    The same folder as ``ui.settings.data_dir`` outside portable mode; created on demand by whoever writes there.
    """
    env = os.environ.get("FAEDAH_DATA_DIR")
    if env:
        return Path(env)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Application Support")
    else:
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "Faedah"


def accepted_office_pack_dir() -> Path:
    """Where the last office rule pack that passed its self-test is kept (stays in force if a newer one fails)."""
    return user_data_dir() / "accepted-rules"


def pack_verdicts_file() -> Path:
    """The cached self-test verdicts of office rule packs, by the pack's sha256."""
    return user_data_dir() / "rule-pack-verdicts.json"


def samples_dir() -> Path:
    """The bundled sample cases (``resources/samples`` in a build, else ``samples/`` of the source tree)."""
    bundled = resources_dir() / "samples"
    return bundled if bundled.is_dir() else _PROJECT_ROOT / "samples"
