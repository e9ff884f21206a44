"""What the device keeps to check GECC certificates offline: trusted issuing keys and
revocations, as accepted from the central store (or loaded from files for now), and the
certificates issued to this inspector's LAOs, to show their QR codes.

The trust list is replaced whole: keys it no longer names are no longer trusted. A key's
revocation list is replaced whole too, and only by a newer one: ``save_revocation_list``
checks the counter again inside its transaction, so two loads cannot interleave into a
replay. Verification itself is ``sync.protocol.certificates``.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import col, delete, select

from field_audit.storage.database import Database
from field_audit.storage.models import (
    CertificateRevocationRecord,
    HeldCertificate,
    RevocationListState,
    TrustedIssuingKey,
    now_utc,
)
from sync.protocol.canonical import canonical_json
from sync.protocol.certificates import (
    Revocation,
    RevocationList,
    RevocationState,
    TrustedKey,
)
from sync.protocol.certificates.revocation import check_freshness
from sync.protocol.signatures import decode_public_key, encode_public_key


def replace_trusted_keys(db: Database, keys: Iterable[TrustedKey]) -> int:
    """Trust exactly ``keys`` from now on; returns how many keys are trusted."""
    records = [_key_record(key) for key in keys]
    with db.session() as session:
        session.exec(delete(TrustedIssuingKey))
        session.add_all(records)
        session.commit()
    return len(records)


def trusted_keys(db: Database) -> dict[str, TrustedKey]:
    """The trusted issuing keys by key id (empty before a trust list was loaded)."""
    with db.session() as session:
        records = session.exec(select(TrustedIssuingKey)).all()
    return {record.key_id: _trusted_key(record) for record in records}


def revocation_states(db: Database) -> dict[str, RevocationState]:
    """Per issuing key, the counter and hash of the revocation list held."""
    with db.session() as session:
        records = session.exec(select(RevocationListState)).all()
    return {r.key_id: RevocationState(r.key_id, r.counter, r.list_hash) for r in records}


def save_revocation_list(db: Database, revocation_list: RevocationList) -> bool:
    """Keep a verified list; returns False when it is the one already held.

    Raises ``RevocationReplay`` if a newer or conflicting list was stored meanwhile.
    """
    key_id = revocation_list.key_id
    with db.session() as session:
        held = session.get(RevocationListState, key_id)
        known = None if held is None else RevocationState(key_id, held.counter, held.list_hash)
        check_freshness(revocation_list, known)
        if not revocation_list.is_newer_than(known):
            return False
        session.exec(
            delete(CertificateRevocationRecord).where(
                col(CertificateRevocationRecord.key_id) == key_id
            )
        )
        session.add_all([_revocation_record(r) for r in revocation_list.revocations])
        session.merge(_state_record(revocation_list))
        session.commit()
    return True


def revocations(db: Database) -> dict[str, Revocation]:
    """Every revoked certificate the device knows of, by reference."""
    with db.session() as session:
        records = session.exec(select(CertificateRevocationRecord)).all()
    return {r.reference: Revocation(r.reference, r.key_id, r.reason, r.revoked_at) for r in records}


def keep_certificate(
    db: Database, *, reference: str, round_id: str, lao_id: str, qr_text: str
) -> None:
    """Keep (or replace) the certificate ``reference`` issued to ``lao_id``."""
    record = HeldCertificate(
        reference=reference,
        round_id=round_id,
        lao_id=lao_id,
        qr_text=qr_text,
        received_at=now_utc(),
    )
    with db.session() as session:
        session.merge(record)
        session.commit()


def forget_certificate(db: Database, reference: str) -> None:
    """No longer hold ``reference`` (the inspector left the committee of its LAO)."""
    with db.session() as session:
        session.exec(delete(HeldCertificate).where(col(HeldCertificate.reference) == reference))
        session.commit()


def held_certificates(db: Database) -> list[HeldCertificate]:
    """Every certificate held for this inspector's LAOs, by LAO and then newest reference."""
    with db.session() as session:
        records = session.exec(select(HeldCertificate)).all()
    return sorted(records, key=lambda r: (r.lao_id, _newest_first(r.reference)))


def _newest_first(reference: str) -> tuple[int, ...]:
    return tuple(-int(part) if part.isdigit() else 0 for part in reference.split("-"))


def _key_record(key: TrustedKey) -> TrustedIssuingKey:
    return TrustedIssuingKey(
        key_id=key.key_id,
        public_key=encode_public_key(key.public_key),
        valid_from=key.valid_from,
        valid_until=key.valid_until,
        added_at=now_utc(),
    )


def _trusted_key(record: TrustedIssuingKey) -> TrustedKey:
    return TrustedKey(
        key_id=record.key_id,
        public_key=decode_public_key(record.public_key),
        valid_from=record.valid_from,
        valid_until=record.valid_until,
    )


def _revocation_record(revocation: Revocation) -> CertificateRevocationRecord:
    return CertificateRevocationRecord(
        reference=revocation.reference,
        key_id=revocation.key_id,
        reason=revocation.reason,
        revoked_at=revocation.revoked_at,
    )


def _state_record(revocation_list: RevocationList) -> RevocationListState:
    state = revocation_list.state
    return RevocationListState(
        key_id=state.key_id,
        counter=state.counter,
        list_hash=state.list_hash,
        signed_by=revocation_list.signed_by,
        issued_at=revocation_list.issued_at,
        document=canonical_json(revocation_list.document),
        loaded_at=now_utc(),
    )
