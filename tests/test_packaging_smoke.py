"""packaging/smoke_test.py's checks against a stand-in bundle: a ``faedah`` script that runs the source tree as
if frozen (``sys.frozen``, ``sys._MEIPASS``), so the checks that do not need PyInstaller are tested here."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("faedah_smoke_s", ROOT / "packaging" / "smoke_test.py")
assert _spec is not None and _spec.loader is not None
smoke = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(smoke)

STAND_IN = """#!{python}
import sys
sys.frozen = True
sys._MEIPASS = {internal!r}
sys.executable = {exe!r}
sys.path.insert(0, {root!r})
from estimator.cli.main import main
sys.exit(main())
"""


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    folder = tmp_path / "faedah"
    internal = folder / "_internal"
    internal.mkdir(parents=True)
    (internal / "resources").symlink_to(ROOT / "resources", target_is_directory=True)
    exe = folder / "faedah"
    exe.write_text(
        STAND_IN.format(python=sys.executable, internal=str(internal), exe=str(exe), root=str(ROOT)),
        encoding="utf-8",
    )
    exe.chmod(0o755)
    return folder


@pytest.mark.skipif(os.name == "nt", reason="the stand-in executable is a POSIX script (symlink, shebang)")
def test_office_overrides_check_expects_the_last_accepted_pack(bundle: Path, tmp_path: Path) -> None:
    """The app keeps the last accepted office pack in force when a newer one is damaged; the smoke test used to
    expect the bundled pack and so failed every release build."""
    work = tmp_path / "work"
    work.mkdir()
    message = smoke.check_office_overrides(bundle, work)
    assert "last accepted" in message
    assert not (bundle / "rules").exists() and not (bundle / "commutation.json").exists()
