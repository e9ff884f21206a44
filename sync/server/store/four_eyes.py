"""The four-eyes rule on certificates: one officer prepares the certificate of an LAO the office
decided to certify, a second officer confirms it, and only then is it issued.

``prepare_certificate`` checks now everything issuing will check again (the committee's result
and the office's decision on it: ``decisions.basis_of``, ``decision_for_certificate``) and
records who prepared it; a certificate that already stands is CERTIFICATE_STANDS, a request
already waiting is ALREADY_EXISTS. ``confirm_certificate`` refuses NOT_PREPARED without a
waiting request and SAME_OFFICER (403) when the officer who prepared it confirms it too;
otherwise it issues the certificate (``certificates.issue_for``, which checks every rule again)
and records who confirmed it and the reference. ``cancel_request`` withdraws a waiting one.
Each step is in the audit log.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from sync.server.console_tables import CertificateRequest
from sync.server.errors import Conflict, Forbidden
from sync.server.issuer import Issuer
from sync.server.models import RoundRecord, now_utc
from sync.server.store.certificates import Issued, issue_for
from sync.server.store.changes import log_action
from sync.server.store.decisions import basis_of, decision_for_certificate, standing_certificate
from sync.server.store.editions import EditionCache
from sync.server.store.rows import require


def prepare_certificate(
    session: Session, editions: EditionCache, *, round_id: str, lao_id: str, actor: str
) -> CertificateRequest:
    """The first officer's request to issue the LAO's certificate for the round."""
    round_ = require(session, RoundRecord, round_id, "round")
    if standing_certificate(session, round_id, lao_id) is not None:
        raise Conflict("a certificate stands for this LAO and round", code="CERTIFICATE_STANDS")
    finding = basis_of(session, editions, round_, lao_id)
    decision_for_certificate(session, finding)
    if waiting_request(session, round_id, lao_id) is not None:
        raise Conflict(
            "a certificate for this LAO is already prepared and waits for a second officer",
            code="ALREADY_EXISTS",
        )
    request = CertificateRequest(
        round_id=round_id,
        lao_id=lao_id,
        result_hash=finding.result_hash,
        prepared_by=actor,
        prepared_at=now_utc(),
    )
    session.add(request)
    log_action(
        session,
        actor=actor,
        action="certificate.prepare",
        subject=f"{round_id}/{lao_id}",
        result_hash=finding.result_hash,
    )
    session.commit()
    return request


def confirm_certificate(
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
    """The second officer confirms: the certificate is issued (refuses as the module says)."""
    request = waiting_request(session, round_id, lao_id)
    if request is None:
        raise Conflict(
            "no certificate for this LAO waits for confirmation: prepare it first",
            code="NOT_PREPARED",
            thai="ยังไม่มีผู้จัดเตรียมใบรับรองของ อปท. นี้",
        )
    if request.prepared_by == actor:
        raise Forbidden(
            "the officer who prepared the certificate cannot confirm it: a second officer must",
            code="SAME_OFFICER",
            thai="ผู้จัดเตรียมใบรับรองยืนยันเองไม่ได้ ต้องเป็นเจ้าหน้าที่อีกคนหนึ่ง",
            prepared_by=request.prepared_by,
        )
    issued = issue_for(
        session,
        issuer,
        editions,
        round_id=round_id,
        lao_id=lao_id,
        actor=actor,
        now=now,
        reissue=reissue,
    )
    request = require(session, CertificateRequest, request.id, "certificate request")
    request.confirmed_by, request.confirmed_at = actor, now
    request.reference = issued.record.reference
    session.add(request)
    log_action(
        session,
        actor=actor,
        action="certificate.confirm",
        subject=issued.record.reference,
        prepared_by=request.prepared_by,
        round=round_id,
        lao=lao_id,
    )
    session.commit()
    return issued


def cancel_request(session: Session, *, round_id: str, lao_id: str, actor: str) -> None:
    request = waiting_request(session, round_id, lao_id)
    if request is None:
        raise Conflict("no certificate waits for confirmation", code="NOT_PREPARED")
    request.cancelled_by, request.cancelled_at = actor, now_utc()
    session.add(request)
    log_action(session, actor=actor, action="certificate.cancel", subject=f"{round_id}/{lao_id}")
    session.commit()


def waiting_request(session: Session, round_id: str, lao_id: str) -> CertificateRequest | None:
    return session.exec(
        select(CertificateRequest)
        .where(CertificateRequest.round_id == round_id)
        .where(CertificateRequest.lao_id == lao_id)
        .where(col(CertificateRequest.confirmed_at).is_(None))
        .where(col(CertificateRequest.cancelled_at).is_(None))
    ).first()


def waiting_requests(session: Session, round_id: str) -> dict[str, CertificateRequest]:
    """The round's requests that wait for a second officer, by LAO."""
    found = session.exec(
        select(CertificateRequest)
        .where(CertificateRequest.round_id == round_id)
        .where(col(CertificateRequest.confirmed_at).is_(None))
        .where(col(CertificateRequest.cancelled_at).is_(None))
    )
    return {request.lao_id: request for request in found.all()}
