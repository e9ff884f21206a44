"""Photo rows: which stored photo belongs to which finding, with its caption and metadata.

The photo files live in the evidence store; this module only records the links. A photo is
removed from a finding only while the audit is editable; the caller collects the file when
``is_referenced`` says nothing points to it any more: no photo row, and no stored sealed result
(imported ones have no photo rows here, only their payloads name their photos). ``photo_needs``
lists, file by file, what this device must hold: its photo rows' files and the photos of the
results it sealed itself, for a check that every needed file is there.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, func, or_, select

from field_audit.storage.audits import editable_audit, edition_by_hash, refresh_status
from field_audit.storage.database import Database
from field_audit.storage.errors import NotFound
from field_audit.storage.models import AuditRecord, PhotoRecord, SealedResultRecord, now_utc

SEALED_HERE = "sealed_here"  # a sealed result's origin when this device sealed it


@dataclass(frozen=True)
class NewPhoto:
    """What the evidence pipeline learnt about a stored photo (times are aware)."""

    sha256: str
    thumb_sha256: str
    width: int
    height: int
    byte_size: int
    captured_at: datetime | None
    gps: tuple[float, float] | None
    captured_from: str | None = None
    """Where ``captured_at`` came from: an EXIF tag (``exif_datetime_original`` or
    ``exif_datetime``) or ``device`` (the device's clock when the app took the photo)."""


@dataclass(frozen=True)
class PhotoNeed:
    """One file the database needs: a photo, or a photo row's thumbnail (``thumbnail``), for
    ``criterion_id`` of a photo row's audit (``audit_id``) or of a sealed result (``result_hash``).
    """

    sha256: str
    thumbnail: bool
    criterion_id: str
    audit_id: str | None = None
    result_hash: str | None = None


def check_attachable(db: Database, audit_id: str, criterion_id: str) -> None:
    """Raise what ``add_photo`` would (NotFound, AuditLocked) before any photo is stored."""
    with db.session() as session:
        _attachable_audit(session, audit_id, criterion_id)


def add_photo(
    db: Database, audit_id: str, criterion_id: str, photo: NewPhoto, *, caption: str, by: str
) -> PhotoRecord:
    """Link a stored photo to a finding, after the finding's last photo."""
    with db.session() as session:
        audit = _attachable_audit(session, audit_id, criterion_id)
        position = _next_position(session, audit_id, criterion_id)
        record = _record(audit_id, criterion_id, photo, caption=caption, by=by, position=position)
        session.add(record)
        session.flush()
        refresh_status(session, audit, edition_by_hash(session, audit.edition_hash))
        session.commit()
        return record


def remove_photo(db: Database, photo_id: str) -> PhotoRecord:
    """Unlink a photo from a draft audit's finding; returns the removed row."""
    with db.session() as session:
        record = session.get(PhotoRecord, photo_id)
        if record is None:
            raise NotFound("photo", photo_id)
        audit = editable_audit(session, record.audit_id)
        session.delete(record)
        session.flush()
        refresh_status(session, audit, edition_by_hash(session, audit.edition_hash))
        session.commit()
        return record


def set_caption(db: Database, photo_id: str, caption: str) -> None:
    with db.session() as session:
        record = session.get(PhotoRecord, photo_id)
        if record is None:
            raise NotFound("photo", photo_id)
        editable_audit(session, record.audit_id)
        record.caption = caption
        session.add(record)
        session.commit()


def photos_of(db: Database, audit_id: str, criterion_id: str | None = None) -> list[PhotoRecord]:
    with db.session() as session:
        query = select(PhotoRecord).where(PhotoRecord.audit_id == audit_id)
        if criterion_id is not None:
            query = query.where(PhotoRecord.criterion_id == criterion_id)
        return list(
            session.exec(
                query.order_by(col(PhotoRecord.criterion_id), col(PhotoRecord.position))
            ).all()
        )


def thumbnail_of(db: Database, sha256: str) -> str | None:
    """The thumbnail hash recorded for a photo, if this device recorded the photo."""
    with db.session() as session:
        return session.exec(
            select(PhotoRecord.thumb_sha256).where(PhotoRecord.sha256 == sha256)
        ).first()


def is_referenced(db: Database, sha256: str) -> bool:
    """Whether any photo row (of any audit, sealed or not) uses this photo or thumbnail, or any
    stored sealed result (imported ones included) names it among its findings' photos."""
    with db.session() as session:
        query = select(PhotoRecord.id).where(
            or_(PhotoRecord.sha256 == sha256, PhotoRecord.thumb_sha256 == sha256)
        )
        if session.exec(query).first() is not None:
            return True
        # Payloads are canonical JSON bytes (compact, sorted keys, no escapes in hex), so a
        # photo reference is exactly this text: a byte search, without decoding any payload.
        named = f'"sha256":"{sha256}"'.encode("ascii")
        found = select(SealedResultRecord.hash).where(
            func.instr(col(SealedResultRecord.payload), named) > 0
        )
        return session.exec(found).first() is not None


def photo_needs(db: Database) -> list[PhotoNeed]:
    """Every file the database needs, once per need (a file may be needed several times): each
    photo row's photo and thumbnail, then each photo a result sealed on this device names (only
    photo rows record thumbnails, so results name photos only). Results received from others
    need not have their photos here: one pulled from the central store comes without them;
    those a bundle brought are kept while present (``is_referenced``) but not required."""
    with db.session() as session:
        rows = session.exec(
            select(PhotoRecord).order_by(
                col(PhotoRecord.audit_id), col(PhotoRecord.criterion_id), col(PhotoRecord.position)
            )
        ).all()
        needs = [need for row in rows for need in _row_needs(row)]
        sealed = session.exec(
            select(SealedResultRecord)
            .where(SealedResultRecord.origin == SEALED_HERE)
            .order_by(col(SealedResultRecord.hash))
        )
        needs += [need for record in sealed for need in _sealed_needs(record)]
    return needs


def _row_needs(row: PhotoRecord) -> tuple[PhotoNeed, PhotoNeed]:
    criterion, audit = row.criterion_id, row.audit_id
    return (
        PhotoNeed(row.sha256, False, criterion, audit_id=audit),
        PhotoNeed(row.thumb_sha256, True, criterion, audit_id=audit),
    )


def _sealed_needs(record: SealedResultRecord) -> Iterator[PhotoNeed]:
    """The photos of the result's findings (a committee result has no findings)."""
    for finding in json.loads(record.payload).get("findings", []):
        for photo in finding["photos"]:
            yield PhotoNeed(photo["sha256"], False, finding["criterion"], result_hash=record.hash)


def _attachable_audit(session: Session, audit_id: str, criterion_id: str) -> AuditRecord:
    audit = editable_audit(session, audit_id)
    if edition_by_hash(session, audit.edition_hash).criterion(criterion_id) is None:
        raise NotFound("criterion", criterion_id)
    return audit


def _next_position(session: Session, audit_id: str, criterion_id: str) -> int:
    query = select(func.max(PhotoRecord.position)).where(
        PhotoRecord.audit_id == audit_id, PhotoRecord.criterion_id == criterion_id
    )
    last = session.exec(query).first()
    return 0 if last is None else last + 1


def _record(
    audit_id: str, criterion_id: str, photo: NewPhoto, *, caption: str, by: str, position: int
) -> PhotoRecord:
    lat, lon = photo.gps if photo.gps else (None, None)
    return PhotoRecord(
        id=str(uuid.uuid4()), audit_id=audit_id, criterion_id=criterion_id, sha256=photo.sha256,
        thumb_sha256=photo.thumb_sha256, caption=caption, captured_at=photo.captured_at,
        captured_from=photo.captured_from if photo.captured_at else None,
        gps_lat=lat, gps_lon=lon, width=photo.width, height=photo.height,
        byte_size=photo.byte_size, attached_by=by, attached_at=now_utc(), position=position,
    )  # fmt: skip
