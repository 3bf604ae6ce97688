"""The app's settings (one QSettings wrapper) and the folders it uses.

Where settings live, in order:

1. ``FAEDAH_CONFIG_DIR`` (tests, or an administrator's choice): ``<dir>/faedah.ini``;
2. portable mode: a file ``portable.ini`` beside the executable (or the ``--portable`` flag) makes that file
   the settings file, for PCs without admin rights or a program run from a USB stick;
3. otherwise the user's INI file chosen by Qt (``%APPDATA%/Faedah/Faedah.ini`` on Windows).

The user data folder (the autosaved draft and the crash log) is ``FAEDAH_DATA_DIR``, else ``data/`` beside the
executable in portable mode, else the user's local application data folder.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

PORTABLE_FILE = "portable.ini"
MAX_RECENT = 8
PDF_LANGS = ("en", "ms", "both")
MAX_OFFICE_NAME = 200  # the same limit as the command line's (estimator/cli/limits.py)
MAX_OFFICE_ADDRESS = 500
MAX_PATH_TEXT = 4096
MAX_GEOMETRY_BYTES = 4096


def app_dir() -> Path:
    """Folder of the executable (frozen build) or the project root (source tree)."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent


def portable_requested(argv: list[str] | None = None) -> bool:
    args = sys.argv if argv is None else argv
    return "--portable" in args or (app_dir() / PORTABLE_FILE).exists()


def settings_file(argv: list[str] | None = None) -> Path | None:
    """The INI file in use, or None for Qt's default user location."""
    env = os.environ.get("FAEDAH_CONFIG_DIR")
    if env:
        return Path(env) / "faedah.ini"
    if portable_requested(argv):
        return app_dir() / PORTABLE_FILE
    return None


def data_dir(argv: list[str] | None = None) -> Path:
    """The user data folder (draft, crash log); created on demand by whoever writes there."""
    env = os.environ.get("FAEDAH_DATA_DIR")
    if env:
        return Path(env)
    if os.environ.get("FAEDAH_CONFIG_DIR") is None and portable_requested(argv):
        return app_dir() / "data"
    loc = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    return Path(loc or Path.home()) / "Faedah"


MAX_SETTINGS_BYTES = 1_000_000


def usable_settings_file(path: Path) -> bool:
    """True when ``path`` is missing (Qt creates it) or a regular file of sane size; never opens it, so never
    blocks (a FIFO).  Only ``stat``: the core (``estimator.engine.safeio``) is not imported at start-up."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and info.st_size <= MAX_SETTINGS_BYTES


class Settings:
    """Typed access to every setting the app keeps."""

    def __init__(self, argv: list[str] | None = None) -> None:
        path = settings_file(argv)
        if path is not None and not usable_settings_file(path):
            path = None  # a FIFO, device or huge file in its place: Qt would block or read without end
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._qs = QSettings(str(path), QSettings.Format.IniFormat)
        else:
            self._qs = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Faedah", "Faedah")
        self.portable = path is not None and path.name == PORTABLE_FILE

    @property
    def location(self) -> str:
        return self._qs.fileName()

    def _str(self, key: str, default: str = "", limit: int = MAX_PATH_TEXT) -> str:
        """A text setting as it is read: text only, within ``limit`` characters (a tampered or damaged ini
        file gets the same bounds as the setter applies)."""
        value = self._qs.value(key, default)
        return value[:limit] if isinstance(value, str) else default

    def _set(self, key: str, value: object) -> None:
        self._qs.setValue(key, value)
        self._qs.sync()

    # -- office header for the printed summary
    @property
    def office_name(self) -> str:
        return self._str("office/name").strip()[:MAX_OFFICE_NAME]

    @office_name.setter
    def office_name(self, value: str) -> None:
        self._set("office/name", value.strip()[:MAX_OFFICE_NAME])

    @property
    def office_address(self) -> str:
        return self._str("office/address").strip()[:MAX_OFFICE_ADDRESS]

    @office_address.setter
    def office_address(self, value: str) -> None:
        self._set("office/address", value.strip()[:MAX_OFFICE_ADDRESS])

    # -- languages
    @property
    def ui_lang(self) -> str:
        value = self._str("ui/lang", "en")
        return value if value in ("en", "ms") else "en"

    @ui_lang.setter
    def ui_lang(self, value: str) -> None:
        self._set("ui/lang", value if value in ("en", "ms") else "en")

    @property
    def has_ui_lang(self) -> bool:
        return self._qs.contains("ui/lang")

    @property
    def pdf_lang(self) -> str:
        value = self._str("pdf/lang", "")
        return value if value in PDF_LANGS else self.ui_lang

    @pdf_lang.setter
    def pdf_lang(self, value: str) -> None:
        self._set("pdf/lang", value if value in PDF_LANGS else "en")

    @property
    def unmask_ic(self) -> bool:
        return str(self._qs.value("pdf/unmask_ic", "false")).lower() in ("true", "1")

    @unmask_ic.setter
    def unmask_ic(self, value: bool) -> None:
        self._set("pdf/unmask_ic", "true" if value else "false")

    @property
    def large_print(self) -> bool:
        """The claimant's pages in large type (14 pt body) on every export and print."""
        return str(self._qs.value("pdf/large_print", "false")).lower() in ("true", "1")

    @large_print.setter
    def large_print(self, value: bool) -> None:
        self._set("pdf/large_print", "true" if value else "false")

    def take_unmask_ic(self) -> bool:
        """The "print the full IC" choice for the export about to be made, then back to masked, stored: it
        applies to one export only and never to the next claimant (the export dialog calls this)."""
        value = self.unmask_ic
        if value:
            self.unmask_ic = False
        return value

    # -- recent case files
    @property
    def recent_files(self) -> list[str]:
        value = self._qs.value("files/recent", [])
        if isinstance(value, str):
            value = [value] if value else []
        if not isinstance(value, list):
            return []
        return [v for v in value if isinstance(v, str) and v and len(v) <= MAX_PATH_TEXT][:MAX_RECENT]

    def add_recent(self, path: Path | str) -> None:
        p = str(Path(path).resolve())
        items = [p] + [r for r in self.recent_files if r != p]
        self._set("files/recent", items[:MAX_RECENT])

    def remove_recent(self, path: Path | str) -> None:
        p = str(path)
        self._set("files/recent", [r for r in self.recent_files if r != p])

    def clear_recent(self) -> None:
        self._set("files/recent", [])

    @property
    def last_folder(self) -> str:
        return self._str("files/last_folder")

    @last_folder.setter
    def last_folder(self, value: str) -> None:
        self._set("files/last_folder", value)

    # -- window
    def geometry(self) -> QByteArray | None:
        """The saved window geometry, or None when what is stored is not one (``geometry=hello`` in a
        hand-edited ini file must not stop the app from starting)."""
        value = self._qs.value("window/geometry")
        if isinstance(value, QByteArray) and 0 < value.size() <= MAX_GEOMETRY_BYTES:
            return value
        return None

    def set_geometry(self, value: QByteArray) -> None:
        self._set("window/geometry", value)
