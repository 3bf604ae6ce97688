"""Reading only what is a file, and JSON only as it is meant.

Stable API (the case file, settings, drafts and the rule pack loader all use it):

``read_regular_file(path, limit) -> bytes``
    Opens ``path`` with ``O_NONBLOCK`` (a FIFO without a writer does not block the open), checks the *opened*
    descriptor with ``fstat`` and refuses anything but a regular file (FIFO, device, socket, directory) at once,
    then reads at most ``limit`` bytes, never trusting ``st_size`` (a file that grows while read, ``/proc``
    files).  Raises :class:`NotRegularFile` or :class:`TooLarge` (both :class:`UnsafeInput`, an ``OSError``
    subclass is *not* used, so callers tell a refusal from an I/O error), or ``OSError`` from the system.

``strict_json_loads(text, max_depth=MAX_JSON_DEPTH) -> Any``
    ``json.loads`` with numbers with a fraction as :class:`~decimal.Decimal`, and refusing a duplicate key
    in one object (:class:`DuplicateKey`, naming the key), ``NaN``/``Infinity`` and nesting deeper than
    ``max_depth`` (:class:`TooDeep`).  All three are ``ValueError`` subclasses (as ``json.JSONDecodeError``).
"""

from __future__ import annotations

import json
import os
import stat
from decimal import Decimal
from pathlib import Path
from typing import Any

MAX_JSON_DEPTH = 64
_CHUNK = 65_536


class UnsafeInput(Exception):
    """An input that is refused before its content is looked at."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class NotRegularFile(UnsafeInput):
    """A FIFO, device, socket or folder given where a file is expected."""


class TooLarge(UnsafeInput):
    """More bytes than the limit (read, not taken from the size the file system reports)."""


def file_kind(mode: int) -> str:
    """A short English word for a file type (for messages)."""
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "pipe"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "special file"


def read_regular_file(path: Path | str, limit: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them (see the module docstring)."""
    path = Path(path)
    nonblock = getattr(os, "O_NONBLOCK", 0)  # POSIX only: Windows has no FIFO that could block an open
    flags = os.O_RDONLY | nonblock | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise NotRegularFile(path, "folder") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(path, file_kind(info.st_mode))
        # (O_NONBLOCK, which kept the open from waiting on a FIFO, does nothing to reads of a regular file: no
        # os.set_blocking here, a call Windows Python 3.12+ refuses on anything but a pipe, gh-101881)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise TooLarge(path, f"over {limit} bytes")
        return b"".join(chunks)
    finally:
        os.close(fd)


class DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(f"duplicate key {key!r}")
        self.key = key


class TooDeep(ValueError):
    def __init__(self, depth: int) -> None:
        super().__init__(f"nested deeper than {depth} levels")
        self.depth = depth


class BadConstant(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(f"{name} is not allowed")
        self.name = name


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise DuplicateKey(key)
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise BadConstant(name)


def json_depth_exceeds(text: str, max_depth: int) -> bool:
    """Whether brackets outside strings nest deeper than ``max_depth`` (checked before parsing, so a deep
    document never reaches the recursive decoder)."""
    depth = 0
    in_string = False
    escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > max_depth:
                return True
        elif char in "]}":
            depth -= 1
    return False


def strict_json_loads(text: str, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """Parse ``text`` strictly (see the module docstring)."""
    if json_depth_exceeds(text, max_depth):
        raise TooDeep(max_depth)
    return json.loads(
        text,
        parse_float=Decimal,
        parse_constant=_no_constant,
        object_pairs_hook=_no_duplicates,
    )


_LEAVES = frozenset({str, int, float, bool, type(None), Decimal})  # float-ok: a type, never money


def json_depth(value: Any, limit: int = MAX_JSON_DEPTH) -> int:
    """Nesting depth of a decoded JSON value (dicts and lists), counting stops just past ``limit``."""
    depth = 0
    level: list[Any] = [value]
    while level and depth <= limit:
        nested: list[Any] = []
        containers = False
        for item in level:
            if type(item) in _LEAVES:  # most values: no isinstance calls
                continue
            if isinstance(item, dict):
                nested.extend(item.values())
                containers = True
            elif isinstance(item, list):
                nested.extend(item)
                containers = True
        if not containers:
            break
        depth += 1
        level = nested
    return depth
