"""The files an LAO sent with its application (the Word and the PDF set of the documents),
kept as blobs by their SHA-256 in the same store as photos, and listed per LAO and round.

``keep_document`` stores the bytes (once per content) and records the file's name, its kind
(``word``, ``pdf`` or ``other``, told from the bytes, not the name alone), its size and who
uploaded it; the upload is in the audit log. A file that is empty or over the limit is refused.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import AsyncIterator

import anyio.to_thread
from sqlmodel import Session, col, select

from sync.server.central import Central
from sync.server.console_tables import ApplicationDocument
from sync.server.errors import InvalidInput, TooLarge
from sync.server.models import LaoRecord, RoundRecord, now_utc
from sync.server.plain_text import control_characters
from sync.server.store.changes import log_action
from sync.server.store.rows import require

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 (.doc)
WORD_NAMES = (".doc", ".docx")


def document_kind(filename: str, data: bytes) -> str:
    """``pdf`` or ``word`` when the bytes are one, else ``other``."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(OLE) or (
        data.startswith(b"PK\x03\x04") and filename.lower().endswith(WORD_NAMES)
    ):
        return "word"
    return "other"


async def keep_document(
    central: Central,
    *,
    round_id: str,
    lao_id: str,
    filename: str,
    content_type: str,
    data: bytes,
    actor: str,
) -> ApplicationDocument:
    """Store the file's bytes and record it for the LAO's application in the round."""
    name = (filename.replace("\\", "/").rsplit("/", 1)[-1] or "document")[:200]
    if not data:
        raise InvalidInput("the file is empty", [f"{name}: no bytes"])
    if len(data) > central.settings.max_photo_bytes:
        raise TooLarge("the file is too large", limit=central.settings.max_photo_bytes)
    if control_characters(name):
        raise InvalidInput("the file's name holds control characters", [name.encode().hex()])
    await anyio.to_thread.run_sync(_require, central, round_id, lao_id)
    sha256 = hashlib.sha256(data).hexdigest()
    if not central.blobs.has(sha256):
        await _put(central, sha256, data)
    return await anyio.to_thread.run_sync(
        lambda: _record(central, round_id, lao_id, name, content_type, data, sha256, actor)
    )


def documents_of(session: Session, round_id: str, lao_id: str) -> list[ApplicationDocument]:
    return list(
        session.exec(
            select(ApplicationDocument)
            .where(ApplicationDocument.round_id == round_id)
            .where(ApplicationDocument.lao_id == lao_id)
            .order_by(col(ApplicationDocument.uploaded_at))
        ).all()
    )


def _require(central: Central, round_id: str, lao_id: str) -> None:
    with central.session() as session:
        require(session, RoundRecord, round_id, "round")
        require(session, LaoRecord, lao_id, "LAO")


async def _put(central: Central, sha256: str, data: bytes) -> None:
    async def one() -> AsyncIterator[bytes]:
        yield data

    await anyio.to_thread.run_sync(central.blobs.discard, sha256)  # any half-sent earlier try
    await central.blobs.append(sha256, 0, one(), limit=len(data), expected_sha256=None)
    await anyio.to_thread.run_sync(central.blobs.finish, sha256)


def _record(  # noqa: PLR0917 - one call, from keep_document, with what it checked
    central: Central,
    round_id: str,
    lao_id: str,
    name: str,
    content_type: str,
    data: bytes,
    sha256: str,
    actor: str,
) -> ApplicationDocument:
    with central.session() as session:
        record = ApplicationDocument(
            id=str(uuid.uuid4()),
            round_id=round_id,
            lao_id=lao_id,
            kind=document_kind(name, data),
            filename=name,
            content_type=content_type[:100] or "application/octet-stream",
            sha256=sha256,
            byte_size=len(data),
            uploaded_at=now_utc(),
            uploaded_by=actor,
        )
        session.add(record)
        log_action(
            session,
            actor=actor,
            action="document.upload",
            subject=f"{round_id}/{lao_id}",
            filename=name,
            kind=record.kind,
            sha256=sha256,
        )
        session.commit()
        return record
