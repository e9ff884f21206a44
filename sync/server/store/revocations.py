"""Revoking certificates, and the signed revocation list of each issuing key that apps fetch.

``revoke`` marks a certificate revoked (who, when, why; its row and reference are kept) and, in
the same transaction, raises the counter of its issuing key's list by one and stores the whole
list signed anew by the current issuing key (``make_revocation_list``): a list is made once
per counter and served as stored, so every copy of counter N is the same document. Refusals,
in this order: INVALID_INPUT (no reason, or over 500 characters), BAD_REFERENCE, NOT_FOUND,
ALREADY_REVOKED, and ``Unavailable`` when the issuing key cannot be had. Each revocation is in
the audit log.

``revocation_list_for(key, counter)`` is what ``GET /v1/revocations`` answers: nothing
(``None``) when the caller already holds the current counter — 0 stands for "no list yet" —
else the stored document; NOT_FOUND for a key the trust list does not name, or a list the
store never made.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col, select

from sync.issuing import UnlockedIssuingKey
from sync.protocol.canonical import canonical_json
from sync.protocol.certificates import (
    BadReference,
    Revocation,
    TrustedKey,
    make_revocation_list,
    read_reference,
)
from sync.protocol.certificates.revocation import MAX_REASON_LENGTH
from sync.server.database import begin_write
from sync.server.errors import Conflict, InvalidInput, NotFound, Unprocessable
from sync.server.issuer import Issuer
from sync.server.models import METADATA, CertificateRecord, RevocationListRecord
from sync.server.store.changes import log_action
from sync.server.store.counters import increment
from sync.server.store.rows import require


def revoke(
    session: Session, issuer: Issuer, reference: str, *, reason: str, actor: str, now: datetime
) -> CertificateRecord:
    """Revoke the certificate ``reference`` (as a person types it) for ``reason``; commits."""
    reason = _checked_reason(reason)
    exact = reference_of(reference)
    _revocable(session, exact)  # refuse before unlocking
    session.rollback()  # the revoking transaction below is a writer from its first statement
    key = issuer.signing_key()  # unlocked before the write lock is taken
    begin_write(session)
    record = _revocable(session, exact)
    record.revoked_at, record.revoked_by, record.revocation_reason = now, actor, reason
    record.current_for = None
    session.add(record)
    session.flush()
    counter = _publish(session, record.key_id, key, now)
    log_action(
        session,
        actor=actor,
        action="certificate.revoke",
        subject=exact,
        reason=reason,
        key_id=record.key_id,
        list_counter=counter,
    )
    session.commit()
    return record


def _revocable(session: Session, reference: str) -> CertificateRecord:
    record = require(session, CertificateRecord, reference, "certificate")
    if record.revoked_at is not None:
        raise Conflict(
            f"certificate {reference} was already revoked",
            code="ALREADY_REVOKED",
            revoked_at=record.revoked_at.isoformat(),
            reason=record.revocation_reason,
        )
    return record


def reference_of(typed: str) -> str:
    """The exact reference a person typed (lower case, Thai digits...), or BAD_REFERENCE."""
    try:
        return str(read_reference(typed))
    except BadReference as error:
        raise Unprocessable(str(error), code="BAD_REFERENCE", typed=typed[:60]) from None


def revocation_list_for(
    session: Session, trust_list: Mapping[str, TrustedKey], key_id: str, counter: int
) -> RevocationListRecord | None:
    """The stored list of ``key_id``, or None when ``counter`` is the current one."""
    if key_id not in trust_list:
        raise NotFound("issuing key", key_id)
    stored = session.get(RevocationListRecord, key_id)
    if counter == (stored.counter if stored else 0):
        return None
    if stored is None:
        raise NotFound("revocation list", key_id)
    return stored


def revocation_of(record: CertificateRecord) -> Revocation | None:
    """The certificate's revocation as a verdict states it, if it is revoked."""
    if record.revoked_at is None:
        return None
    return Revocation(
        reference=record.reference,
        key_id=record.key_id,
        reason=record.revocation_reason or "",
        revoked_at=record.revoked_at,
    )


def _publish(session: Session, key_id: str, key: UnlockedIssuingKey, now: datetime) -> int:
    """Raise the key's list counter and store its list, signed; returns the new counter."""
    table = METADATA.tables[RevocationListRecord.__tablename__]
    first = {"document": b"", "issued_at": now}
    counter = increment(session, table, {"key_id": key_id}, "counter", initial=first)
    made = make_revocation_list(
        key_id=key_id,
        counter=counter,
        revocations=_revocations_of(session, key_id),
        issued_at=now,
        signed_by=key.key_id,
        sign=key.sign,
    )
    session.execute(
        update(RevocationListRecord)
        .where(col(RevocationListRecord.key_id) == key_id)
        .values(document=canonical_json(made.document), issued_at=now)
    )
    return counter


def _revocations_of(session: Session, key_id: str) -> list[Revocation]:
    revoked = session.exec(
        select(CertificateRecord)
        .where(CertificateRecord.key_id == key_id)
        .where(col(CertificateRecord.revoked_at).is_not(None))
    ).all()
    return [r for r in map(revocation_of, revoked) if r is not None]


def _checked_reason(reason: str) -> str:
    reason = " ".join(reason.split())
    if not 0 < len(reason) <= MAX_REASON_LENGTH:
        raise InvalidInput(
            "a revocation needs its reason",
            [f"give the reason in 1 to {MAX_REASON_LENGTH} characters; it is shown to everyone"],
        )
    return reason
