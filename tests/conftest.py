"""Test set-up.  Qt must run offscreen, and that must be decided before any QApplication exists."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("FAEDAH_PORTABLE_TEST", "1")

import json  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test touches the real user settings, autosave folder or office overrides."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("FAEDAH_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("FAEDAH_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("FAEDAH_RULES_DIR", str(home / "no-office-rules"))
    monkeypatch.setenv("FAEDAH_COMMUTATION_FILE", str(home / "no-office-commutation.json"))


def load_sample(name: str) -> dict:
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))
