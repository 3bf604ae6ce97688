"""The Windows delivery's own parts, checked without Wine: the MSI source, the lock files, the third-party
notices, the one version, the Wine test runner's report reading, and the scripts' syntax.  The real runs are
scripts/test-windows.sh and packaging/build-windows (in .ci/run)."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
WIX = "{http://schemas.microsoft.com/wix/2006/wi}"


def _load(name: str, path: Path) -> ModuleType:
    sys.path.insert(0, str(path.parent))
    try:
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(path.parent))
    return module


msi = _load("faedah_msi", ROOT / "packaging" / "msi.py")
version = _load("faedah_version", ROOT / "packaging" / "version.py")
notices = _load("faedah_notices", ROOT / "packaging" / "notices.py")
lock = _load("faedah_lock", ROOT / "packaging" / "lock.py")
run_suite = _load("faedah_run_suite", ROOT / "scripts" / "wine" / "run_suite.py")


def _bundle(tmp_path: Path) -> Path:
    dist = tmp_path / "faedah"
    (dist / "_internal" / "resources").mkdir(parents=True)
    for name in ("faedah-gui.exe", "faedah.exe", "_internal/resources/a b.json", "_internal/python311.dll"):
        (dist / name).write_bytes(b"x")
    return dist


def test_msi_is_per_user_upgrades_cleanly_and_keeps_user_files(tmp_path: Path) -> None:
    root = ET.fromstring(msi.wxs(_bundle(tmp_path), "0.1.0"))
    product = root.find(f"{WIX}Product")
    assert product is not None and product.get("UpgradeCode") == msi.UPGRADE_CODE and product.get("Id") == "*"
    package = product.find(f"{WIX}Package")
    assert package is not None and package.get("InstallScope") == "perUser"
    assert (
        product.find(f"{WIX}MajorUpgrade") is not None
    )  # the previous version is removed first: no stale file
    install = next(d for d in root.iter(f"{WIX}Directory") if d.get("Id") == "INSTALLDIR")
    files = [f.get("Source") for f in install.iter(f"{WIX}File")]
    assert sorted(files) == [
        "faedah/_internal/python311.dll",
        "faedah/_internal/resources/a b.json",
        "faedah/faedah-gui.exe",
        "faedah/faedah.exe",
    ]
    guids = [c.get("Guid") for c in root.iter(f"{WIX}Component")]
    assert len(set(guids)) == len(guids)
    assert msi.wxs(_bundle(tmp_path / "again"), "0.2.0").count(guids[0]) == 1  # the same file keeps its GUID
    # nothing is installed into the user's documents (the shortcut only starts there)
    personal = next(d for d in root.iter(f"{WIX}Directory") if d.get("Id") == "PersonalFolder")
    assert list(personal) == []


def test_msi_version_numbers() -> None:
    assert msi.msi_version("0.1.0") == "0.1.0"
    assert msi.msi_version("1.2") == "1.2.0"
    assert msi.msi_version("2.0.1rc1") == "2.0.1"


@pytest.mark.skipif(shutil.which("wixl") is None, reason="wixl (msitools) is not installed")
def test_wixl_builds_the_msi(tmp_path: Path) -> None:
    wxs = tmp_path / "faedah.wxs"
    wxs.write_text(msi.wxs(_bundle(tmp_path), "0.1.0"), encoding="utf-8")
    subprocess.run(["wixl", "-a", "x64", "-o", "out.msi", str(wxs)], cwd=tmp_path, check=True, timeout=120)
    assert (tmp_path / "out.msi").read_bytes()[:8] == bytes.fromhex(
        "d0cf11e0a1b11ae1"
    )  # an OLE compound file


def test_one_version() -> None:
    import estimator

    assert version.read_version() == estimator.__version__
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project and project["dynamic"] == ["version"]
    spec = (ROOT / "packaging" / "faedah.spec").read_text(encoding="utf-8")
    assert "read_version()" in spec and '["version"]' not in spec


def test_lock_files_cover_the_requirements_with_hashes() -> None:
    assert lock.main(["--check"]) == 0
    for target in lock.TARGETS:
        text = (ROOT / "packaging" / "lock" / f"{target}.txt").read_text(encoding="utf-8")
        pins = re.findall(r"^\S+==\S+ \\\n    --hash=sha256:[0-9a-f]{64}$", text, re.M)
        assert len(pins) == len(lock.pinned(target)) > 10
    windows = lock.pinned("windows-py311")
    assert {"colorama", "pefile", "pywin32-ctypes", "pyinstaller", "pyside6-essentials"} <= set(windows)


def test_third_party_notices(tmp_path: Path) -> None:
    assert notices.main(["notices.py", str(tmp_path)]) == 0
    text = (tmp_path / notices.NAME).read_text(encoding="utf-8")
    for needed in (
        "PSF",
        "GNU LESSER GENERAL PUBLIC LICENSE",
        "GNU GENERAL PUBLIC LICENSE",
        "PySide6",
        "PDFium",
        "HarfBuzz",
        "reportlab",
        "pillow",
        "pydantic",
        "Droid Sans Fallback (Apache-2.0",
    ):
        assert needed.lower() in text.lower(), needed


def test_fallback_font_ships_the_full_apache_text() -> None:
    text = (ROOT / "resources" / "fonts" / "LICENSE-DroidSansFallback.txt").read_text(encoding="utf-8")
    assert "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION" in text
    assert "END OF TERMS AND CONDITIONS" in text and "/usr/share" not in text


def test_wine_runner_reads_junit_reports(tmp_path: Path) -> None:
    report = tmp_path / "test_x.xml"
    report.write_text(
        '<?xml version="1.0"?><testsuites><testsuite name="pytest" tests="4">'
        '<testcase classname="tests.test_x" name="a"/>'
        '<testcase classname="tests.test_x" name="b"><failure message="boom"/></testcase>'
        '<testcase classname="tests.test_x" name="c"><skipped message="posix"/></testcase>'
        '<testcase classname="tests.test_x" name="d"><error message="setup"/></testcase>'
        "</testsuite></testsuites>",
        encoding="utf-8",
    )
    result = run_suite.read_report(report)
    assert (result.passed, result.failed, result.skipped) == (1, 2, 1)
    assert result.failures == ["tests.test_x::b", "tests.test_x::d"]
    report.write_text("<testsuites><testsuite", encoding="utf-8")  # cut short by a crash
    assert run_suite.read_report(report) is None
    assert run_suite.read_report(tmp_path / "missing.xml") is None


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
@pytest.mark.parametrize("script", ["scripts/test-windows.sh", "packaging/build-windows", ".ci/run"])
def test_scripts_parse(script: str) -> None:
    subprocess.run(["bash", "-n", script], cwd=ROOT, check=True, timeout=60)


def test_stand_in_dlls_stay_out_of_the_product() -> None:
    """The stand-ins for Wine's missing DLLs are compiled into the Wine prefix only."""
    script = (ROOT / "scripts" / "test-windows.sh").read_text(encoding="utf-8")
    assert '-o "$SYS32/bcryptprimitives.dll"' in script and '-o "$SYS32/icuuc.dll"' in script
    for path in (ROOT / "packaging").rglob("*"):
        if path.is_file() and path.suffix in (".py", ".spec", ""):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "bcryptprimitives" not in text and "icuuc" not in text, path


def test_wheel_record_lists_are_not_bundled() -> None:
    slim = _load("faedah_slim_r", ROOT / "packaging" / "slim.py")
    datas = [
        ("pyside6_essentials-6.11.3.dist-info/RECORD", "/x/RECORD", "DATA"),
        ("pyside6_essentials-6.11.3.dist-info/METADATA", "/x/METADATA", "DATA"),
    ]
    assert [d[0] for d in slim.filter_datas(datas)] == ["pyside6_essentials-6.11.3.dist-info/METADATA"]
