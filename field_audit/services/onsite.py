"""What an inspector does on site besides verdicts and notes: photos on findings, the signing key
and sealing, as plain values for ``Services`` (``field_audit.app`` wires the device in).

- Photos: ``photo_items`` lists an audit's photos, ``read_thumbnails`` reads their thumbnails in
  one pass, ``read_photo`` one photo full size; both re-hash what they read and never return a
  damaged file (``read_photo`` raises ``PhotoDamaged``, which the screen's notices put in
  words). ``start_attaching`` ingests picked files off the caller's thread (both cores) and
  reports each photo as soon as it is linked. A photo already on the same criterion is not
  linked a second time (``Fate.ALREADY_HERE``); one stored for another finding is linked here
  too (``Fate.DUPLICATE``: the store keeps one copy).
- Key: ``key_info`` and ``make_key`` give the fingerprint, the enrolment text and its QR code.
- Sealing: ``seal_with`` unlocks the key with the passphrase and seals; a wrong passphrase
  raises ``WrongPassphrase`` before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from field_audit.attach import Attached, DeviceCapture, attach_photos, detach_photo
from field_audit.domain.audit import Missing
from field_audit.evidence.batch import BatchResult
from field_audit.evidence.errors import DamagedPhoto
from field_audit.evidence.qr import enrolment_qr_png
from field_audit.evidence.store import Kind, PhotoStore
from field_audit.seal.sealing import missing_in, seal_audit
from field_audit.signing import InspectorKey, KdfParams, create_identity, find_identity, unlock
from field_audit.storage.context import audit_context
from field_audit.storage.database import Database
from field_audit.storage.errors import StorageError
from field_audit.storage.models import PhotoRecord
from field_audit.storage.photos import photos_of


class PhotoDamaged(StorageError):
    """The stored photo no longer matches its hash: it is not shown. A ``StorageError``, so the
    screen's notices put this message (both languages) in words rather than a traceback."""

    def __init__(self, sha256: str) -> None:
        super().__init__(
            f"ไฟล์ภาพ {sha256[:12]} ในเครื่องนี้เสียหาย จึงไม่แสดงภาพ"
            f" / the stored photo {sha256[:12]} is damaged, so it is not shown"
        )
        self.sha256 = sha256


class Fate(StrEnum):
    """What became of one picked photo."""

    STORED = "stored"  # new on this device, linked to the finding
    DUPLICATE = "duplicate"  # the device had it (another finding): linked here, stored once
    ALREADY_HERE = "already_here"  # this finding has it already: not linked again
    REFUSED = "refused"  # not a usable photo; ``reason_th``/``reason_en`` say why


@dataclass(frozen=True)
class PhotoItem:
    """One photo on a finding, as the screen shows it (no bytes: see ``read_thumbnails``)."""

    id: str
    criterion_id: str
    sha256: str
    thumb_sha256: str
    caption: str
    width: int
    height: int
    captured_at: datetime | None
    captured_from: str | None = None  # which clock: exif_datetime_original, exif_datetime, device
    position: tuple[float, float] | None = None  # (lat, lon): the photo's GPS, or the device's


@dataclass(frozen=True)
class AttachReport:
    """One picked photo's fate; ``index`` is its place in the picked list."""

    index: int
    fate: Fate
    photo: PhotoItem | None = None
    thumbnail: bytes = b""  # the linked photo's thumbnail JPEG, read off the caller's thread
    reason_th: str = ""
    reason_en: str = ""


@dataclass(frozen=True)
class KeyInfo:
    """The public side of the inspector's key, for reading aloud and scanning at the office."""

    fingerprint: str
    enrolment_text: str
    qr_png: bytes
    created_at: datetime


Reporter = Callable[[AttachReport], object]


def photo_items(db: Database, audit_id: str) -> list[PhotoItem]:
    """The audit's photos, by criterion and in the order they were attached."""
    return [item_of(record) for record in photos_of(db, audit_id)]


def read_thumbnails(store: PhotoStore, photos: Iterable[PhotoItem]) -> dict[str, bytes]:
    """Thumbnail JPEG bytes by thumbnail hash; a missing or damaged file is left out."""
    found: dict[str, bytes] = {}
    for photo in photos:
        if photo.thumb_sha256 not in found:
            data = _thumbnail(store, photo.thumb_sha256)
            if data is not None:
                found[photo.thumb_sha256] = data
    return found


def read_photo(store: PhotoStore, sha256: str) -> bytes | None:
    """The stored photo for viewing full size, re-hashed first; None if the file is gone.

    Raises ``PhotoDamaged`` when the bytes no longer match: they are never shown."""
    try:
        return store.read(sha256, verify=True)
    except DamagedPhoto as damaged:
        raise PhotoDamaged(sha256) from damaged  # the cause (the hash found) goes to the log


def _thumbnail(store: PhotoStore, sha256: str) -> bytes | None:
    """A thumbnail re-hashed before it is shown (a few kB: cheap even for a whole audit); a
    damaged one is treated as missing, so its tile shows no picture rather than a wrong one."""
    try:
        return store.read(sha256, kind=Kind.THUMBNAIL, verify=True)
    except DamagedPhoto:
        return None


def start_attaching(
    db: Database,
    store: PhotoStore,
    target: tuple[str, str],
    sources: Sequence[bytes | str | Path],
    *,
    by: str,
    on_report: Reporter,
    taken: DeviceCapture | None = None,
) -> Future[list[AttachReport]]:
    """Ingest ``sources`` for (audit id, criterion id) without blocking; ``on_report`` runs on
    the batch's thread after each photo, in order. The future holds every report. ``taken``:
    the app took the photo just now (the device's time and position are kept with it)."""
    audit_id, criterion_id = target
    here = {photo.sha256 for photo in photos_of(db, audit_id, criterion_id)}
    reports: list[AttachReport] = []

    def linked(attached: Attached) -> None:
        report = _report(db, store, attached, here)
        reports.append(report)
        on_report(report)

    batch = attach_photos(db, store, target, sources, by=by, on_progress=linked, taken=taken)
    done: Future[list[AttachReport]] = Future()
    batch.add_done_callback(lambda finished: _settle(done, finished, reports))
    return done


def _report(db: Database, store: PhotoStore, attached: Attached, here: set[str]) -> AttachReport:
    record = attached.record
    if record is None:
        return AttachReport(
            attached.index,
            Fate.REFUSED,
            reason_th=attached.refusal_th,
            reason_en=attached.refusal_en,
        )
    if record.sha256 in here:
        detach_photo(db, store, record.id)  # the files stay: the earlier link refers to them
        return AttachReport(attached.index, Fate.ALREADY_HERE)
    here.add(record.sha256)
    thumbnail = _thumbnail(store, record.thumb_sha256) or b""
    return AttachReport(attached.index, Fate(attached.outcome.value), item_of(record), thumbnail)


def _settle(
    done: Future[list[AttachReport]], batch: Future[list[BatchResult]], reports: list[AttachReport]
) -> None:
    error = batch.exception()
    if error is not None:
        done.set_exception(error)
    else:
        done.set_result(reports)


def item_of(record: PhotoRecord) -> PhotoItem:
    return PhotoItem(
        id=record.id,
        criterion_id=record.criterion_id,
        sha256=record.sha256,
        thumb_sha256=record.thumb_sha256,
        caption=record.caption,
        width=record.width,
        height=record.height,
        captured_at=record.captured_at,
        captured_from=record.captured_from,
        position=(
            (record.gps_lat, record.gps_lon)
            if record.gps_lat is not None and record.gps_lon is not None
            else None
        ),
    )


def key_info(keys_dir: Path) -> KeyInfo | None:
    """The device's current key, or None before one is made."""
    identity = find_identity(keys_dir)
    return None if identity is None else _info(identity)


def make_key(keys_dir: Path, passphrase: str, *, kdf: KdfParams) -> KeyInfo:
    """Make the device's key sealed under ``passphrase`` (Argon2id: a fraction of a second)."""
    return _info(create_identity(keys_dir, passphrase, kdf=kdf))


def _info(identity: InspectorKey) -> KeyInfo:
    return KeyInfo(
        fingerprint=identity.fingerprint,
        enrolment_text=identity.enrolment_text,
        qr_png=enrolment_qr_png(identity.enrolment_text),
        created_at=identity.created_at,
    )


def missing_for_seal(db: Database, audit_id: str) -> list[Missing]:
    """What the stored audit still lacks before it can be sealed (empty: ready)."""
    return missing_in(audit_context(db, audit_id))


def seal_with(db: Database, keys_dir: Path, audit_id: str, passphrase: str) -> str:
    """Unlock the key and seal the audit; returns the sealed result's hash.

    Raises ``NoIdentity``/``WrongPassphrase`` (nothing written) or ``NotReadyToSeal``."""
    key = unlock(keys_dir, passphrase)
    return seal_audit(db, audit_id, key).hash
