"""Safe files: atomic writes with mode 0600 (these are patient records), bounded reads."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class ExportError(Exception):
    """A file could not be read or written; the message is one line for the user."""


def write_atomic(path: str | os.PathLike[str], data: bytes, *, force: bool = False) -> Path:
    """Write `data` to `path` through a temporary file, fsync and rename, mode 0600.

    An existing file is replaced only with `force`; a failure leaves it as it was.
    """
    target = check_writable(path, force=force)
    folder = target.parent
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ExportError(f"{target}: cannot write here ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o600)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
    except OSError as exc:
        _discard(tmp_name)
        raise ExportError(f"{target}: cannot write ({exc.strerror or exc})") from None
    except BaseException:
        _discard(tmp_name)
        raise
    _sync_folder(folder)
    return target


def check_writable(path: str | os.PathLike[str], *, force: bool = False) -> Path:
    """The path, if a file may be written there; an ExportError saying why not otherwise."""
    target = Path(path)
    if not str(path).strip():
        raise ExportError("output path is empty")
    if target.is_dir():
        raise ExportError(f"{target}: is a folder, not a file")
    if target.exists() and not force:
        raise ExportError(f"{target}: already exists; use --force to replace it")
    if not target.parent.is_dir():
        raise ExportError(f"{target}: folder {target.parent} does not exist")
    if not os.access(target.parent, os.W_OK):
        raise ExportError(f"{target}: folder {target.parent} is not writable")
    return target


def _discard(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def read_bounded(path: str | os.PathLike[str], limit: int, what: str = "file") -> bytes:
    """Read at most `limit` bytes; a larger file, a folder or an unreadable path is an ExportError."""
    source = Path(path)
    try:
        with open(source, "rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise ExportError(f"{source}: no such {what}") from None
    except IsADirectoryError:
        raise ExportError(f"{source}: is a folder, not a {what}") from None
    except OSError as exc:
        raise ExportError(f"{source}: cannot read ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise ExportError(f"{source}: is larger than {limit:,} bytes; not a {what}")
    return data
