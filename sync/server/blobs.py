"""Content-addressed photo storage behind one small interface, with a local-folder backend.

A blob is named by the hex SHA-256 of its bytes. An upload arrives in chunks appended at an
offset; the bytes held so far live in the store itself (a partial file, or chunk objects in
S3), never in the process, so any server instance can take the next chunk. When all bytes
are there, ``finish`` checks the SHA-256 and only then makes the blob visible; on a mismatch
the held bytes are discarded (PHOTO_HASH_MISMATCH). Memory never grows with the photo's size:
chunks are written as they arrive and hashing reads 1 MiB at a time.

Refusals raised by ``append`` (the held bytes are left as they were before the chunk):
UPLOAD_OFFSET_MISMATCH (``details["offset"]`` is what the store holds), UPLOAD_BUSY (another
request is appending to the same blob), PHOTO_TOO_LARGE, BAD_SIGNATURE (the chunk does not
match its signed digest), STORAGE_FULL (503 with Retry-After: the disk filled up while the
chunk was written; what of it was written is removed). A chunk cut off by a disconnect keeps
the bytes that arrived in the local backend (and none of them in S3): ask the offset, then
send the rest.

Backends: ``LocalBlobStore`` (a folder; the embedded default) and
``sync.server.blobs_s3.S3BlobStore`` (any S3-compatible store; boto3 is imported lazily).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Protocol

from sync.server.errors import Conflict, NotAuthenticated, TooLarge, TryLater, Unprocessable
from sync.server.settings import Settings

READ_BLOCK = 1024 * 1024
PRIVATE_FILE, PRIVATE_FOLDER = 0o600, 0o700
FULL_DISK = frozenset({errno.ENOSPC, errno.EDQUOT})
FULL_RETRY_SECONDS = 300
"""A full disk needs someone to make room: the device waits this long before asking again."""
Write = Callable[[int, memoryview], int]
"""``os.write``: write some of the bytes to the file descriptor, return how many."""


class BlobStore(Protocol):
    """Where photos are kept. Implementations must hold no upload state in the process."""

    def held(self, sha256: str) -> int:
        """How many bytes of an unfinished upload are held (0 when none)."""
        ...

    def has(self, sha256: str) -> bool:
        """Whether the complete, checked blob is stored."""
        ...

    async def append(
        self,
        sha256: str,
        offset: int,
        chunks: AsyncIterator[bytes],
        *,
        limit: int,
        expected_sha256: bytes | None,
    ) -> int:
        """Append ``chunks`` (at most ``limit`` bytes) at ``offset``; return the bytes held."""
        ...

    def finish(self, sha256: str) -> int:
        """Check the held bytes' SHA-256, store the blob, return its size; or discard them."""
        ...

    def discard(self, sha256: str) -> None:
        """Forget the held bytes of an unfinished upload."""
        ...

    def read(self, sha256: str) -> Iterator[bytes]:
        """The stored blob's bytes, in blocks."""
        ...

    def names(self) -> Iterator[str]:
        """The SHA-256 of every complete blob stored (for backups and checks)."""
        ...

    def problem(self) -> str | None:
        """Why the store cannot be used now (for the health check), or None when it can."""
        ...


def open_blob_store(settings: Settings) -> BlobStore:
    """The backend the settings name."""
    if settings.blob_backend == "s3":
        from sync.server.blobs_s3 import S3BlobStore  # noqa: PLC0415 - boto3 only when used

        return S3BlobStore.from_settings(settings)
    return LocalBlobStore(settings.blob_path)


def offset_mismatch(held: int, offset: int) -> Conflict:
    return Conflict(
        f"the upload continues at byte {held}, not {offset}",
        code="UPLOAD_OFFSET_MISMATCH",
        offset=held,
    )


def too_large(limit: int) -> TooLarge:
    return TooLarge(
        f"the chunk goes beyond the photo's declared length ({limit} more bytes allowed)",
        code="PHOTO_TOO_LARGE",
        limit=limit,
    )


def digest_mismatch() -> NotAuthenticated:
    return NotAuthenticated(
        "the chunk does not match its signed Content-Digest", reason="content_digest"
    )


def storage_full() -> TryLater:
    return TryLater(
        "the central store has no room for photos just now; nothing of this chunk was kept:"
        " try again later",
        code="STORAGE_FULL",
        retry_after=FULL_RETRY_SECONDS,
    )


def hash_mismatch(expected: str, actual: str) -> Unprocessable:
    return Unprocessable(
        "the photo's bytes do not have the SHA-256 that names it; they were discarded",
        code="PHOTO_HASH_MISMATCH",
        expected=expected,
        actual=actual,
    )


class LocalBlobStore:
    """Blobs in a folder: ``photos/ab/<sha256>`` and partial uploads in ``partial/<sha256>``.

    One request at a time appends to a partial file (an exclusive ``flock``; a second gets
    UPLOAD_BUSY). Finished blobs are fsynced, then renamed into place. Files are readable by
    their owner only (0o600), folders made here 0o700. Chunks are written with
    ``write`` (``os.write`` unless a test gives another), unbuffered.
    """

    def __init__(self, root: Path, *, write: Write = os.write) -> None:
        self.root = root
        self._write = write
        root.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
        (root / "photos").mkdir(mode=PRIVATE_FOLDER, exist_ok=True)
        (root / "partial").mkdir(mode=PRIVATE_FOLDER, exist_ok=True)

    def held(self, sha256: str) -> int:
        try:
            return self._partial(sha256).stat().st_size
        except FileNotFoundError:
            return 0

    def has(self, sha256: str) -> bool:
        return self._final(sha256).is_file()

    async def append(
        self,
        sha256: str,
        offset: int,
        chunks: AsyncIterator[bytes],
        *,
        limit: int,
        expected_sha256: bytes | None,
    ) -> int:
        with self._locked(sha256) as fd:
            held = os.fstat(fd).st_size
            if held != offset:
                raise offset_mismatch(held, offset)
            try:
                digest = await _write_chunks(self._write, fd, chunks, limit)
                if expected_sha256 is not None and digest != expected_sha256:
                    raise digest_mismatch()
            except (NotAuthenticated, TooLarge, TryLater):
                os.ftruncate(fd, offset)
                raise
            return os.fstat(fd).st_size

    def finish(self, sha256: str) -> int:
        with self._locked(sha256) as fd:
            actual = _sha256_of(self._partial(sha256))
            if actual != sha256:
                self._partial(sha256).unlink()
                raise hash_mismatch(sha256, actual)
            os.fsync(fd)
            size = os.fstat(fd).st_size
            final = self._final(sha256)
            final.parent.mkdir(mode=PRIVATE_FOLDER, exist_ok=True)
            os.replace(self._partial(sha256), final)
            return size

    def discard(self, sha256: str) -> None:
        self._partial(sha256).unlink(missing_ok=True)

    def read(self, sha256: str) -> Iterator[bytes]:
        with self._final(sha256).open("rb") as file:
            while block := file.read(READ_BLOCK):
                yield block

    def names(self) -> Iterator[str]:
        for path in sorted((self.root / "photos").glob("*/*")):
            if path.is_file():
                yield path.name

    def problem(self) -> str | None:
        folder = self.root / "photos"
        if not folder.is_dir():
            return f"the photo folder {folder} is missing"
        if not os.access(folder, os.W_OK | os.X_OK):
            return f"the photo folder {folder} cannot be written"
        return None

    def _final(self, sha256: str) -> Path:
        return self.root / "photos" / sha256[:2] / sha256

    def _partial(self, sha256: str) -> Path:
        return self.root / "partial" / sha256

    @contextlib.contextmanager
    def _locked(self, sha256: str) -> Iterator[int]:
        """The partial file, open to append, locked for this request alone."""
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT
        fd = os.open(self._partial(sha256), flags, PRIVATE_FILE)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise Conflict(
                    "another upload of this photo is in progress; ask the offset and retry",
                    code="UPLOAD_BUSY",
                ) from None
            yield fd
        finally:
            os.close(fd)


async def _write_chunks(write: Write, fd: int, chunks: AsyncIterator[bytes], limit: int) -> bytes:
    """Write chunks as they come; return the SHA-256 of what was written."""
    digest = hashlib.sha256()
    written = 0
    async for chunk in chunks:
        written += len(chunk)
        if written > limit:
            raise too_large(limit)
        digest.update(chunk)
        _write_all(write, fd, chunk)
    return digest.digest()


def _write_all(write: Write, fd: int, data: bytes) -> None:
    """Write all of ``data``; STORAGE_FULL when the disk (or the quota) is full."""
    view = memoryview(data)
    try:
        while view:
            view = view[write(fd, view) :]
    except OSError as error:
        if error.errno in FULL_DISK:
            raise storage_full() from error
        raise


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while block := file.read(READ_BLOCK):
            digest.update(block)
    return digest.hexdigest()
