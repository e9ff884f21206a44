"""Fixtures for sealing: an inspector key (cheap KDF), demo data and a complete audit."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

import pytest

from field_audit.domain.answers import Answer, Grade, Verdict
from field_audit.domain.edition import Edition
from field_audit.evidence.store import PhotoStore
from field_audit.signing import KdfParams, UnlockedKey, create_identity, unlock
from field_audit.storage.audits import audit_scope, open_audit, record_note, record_verdict
from field_audit.storage.database import Database
from field_audit.storage.demo import DEMO_INSPECTOR_ID, load_demo_data
from field_audit.storage.models import MemberKey, PhotoRecord, now_utc
from sync.protocol.signatures import encode_public_key

CHEAP = KdfParams(1, 1, 8)
PASSPHRASE = "รหัสผ่านยาวพอ-2569"


def enrol(db: Database, inspector_id: str, public_key: bytes, revoked_at: object = None) -> None:
    """A key the office enrolled for a member, as a sync records it on the device."""
    with db.session() as session:
        session.merge(
            MemberKey(
                inspector_id=inspector_id,
                public_key=encode_public_key(public_key),
                revoked_at=revoked_at,  # type: ignore[arg-type]
            )
        )
        session.commit()


def make_key(folder: Path) -> UnlockedKey:
    create_identity(folder, PASSPHRASE, kdf=CHEAP)
    return unlock(folder, PASSPHRASE)


@pytest.fixture
def key(tmp_path: Path) -> UnlockedKey:
    return make_key(tmp_path / "keys")


@pytest.fixture
def demo(db: Database, edition: Edition) -> Database:
    load_demo_data(db, edition)
    return db


def attach_fake_photo(
    db: Database, audit_id: str, criterion_id: str, content: bytes, store: PhotoStore | None = None
) -> str:
    """A photo row as the evidence pipeline records it, its bytes in ``store`` when given."""
    digest = hashlib.sha256(content).hexdigest()
    if store is not None:
        store.put_verified(digest, content)
    with db.session() as session:
        session.add(
            PhotoRecord(
                id=str(uuid.uuid4()), audit_id=audit_id, criterion_id=criterion_id,
                sha256=digest, thumb_sha256=digest, caption=f"ภาพ {criterion_id}",
                captured_at=now_utc(), gps_lat=18.788343, gps_lon=98.985294, width=2048,
                height=1536, byte_size=len(content), attached_by=DEMO_INSPECTOR_ID,
                attached_at=now_utc(), position=0,
            )
        )  # fmt: skip
        session.commit()
    return digest


def complete_audit(
    db: Database,
    edition: Edition,
    assignment: str = "a-cm",
    not_met: tuple[str, ...] = (),
    *,
    store: PhotoStore | None = None,
    inspector_id: str = DEMO_INSPECTOR_ID,
    unanswered: tuple[str, ...] = (),
) -> str:
    """A draft with every answer of its scope (the planned share, or all; a graded criterion
    at full points, or 0 when in ``not_met``), a note and a (fake) photo wherever one is
    required; ``unanswered`` criteria are left for the test to answer."""
    audit = open_audit(db, assignment_id=assignment, inspector_id=inspector_id, edition=edition)
    scope = audit_scope(audit)
    for criterion in edition.criteria:
        if scope is not None and criterion.id not in scope:
            continue
        if criterion.id not in unanswered:
            answer = _answer(criterion.graded, criterion.points, criterion.id in not_met)
            record_verdict(db, audit.id, criterion.id, answer, by=inspector_id)
        if criterion.photo_required:
            content = f"photo {audit.id}:{criterion.id}".encode() * 50
            attach_fake_photo(db, audit.id, criterion.id, content, store)
    if edition.criterion("B02") is not None:
        record_note(db, audit.id, "B02", "ที่จอดรถ 40 คัน แยกจากเจ้าหน้าที่", by=inspector_id)
    return audit.id


def _answer(graded: bool, points: int, not_met: bool) -> Answer:
    if graded:
        return Grade(0 if not_met else points)
    return Verdict.NOT_MET if not_met else Verdict.MET


@pytest.fixture
def store(tmp_path: Path) -> PhotoStore:
    return PhotoStore.open(tmp_path / "data" / "evidence")
