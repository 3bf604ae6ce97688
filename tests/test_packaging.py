"""Cheap checks of the packaging (the real PyInstaller build is NOT run here: see packaging/build).

The slimming rules, the spec files, the version resource template, the build and smoke-test scripts.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


slim = _load("faedah_slim", PACKAGING / "slim.py")
smoke = _load("faedah_smoke", PACKAGING / "smoke_test.py")

# What the app needs at run time: never excluded.
NEEDED = (
    "estimator",
    "estimator.render.pdf",
    "estimator.cli.main",
    "ui",
    "pydantic",
    "pydantic_core",
    "reportlab",
    "PIL",
    "PIL.Image",
    "PIL.PngImagePlugin",
    "PIL.JpegImagePlugin",
    "PySide6.QtCore",
    "PySide6.QtGui",
    "PySide6.QtWidgets",
    "PySide6.QtPrintSupport",
    "decimal",
    "_decimal",
    "hashlib",
    "_sha256",
    "json",
    "csv",
    "asyncio",
    "email",
    "urllib.request",
    "xml.sax.saxutils",
    "html.parser",
    "ctypes",
)
# Imported at run time only inside try/except ImportError (the fallback is fine).
OPTIONAL = ("ssl", "_ssl", "_hashlib")


def _excluded(module: str) -> bool:
    return any(module == ex or module.startswith(ex + ".") for ex in slim.EXCLUDED_MODULES)


def test_excludes_are_unique_and_spare_what_the_app_needs() -> None:
    assert len(set(slim.EXCLUDED_MODULES)) == len(slim.EXCLUDED_MODULES)
    assert not [m for m in NEEDED if _excluded(m)]
    for heavy in (
        "PySide6.QtQml",
        "PySide6.QtQuick",
        "PySide6.QtWebEngineCore",
        "PySide6.QtNetwork",
        "tkinter",
    ):
        assert _excluded(heavy)


def test_nothing_the_app_imports_at_run_time_is_excluded(tmp_path: Path) -> None:
    """Run both executables' code paths in a fresh interpreter (the CLI to a PDF; the main window with the
    core loaded; printing's page rasteriser) and check that none of it needs an excluded module."""
    code = f"""
import json, sys
sys.path.insert(0, {str(ROOT)!r})
from estimator import cli
cli.main(["estimate", {str(ROOT / "samples" / "death_four_dependants.json")!r}, "--json"])
cli.main(["estimate", {str(ROOT / "samples" / "tdb_work_accident.json")!r}, "--pdf", {str(tmp_path / "o.pdf")!r},
          "--lang", "both"])
import pkgutil, importlib, ui
for m in pkgutil.iter_modules(ui.__path__):
    if m.name != "__main__":
        importlib.import_module("ui." + m.name)
from PySide6.QtWidgets import QApplication
app = QApplication(["faedah-gui"])
from ui.app import create_window
window = create_window(["faedah-gui"])
window.show()
window.core.load()
from ui.printing import page_images
pages = list(page_images(open({str(tmp_path / "o.pdf")!r}, "rb").read(), 20, [1]))
assert pages and not pages[0].isNull()
window.close()
print("MODULES=" + json.dumps(sorted(sys.modules)))
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    line = next(x for x in proc.stdout.splitlines() if x.startswith("MODULES="))
    loaded = json.loads(line[len("MODULES=") :])
    bad = [m for m in loaded if _excluded(m) and m not in OPTIONAL]
    assert bad == []


@pytest.mark.parametrize(
    ("dest", "platform", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "linux", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", "linux", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", "linux", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "linux", False),
        ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", "linux", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", "linux", False),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", "linux", False),
        ("PySide6/Qt/plugins/imageformats/libqico.so", "linux", True),
        ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", "linux", True),
        # Windows wheels: PySide6/plugins/ (no Qt/ level)
        ("PySide6\\plugins\\platforms\\qwindows.dll", "win32", True),
        ("PySide6\\plugins\\platforms\\qoffscreen.dll", "win32", True),
        ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", "win32", True),
        ("PySide6\\plugins\\printsupport\\windowsprintersupport.dll", "win32", True),
        ("PySide6\\plugins\\platforms\\qdirect2d.dll", "win32", False),
        ("PySide6\\plugins\\imageformats\\qgif.dll", "win32", False),
        ("PySide6\\plugins\\generic\\qtuiotouchplugin.dll", "win32", False),
        ("PySide6\\Qt6Core.dll", "win32", True),
    ],
)
def test_kept_qt_plugins(dest: str, platform: str, kept: bool) -> None:
    assert slim.keep_plugin(dest, platform) is kept


def test_svg_plugins_only_on_request() -> None:
    dest = "PySide6/Qt/plugins/imageformats/libqsvg.so"
    assert not slim.keep_plugin(dest, "linux")
    assert slim.keep_plugin(dest, "linux", svg=True)
    assert slim.keep_plugin("PySide6/plugins/iconengines/qsvgicon.dll", "win32", svg=True)


def test_prune_drops_what_only_dropped_plugins_needed() -> None:
    binaries = [
        ("PySide6/QtWidgets.abi3.so", "/s/QtWidgets.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", "/s/libQt6Widgets.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/s/libQt6Gui.so.6", "BINARY"),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/s/libqgtk3.so", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/s/libqxcb.so", "BINARY"),
        ("libgtk-3.so.0", "/s/libgtk-3.so.0", "BINARY"),
        ("libcairo.so.2", "/s/libcairo.so.2", "BINARY"),
        ("libxcb.so.1", "/s/libxcb.so.1", "BINARY"),
        ("libpython3.11.so.1.0", "/s/libpython3.11.so.1.0", "BINARY"),
        ("libcups.so.2", "/s/libcups.so.2", "BINARY"),
        ("libgnutls.so.30", "/s/libgnutls.so.30", "BINARY"),
        ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", "/s/libcupsprintersupport.so", "BINARY"),
        # loaded with ctypes (nothing links it) but shipped in its package's folder: kept
        ("pypdfium2_raw/libpdfium.so", "/s/libpdfium.so", "BINARY"),
        ("pillow.libs/libjpeg-1234.so.62", "/s/libjpeg-1234.so.62", "BINARY"),
        ("PySide6/Qt/lib/libQt6Network.so.6", "/s/libQt6Network.so.6", "BINARY"),
    ]
    graph = {
        "QtWidgets.abi3.so": ["libQt6Widgets.so.6", "libc.so.6"],
        "libQt6Widgets.so.6": ["libQt6Gui.so.6"],
        "libqgtk3.so": ["libgtk-3.so.0", "libQt6Gui.so.6"],
        "libgtk-3.so.0": ["libcairo.so.2"],
        "libqxcb.so": ["libxcb.so.1"],
        "libcupsprintersupport.so": ["libcups.so.2", "libQt6Gui.so.6"],
        "libcups.so.2": ["libgnutls.so.30"],
    }

    def imports_of(src: str) -> list[str]:
        return graph.get(Path(src).name, [])

    bins, datas = slim.slim(binaries, [], platform="linux", imports_of=imports_of, log=lambda _m: None)
    kept = {Path(d).name for d, _s, _t in bins}
    assert kept == {
        "QtWidgets.abi3.so",
        "libQt6Widgets.so.6",
        "libQt6Gui.so.6",
        "libqxcb.so",
        "libxcb.so.1",
        "libpython3.11.so.1.0",
        "libcupsprintersupport.so",
        "libpdfium.so",
        "libjpeg-1234.so.62",
    }
    assert datas == []


def test_prune_is_case_insensitive_on_windows() -> None:
    binaries = [
        ("PySide6\\QtCore.pyd", "C:\\s\\QtCore.pyd", "EXTENSION"),
        ("PySide6\\Qt6Core.dll", "C:\\s\\Qt6Core.dll", "BINARY"),
        ("PySide6\\Qt6Network.dll", "C:\\s\\Qt6Network.dll", "BINARY"),
        ("libcrypto-3.dll", "C:\\s\\libcrypto-3.dll", "BINARY"),
        ("PySide6\\opengl32sw.dll", "C:\\s\\opengl32sw.dll", "BINARY"),
        ("python311.dll", "C:\\s\\python311.dll", "BINARY"),
        ("VCRUNTIME140.dll", "C:\\s\\VCRUNTIME140.dll", "BINARY"),
    ]
    graph = {"QtCore.pyd": ["QT6CORE.DLL"], "python311.dll": ["vcruntime140.dll"]}
    bins, _ = slim.slim(
        binaries,
        [],
        platform="win32",
        imports_of=lambda src: graph.get(src.split("\\")[-1], []),
        log=lambda _m: None,
    )
    assert {d.split("\\")[-1] for d, _s, _t in bins} == {
        "QtCore.pyd",
        "Qt6Core.dll",
        "python311.dll",
        "VCRUNTIME140.dll",
    }


def test_datas_lose_qt_translations_and_dangling_symlinks() -> None:
    datas = [
        ("PySide6/Qt/translations/qtbase_de.qm", "/s/qtbase_de.qm", "DATA"),
        ("PySide6\\translations\\qtbase_fr.qm", "C:\\s\\qtbase_fr.qm", "DATA"),
        ("resources/rules/manifest.json", "/s/manifest.json", "DATA"),
        ("PySide6/QtCore.pyi", "/s/QtCore.pyi", "DATA"),
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
    ]
    binaries = [("PySide6/Qt/lib/libQt6Core.so.6", "/s/libQt6Core.so.6", "BINARY")]
    kept = slim.drop_dangling_symlinks(slim.filter_datas(datas), [b[0] for b in binaries])
    assert [d[0] for d in kept] == ["resources/rules/manifest.json", "libQt6Core.so.6"]


def test_resources_collected(tmp_path: Path) -> None:
    pairs = slim.resource_datas(str(ROOT))
    dests = {(Path(src).name, dest) for src, dest in pairs}
    assert ("manifest.json", "resources/rules") in dests
    assert ("DejaVuSans.ttf", "resources/fonts") in dests
    assert ("LICENSE-DejaVu.txt", "resources/fonts") in dests
    assert any(dest == "resources/i18n" for _n, dest in dests)
    # nothing stray
    fake = tmp_path / "resources" / "rules"
    fake.mkdir(parents=True)
    (fake / "manifest.json").write_text("{}", encoding="utf-8")
    (fake / "manifest.json.bak").write_text("{}", encoding="utf-8")
    (fake / "__pycache__").mkdir()
    (fake / "__pycache__" / "x.pyc").write_bytes(b"")
    assert [Path(s).name for s, _d in slim.resource_datas(str(tmp_path))] == ["manifest.json"]


def _calls(spec: Path) -> dict[str, list[ast.Call]]:
    tree = ast.parse(spec.read_text(encoding="utf-8"), filename=str(spec))
    out: dict[str, list[ast.Call]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            out.setdefault(node.func.id, []).append(node)
    return out


def _kw(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def test_faedah_spec_two_executables_one_folder() -> None:
    calls = _calls(PACKAGING / "faedah.spec")
    exes = {ast.literal_eval(_kw(c, "name")): c for c in calls["EXE"]}  # type: ignore[arg-type]
    assert set(exes) == {"faedah-gui", "faedah"}
    assert ast.literal_eval(_kw(exes["faedah-gui"], "console")) is False  # type: ignore[arg-type]
    assert ast.literal_eval(_kw(exes["faedah"], "console")) is True  # type: ignore[arg-type]
    for call in [*calls["EXE"], *calls["COLLECT"]]:
        assert ast.literal_eval(_kw(call, "upx")) is False  # type: ignore[arg-type]
        assert isinstance(_kw(call, "strip"), ast.Name)  # STRIP: on for Linux only
    assert len(calls["COLLECT"]) == 1
    assert ast.literal_eval(_kw(calls["COLLECT"][0], "name")) == "faedah"  # type: ignore[arg-type]
    for call in calls["EXE"]:
        assert _kw(call, "exclude_binaries") is not None  # one-folder
        assert ast.literal_eval(_kw(call, "contents_directory")) == "_internal"  # type: ignore[arg-type]
    assert (PACKAGING / "entry_gui.py").exists() and (PACKAGING / "entry_cli.py").exists()


def test_reference_spec_frozen_the_same_way() -> None:
    text = (ROOT / "bench" / "reference" / "reference_wizard.spec").read_text(encoding="utf-8")
    calls = _calls(ROOT / "bench" / "reference" / "reference_wizard.spec")
    assert "slim.EXCLUDED_MODULES" in text and "slim.slim(" in text
    for call in [*calls["EXE"], *calls["COLLECT"]]:
        assert ast.literal_eval(_kw(call, "upx")) is False  # type: ignore[arg-type]


def test_entry_points_exist() -> None:
    assert (ROOT / "ui" / "__main__.py").exists()
    text = (ROOT / "estimator" / "cli" / "main.py").read_text(encoding="utf-8")
    assert "def main(" in text


def test_version_info_template_renders(tmp_path: Path) -> None:
    import string

    text = string.Template((PACKAGING / "version_info.txt.in").read_text(encoding="utf-8")).substitute(
        filevers=repr((0, 1, 0, 0)),
        version="0.1.0",
        description="Faedah",
        internal_name="faedah-gui",
        original_filename="faedah-gui.exe",
    )
    assert "$" not in text
    expr = ast.parse(text, mode="eval").body  # one expression: VSVersionInfo(...)
    assert isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id == "VSVersionInfo"
    strings = {
        ast.literal_eval(c.args[0]): ast.literal_eval(c.args[1])
        for c in ast.walk(expr)
        if isinstance(c, ast.Call) and isinstance(c.func, ast.Name) and c.func.id == "StringStruct"
    }
    assert strings["OriginalFilename"] == "faedah-gui.exe" and strings["ProductVersion"] == "0.1.0"
    # the real parser needs pefile (a Windows-only dependency of PyInstaller)
    versioninfo = pytest.importorskip("PyInstaller.utils.win32.versioninfo")
    target = tmp_path / "version.txt"
    target.write_text(text, encoding="utf-8")
    info = versioninfo.load_version_info_from_text_file(str(target))
    assert "faedah-gui.exe" in str(info)


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_build_script_syntax_and_help() -> None:
    script = PACKAGING / "build"
    assert os.access(script, os.X_OK)
    assert subprocess.run(["bash", "-n", str(script)], capture_output=True, timeout=30).returncode == 0
    out = subprocess.run(["bash", str(script), "--help"], capture_output=True, text=True, timeout=30)
    assert out.returncode == 0 and "--reference" in out.stdout


def test_smoke_test_refuses_a_missing_bundle(tmp_path: Path) -> None:
    assert smoke.main(["smoke_test.py", str(tmp_path / "nothing")]) == 2
