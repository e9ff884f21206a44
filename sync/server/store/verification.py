"""Online verification: the same verdict an app gives offline, with the centre's own lists.

Both ways end in ``sync.protocol.certificates.verify_certificate`` over the store's trust list
(every issuing key, retired ones included) and the store's record of revocations:

- ``verify_reference``: a reference as a person types it (BAD_REFERENCE when it is not one,
  NOT_FOUND when no certificate has it) checks the QR text the store issued under it, so a
  row altered in the database fails its signature like a forged print would;
- ``verify_text``: the text read from a certificate's QR code; the revocation applied is the
  one recorded for the reference it claims (it counts only if the signature verifies).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, bindparam, select
from sqlmodel import Session

from sync.protocol.certificates import (
    CertificateError,
    Revocation,
    TrustedKey,
    Verdict,
    decode_qr_text,
    verify_certificate,
)
from sync.server.errors import NotFound
from sync.server.models import METADATA, CertificateRecord
from sync.server.store.revocations import reference_of

TrustList = Mapping[str, TrustedKey]


def verify_reference(session: Session, trust_list: TrustList, typed: str, today: date) -> Verdict:
    """The verdict on the certificate issued under the reference ``typed``."""
    reference = reference_of(typed)
    stored = _stored(session, reference)
    if stored is None:
        raise NotFound("certificate", reference)
    return _verdict(stored.qr_text, stored, trust_list, today)


def verify_text(session: Session, trust_list: TrustList, text: str, today: date) -> Verdict:
    """The verdict on a scanned QR text (never refuses: a foreign text is NOT_GECC)."""
    claimed = _claimed_reference(text)
    stored = _stored(session, claimed) if claimed else None
    return _verdict(text, stored, trust_list, today)


@dataclass(frozen=True)
class _Stored:
    """What a check needs of a stored certificate: its QR text and its revocation."""

    qr_text: str
    revocation: Revocation | None


@functools.cache
def _stored_query() -> Select[Any]:
    """Built once: SQLAlchemy then finds its compiled form without recomputing its key."""
    table = METADATA.tables[CertificateRecord.__tablename__]
    columns = (table.c[n] for n in ("qr_text", "key_id", "revoked_at", "revocation_reason"))
    return select(*columns).where(table.c.reference == bindparam("reference"))


def _stored(session: Session, reference: str) -> _Stored | None:
    """One light query (no ORM object): it runs for every look-up on the public page."""
    row = session.connection().execute(_stored_query(), {"reference": reference}).first()
    if row is None:
        return None
    qr_text, key_id, revoked_at, reason = row
    revocation = None
    if revoked_at is not None:
        revocation = Revocation(reference, key_id, reason or "", revoked_at)
    return _Stored(qr_text, revocation)


def _verdict(text: str, stored: _Stored | None, trust_list: TrustList, today: date) -> Verdict:
    revocation = stored.revocation if stored is not None else None
    revocations = {} if revocation is None else {revocation.reference: revocation}
    return verify_certificate(text, trust_list=trust_list, revocations=revocations, today=today)


def _claimed_reference(text: str) -> str | None:
    try:
        certificate, _signature = decode_qr_text(text.strip())
    except CertificateError:
        return None
    return certificate.reference
