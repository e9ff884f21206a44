"""A content-addressed photo store in a folder on the device.

Layout: ``<root>/photos/ab/<sha256>`` and ``<root>/thumbnails/cd/<sha256>``: every file is named
by the hex SHA-256 of its own bytes and fanned out by the first two hex digits. Thumbnails are
content-addressed too (not keyed by their photo), so every file checks itself; a caller records
both hashes (``PhotoMetadata.sha256`` and ``thumbnail_sha256``) and deletes both when nothing
refers to them any more.

Writes are atomic (see ``files.write_atomically``); ``put`` writes the thumbnail, then the photo,
and undoes its own writes when either fails, so a full disk leaves the store as it was. Only a
process dying between the two writes can leave a complete thumbnail without its photo: harmless,
and reused when the photo is put again. One process writes to a root at a time (opening removes
unfinished temp files); reading is safe from any thread. Files and the folders made here are
readable by their owner only (0o600, 0o700).
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from enum import StrEnum
from pathlib import Path

from field_audit.evidence.errors import DamagedPhoto, StorageFull
from field_audit.evidence.files import (
    TEMP_PREFIX,
    DiskWrites,
    OsDiskWrites,
    fsync_folder,
    remove_temp_files,
    write_atomically,
)
from field_audit.evidence.model import IngestedPhoto, Outcome

_SHA256 = re.compile(r"[0-9a-f]{64}")
_FULL_DISK = frozenset({errno.ENOSPC, errno.EDQUOT})
PRIVATE_FOLDER = 0o700  # the files themselves are made 0o600 (``files.write_atomically``)


class Kind(StrEnum):
    """The two trees of the store; the value is the folder name."""

    PHOTO = "photos"
    THUMBNAIL = "thumbnails"


class PhotoStore:
    """Photos and thumbnails under one root folder, by SHA-256. Build with ``PhotoStore.open``."""

    def __init__(self, root: Path, *, disk: DiskWrites, removed_temp_files: int = 0) -> None:
        self.root = root
        self.removed_temp_files = removed_temp_files  # unfinished writes found on opening
        self._disk = disk

    @classmethod
    def open(cls, root: str | os.PathLike[str], *, disk: DiskWrites | None = None) -> PhotoStore:
        """Create the folders if needed and remove temp files left by an interrupted write."""
        path = Path(root)
        path.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
        for kind in Kind:
            (path / kind.value).mkdir(mode=PRIVATE_FOLDER, exist_ok=True)
        removed = remove_temp_files(path)
        return cls(path, disk=disk or OsDiskWrites(), removed_temp_files=removed)

    def path(self, sha256: str, *, kind: Kind = Kind.PHOTO) -> Path:
        """Where the file for ``sha256`` lives (or would). Raises ValueError for a bad digest."""
        if not _SHA256.fullmatch(sha256):
            raise ValueError(f"not a lower-case hex SHA-256 digest: {sha256!r}")
        return self.root / kind.value / sha256[:2] / sha256

    def put(self, photo: IngestedPhoto) -> Outcome:
        """Store ``photo`` and its thumbnail: STORED, or DUPLICATE when an intact copy was there
        (a damaged copy is replaced). Raises ``StorageFull``, having undone its writes, and
        ValueError if the bytes do not hash to the metadata's digests (nothing is written)."""
        _check_digest(photo.photo, photo.metadata.sha256)
        _check_digest(photo.thumbnail, photo.metadata.thumbnail_sha256)
        created: list[Path] = []
        meta = photo.metadata
        with _undone_on_error(created), _full_disk_refused():
            self._put(Kind.THUMBNAIL, meta.thumbnail_sha256, photo.thumbnail, created)
            stored = self._put(Kind.PHOTO, meta.sha256, photo.photo, created)
        return Outcome.STORED if stored else Outcome.DUPLICATE

    def put_verified(self, sha256: str, data: bytes) -> Outcome:
        """Store normalised photo bytes received from elsewhere (a bundle, the central store)
        as they are; they must hash to ``sha256``. Raises ``StorageFull`` like ``put``."""
        if hashlib.sha256(data).hexdigest() != sha256:
            raise ValueError(f"the bytes given for {sha256[:12]} do not hash to it")
        created: list[Path] = []
        with _undone_on_error(created), _full_disk_refused():
            stored = self._put(Kind.PHOTO, sha256, data, created)
        return Outcome.STORED if stored else Outcome.DUPLICATE

    def stage(self, sha256: str, chunks: Iterable[bytes]) -> Path | None:
        """Write a photo received from elsewhere to a temp file beside its place, hashing it as
        it streams; None when an intact copy is already stored. Raises ``StorageFull`` or
        ``ValueError`` (wrong hash) with the temp file removed. ``place`` moves it in."""
        target = self.path(sha256)
        if _hash_of(target) == sha256:
            return None
        target.parent.mkdir(exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=target.parent)
        temp = Path(name)
        try:
            with _full_disk_refused():
                digest = _write_stream(self._disk, fd, chunks)
                self._disk.fsync(fd)
        except BaseException:
            os.close(fd)
            temp.unlink(missing_ok=True)
            raise
        os.close(fd)
        if digest != sha256:
            temp.unlink(missing_ok=True)
            raise ValueError(f"the bytes given for {sha256[:12]} do not hash to it")
        return temp

    def place(self, staged: dict[str, Path]) -> list[str]:
        """Move staged photos into place (each rename atomic); returns their hashes. On an
        error the ones moved so far are removed again and the rest discarded."""
        placed: list[str] = []
        try:
            for sha256, temp in staged.items():
                self._disk.replace(temp, self.path(sha256))
                placed.append(sha256)
            for folder in {self.path(sha256).parent for sha256 in placed}:
                fsync_folder(self._disk, folder)
        except BaseException:
            self.discard(staged)
            for sha256 in placed:
                self.delete(sha256)
            raise
        return placed

    @staticmethod
    def discard(staged: dict[str, Path]) -> None:
        """Remove staged photos that were not placed."""
        for temp in staged.values():
            temp.unlink(missing_ok=True)

    def _put(self, kind: Kind, sha256: str, data: bytes, created: list[Path]) -> bool:
        """Write ``data`` unless an intact copy exists; list new files and folders in ``created``.

        Returns whether it wrote."""
        target = self.path(sha256, kind=kind)
        if _hash_of(target) == sha256:
            return False
        if not target.parent.exists():
            target.parent.mkdir(mode=PRIVATE_FOLDER)
            created.append(target.parent)
        existed = target.exists()
        write_atomically(self._disk, target, data)
        if not existed:
            created.append(target)
        return True

    def read(self, sha256: str, *, kind: Kind = Kind.PHOTO, verify: bool = False) -> bytes | None:
        """The stored bytes, or None if absent. With ``verify``, raises ``DamagedPhoto`` when
        they no longer hash to ``sha256``."""
        try:
            data = self.path(sha256, kind=kind).read_bytes()
        except FileNotFoundError:
            return None
        actual = hashlib.sha256(data).hexdigest() if verify else sha256
        if actual != sha256:
            raise DamagedPhoto(kind.value, sha256, actual)
        return data

    def contains(self, sha256: str, *, kind: Kind = Kind.PHOTO) -> bool:
        return self.path(sha256, kind=kind).is_file()

    def delete(self, sha256: str, *, kind: Kind = Kind.PHOTO) -> bool:
        """Remove the file; False if it was not there. The caller checks nothing refers to it."""
        try:
            self.path(sha256, kind=kind).unlink()
        except FileNotFoundError:
            return False
        return True

    def hashes(self, *, kind: Kind = Kind.PHOTO) -> Iterator[str]:
        """Every stored hash of ``kind``, in sorted order (temp files and strays are skipped)."""
        for folder in sorted((self.root / kind.value).iterdir()):
            if folder.is_dir():
                for file in sorted(folder.iterdir()):
                    if _SHA256.fullmatch(file.name) and file.name[:2] == folder.name:
                        yield file.name

    def check_all(self) -> list[DamagedPhoto]:
        """Re-hash every stored photo and thumbnail; the damaged ones (empty when all is well)."""
        damaged = []
        for kind in Kind:
            for sha256 in self.hashes(kind=kind):
                actual = _hash_of(self.path(sha256, kind=kind))
                if actual != sha256:
                    damaged.append(DamagedPhoto(kind.value, sha256, actual or "missing"))
        return damaged


def _write_stream(disk: DiskWrites, fd: int, chunks: Iterable[bytes]) -> str:
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk)
        view = memoryview(chunk)
        while view:
            view = view[disk.write(fd, view) :]
    return digest.hexdigest()


def _check_digest(data: bytes, sha256: str) -> None:
    actual = hashlib.sha256(data).hexdigest()
    if actual != sha256:
        raise ValueError(f"bytes hash to {actual}, not to the recorded {sha256}")


def _hash_of(path: Path) -> str | None:
    """The hex SHA-256 of the file's bytes, or None if there is no such file."""
    try:
        with path.open("rb") as file:
            return hashlib.file_digest(file, "sha256").hexdigest()
    except FileNotFoundError:
        return None


@contextmanager
def _full_disk_refused() -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        if exc.errno in _FULL_DISK:
            raise StorageFull() from exc
        raise


@contextmanager
def _undone_on_error(created: list[Path]) -> Iterator[None]:
    """On any error, remove the files and folders listed in ``created`` (newest first)."""
    try:
        yield
    except BaseException:
        for path in reversed(created):
            # a folder that is no longer empty is kept: an empty fan-out folder is harmless
            with suppress(OSError):
                if path.is_dir():
                    path.rmdir()
                else:
                    path.unlink()
        raise
