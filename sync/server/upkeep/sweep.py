"""``gecc-central verify-all``: everything the store holds, checked again from its bytes.

- every result: its stored hash is the SHA-256 of its payload, its signature verifies and its
  typed document parses (``store.results.verified``, the check every upload passed), the row
  names the signer, key and id the payload does, a sealed audit still passes the shared rules
  (``sync.checks.results.audit_problem``: complete, the score it states) and every photo it
  names is recorded;
- every photo: the blob store holds its bytes, and they have its SHA-256 and size;
- every certificate: the QR text issued under its reference verifies against the trust list
  and the recorded revocation (``store.verification.verify_reference``), and says what the row
  says (reference, LAO, committee result).

Each problem is a ``Finding`` with a stable code: RESULT_HASH_MISMATCH, RESULT_<the refusal
code> (RESULT_BAD_SIGNATURE, RESULT_MALFORMED_RESULT, RESULT_AUDIT_INCOMPLETE...),
RESULT_ROW_MISMATCH, RESULT_PHOTO_MISSING, PHOTO_MISSING, PHOTO_DAMAGED, CERTIFICATE_<verdict
code> (CERTIFICATE_BAD_SIGNATURE, CERTIFICATE_UNKNOWN_KEY, CERTIFICATE_NOT_GECC...) and
CERTIFICATE_ROW_MISMATCH. Photos are read several at a time; nothing is written.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from sync.checks.results import audit_problem
from sync.protocol.errors import ProtocolError
from sync.protocol.requests import request_key_id
from sync.protocol.sealed import Envelope, SealedAudit, from_envelope
from sync.server.central import Central
from sync.server.errors import CentralError
from sync.server.models import METADATA, CertificateRecord, PhotoRecord, ResultRecord, RoundRecord
from sync.server.store.photos import missing_photos
from sync.server.store.results import verified
from sync.server.store.verification import verify_reference
from sync.server.upkeep.backup import Finding

GENUINE = frozenset({"VALID", "EXPIRED", "REVOKED"})
READERS = 8
BATCH = 256


@dataclass
class Sweep:
    """What was checked, and every problem found."""

    results: int = 0
    photos: int = 0
    certificates: int = 0
    problems: list[Finding] = field(default_factory=list)


def verify_all(central: Central, today: date) -> Sweep:
    sweep = Sweep()
    with central.session() as session:
        for row in _rows(session, ResultRecord):
            sweep.results += 1
            sweep.problems += _result_problems(central, session, row)
        trust = central.issuer.trust_list()
        for row in _rows(session, CertificateRecord):
            sweep.certificates += 1
            sweep.problems += _certificate_problems(session, trust, row, today)
        photos = _rows(session, PhotoRecord)
        with ThreadPoolExecutor(READERS) as readers:
            while batch := list(islice(photos, BATCH)):
                sweep.photos += len(batch)
                checked = readers.map(lambda row: _photo_problem(central, row), batch)
                sweep.problems += [problem for problem in checked if problem is not None]
    return sweep


def _rows(session: Session, model: type[Any]) -> Iterator[Any]:
    table = METADATA.tables[model.__tablename__]
    query = select(table).order_by(*table.primary_key.columns)
    yield from session.connection().execution_options(yield_per=BATCH).execute(query)


def _result_problems(central: Central, session: Session, row: Any) -> list[Finding]:
    subject = f"result {row.hash}"
    try:
        signed = from_envelope(bytes(row.payload), _envelope(row))
        if signed.hash != row.hash:
            detail = "the payload is not the one its hash names"
            return [Finding("RESULT_HASH_MISMATCH", subject, detail)]
        result = verified(signed)
    except ProtocolError as error:  # the stored signature or key is not even well formed
        return [Finding(f"RESULT_{error.code}", subject, str(error))]
    except CentralError as error:
        return [Finding(f"RESULT_{error.code}", subject, error.message)]
    stated = (result.result_id, result.signer.inspector_id, request_key_id(signed.public_key))
    if stated != (row.result_id, row.inspector_id, row.key_id):
        detail = "the row names another id, signer or key than the signed payload"
        return [Finding("RESULT_ROW_MISMATCH", subject, detail)]
    if not isinstance(result, SealedAudit):
        return []
    return _audit_problems(central, session, result, subject)


def _envelope(row: Any) -> Envelope:
    return Envelope.model_construct(signature=row.signature, public_key=row.public_key)


def _audit_problems(
    central: Central, session: Session, audit: SealedAudit, subject: str
) -> list[Finding]:
    round_ = session.get(RoundRecord, audit.round.id)
    found = []
    if round_ is not None:
        problem = audit_problem(audit, central.editions.get(session, round_.edition_hash))
        if problem is not None:
            found.append(Finding(f"RESULT_{problem.code}", subject, problem.english))
    missing = missing_photos(session, [photo.sha256 for photo in audit.photos()])
    if missing:
        detail = f"{len(missing)} photo(s) it names are not recorded: {', '.join(missing[:5])}"
        found.append(Finding("RESULT_PHOTO_MISSING", subject, detail))
    return found


def _certificate_problems(session: Session, trust: Any, row: Any, today: date) -> list[Finding]:
    subject = f"certificate {row.reference}"
    try:
        verdict = verify_reference(session, trust, row.reference, today)
    except CentralError as error:  # a reference no person could type: BAD_REFERENCE
        return [Finding(f"CERTIFICATE_{error.code}", subject, error.message)]
    if verdict.code not in GENUINE:
        return [Finding(f"CERTIFICATE_{verdict.code}", subject, verdict.message_en)]
    certificate = verdict.certificate
    assert certificate is not None  # a genuine verdict carries what was signed
    if (certificate.lao_id, certificate.result_hash) != (row.lao_id, row.result_hash):
        detail = "the row names another LAO or committee result than the signed certificate"
        return [Finding("CERTIFICATE_ROW_MISMATCH", subject, detail)]
    return []


def _photo_problem(central: Central, row: Any) -> Finding | None:
    subject = f"photo {row.sha256}"
    if not central.blobs.has(row.sha256):
        return Finding("PHOTO_MISSING", subject, "the photo store does not hold its bytes")
    digest, size = hashlib.sha256(), 0
    for block in central.blobs.read(row.sha256):
        digest.update(block)
        size += len(block)
    if (digest.hexdigest(), size) != (row.sha256, row.byte_size):
        detail = f"its {size} bytes have the SHA-256 {digest.hexdigest()}"
        return Finding("PHOTO_DAMAGED", subject, detail)
    return None
