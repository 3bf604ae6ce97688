"""Third-party notices for a built folder: ``python packaging/notices.py dist/faedah``.

Run with the Python that built the folder (its installed distributions are the ones bundled): writes
``THIRD-PARTY-NOTICES.txt`` beside the executables with, for each bundled component, its version, its licence
and the full licence texts it ships (Python's own licence, Qt for Python under the LGPL-3.0 with the GNU GPL-3.0
it builds on, PDFium and its parts through pypdfium2, Pillow, reportlab, HarfBuzz through uharfbuzz, pydantic,
...), and lists the fonts' licences kept in ``_internal/resources/fonts``.  Standard library only; exits 1 when
a bundled component's licence text cannot be found.
"""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from version import read_version  # noqa: E402

HERE = Path(__file__).resolve().parent
NAME = "THIRD-PARTY-NOTICES.txt"
# the distributions frozen into the folder (the app's dependencies and theirs; no test or build tool)
BUNDLED = (
    "pyside6-essentials",
    "shiboken6",
    "pypdfium2",
    "reportlab",
    "rl-accel",
    "pillow",
    "charset-normalizer",
    "uharfbuzz",
    "pydantic",
    "pydantic-core",
    "annotated-types",
    "typing-extensions",
    "typing-inspection",
)
# bundled where its wheel installs (reportlab's C accelerator: Linux x86_64 and Windows x64); absent elsewhere
OPTIONAL = frozenset({"rl-accel"})
QT_NOTE = """Qt for Python (PySide6, shiboken6) and the Qt libraries it ships are used under the GNU Lesser General
Public License v3.0 (LGPL-3.0-only), whose full text follows, with the GNU General Public License v3.0 it
builds on.  The Qt libraries are unmodified and kept as separate files in _internal/PySide6 (Qt6*.dll,
plugins/): you may replace them with your own build of the same Qt version.  Qt's source code is published by
The Qt Company (qt.io, "Qt source code"); on request the office's IT can be given the exact version used
(see the version line above)."""
SEPARATOR = "\n" + "=" * 100 + "\n"


def _licence_line(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expression = meta.get("License-Expression") or meta.get("License") or ""
    if not expression or len(expression) > 120:
        classifiers = [
            c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License")
        ]
        expression = "; ".join(classifiers) or expression[:120]
    return expression


def _read(file: metadata.PackagePath) -> str:
    return Path(str(file.locate())).read_text(encoding="utf-8", errors="replace")


def _licence_files(dist: metadata.Distribution) -> list[tuple[str, str]]:
    out = []
    for file in dist.files or []:
        parts = Path(str(file)).parts
        if (
            len(parts) > 1
            and parts[0].endswith(".dist-info")
            and parts[1] in ("licenses", "LICENSE", "COPYING")
        ):
            out.append(("/".join(parts[2:]) or parts[1], _read(file)))
        elif (
            len(parts) == 2
            and parts[0].endswith(".dist-info")
            and parts[1].upper().startswith(("LICEN", "COPY"))
        ):
            out.append((parts[1], _read(file)))
    return out


def _harfbuzz_licence() -> list[tuple[str, str]]:
    """HarfBuzz's own licence text, as pypdfium2 ships it (uharfbuzz's wheel names only its own licence)."""
    try:
        dist = metadata.distribution("pypdfium2")
    except metadata.PackageNotFoundError:
        return []
    return [(title, text) for title, text in _licence_files(dist) if title.endswith("harfbuzz.txt")]


def _python_licence() -> str | None:
    base = Path(sys.base_prefix)
    minor = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for candidate in (
        base / "LICENSE.txt",
        base / "lib" / minor / "LICENSE.txt",
        Path("/usr/lib") / minor / "LICENSE.txt",
    ):
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8", errors="replace")
    return None


def notices() -> tuple[str, list[str]]:
    """The text, and the problems (a component or licence text not found)."""
    problems: list[str] = []
    parts = [
        f"Faedah {read_version()}: third-party notices\n\n"
        "Faedah bundles the components below; each is used under the licence named with it.  Faedah itself\n"
        "is proprietary to its owner and is not covered by these licences."
    ]
    python = _python_licence()
    if python is None:
        problems.append("Python's LICENSE.txt")
    parts.append(
        f"Python {sys.version.split()[0]} (the interpreter and its standard library): PSF-2.0\n\n{python}"
    )
    for name in BUNDLED:
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            if name not in OPTIONAL:
                problems.append(name)
            continue
        texts = _licence_files(dist)
        block = [f"{dist.metadata['Name']} {dist.version}: {_licence_line(dist)}"]
        if name == "pyside6-essentials":
            block.append(QT_NOTE)
            texts = [
                ("LGPL-3.0", (HERE / "licenses" / "LGPL-3.0.txt").read_text(encoding="utf-8")),
                ("GPL-3.0", (HERE / "licenses" / "GPL-3.0.txt").read_text(encoding="utf-8")),
            ]
        elif name == "shiboken6":
            block.append("Under the same licence as PySide6 above (LGPL-3.0-only).")
            texts = []
        elif not texts:
            problems.append(f"{name} (no licence file in its metadata)")
        if name == "pypdfium2":
            block.append("PDFium (BSD-3-Clause) and the libraries built into it; their licences follow.")
        if name == "uharfbuzz":
            block.append(
                "HarfBuzz ('Old MIT' licence) is built into uharfbuzz; its licence follows uharfbuzz's."
            )
            texts += [(f"HarfBuzz ({title})", text) for title, text in _harfbuzz_licence()]
        for title, text in texts:
            block.append(f"---- {title}\n\n{text.strip()}")
        parts.append("\n\n".join(block))
    parts.append(
        "Fonts (in _internal/resources/fonts, each with its licence file there): DejaVu Sans (Bitstream Vera\n"
        "licence, LICENSE-DejaVu.txt), Noto Sans Tamil (SIL Open Font License 1.1, LICENSE-NotoSansTamil.txt),\n"
        "Droid Sans Fallback (Apache-2.0, LICENSE-DroidSansFallback.txt with the licence's full text)."
    )
    return SEPARATOR.join(parts) + "\n", problems


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not Path(argv[1]).is_dir():
        print("usage: python packaging/notices.py DIST_FOLDER", file=sys.stderr)
        return 2
    text, problems = notices()
    (Path(argv[1]) / NAME).write_text(text, encoding="utf-8")
    for problem in problems:
        print(f"notices: not found: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
