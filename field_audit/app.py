"""The inspector app's composition root: ``build_services(config)`` opens the device (database,
photo store, keys folder), loads the edition and returns the ``Services`` the UI calls. Nothing
here is built at import time, so every test and every run chooses its own data folder.

The UI talks to the device only through ``Services``: plain values in, plain values out.
Errors are those of the layers below (``StorageError``, ``DomainError``, ``SigningError``,
``SealError``, ``EvidenceError``); the UI turns them into words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from field_audit.attach import DeviceCapture, detach_photo
from field_audit.device import EVIDENCE_FOLDER, open_device
from field_audit.domain.answers import Answer, read_answer
from field_audit.domain.audit import AuditStatus, Missing
from field_audit.domain.edition import CURRENT_EDITION_ID, Edition, load_bundled_edition
from field_audit.domain.errors import EditionError
from field_audit.domain.evidence_records import Record
from field_audit.domain.shares import Scope
from field_audit.evidence.store import PhotoStore
from field_audit.seal.sealing import correct_audit
from field_audit.services import onsite
from field_audit.services.certificates import CertificateDesk
from field_audit.services.committee import CommitteeDesk
from field_audit.services.onsite import AttachReport, KeyInfo, PhotoItem, Reporter
from field_audit.services.reports import ExportedReport, own_report
from field_audit.signing import (
    DEFAULT_KDF,
    KdfParams,
    UnlockedKey,
    check_passphrase,
    keys_dir_in,
    unlock,
)
from field_audit.storage import assignments, audits, settings
from field_audit.storage.answering import Progress, audit_progress, note_phrases
from field_audit.storage.assignments import AssignmentView
from field_audit.storage.database import Database
from field_audit.storage.demo import load_demo_data
from field_audit.storage.errors import NotFound
from field_audit.storage.evidence_records import add_record, records_by_criterion, remove_record
from field_audit.storage.models import InspectorProfile
from field_audit.storage.photos import set_caption
from field_audit.storage.profile import save_central_url, save_profile
from field_audit.storage.recommendations import record_recommendation
from field_audit.storage.settings import Place
from field_audit.storage.shares import planned_shares, set_scope

if TYPE_CHECKING:
    from field_audit.services.syncing import SyncDesk

CENTRAL_CHECK_TIMEOUT_S = 2.0
EXPORTS_FOLDER = "exports"


@dataclass(frozen=True)
class AppConfig:
    """What one run of the app is pointed at; read once at the command line."""

    data_dir: Path
    demo_if_empty: bool = False
    central_url: str | None = None
    edition_id: str = CURRENT_EDITION_ID


@dataclass(frozen=True)
class Inspector:
    id: str
    name: str
    position: str
    central_url: str | None


@dataclass(frozen=True)
class AuditSnapshot:
    """One inspector's audit of one assignment as it stands on the device; ``scope`` is the
    member's share (None: every criterion), ``planned`` the share the office planned."""

    audit_id: str
    status: AuditStatus
    edition: Edition
    verdicts: Mapping[str, Answer]
    notes: Mapping[str, str]
    photo_counts: Mapping[str, int]
    claims: Mapping[str, Answer]
    revision: int = 1
    recommendations: Mapping[str, str] = field(default_factory=dict)
    recommendation: str = ""
    records: Mapping[str, list[tuple[str, Record]]] = field(default_factory=dict)
    scope: Scope | None = None
    planned: Scope | None = None
    phrases: Mapping[str, list[str]] = field(default_factory=dict)
    """By criterion: lines the inspector wrote in notes of their other audits, to reuse."""

    @property
    def editable(self) -> bool:
        return self.status in (AuditStatus.DRAFT, AuditStatus.COMPLETE)


class Services:
    """Everything the inspector UI does to the device: its database, photo store and key.

    ``photos`` and ``keys_dir`` default to their places beside the database (as
    ``open_device`` lays them out); ``kdf`` is the key's Argon2id cost (tests make it cheap).
    """

    def __init__(
        self,
        db: Database,
        edition: Edition,
        *,
        central_url: str | None,
        photos: PhotoStore | None = None,
        keys_dir: Path | None = None,
        kdf: KdfParams = DEFAULT_KDF,
    ) -> None:
        self.db = db
        self.edition = edition
        self._central_url = central_url
        data_dir = db.path.parent
        self.photo_store = photos or PhotoStore.open(data_dir / EVIDENCE_FOLDER)
        self.keys_dir = keys_dir or keys_dir_in(data_dir)
        self._kdf = kdf

    def close(self) -> None:
        self.db.close()

    def inspector(self) -> Inspector | None:
        profile = assignments.inspector_profile(self.db)
        return _inspector(profile) if profile else None

    def save_inspector(self, *, name: str, position: str) -> Inspector:
        """Create the device's inspector profile, or rename the one there is."""
        return _inspector(save_profile(self.db, name=name, position=position))

    def save_central_url(self, url: str | None) -> None:
        """Keep the central store's address in the profile (blank forgets it); from now on it
        is the address this run uses, even if the command line gave another."""
        save_central_url(self.db, (url or "").strip() or None)
        self._central_url = None

    def assignments(self, inspector_id: str) -> list[AssignmentView]:
        return assignments.list_assignments(self.db, inspector_id=inspector_id)

    def open_audit(self, view: AssignmentView, inspector_id: str) -> AuditSnapshot:
        """The audit to show: the editable one (started now if there is none), or the sealed one."""
        if view.audit_id is not None and view.state in ("sealed", "synced"):
            record = audits.get_audit(self.db, view.audit_id)
        else:
            edition = self.edition_for(view.round.edition_id)
            record = audits.open_audit(
                self.db,
                assignment_id=view.assignment_id,
                inspector_id=inspector_id,
                edition=edition,
            )
        if record is None:
            raise NotFound("audit", view.audit_id or view.assignment_id)
        snapshot = self._snapshot(record.id, AuditStatus(record.status), record.edition_hash, view)
        return replace(snapshot, revision=record.revision)

    def record_verdict(
        self, audit_id: str, criterion_id: str, verdict: Answer, *, by: str
    ) -> AuditStatus:
        return audits.record_verdict(self.db, audit_id, criterion_id, verdict, by=by)

    def record_note(self, audit_id: str, criterion_id: str, note: str, *, by: str) -> None:
        audits.record_note(self.db, audit_id, criterion_id, note, by=by)

    def record_recommendation(
        self, audit_id: str, criterion_id: str, text: str, *, by: str
    ) -> None:
        """The member's recommendation on a criterion, or overall (criterion id "")."""
        record_recommendation(self.db, audit_id, criterion_id, text, by=by)

    def add_record(self, audit_id: str, criterion_id: str, record: Record, *, by: str) -> str:
        """Keep an evidence record; ``RecordError`` (with Thai words) when it breaks a rule."""
        return add_record(self.db, audit_id, criterion_id, record, by=by)

    def remove_record(self, record_id: str) -> None:
        remove_record(self.db, record_id)

    def set_scope(self, audit_id: str, scope: Scope | None) -> AuditStatus:
        return set_scope(self.db, audit_id, scope)

    def edition_for(self, edition_id: str) -> Edition:
        if edition_id == self.edition.id:
            return self.edition
        try:
            return load_bundled_edition(edition_id)
        except EditionError:
            raise NotFound("edition", edition_id) from None

    # the inspector's place and quicker answering

    def place(self) -> Place | None:
        """Where the inspector was when the app last showed an audit (None: not in one)."""
        return settings.read_place(self.db)

    def save_place(self, assignment_id: str, criterion_id: str | None) -> None:
        """Remember that the inspector is in this assignment's audit, at this criterion."""
        settings.write_place(self.db, Place(assignment_id, criterion_id))

    def forget_place(self) -> None:
        """The inspector left the audit: the next start opens the assignments."""
        settings.write_place(self.db, None)

    def compact(self) -> bool:
        return settings.read_compact(self.db)

    def save_compact(self, compact: bool) -> None:
        settings.write_compact(self.db, compact)

    def progress(self, audit_ids: Sequence[str]) -> dict[str, Progress]:
        """Answered of total (within the member's share) for each of these audits."""
        return audit_progress(self.db, audit_ids)

    def central_url(self) -> str | None:
        if self._central_url:
            return self._central_url
        inspector = self.inspector()
        return inspector.central_url if inspector else None

    def central_reachable(self, timeout: float = CENTRAL_CHECK_TIMEOUT_S) -> bool:
        """Whether the central store says it can take a sync (its ``/v1/health``); no URL
        configured means offline."""
        url = self.central_url()
        if not url:
            return False
        from field_audit.sync_client.http import store_healthy  # noqa: PLC0415  # see sync_desk

        return store_healthy(url, timeout=timeout)

    # the committee, sync and certificate screens (field_audit.services)

    def exports_dir(self) -> Path:
        """Where bundles made on this device are written: ``<data dir>/exports``."""
        return self.db.path.parent / EXPORTS_FOLDER

    def committee_desk(self) -> CommitteeDesk:
        return CommitteeDesk(self.db, self.photo_store, self.exports_dir())

    def sync_desk(self) -> SyncDesk:
        # Imported on first use: the HTTP client (httpx, which loads rich and pygments for
        # its command line) is a tenth of the app's start, and the first screen needs none.
        from field_audit.services.syncing import SyncDesk  # noqa: PLC0415

        return SyncDesk(self.db, self.photo_store)

    def certificate_desk(self) -> CertificateDesk:
        return CertificateDesk(self.db)

    def unlock_key(self, passphrase: str) -> UnlockedKey:
        """The device key, unlocked to sign requests and the committee's seal; the caller keeps
        it in memory only. Raises ``WrongPassphrase`` or ``NoIdentity`` (Argon2id: call off the
        UI thread)."""
        return unlock(self.keys_dir, passphrase)

    # photos on findings (field_audit.onsite)

    def photos(self, audit_id: str) -> list[PhotoItem]:
        return onsite.photo_items(self.db, audit_id)

    def thumbnails(self, items: Sequence[PhotoItem]) -> dict[str, bytes]:
        """Thumbnail bytes by ``thumb_sha256``, read in one pass."""
        return onsite.read_thumbnails(self.photo_store, items)

    def photo_bytes(self, sha256: str) -> bytes | None:
        """The stored (normalised) photo, for viewing full size; a damaged or missing file
        raises ``PhotoDamaged`` (said in words) rather than being shown."""
        return onsite.read_photo(self.photo_store, sha256)

    def attach_photos(
        self,
        audit_id: str,
        criterion_id: str,
        sources: Sequence[bytes],
        *,
        by: str,
        on_report: Reporter,
        taken: DeviceCapture | None = None,
    ) -> Future[list[AttachReport]]:
        """Start taking photos in (off this thread, both cores); returns at once. ``taken``:
        the app's camera took them just now, with this device time and position."""
        return onsite.start_attaching(
            self.db,
            self.photo_store,
            (audit_id, criterion_id),
            sources,
            by=by,
            on_report=on_report,
            taken=taken,
        )

    def set_caption(self, photo_id: str, caption: str) -> None:
        set_caption(self.db, photo_id, caption)

    def remove_photo(self, photo_id: str) -> None:
        detach_photo(self.db, self.photo_store, photo_id)

    def audit_status(self, audit_id: str) -> AuditStatus:
        record = audits.get_audit(self.db, audit_id)
        if record is None:
            raise NotFound("audit", audit_id)
        return AuditStatus(record.status)

    # the signing key and sealing

    def signing_key(self) -> KeyInfo | None:
        return onsite.key_info(self.keys_dir)

    def check_passphrase(self, passphrase: str) -> None:
        """Raise ``WeakPassphrase`` (with words) unless long enough for a new key."""
        check_passphrase(passphrase)

    def create_key(self, passphrase: str) -> KeyInfo:
        """Make the device's key (a fraction of a second of Argon2id: call off the UI thread)."""
        return onsite.make_key(self.keys_dir, passphrase, kdf=self._kdf)

    def missing_for_seal(self, audit_id: str) -> list[Missing]:
        return onsite.missing_for_seal(self.db, audit_id)

    def seal_audit(self, audit_id: str, passphrase: str) -> str:
        """Unlock the key and seal; returns the result's hash (call off the UI thread)."""
        return onsite.seal_with(self.db, self.keys_dir, audit_id, passphrase)

    def own_report(self, audit_id: str) -> ExportedReport:
        """The PDF of the audit's sealed revision, written to the exports folder."""
        return own_report(self.db, self.photo_store, self.exports_dir(), audit_id)

    def correct_audit(self, audit_id: str, *, by: str) -> str:
        """Open a new draft revision of a sealed audit; returns its id."""
        return correct_audit(self.db, audit_id, by=by).id

    def _snapshot(
        self, audit_id: str, status: AuditStatus, edition_hash: str, view: AssignmentView
    ) -> AuditSnapshot:
        findings = audits.audit_findings(self.db, audit_id)
        record = audits.get_audit(self.db, audit_id)
        inspector_id = record.inspector_id if record else ""
        with self.db.session() as session:
            edition = audits.edition_by_hash(session, edition_hash)
            counts = audits.photo_counts(session, audit_id)
            records = records_by_criterion(session, audit_id)
            planned = planned_shares(session, view.assignment_id).get(inspector_id)
        phrases = note_phrases(
            self.db, inspector_id=inspector_id, edition_id=edition.id, besides=audit_id
        )
        return AuditSnapshot(
            audit_id=audit_id,
            status=status,
            edition=edition,
            verdicts={cid: read_answer(f.verdict) for cid, f in findings.items() if f.verdict},
            notes={cid: f.note for cid, f in findings.items() if f.note},
            photo_counts=counts,
            claims=assignments.self_claims(self.db, view.assignment_id),
            recommendations={c: f.recommendation for c, f in findings.items() if f.recommendation},
            recommendation=record.recommendation if record else "",
            records=records,
            scope=audits.audit_scope(record) if record else None,
            planned=planned,
            phrases=phrases,
        )


def build_services(config: AppConfig) -> Services:
    """Open the device in ``config.data_dir``: database (with demo data if asked and empty),
    photo store and keys folder."""
    edition = load_bundled_edition(config.edition_id)
    device = open_device(config.data_dir)
    if config.demo_if_empty and assignments.is_empty(device.db):
        load_demo_data(device.db, edition)
    return Services(
        device.db,
        edition,
        central_url=config.central_url,
        photos=device.photos,
        keys_dir=device.keys_dir,
    )


def _inspector(profile: InspectorProfile) -> Inspector:
    return Inspector(
        id=profile.id,
        name=profile.name,
        position=profile.position,
        central_url=profile.central_url,
    )
