"""Sealing an audit: check it is complete, build its payload, sign the canonical bytes, store.

A sealed audit never changes; ``correct_audit`` opens a new draft revision that names the
sealed one's hash, and the history is kept.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol

from field_audit.domain.answers import read_answer
from field_audit.domain.audit import Missing, missing_for_seal
from field_audit.seal.errors import NotReadyToSeal, SealRefused
from field_audit.seal.payload import audit_document
from field_audit.storage.audits import open_correction
from field_audit.storage.context import AuditContext, audit_context
from field_audit.storage.database import Database
from field_audit.storage.models import AuditRecord
from field_audit.storage.sealed import SealedRow, save_own_audit_seal
from sync.checks.results import audit_problem
from sync.protocol.sealed import Result, SignedResult, Signer, sign_result


class SigningKey(Protocol):
    """An unlocked inspector key (field_audit.signing.UnlockedKey)."""

    @property
    def key_id(self) -> str: ...
    @property
    def public_key(self) -> bytes: ...
    @property
    def fingerprint(self) -> str: ...
    def sign(self, data: bytes) -> bytes: ...


def signer_of(inspector_id: str, name: str, key: SigningKey) -> Signer:
    return Signer(
        inspector_id=inspector_id, name=name, key_id=key.key_id, fingerprint=key.fingerprint
    )


def missing_in(context: AuditContext) -> list[Missing]:
    """What the audit's scope still lacks (answers, required photos), in the edition's order."""
    verdicts = {c: read_answer(f.verdict) for c, f in context.findings.items() if f.verdict}
    counts = {c: len(photos) for c, photos in context.photos.items()}
    return missing_for_seal(context.edition, verdicts, counts, context.scope)


def seal_audit(
    db: Database, audit_id: str, key: SigningKey, *, now: datetime | None = None
) -> SignedResult:
    """Seal a complete audit with the inspector's key; refuses with what is missing."""
    context = audit_context(db, audit_id)
    missing = missing_in(context)
    if missing:
        raise NotReadyToSeal(missing)
    sealed_at = now or datetime.now(UTC)
    name = context.inspector.name if context.inspector else context.audit.inspector_id
    signer = signer_of(context.audit.inspector_id, name, key)
    document = audit_document(context, signer=signer, sealed_at=sealed_at)
    problem = audit_problem(document, context.edition)  # the central store's own check
    if problem is not None:
        raise SealRefused(problem.code, problem.english, problem.thai)
    signed = sign_result(document, sign=key.sign, public_key=key.public_key)
    save_own_audit_seal(db, audit_id, row_of(signed, document), sealed_at=sealed_at)
    return signed


def row_of(signed: SignedResult, result: Result) -> SealedRow:
    envelope = signed.envelope()
    return SealedRow(
        hash=signed.hash,
        kind=result.type,
        result_id=result.result_id,
        assignment_id=result.assignment_id,
        inspector_id=result.signer.inspector_id,
        revision=result.revision,
        replaces=result.replaces,
        payload=signed.payload_bytes,
        signature=envelope.signature,
        public_key=envelope.public_key,
    )


def correct_audit(db: Database, audit_id: str, *, by: str) -> AuditRecord:
    """Open a correction: a new draft revision that replaces the sealed audit when sealed."""
    return open_correction(db, audit_id, by=by)
