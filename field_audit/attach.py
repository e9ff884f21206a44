"""Attaching photos to findings: the evidence pipeline (off the caller's thread, both cores)
feeds the store, and each stored photo is linked to its finding as soon as it is ready.

A batch that cannot be linked (no such audit or criterion, the audit no longer a draft) changes
nothing: it is refused before any photo is stored, and a photo whose link still fails (the audit
sealed during the batch) has the files it brought collected again.

Removing a photo from a draft unlinks it and collects its files when nothing else refers to
them; sealed audits keep their photos for good.

``check_photos`` finds both ways evidence is lost: a stored file that no longer hashes to its
name (the store re-hashes), and a file the database needs that the store does not have.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, replace
from datetime import datetime

from field_audit.evidence.batch import BatchResult, ingest_batch
from field_audit.evidence.errors import DamagedPhoto
from field_audit.evidence.model import Outcome, PhotoMetadata, PhotoSource
from field_audit.evidence.store import Kind, PhotoStore
from field_audit.storage.database import Database
from field_audit.storage.errors import StorageError
from field_audit.storage.models import PhotoRecord
from field_audit.storage.photos import (
    NewPhoto,
    PhotoNeed,
    add_photo,
    check_attachable,
    is_referenced,
    photo_needs,
    remove_photo,
)


@dataclass(frozen=True)
class Attached:
    """One photo's fate: linked (``record``), or refused with words (``refusal_th``/``_en``)."""

    index: int
    outcome: Outcome
    record: PhotoRecord | None
    refusal_th: str = ""
    refusal_en: str = ""


Progress = Callable[[Attached], object]
DEVICE = "device"  # a capture time from the device's own clock (PhotoRecord.captured_from)


@dataclass(frozen=True)
class DeviceCapture:
    """A photo the app itself took: the device's clock then (aware) and, where the platform
    gave one, its position (lat, lon). Recorded instead of whatever EXIF the picture carries."""

    at: datetime
    position: tuple[float, float] | None = None


def attach_photos(
    db: Database,
    store: PhotoStore,
    target: tuple[str, str],
    sources: Sequence[PhotoSource],
    *,
    caption: str = "",
    by: str,
    on_progress: Progress | None = None,
    taken: DeviceCapture | None = None,
) -> Future[list[BatchResult]]:
    """Ingest ``sources`` for (audit id, criterion id) without blocking; report each photo.
    ``taken``: the sources were taken by the app just now (their time and position are the
    device's).

    When the target cannot take photos, every photo is reported refused at once (on this
    thread) and the store is not touched."""
    audit_id, criterion_id = target
    try:
        check_attachable(db, audit_id, criterion_id)
    except StorageError as error:
        return _refuse_all(len(sources), error, on_progress)

    def linked(index: int, result: BatchResult) -> None:
        attached = _link(db, store, target, result, caption=caption, by=by, taken=taken)
        if on_progress is not None:
            on_progress(attached)

    return ingest_batch(store, sources, on_progress=linked)


def _refuse_all(
    count: int, error: StorageError, on_progress: Progress | None
) -> Future[list[BatchResult]]:
    """A finished batch of refusals; like a batch, it fails if ``on_progress`` raises."""
    done: Future[list[BatchResult]] = Future()
    try:
        for index in range(count):
            if on_progress is not None:
                on_progress(_refused(index, error))
    except Exception as exc:
        done.set_exception(exc)
    else:
        done.set_result([BatchResult(index, Outcome.REFUSED) for index in range(count)])
    return done


def _link(
    db: Database,
    store: PhotoStore,
    target: tuple[str, str],
    result: BatchResult,
    *,
    caption: str,
    by: str,
    taken: DeviceCapture | None = None,
) -> Attached:
    if result.metadata is None:
        refusal = result.refusal
        th, en = (refusal.thai, refusal.english) if refusal else ("", "")
        return Attached(result.index, Outcome.REFUSED, None, th, en)
    audit_id, criterion_id = target
    try:
        record = add_photo(
            db, audit_id, criterion_id, new_photo(result.metadata, taken), caption=caption, by=by
        )
    except StorageError as error:
        # Even a DUPLICATE may have brought its thumbnail (an imported photo comes without).
        _collect(db, store, result.metadata.sha256, result.metadata.thumbnail_sha256)
        return _refused(result.index, error)
    return Attached(result.index, result.outcome, record)


def _refused(index: int, error: StorageError) -> Attached:
    return Attached(index, Outcome.REFUSED, None, "บันทึกภาพไม่ได้: " + str(error), str(error))


def new_photo(meta: PhotoMetadata, taken: DeviceCapture | None = None) -> NewPhoto:
    """The row's facts: the photo's own, or for one the app took, the device's time and (if
    known, else the picture's) position."""
    if taken is not None:
        return replace(
            new_photo(meta),
            captured_at=taken.at,
            captured_from=DEVICE,
            gps=taken.position or new_photo(meta).gps,
        )
    return NewPhoto(
        sha256=meta.sha256,
        thumb_sha256=meta.thumbnail_sha256,
        width=meta.width,
        height=meta.height,
        byte_size=meta.byte_size,
        captured_at=_aware(meta.captured_at),
        gps=(meta.gps.lat, meta.gps.lon) if meta.gps else None,
        captured_from=meta.captured_from,
    )


def _aware(moment: datetime | None) -> datetime | None:
    """A camera clock without a zone is taken as the device's local time."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.astimezone()


def detach_photo(db: Database, store: PhotoStore, photo_id: str) -> None:
    """Remove a photo from a draft's finding; its files go when nothing refers to them."""
    removed = remove_photo(db, photo_id)
    _collect(db, store, removed.sha256, removed.thumb_sha256)


def _collect(db: Database, store: PhotoStore, sha256: str, thumb_sha256: str) -> None:
    """Delete a photo's files that nothing refers to any more."""
    for digest, kind in ((sha256, Kind.PHOTO), (thumb_sha256, Kind.THUMBNAIL)):
        if not is_referenced(db, digest):
            store.delete(digest, kind=kind)


@dataclass(frozen=True)
class MissingPhoto:
    """A file the database needs that the store does not have, with every need for it."""

    kind: Kind
    sha256: str
    needs: tuple[PhotoNeed, ...]


@dataclass(frozen=True)
class PhotoCheck:
    """What ``check_photos`` found; all is well when both lists are empty."""

    damaged: list[DamagedPhoto]
    missing: list[MissingPhoto]

    @property
    def ok(self) -> bool:
        return not self.damaged and not self.missing


def check_photos(db: Database, store: PhotoStore) -> PhotoCheck:
    """Re-hash every stored file, and list every needed file the store lacks."""
    return PhotoCheck(store.check_all(), missing_photos(db, store))


def missing_photos(db: Database, store: PhotoStore) -> list[MissingPhoto]:
    """The files ``photo_needs`` names that are not in the store, in the order first needed."""
    by_file: dict[tuple[Kind, str], list[PhotoNeed]] = {}
    for need in photo_needs(db):
        kind = Kind.THUMBNAIL if need.thumbnail else Kind.PHOTO
        by_file.setdefault((kind, need.sha256), []).append(need)
    return [
        MissingPhoto(kind, sha256, tuple(needs))
        for (kind, sha256), needs in by_file.items()
        if not store.contains(sha256, kind=kind)
    ]
