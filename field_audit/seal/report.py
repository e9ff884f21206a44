"""The committee's report for one LAO as a PDF, from the sealed results on this device."""

from __future__ import annotations

import json
from typing import Any

from field_audit.documents import committee_report_pdf
from field_audit.documents.report import DAMAGED, Damaged
from field_audit.evidence.errors import DamagedPhoto
from field_audit.evidence.store import Kind, PhotoStore
from field_audit.seal.bundle_format import refuse
from field_audit.seal.bundles import knowledge_of
from field_audit.storage.database import Database
from field_audit.storage.models import SealedResultRecord
from field_audit.storage.photos import thumbnail_of
from field_audit.storage.sealed import COMMITTEE_RESULT, get_sealed


def committee_report(db: Database, store: PhotoStore, result_hash: str) -> bytes:
    """Each criterion with every member's verdict, notes and thumbnails, the score, the
    members and their key fingerprints; thumbnails missing here are said to be missing, and
    damaged ones (re-hashed on reading) get a placeholder instead of their bytes."""
    record = get_sealed(db, result_hash)
    if record is None or record.kind != COMMITTEE_RESULT:
        raise refuse(
            "NOT_FOUND",
            f"no committee result {result_hash[:12]} on this device",
            "ไม่พบผลของคณะกรรมการในเครื่องนี้",
        )
    committee = json.loads(record.payload)
    members = [json.loads(m.payload) for m in _member_records(db, committee)]

    def thumbnail(sha256: str) -> bytes | Damaged | None:
        thumb = thumbnail_of(db, sha256)
        return _verified_thumbnail(store, thumb) if thumb else None

    titles = _titles(db, committee)
    return committee_report_pdf(committee, members, thumbnail=thumbnail, criterion_titles=titles)


def _verified_thumbnail(store: PhotoStore, sha256: str) -> bytes | Damaged | None:
    try:
        return store.read(sha256, kind=Kind.THUMBNAIL, verify=True)
    except DamagedPhoto:
        return DAMAGED


def _member_records(db: Database, committee: dict[str, Any]) -> list[SealedResultRecord]:
    hashes = [m["audit_hash"] for m in committee["members"]]
    return [r for h in hashes if (r := get_sealed(db, h)) is not None]


def _titles(db: Database, committee: dict[str, Any]) -> dict[str, str]:
    edition = knowledge_of(db).edition(committee["edition"]["id"], committee["edition"]["hash"])
    return {c.id: c.title.th for c in edition.criteria} if edition else {}
