"""Issuing a certificate at the centre, once the office decided to certify the LAO on an
approved committee result that finds the centre meets the criteria.

``issue_for(round, LAO)`` refuses, in this order: NOT_FOUND (no such round or LAO), every
rule the committee's result rests on, checked again now (``decisions.basis_of``:
NO_COMMITTEE_RESULT, NOT_APPROVED, RECONSOLIDATION_NEEDED, the roll and quorum,
KEY_NOT_VALID_WHEN_USED), NOT_CERTIFIED (the committee found the centre does not meet the
criteria), the office's decision (NO_DECISION, DECIDED_NOT_TO_CERTIFY, DECISION_OUTDATED),
CERTIFICATE_REVOKED (its certificate was revoked: issuing again takes ``reissue``), the
eligibility gate (NOT_ELIGIBLE, every unmet condition listed), ``Unavailable`` when the
issuing key cannot be had (``sync.server.issuer``), SEQUENCE_EXHAUSTED, INVALID_CERTIFICATE,
CERTIFICATE_TOO_LARGE. A standing
certificate for the LAO and round is answered as it is (``created`` False): issuing is
idempotent, and of two racing issues one creates and the other gets the same certificate.

The reference is ``GECC-<round's fiscal year>-<LAO's province>-<sequence>``; the sequence is
taken per fiscal year and province inside the issuing transaction (``counters.increment``),
so references are unique, gapless among committed certificates, and never reused: a revoked
certificate keeps its row and its reference. The certificate states the LAO and its service
centre (the LAO's own name for it, else ``ศูนย์บริการประชาชน <LAO>``), the fiscal year and
edition, the committee's points and level, the hash of the committee result it rests on, the
Thai date of issue, the last valid day, and the issuing key's id; the signed payload bytes,
the signature and the QR text are stored. Each issue is written to the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from field_audit.domain.edition import Edition
from sync.issuing import UnlockedIssuingKey
from sync.protocol.certificates import (
    BadReference,
    CertificateFields,
    CertificateLevel,
    CertificateTooLarge,
    InvalidCertificate,
    SignedCertificate,
    format_reference,
    issue_certificate,
    thai_date,
)
from sync.protocol.certificates.reference import MAX_SEQUENCE
from sync.protocol.signatures import encode_signature
from sync.server.database import begin_write
from sync.server.errors import Conflict, Unprocessable
from sync.server.issuer import Issuer
from sync.server.models import (
    METADATA,
    CertificateRecord,
    CertificateSequenceRecord,
    CertificationRecord,
    LaoRecord,
    RoundRecord,
)
from sync.server.store.changes import log_action, next_seq
from sync.server.store.counters import increment
from sync.server.store.decisions import (
    basis_of,
    decision_for_certificate,
    standing_certificate,
    visit_date_of,
)
from sync.server.store.editions import EditionCache
from sync.server.store.eligibility import check_certificate
from sync.server.store.rows import require

SERVICE_CENTRE_PREFIX = "ศูนย์บริการประชาชน"


@dataclass(frozen=True)
class Issued:
    record: CertificateRecord
    created: bool


@dataclass(frozen=True)
class _Basis:
    """What a certificate rests on, checked."""

    round: RoundRecord
    lao: LaoRecord
    decision: CertificationRecord
    edition: Edition


def issue_for(
    session: Session,
    issuer: Issuer,
    editions: EditionCache,
    *,
    round_id: str,
    lao_id: str,
    actor: str,
    now: datetime,
    reissue: bool = False,
) -> Issued:
    """The LAO's certificate for the round: the standing one, or a new one (commits)."""
    standing = standing_certificate(session, round_id, lao_id)
    if standing is not None:
        return Issued(standing, created=False)
    today = thai_date(now)
    _basis(session, editions, round_id, lao_id, reissue=reissue, today=today)  # refuse first
    session.rollback()  # the issuing transaction below is a writer from its first statement
    key = issuer.signing_key()  # unlocked before the write lock is taken; checked again below
    begin_write(session)
    standing = standing_certificate(session, round_id, lao_id)
    if standing is not None:
        return Issued(standing, created=False)
    basis = _basis(session, editions, round_id, lao_id, reissue=reissue, today=today)
    try:  # any flush while issuing meets a racing issuer's row as early as the commit does
        record = _issue(session, basis, key, actor=actor, now=now)
        session.commit()
    except IntegrityError:
        session.rollback()
        return Issued(_after_race(session, round_id, lao_id), created=False)
    return Issued(record, created=True)


def service_centre_of(lao: LaoRecord) -> str:
    """The name of the LAO's service centre as the certificate states it."""
    return lao.service_centre_th or f"{SERVICE_CENTRE_PREFIX} {lao.name_th}"


def take_sequence(session: Session, fiscal_year_be: int, province_code: str) -> int:
    """The next reference sequence of the fiscal year and province (SEQUENCE_EXHAUSTED)."""
    key = {"fiscal_year_be": fiscal_year_be, "province_code": province_code}
    table = METADATA.tables[CertificateSequenceRecord.__tablename__]
    sequence = increment(session, table, key, "last")
    if sequence > MAX_SEQUENCE:
        raise Conflict(
            f"every reference number of {fiscal_year_be} for province {province_code} is used",
            code="SEQUENCE_EXHAUSTED",
            **key,
        )
    return sequence


def _basis(
    session: Session,
    editions: EditionCache,
    round_id: str,
    lao_id: str,
    *,
    reissue: bool,
    today: date,
) -> _Basis:
    round_ = require(session, RoundRecord, round_id, "round")
    lao = require(session, LaoRecord, lao_id, "LAO")
    finding = basis_of(session, editions, round_, lao_id)
    if not finding.meets_criteria:
        raise Conflict(
            "the committee found that the centre does not meet the criteria",
            code="NOT_CERTIFIED",
            result_hash=finding.result_hash,
            reasons=finding.reasons,
        )
    decision_for_certificate(session, finding)
    revoked = _last_revoked(session, round_id, lao_id)
    if revoked is not None and not reissue:
        raise Conflict(
            f"the certificate {revoked} was revoked; issue again only if the office means to",
            code="CERTIFICATE_REVOKED",
            reference=revoked,
        )
    check_certificate(
        session,
        editions,
        round_id=round_id,
        lao_id=lao_id,
        visit_date=visit_date_of(session, finding),
        today=today,
    )
    return _Basis(round_, lao, finding, editions.get(session, round_.edition_hash))


def _last_revoked(session: Session, round_id: str, lao_id: str) -> str | None:
    revoked = session.exec(
        select(CertificateRecord.reference)
        .where(CertificateRecord.round_id == round_id)
        .where(CertificateRecord.lao_id == lao_id)
        .where(col(CertificateRecord.revoked_at).is_not(None))
        .order_by(col(CertificateRecord.issued_at).desc())
    ).first()
    return revoked


def _issue(
    session: Session, basis: _Basis, key: UnlockedIssuingKey, *, actor: str, now: datetime
) -> CertificateRecord:
    sequence = take_sequence(session, basis.round.fiscal_year_be, basis.lao.province_code)
    signed = _signed(_fields(basis, sequence, now), key)
    certificate = signed.certificate
    record = CertificateRecord(
        reference=certificate.reference,
        round_id=basis.round.id,
        lao_id=basis.lao.id,
        result_hash=certificate.result_hash,
        key_id=certificate.key_id,
        payload=signed.payload_bytes,
        signature=encode_signature(signed.signature),
        qr_text=signed.qr_text,
        issued_on=certificate.issued_on,
        valid_until=certificate.valid_until,
        issued_at=now,
        issued_by=actor,
        current_for=f"{basis.round.id}/{basis.lao.id}",
        seq=next_seq(session),  # last: the change counter's row lock is held until commit
    )
    session.add(record)
    log_action(
        session,
        actor=actor,
        action="certificate.issue",
        subject=record.reference,
        round=record.round_id,
        lao=record.lao_id,
        result_hash=record.result_hash,
        key_id=record.key_id,
    )
    return record


def _fields(basis: _Basis, sequence: int, now: datetime) -> CertificateFields:
    round_, lao, decision = basis.round, basis.lao, basis.decision
    try:
        reference = format_reference(round_.fiscal_year_be, lao.province_code, sequence)
    except BadReference as error:
        raise Unprocessable(str(error), code="INVALID_CERTIFICATE", field="reference") from None
    return CertificateFields(
        reference=reference,
        lao_id=lao.id,
        lao_name_th=lao.name_th,
        service_centre_th=service_centre_of(lao),
        fiscal_year_be=round_.fiscal_year_be,
        edition_id=basis.edition.id,
        points=decision.points,
        max_points=basis.edition.rule.max_points,
        level=_level(basis.edition, decision.level),
        result_hash=decision.result_hash,
        issued_on=thai_date(now),
    )


def _level(edition: Edition, level_id: str | None) -> CertificateLevel | None:
    level = next((lv for lv in edition.rule.levels if lv.id == level_id), None)
    return None if level is None else CertificateLevel(level.id, level.title.th)


def _signed(fields: CertificateFields, key: UnlockedIssuingKey) -> SignedCertificate:
    try:
        return issue_certificate(fields, sign=key.sign, key_id=key.key_id)
    except InvalidCertificate as error:
        raise Unprocessable(str(error), code="INVALID_CERTIFICATE", field=error.field) from None
    except CertificateTooLarge as error:
        raise Unprocessable(
            str(error), code="CERTIFICATE_TOO_LARGE", length=error.length, limit=error.limit
        ) from None


def _after_race(session: Session, round_id: str, lao_id: str) -> CertificateRecord:
    """Another issue for the same LAO and round committed first: answer with its certificate."""
    standing = standing_certificate(session, round_id, lao_id)
    if standing is None:
        raise Conflict("the certificate could not be stored; try again", code="CONFLICT")
    return standing
