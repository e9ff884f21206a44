"""Photos at the centre: which ones are missing, and resumable chunked uploads.

A photo is named by its SHA-256 (lower-case hex). ``receive_chunk`` appends one chunk at the
offset the client names, streams it into the blob store, and when the declared length is
reached checks the SHA-256 and records the photo (append-only, one row per hash). The offset
held is read from the blob store each time; nothing about an upload lives in the process.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass

import anyio.to_thread
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from sync.server.central import Central
from sync.server.errors import TooLarge, Unprocessable
from sync.server.models import PhotoRecord, now_utc
from sync.server.store.keys import Caller

SHA256_HEX = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class UploadState:
    """Where an upload stands: bytes held, and whether the photo is complete and checked."""

    sha256: str
    offset: int
    complete: bool


def check_sha256(text: str) -> str:
    if not SHA256_HEX.fullmatch(text):
        raise Unprocessable(
            "a photo is named by its SHA-256 in 64 lower-case hex digits", code="INVALID_REQUEST"
        )
    return text


def missing_photos(session: Session, hashes: Iterable[str]) -> list[str]:
    """The given hashes (in their order, once each) of photos the centre does not have."""
    wanted = list(dict.fromkeys(check_sha256(h) for h in hashes))
    have = set(
        session.exec(select(PhotoRecord.sha256).where(col(PhotoRecord.sha256).in_(wanted))).all()
    )
    return [h for h in wanted if h not in have]


def upload_state(central: Central, sha256: str) -> UploadState:
    with central.session() as session:
        photo = session.get(PhotoRecord, check_sha256(sha256))
    if photo is not None:
        return UploadState(sha256, photo.byte_size, True)
    return UploadState(sha256, central.blobs.held(sha256), False)


async def receive_chunk(
    central: Central,
    caller: Caller,
    *,
    sha256: str,
    offset: int,
    length: int,
    chunks: AsyncIterator[bytes],
) -> UploadState:
    """Append one chunk of the photo ``sha256`` of ``length`` bytes at ``offset``."""
    state = await anyio.to_thread.run_sync(upload_state, central, sha256)
    if state.complete:
        return state
    if not 0 <= offset <= length <= central.settings.max_photo_bytes:
        raise TooLarge(
            f"a photo may have at most {central.settings.max_photo_bytes} bytes",
            code="PHOTO_TOO_LARGE",
            limit=central.settings.max_photo_bytes,
        )
    held = await central.blobs.append(
        sha256, offset, chunks, limit=length - offset, expected_sha256=caller.verified.body_sha256
    )
    if held < length:
        return UploadState(sha256, held, False)
    size = await anyio.to_thread.run_sync(central.blobs.finish, sha256)
    await anyio.to_thread.run_sync(_record, central, sha256, size, caller.inspector_id)
    return UploadState(sha256, size, True)


def _record(central: Central, sha256: str, size: int, inspector_id: str) -> None:
    """Record a checked photo; a photo recorded meanwhile by another request is the same."""
    with central.session() as session:
        session.add(
            PhotoRecord(
                sha256=sha256, byte_size=size, stored_at=now_utc(), uploaded_by=inspector_id
            )
        )
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
