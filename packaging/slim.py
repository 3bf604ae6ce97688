"""Slimming rules shared by the Faedah spec and the bare reference-wizard spec.

Both ``faedah.spec`` and ``reference_wizard.spec`` load this file, so the app and the reference it is
compared against are frozen *the same way*. Nothing here imports PyInstaller at module level: the cheap
checks in ``tests/test_packaging.py`` load it with plain Python.

What is left out, and why:

* Python packages the app never imports but that PyInstaller's module graph drags in (pydantic's hook
  collects ``pydantic.mypy`` and ``pydantic.v1._hypothesis_plugin``, which pull mypy, hypothesis, pytest,
  IPython, numpy ...), plus tkinter and the Qt bindings for modules the app does not use.
* Qt plugins other than the ones a QtWidgets app needs (see ``KEEP_PLUGINS``), all Qt translations (Qt has
  no Malay catalog; the app translates its own buttons), and - on Linux - every shared library that no kept
  extension module or plugin needs any more (this drops the GTK theme stack brought in by the
  ``platformthemes/libqgtk3.so`` plugin, the Wayland and EGL stacks, OpenSSL for QtNetwork, ...).
"""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

# (dest_name, src_name, typecode), the shape of a PyInstaller 6 TOC entry.
TocEntry = tuple[str, str, str]

# Python modules (and their submodules) never used by Faedah or the reference wizard.
EXCLUDED_MODULES: tuple[str, ...] = (
    # dev and test tooling reached through pydantic's plugins
    "mypy",
    "mypyc",
    "ast_serialize",
    "pydantic.mypy",
    "pydantic.v1",
    "hypothesis",
    "pytest",
    "_pytest",
    "pytestqt",
    "pluggy",
    "IPython",
    "jedi",
    "parso",
    "trio",
    "setuptools",
    "pkg_resources",
    "distutils",
    "pip",
    "numpy",
    "matplotlib",
    "matplotlib_inline",
    "pygments",
    "jinja2",
    "yaml",
    "email_validator",
    "psutil",
    "docutils",
    "lib2to3",
    "pydoc_data",
    # Pillow parts reportlab does not need (it only opens PNG/JPEG images through PIL.Image)
    "PIL.ImageQt",
    "PIL.ImageTk",
    "PIL._imagingtk",
    "PIL.AvifImagePlugin",
    "PIL._avif",
    "PIL.WebPImagePlugin",
    "PIL._webp",
    "PIL.ImageCms",
    "PIL._imagingcms",
    "PIL.ImageFont",
    "PIL._imagingft",
    "PIL.ImageMath",
    "PIL._imagingmath",
    "PIL.ImageMorph",
    "PIL._imagingmorph",
    "PIL.ImageShow",
    "PIL.ImageGrab",
    # standard library parts the app does not use (all checked never imported at run time)
    "_hashlib",  # hashlib falls back to the built-in _sha256/_md5 modules: drops OpenSSL's libcrypto (~5 MB)
    "_pydecimal",  # decimal uses the C _decimal module
    "doctest",
    "pdb",
    "pydoc",
    "readline",
    "rlcompleter",
    "xmlrpc",
    "tarfile",
    "tkinter",
    "_tkinter",
    "turtle",
    "turtledemo",
    "idlelib",
    "sqlite3",
    "_sqlite3",
    "unittest",
    "test",
    "ssl",
    "_ssl",
    # Qt bindings the app does not use (QML/Quick, WebEngine, networking, ...)
    "PySide6.QtNetwork",
    "PySide6.QtDBus",
    "PySide6.QtQml",
    "PySide6.QtQmlFeatures",
    "PySide6.QtQuick",
    "PySide6.QtQuickControls2",
    "PySide6.QtQuickTest",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuick3D",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebEngineQuick",
    "PySide6.QtWebChannel",
    "PySide6.QtWebSockets",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtUiTools",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.QtLabsStyleKit",
    "PySide6.QtMultimedia",
    "PySide6.QtMultimediaWidgets",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtCharts",
    "PySide6.QtDataVisualization",
    "PySide6.QtGraphs",
    "PySide6.Qt3DCore",
    "PySide6.Qt3DRender",
    "PySide6.Qt3DInput",
    "PySide6.Qt3DLogic",
    "PySide6.Qt3DAnimation",
    "PySide6.Qt3DExtras",
)

# Qt plugins kept, per plugin type; "*" keeps the whole type. Every other plugin type is dropped
# (platformthemes with GTK3 and the xdg portal, wayland, egl, generic input, tls, networkinformation ...).
KEEP_PLUGINS: dict[str, dict[str, frozenset[str]]] = {
    "linux": {
        # xcb for a real X display, offscreen for the smoke test and headless runs, minimal as a fallback
        "platforms": frozenset({"libqxcb.so", "libqoffscreen.so", "libqminimal.so"}),
        "xcbglintegrations": frozenset({"*"}),
        # dead keys / compose sequences when typing names
        "platforminputcontexts": frozenset({"libcomposeplatforminputcontextplugin.so"}),
        "imageformats": frozenset({"libqico.so"}),
        "printsupport": frozenset({"*"}),
    },
    "win32": {
        "platforms": frozenset({"qwindows.dll", "qoffscreen.dll", "qminimal.dll"}),
        # the native Windows 10/11 look (qmodernwindowsstyle.dll / qwindowsvistastyle.dll)
        "styles": frozenset({"*"}),
        "imageformats": frozenset({"qico.dll"}),
        "printsupport": frozenset({"*"}),
    },
}

# Added to KEEP_PLUGINS only when ui/ loads .svg images (see uses_svg); otherwise libQt6Svg goes too.
SVG_PLUGINS: dict[str, dict[str, frozenset[str]]] = {
    "linux": {"imageformats": frozenset({"libqsvg.so"}), "iconengines": frozenset({"libqsvgicon.so"})},
    "win32": {"imageformats": frozenset({"qsvg.dll"}), "iconengines": frozenset({"qsvgicon.dll"})},
}

# Shared libraries dropped by name even if something still links them. Whatever only they needed goes too.
DROP_BINARIES: tuple[str, ...] = (
    # Windows software OpenGL: a QtWidgets app draws with the raster engine and never loads it
    "opengl32sw.dll",
    # Linux: the CUPS client library comes from the system, like libc and libGL (every desktop with a
    # printer has it). Bundling it would drag in gnutls, kerberos, avahi ... (about 8.6 MiB). Without a
    # system libcups, Qt simply skips its print-support plugin and the print dialog offers PDF only.
    "libcups.so.2",
    # Linux: the D-Bus client library, also from the system (Qt links it; running from source needs the same
    # system package, libdbus-1-3, which scripts/setup.sh installs). Bundling it drags in libsystemd,
    # libgcrypt, liblz4, libcap ... (about 2.8 MiB).
    "libdbus-1.so.3",
    # Linux: the C++ runtime, from the system as when running from source (the PySide6 wheels do not ship it
    # either). A bundled copy older than the system's breaks system GL drivers that need newer GLIBCXX symbols.
    "libstdc++.so.6",
)

# Where PyInstaller puts Qt's files: PySide6/Qt/{lib,plugins,translations} on Linux and macOS,
# PySide6/{*.dll,plugins,translations} on Windows.
_QT_PLUGIN = re.compile(r"^PySide6/(?:Qt/)?plugins/")
_QT_TRANSLATION = re.compile(r"^PySide6/(?:Qt/)?translations/")


def platform_key(platform: str | None = None) -> str:
    """``linux`` or ``win32`` (macOS is not a target; it is treated like Linux)."""
    platform = platform or sys.platform
    return "win32" if platform.startswith("win") else "linux"


def _posix(dest: str) -> str:
    return dest.replace("\\", "/")


def keep_plugin(dest: str, platform: str | None = None, svg: bool = False) -> bool:
    """Whether a collected file is kept as far as Qt plugins go (``svg``: keep the SVG plugins too)."""
    dest = _posix(dest)
    match = _QT_PLUGIN.match(dest)
    if not match:
        return True  # not a Qt plugin
    parts = dest[match.end() :].split("/")
    if len(parts) < 2:
        return False
    kind, name = parts[0], parts[-1]
    key = platform_key(platform)
    wanted = KEEP_PLUGINS[key].get(kind, frozenset())
    if svg:
        wanted = wanted | SVG_PLUGINS[key].get(kind, frozenset())
    if not wanted:
        return False
    return "*" in wanted or name.lower() in wanted


def is_qt_plugin(dest: str) -> bool:
    return bool(_QT_PLUGIN.match(_posix(dest)))


def is_prunable(dest: str) -> bool:
    """A shared library that may be dropped when nothing kept links it: one collected at the top level (a
    system library found by dependency analysis) or a Qt library. Libraries a package ships in its own
    folder (``pypdfium2_raw/libpdfium.so``, loaded with ctypes; ``pillow.libs/...``) are always kept."""
    dest = _posix(dest)
    return "/" not in dest or (dest.startswith("PySide6/") and not is_qt_plugin(dest))


def is_extension_module(dest: str) -> bool:
    """A Python extension module (a root of the library graph) rather than a plain shared library."""
    name = PurePosixPath(_posix(dest)).name.lower()
    if name.endswith(".pyd"):
        return True
    return name.endswith(".so") and (
        ".cpython-" in name or name.endswith(".abi3.so") or "lib-dynload/" in dest
    )


def is_python_runtime(dest: str) -> bool:
    """libpython / pythonXY.dll: loaded by the bootloader, so always a root."""
    name = PurePosixPath(_posix(dest)).name.lower()
    return name.startswith(("libpython", "python3")) and (".so" in name or name.endswith(".dll"))


def filter_binaries(
    binaries: Iterable[TocEntry], platform: str | None = None, svg: bool = False
) -> list[TocEntry]:
    """Drop unwanted Qt plugins and named binaries (no dependency analysis yet)."""
    kept: list[TocEntry] = []
    for entry in binaries:
        dest = _posix(entry[0])
        name = PurePosixPath(dest).name.lower()
        if is_qt_plugin(dest) and not keep_plugin(dest, platform, svg):
            continue
        if name in {d.lower() for d in DROP_BINARIES}:
            continue
        kept.append(entry)
    return kept


def filter_datas(datas: Iterable[TocEntry]) -> list[TocEntry]:
    """Drop Qt translations and stray files (typing stubs, caches, wheels' RECORD lists)."""
    kept: list[TocEntry] = []
    for entry in datas:
        dest = _posix(entry[0])
        if _QT_TRANSLATION.match(dest):
            continue
        if dest.endswith((".pyi", ".pyc")) or "/__pycache__/" in dest:
            continue
        if dest.endswith(".dist-info/RECORD"):  # pip's list of a wheel's files (0.3 MB for PySide6), unused
            continue
        kept.append(entry)
    return kept


def drop_dangling_symlinks(datas: Iterable[TocEntry], present: Iterable[str]) -> list[TocEntry]:
    """Drop PyInstaller's top-level ``SYMLINK`` entries whose target is no longer collected."""
    have = {posixpath.normpath(_posix(d)) for d in present}
    kept: list[TocEntry] = []
    for entry in datas:
        if entry[2] == "SYMLINK":
            dest = _posix(entry[0])
            target = posixpath.normpath(posixpath.join(posixpath.dirname(dest), _posix(entry[1])))
            if target not in have:
                continue
        kept.append(entry)
    return kept


def prune_orphans(
    binaries: list[TocEntry],
    imports_of: Callable[[str], Iterable[str]],
    case_insensitive: bool = False,
) -> tuple[list[TocEntry], list[TocEntry]]:
    """Keep only the shared libraries reachable from a root (extension module, Qt plugin, Python runtime, or a
    library a package ships in its own folder - see ``is_prunable``).

    ``imports_of(src_path)`` returns the names of the libraries a binary links against. Returns
    ``(kept, dropped)``.
    """

    def norm(name: str) -> str:
        base = PurePosixPath(_posix(name)).name
        return base.lower() if case_insensitive else base

    by_name: dict[str, list[TocEntry]] = {}
    roots: list[TocEntry] = []
    for entry in binaries:
        dest = _posix(entry[0])
        by_name.setdefault(norm(dest), []).append(entry)
        root = entry[2] == "EXTENSION" or is_extension_module(dest) or is_python_runtime(dest)
        if root or is_qt_plugin(dest) or not is_prunable(dest):
            roots.append(entry)
    reached: set[int] = set()
    todo = list(roots)
    while todo:
        entry = todo.pop()
        if id(entry) in reached:
            continue
        reached.add(id(entry))
        for lib in imports_of(entry[1]):
            for dep in by_name.get(norm(lib), []):
                if id(dep) not in reached:
                    todo.append(dep)
    kept = [e for e in binaries if id(e) in reached]
    dropped = [e for e in binaries if id(e) not in reached]
    return kept, dropped


def elf_needed(src: str) -> list[str]:
    """The DT_NEEDED entries of an ELF file (direct dependencies only), via ``objdump -p``."""
    out = subprocess.run(["objdump", "-p", src], capture_output=True, text=True, check=False).stdout
    return [
        line.split()[1]
        for line in out.splitlines()
        if line.strip().startswith("NEEDED") and len(line.split()) > 1
    ]


def pyinstaller_imports_of(src: str) -> list[str]:
    """The direct link-time imports of a binary: ``objdump -p`` on Linux, PyInstaller's pefile analysis on
    Windows (``ldd`` would list indirect dependencies too, which defeats dropping a library by name)."""
    if platform_key() == "linux":
        return elf_needed(src)
    from PyInstaller.depend import bindepend  # imported lazily: only available inside a build

    names: list[str] = []
    for name, path in bindepend.get_imports(src):
        names.append(os.path.basename(path) if path else name)
        names.append(os.path.basename(name))
    return names


def slim(
    binaries: Iterable[TocEntry],
    datas: Iterable[TocEntry],
    platform: str | None = None,
    imports_of: Callable[[str], Iterable[str]] | None = None,
    log: Callable[[str], None] = print,
    svg: bool = False,
) -> tuple[list[TocEntry], list[TocEntry]]:
    """Apply every rule to an Analysis' binaries and datas; returns the slimmed ``(binaries, datas)``.

    ``svg``: keep Qt's SVG image and icon plugins (only needed when the app ships SVG icons).
    """
    binaries = list(binaries)
    datas = list(datas)
    bins = filter_binaries(binaries, platform, svg)
    dats = filter_datas(datas)
    bins, dropped = prune_orphans(
        bins, imports_of or pyinstaller_imports_of, case_insensitive=platform_key(platform) == "win32"
    )
    dats = drop_dangling_symlinks(dats, [e[0] for e in bins] + [e[0] for e in dats if e[2] != "SYMLINK"])
    log(
        f"slim: binaries {len(binaries)} -> {len(bins)} ({len(dropped)} orphan libraries dropped), "
        f"datas {len(datas)} -> {len(dats)}"
    )
    return bins, dats


def uses_svg(root: str) -> bool:
    """Whether the app's code loads SVG images (then Qt's SVG plugins are kept).

    The app icon ships as ``faedah.svg`` too, but only as the source drawing: the UI loads ``faedah.png``.
    """
    for dirpath, _, files in os.walk(os.path.join(root, "ui")):
        for fname in files:
            if fname.endswith(".py"):
                with open(os.path.join(dirpath, fname), encoding="utf-8", errors="replace") as fh:
                    if ".svg" in fh.read():
                        return True
    return False


def resource_datas(
    root: str, folders: Iterable[str] = ("rules", "i18n", "fonts", "icons")
) -> list[tuple[str, str]]:
    """``(src_file, dest_dir)`` pairs for the app's ``resources/`` (no caches, backups or temp files)."""
    out: list[tuple[str, str]] = []
    base = os.path.join(root, "resources")
    for folder in folders:
        top = os.path.join(base, folder)
        for dirpath, dirnames, filenames in os.walk(top):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "__")))
            for fname in sorted(filenames):
                if fname.startswith(".") or fname.endswith((".bak", ".tmp", ".pyc", "~")):
                    continue
                src = os.path.join(dirpath, fname)
                dest = os.path.relpath(dirpath, root).replace(os.sep, "/")
                out.append((src, dest))
    return out
