"""Estimate the size of the Windows one-folder build (dist/faedah/) from the Windows wheels, on any machine.

    python packaging/windows_size.py [--wheels DIR] [--list-dlls]

Without ``--wheels`` it downloads the win_amd64 / CPython 3.11 wheels of the app's dependencies into a temporary
folder (``pip download --only-binary=:all: --platform win_amd64``). It then applies the spec's rules
(packaging/slim.py) to the wheels' contents, the way PyInstaller and faedah.spec would on Windows:

* Qt plugins: only ``slim.KEEP_PLUGINS["win32"]``; no Qt translations, tools (``*.exe``), headers, QML,
  type stubs or typesystem files;
* extension modules (``.pyd``): the PySide6 bindings the app imports (QtCore, QtGui, QtWidgets,
  QtPrintSupport) and every other package's, less ``slim.EXCLUDED_MODULES``;
* no ``PySide6/resources/`` (QtWebEngine's ICU data; Qt6Core uses Windows' ICU), and each DLL once (the MSVC
  runtime is in both the PySide6 and the shiboken6 wheel);
* DLLs: only those reachable from the kept extension modules and plugins (``slim.prune_orphans``), with each
  DLL's imports read as the ``*.dll`` names in its bytes (a superset of its import table, so the estimate errs
  on the large side), less ``slim.DROP_BINARIES``;
* pure Python: the wheels' deflated ``.py`` sizes stand for the compressed module archive that each of the two
  executables embeds (the CLI's without PySide6);
* what no wheel has: the Python runtime (python311.dll, the standard library's .pyd files and modules) and
  the two bootloaders, as fixed allowances (RUNTIME_ALLOWANCE), and the app's own code and resources/ measured
  from this tree.

The figure is decimal MB (10^6 bytes), the unit of the 90 MB target.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import subprocess
import sys
import tempfile
import zipfile
from collections import defaultdict
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = (
    "pyside6-essentials>=6.8,<6.12",
    "pydantic>=2.7,<3",
    "reportlab>=4.2,<6",
    "pypdfium2>=4.30,<6",
)
QT_BINDINGS_USED = ("QtCore", "QtGui", "QtWidgets", "QtPrintSupport")
MB = 10**6
# Not in any wheel; from the python.org 3.11 x64 embeddable package: python311.dll 4.5 MB, the standard
# library's extension modules less the excluded ones (_ssl, _hashlib, _sqlite3, _tkinter ...) 2.5 MB,
# vcruntime140(_1).dll 0.1 MB, base_library.zip 1.4 MB and the standard library in each executable's module
# archive 2 x 2.5 MB; the two bootloaders 2 x 0.3 MB.
RUNTIME_ALLOWANCE = int(14.1 * MB)
SKIP_SUFFIXES = (
    ".exe",
    ".pyi",
    ".h",
    ".hpp",
    ".lib",
    ".prl",
    ".qmltypes",
    ".json",
    ".cmake",
    ".pc",
    ".typed",
)
SKIP_PARTS = (
    "translations",
    "include",
    "typesystems",
    "glue",
    "qml",
    "metatypes",
    "scripts",
    "doc",
    "__pycache__",
)
# QtWebEngine's ICU data: Qt6Core.dll uses Windows' own ICU (icu.dll), and the PySide6 hook collects this
# folder only for QtWebEngine
WEBENGINE_ONLY = ("PySide6/resources/",)
DLL_NAME = re.compile(rb"[A-Za-z0-9_.\-]{2,64}\.dll", re.I)


def _slim() -> ModuleType:
    spec = importlib.util.spec_from_file_location("faedah_slim", ROOT / "packaging" / "slim.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def download(folder: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "-q",
            "--disable-pip-version-check",
            "--only-binary=:all:",
            "--platform",
            "win_amd64",
            "--python-version",
            "3.11",
            "--implementation",
            "cp",
            "-d",
            str(folder),
            *REQUIREMENTS,
        ],
        check=True,
    )


def _excluded(dest: str, slim: ModuleType) -> bool:
    module = dest.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
    module = re.sub(r"\.(cp\d+-win_amd64|pyd)$", "", re.sub(r"\.cp\d+-win_amd64\.pyd$|\.pyd$", "", module))
    return any(module == ex or module.startswith(ex + ".") for ex in slim.EXCLUDED_MODULES)


def estimate(wheels: Path) -> dict[str, object]:
    slim = _slim()
    sizes: dict[str, int] = {}
    imports: dict[str, list[str]] = {}
    python_bytes = {"gui": 0, "cli": 0}
    data_bytes = 0
    binaries: list[tuple[str, str, str]] = []
    for wheel in sorted(wheels.glob("*.whl")):
        with zipfile.ZipFile(wheel) as archive:
            for info in archive.infolist():
                dest = info.filename
                parts = dest.split("/")
                if info.is_dir() or ".dist-info/" in dest or ".data/" in dest:
                    continue
                if dest.endswith(SKIP_SUFFIXES) or any(p in SKIP_PARTS for p in parts[:-1]):
                    continue
                if _excluded(dest, slim) or dest.startswith(WEBENGINE_ONLY):
                    continue
                if dest.endswith(".py"):
                    python_bytes["gui"] += info.compress_size
                    if not dest.startswith(("PySide6/", "shiboken6/")):
                        python_bytes["cli"] += info.compress_size
                    continue
                lower = dest.lower()
                if lower.endswith(".pyd"):
                    if dest.startswith("PySide6/") and parts[-1].split(".")[0] not in QT_BINDINGS_USED:
                        continue
                    binaries.append((dest, dest, "EXTENSION"))
                elif lower.endswith(".dll"):
                    binaries.append((dest, dest, "BINARY"))
                else:
                    data_bytes += info.file_size
                    continue
                sizes[dest] = info.file_size
                imports[dest] = [m.decode("ascii") for m in DLL_NAME.findall(archive.read(info))]
    binaries = slim.filter_binaries(binaries, "win32", svg=slim.uses_svg(str(ROOT)))
    kept, _dropped = slim.prune_orphans(binaries, lambda src: imports[src], case_insensitive=True)
    by_group: dict[str, int] = defaultdict(int)
    seen: set[str] = set()
    for dest, _, _ in kept:
        name = dest.split("/")[-1].lower()
        if name.endswith(".dll") and name in seen:
            continue  # the MSVC runtime ships in both PySide6 and shiboken6: collected once
        seen.add(name)
        group = "Qt plugins" if slim.is_qt_plugin(dest) else dest.split("/")[0]
        by_group[group] += sizes[dest]
    own_code = sum(p.stat().st_size for pkg in ("estimator", "ui") for p in (ROOT / pkg).rglob("*.py")) // 3
    resources = sum(p.stat().st_size for p in (ROOT / "resources").rglob("*") if p.is_file())
    parts = {
        **{f"binaries: {k}": v for k, v in sorted(by_group.items(), key=lambda kv: -kv[1])},
        "package data files": data_bytes,
        "module archives (2 executables, compressed)": python_bytes["gui"]
        + python_bytes["cli"]
        + 2 * own_code,
        "resources/ (rules, i18n, fonts, icons)": resources,
        "Python runtime and bootloaders (allowance)": RUNTIME_ALLOWANCE,
    }
    return {
        "parts": parts,
        "total": sum(parts.values()),
        "dlls": sorted({d.split("/")[-1] for d, _, _ in kept if d.lower().endswith(".dll")}, key=str.lower),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheels", type=Path, help="a folder of win_amd64 wheels (default: download them)")
    parser.add_argument("--list-dlls", action="store_true", help="also list every DLL the spec keeps")
    opts = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="faedah-winwheels-") as tmp:
        wheels = opts.wheels or Path(tmp)
        if opts.wheels is None:
            download(wheels)
        found = estimate(wheels)
    for name, size in found["parts"].items():  # type: ignore[attr-defined]
        print(f"{size / MB:8.1f} MB  {name}")
    print(f"{found['total'] / MB:8.1f} MB  total (target <= 90 MB)")  # type: ignore[operator]
    if opts.list_dlls:
        print("DLLs kept:", ", ".join(found["dlls"]))  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
