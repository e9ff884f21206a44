"""The inspector app's composition root: ``build_services(config)`` opens the device database,
loads the edition and returns the ``Services`` the UI calls. Nothing here is built at import
time, so every test and every run chooses its own data folder.

The UI talks to the device only through ``Services``: plain values in, plain values out.
Errors are those of the layers below (``StorageError``, ``DomainError``); the UI turns them
into words.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import httpx
from sqlmodel import select

from field_audit.domain.audit import AuditStatus
from field_audit.domain.edition import DEFAULT_EDITION_ID, Edition, load_bundled_edition
from field_audit.domain.errors import EditionError
from field_audit.domain.scoring import Verdict
from field_audit.storage import assignments, audits
from field_audit.storage.assignments import AssignmentView
from field_audit.storage.database import Database, open_database
from field_audit.storage.demo import load_demo_data
from field_audit.storage.errors import NotFound
from field_audit.storage.models import InspectorProfile, SelfAssessmentClaim, now_utc

CENTRAL_CHECK_TIMEOUT_S = 2.0


@dataclass(frozen=True)
class AppConfig:
    """What one run of the app is pointed at; read once at the command line."""

    data_dir: Path
    demo_if_empty: bool = False
    central_url: str | None = None
    edition_id: str = DEFAULT_EDITION_ID


@dataclass(frozen=True)
class Inspector:
    id: str
    name: str
    position: str
    central_url: str | None


@dataclass(frozen=True)
class AuditSnapshot:
    """One inspector's audit of one assignment as it stands on the device."""

    audit_id: str
    status: AuditStatus
    edition: Edition
    verdicts: Mapping[str, Verdict]
    notes: Mapping[str, str]
    photo_counts: Mapping[str, int]
    claims: Mapping[str, Verdict]

    @property
    def editable(self) -> bool:
        return self.status in (AuditStatus.DRAFT, AuditStatus.COMPLETE)


class Services:
    """Everything the inspector UI does to the device, over one open database."""

    def __init__(self, db: Database, edition: Edition, *, central_url: str | None) -> None:
        self.db = db
        self.edition = edition
        self._central_url = central_url

    def close(self) -> None:
        self.db.close()

    def inspector(self) -> Inspector | None:
        profile = assignments.inspector_profile(self.db)
        return _inspector(profile) if profile else None

    def save_inspector(self, *, name: str, position: str) -> Inspector:
        """Create the device's inspector profile, or rename the one there is."""
        with self.db.session() as session:
            profile = session.exec(select(InspectorProfile)).first() or InspectorProfile(
                id=str(uuid.uuid4()), name=name, created_at=now_utc()
            )
            profile.name, profile.position = name.strip(), position.strip()
            session.add(profile)
            session.commit()
            return _inspector(profile)

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
        return self._snapshot(record.id, AuditStatus(record.status), record.edition_hash, view)

    def record_verdict(
        self, audit_id: str, criterion_id: str, verdict: Verdict, *, by: str
    ) -> AuditStatus:
        return audits.record_verdict(self.db, audit_id, criterion_id, verdict, by=by)

    def record_note(self, audit_id: str, criterion_id: str, note: str, *, by: str) -> None:
        audits.record_note(self.db, audit_id, criterion_id, note, by=by)

    def edition_for(self, edition_id: str) -> Edition:
        if edition_id == self.edition.id:
            return self.edition
        try:
            return load_bundled_edition(edition_id)
        except EditionError:
            raise NotFound("edition", edition_id) from None

    def central_url(self) -> str | None:
        if self._central_url:
            return self._central_url
        inspector = self.inspector()
        return inspector.central_url if inspector else None

    def central_reachable(self, timeout: float = CENTRAL_CHECK_TIMEOUT_S) -> bool:
        """Whether the central store answers at all; no URL configured means offline."""
        url = self.central_url()
        if not url:
            return False
        try:
            response = httpx.get(url, timeout=timeout, follow_redirects=False)
        except httpx.HTTPError:
            return False
        return response.status_code < 500

    def _snapshot(
        self, audit_id: str, status: AuditStatus, edition_hash: str, view: AssignmentView
    ) -> AuditSnapshot:
        findings = audits.audit_findings(self.db, audit_id)
        with self.db.session() as session:
            edition = audits.edition_by_hash(session, edition_hash)
            counts = audits.photo_counts(session, audit_id)
            claims = session.exec(
                select(SelfAssessmentClaim).where(
                    SelfAssessmentClaim.assignment_id == view.assignment_id
                )
            ).all()
        return AuditSnapshot(
            audit_id=audit_id,
            status=status,
            edition=edition,
            verdicts={cid: Verdict(f.verdict) for cid, f in findings.items() if f.verdict},
            notes={cid: f.note for cid, f in findings.items() if f.note},
            photo_counts=counts,
            claims={c.criterion_id: Verdict(c.claim) for c in claims},
        )


def build_services(config: AppConfig) -> Services:
    """Open the device database in ``config.data_dir`` (with demo data if asked and empty)."""
    edition = load_bundled_edition(config.edition_id)
    db = open_database(config.data_dir)
    if config.demo_if_empty and assignments.is_empty(db):
        load_demo_data(db, edition)
    return Services(db, edition, central_url=config.central_url)


def _inspector(profile: InspectorProfile) -> Inspector:
    return Inspector(
        id=profile.id,
        name=profile.name,
        position=profile.position,
        central_url=profile.central_url,
    )
