"""Safe files: atomic writes with mode 0600 (these are patient records), bounded reads."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class ExportError(Exception):
    """A file could not be read or written; the message is one line for the user."""


def write_atomic(path: str | os.PathLike[str], data: bytes, *, force: bool = False) -> Path:
    """Write `data` to `path` through a temporary file, fsync and rename, mode 0600.

    An existing file is replaced only with `force`; a failure leaves it as it was. A symlink to a
    file is written through: its target is replaced, the link stays.
    """
    return write_all([(path, data)], force=force)[0]


def write_all(outputs: list[tuple[str | os.PathLike[str], bytes]], *, force: bool = False) -> list[Path]:
    """Write several files all or nothing: each is staged to a temporary file first, and only when
    every one is on disk are they renamed into place."""
    targets = [check_writable(path, force=force) for path, _ in outputs]
    staged: list[str] = []
    try:
        for target, (_, data) in zip(targets, outputs):
            staged.append(_stage(target, data))
        for target, tmp_name in zip(targets, staged):
            try:
                os.replace(tmp_name, target)
            except OSError as exc:
                raise ExportError(f"{target}: cannot write ({exc.strerror or exc})") from None
    finally:
        for tmp_name in staged:
            _discard(tmp_name)
    for folder in {target.parent for target in targets}:
        _sync_folder(folder)
    return targets


def _stage(target: Path, data: bytes) -> str:
    _remove_stale(target)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise ExportError(f"{target}: cannot write here ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o600)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        _discard(tmp_name)
        raise ExportError(f"{target}: cannot write ({exc.strerror or exc})") from None
    except BaseException:
        _discard(tmp_name)
        raise
    return tmp_name


def _remove_stale(target: Path) -> None:
    """Temporary files a killed run left beside `target`: those whose process is gone are removed."""
    prefix = f".{target.name}."
    try:
        names = [n for n in os.listdir(target.parent) if n.startswith(prefix) and n.endswith(".tmp")]
    except OSError:
        return
    for name in names:
        pid_text = name[len(prefix):].split(".", 1)[0]
        if not pid_text.isdigit() or int(pid_text) == os.getpid() or _alive(int(pid_text)):
            continue
        _discard(str(target.parent / name))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def check_writable(path: str | os.PathLike[str], *, force: bool = False) -> Path:
    """The path a file may be written to (a symlink's target), or an ExportError saying why not."""
    if not str(path).strip():
        raise ExportError("output path is empty")
    target = Path(path)
    if target.is_symlink():
        if not target.exists():
            raise ExportError(f"{target}: is a symlink to nothing; give a real file")
        target = Path(os.path.realpath(target))  # written through: the link stays and its file changes
    if target.exists() and not target.is_dir() and not target.is_file():
        raise ExportError(f"{target}: is not a regular file (a pipe or a device); give a file")
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
