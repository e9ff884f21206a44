"""Files readable by their owner only: writing a secret file (a key file, a keyring)
atomically and durably, and keeping a database (the device's, the store's embedded SQLite)
and the files SQLite keeps beside it at 0o600."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def make_private_dir(folder: Path) -> None:
    """Create ``folder`` readable by its owner only (and tighten an older one)."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(folder, 0o700)  # mkdir's mode is masked, and the folder may be older


SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")
PRIVATE_FILE = 0o600


def make_private_file(path: Path) -> None:
    """Create ``path`` empty if it is missing; either way leave it readable by its owner only."""
    flags = os.O_RDONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(path, flags, PRIVATE_FILE)
    try:
        if os.name == "posix":
            os.fchmod(descriptor, PRIVATE_FILE)  # the mode may be older, or masked
    finally:
        os.close(descriptor)


def make_private_database(path: Path) -> None:
    """Make the SQLite database at ``path`` (created empty if missing) and its -wal, -shm or
    -journal files, if any, readable by their owner only. SQLite gives the files it makes later
    the database file's mode, so they stay so. A path this process cannot open as a file (a
    folder, another user's file) is left as it is, for SQLite to refuse when it connects."""
    try:
        make_private_file(path)
    except OSError:
        return
    if os.name != "posix":
        return
    for suffix in SQLITE_COMPANIONS:
        try:
            os.chmod(path.with_name(path.name + suffix), PRIVATE_FILE)
        except FileNotFoundError:
            continue


def write_private(path: Path, data: bytes) -> None:
    """Replace ``path`` by ``data`` (0o600 from the first byte): old file or new, never a mix."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(temporary, flags, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX only; Windows cannot open a folder)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
