"""The one version of Faedah, for the build scripts: ``__version__`` in estimator/__init__.py.

pyproject.toml takes it from there (``[tool.setuptools.dynamic]``), ``faedah --version`` and the About dialog
import it, and the PyInstaller spec, the installer and the workflows read it through this file
(``python packaging/version.py`` prints it).  Standard library only: the file is parsed, never imported.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def read_version(root: Path = ROOT) -> str:
    tree = ast.parse((root / "estimator" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "__version__" for t in node.targets):
            value = node.value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                return value.value
    raise LookupError("no __version__ = '...' in estimator/__init__.py")


if __name__ == "__main__":
    sys.stdout.write(read_version() + "\n")
