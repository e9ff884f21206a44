"""The documents' views from the central store's tables: what was signed and decided, mapped
once into ``field_audit.documents.views`` (the app maps its own data into the same views).

Refusals: NOT_FOUND (round, LAO, certificate), NO_COMMITTEE_RESULT (no committee result has
decided the LAO), NO_DECISION (the office has not decided), NO_CERTIFICATE (decided to certify,
not issued yet), CERTIFICATE_REVOKED (a revoked certificate is not printed).
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from field_audit.documents.report_model import committee_report_view
from field_audit.documents.views import (
    Award,
    AwardList,
    CertificateFacts,
    NoticeView,
    ReportView,
    Unmet,
)
from field_audit.domain.edition import Edition
from sync.protocol.certificates import Certificate, SignedCertificate
from sync.protocol.sealed import CommitteeResult, SealedAudit, parse_result
from sync.protocol.signatures import decode_signature
from sync.server.errors import Conflict
from sync.server.models import (
    ApplicationRecord,
    CertificateRecord,
    CertificationRecord,
    CommitteeRecord,
    DecisionRecord,
    LaoRecord,
    ResultRecord,
    RoundRecord,
)
from sync.server.store.decisions import standing_certificate, visit_date_of
from sync.server.store.editions import EditionCache
from sync.server.store.rows import require


def certificate_in(record: CertificateRecord) -> Certificate:
    """The certificate a stored record states (refused when it was revoked)."""
    if record.revoked_at is not None:
        raise Conflict(
            f"the certificate {record.reference} was revoked: it is not printed",
            code="CERTIFICATE_REVOKED",
            reference=record.reference,
        )
    signed = SignedCertificate.from_stored(record.payload, decode_signature(record.signature))
    return signed.certificate


def report_view(session: Session, editions: EditionCache, round_id: str, lao_id: str) -> ReportView:
    """The committee's report on the LAO in the round, from the result its finding rests on."""
    finding = _finding(session, round_id, lao_id)
    committee = parse_result(require(session, ResultRecord, finding.result_hash, "result").payload)
    assert isinstance(committee, CommitteeResult)  # a finding rests on a committee result
    members = [_audit(session, entry.audit_hash) for entry in committee.counted]
    group = session.get(CommitteeRecord, committee.committee_id)
    return committee_report_view(
        committee,
        members,
        edition=_edition(session, editions, round_id),
        committee_name=group.name_th if group else committee.committee_id,
    )


def notice_view(
    session: Session,
    editions: EditionCache,
    round_id: str,
    lao_id: str,
    *,
    dated: date,
    number: str = "",
) -> NoticeView:
    """The letter to the LAO on the office's decision."""
    round_ = require(session, RoundRecord, round_id, "round")
    lao = require(session, LaoRecord, lao_id, "LAO")
    decision = session.get(DecisionRecord, (round_id, lao_id))
    if decision is None:
        raise Conflict(f"the office has not decided on {lao_id} in {round_id}", code="NO_DECISION")
    finding = _finding(session, round_id, lao_id)
    edition = _edition(session, editions, round_id)
    application = session.get(ApplicationRecord, (round_id, lao_id))
    committee = _committee_result(session, finding)
    return NoticeView(
        lao_name=lao.name_th,
        lao_kind=lao.kind,
        province_th=lao.province_th or f"รหัส {lao.province_code}",
        fiscal_year_be=round_.fiscal_year_be,
        visit_date=visit_date_of(session, finding),
        decided_on=decision.decided_on,
        decision_basis=decision.basis,
        certificate=_facts(session, round_id, lao_id) if decision.certify else None,
        points=finding.points,
        max_points=edition.rule.max_points,
        dated=dated,
        unmet=() if decision.certify else _unmet(committee, edition),
        recommendations=(committee.recommendation,) if committee.recommendation else (),
        applied_on=application.form_filled_on if application else None,
        number=number,
    )


def decided_laos(session: Session, round_id: str) -> list[str]:
    """The LAOs the office has decided on in the round, in id order."""
    require(session, RoundRecord, round_id, "round")
    query = select(DecisionRecord.lao_id).where(DecisionRecord.round_id == round_id)
    return sorted(session.exec(query).all())


def award_list(session: Session, round_id: str) -> AwardList:
    """The round's standing certificates, each with its LAO's kind and province."""
    round_ = require(session, RoundRecord, round_id, "round")
    records = session.exec(
        select(CertificateRecord)
        .where(CertificateRecord.round_id == round_id)
        .where(col(CertificateRecord.revoked_at).is_(None))
    ).all()
    return AwardList(
        round_.title_th, round_.fiscal_year_be, tuple(_award(session, r) for r in records)
    )


def _award(session: Session, record: CertificateRecord) -> Award:
    certificate = certificate_in(record)
    lao = require(session, LaoRecord, record.lao_id, "LAO")
    return Award(
        lao_name=certificate.lao_name_th,
        lao_kind=lao.kind,
        province_th=lao.province_th or f"รหัส {lao.province_code}",
        points=certificate.points,
        max_points=certificate.max_points,
        level_th=certificate.level.name_th if certificate.level else None,
        reference=certificate.reference,
        issued_on=certificate.issued_on,
        valid_until=certificate.valid_until,
    )


def _finding(session: Session, round_id: str, lao_id: str) -> CertificationRecord:
    require(session, RoundRecord, round_id, "round")
    require(session, LaoRecord, lao_id, "LAO")
    finding = session.get(CertificationRecord, (round_id, lao_id))
    if finding is None:
        raise Conflict(
            f"no committee result has decided {lao_id} in round {round_id} yet",
            code="NO_COMMITTEE_RESULT",
        )
    return finding


def _audit(session: Session, audit_hash: str) -> SealedAudit:
    audit = parse_result(require(session, ResultRecord, audit_hash, "result").payload)
    assert isinstance(audit, SealedAudit)  # a committee result counts members' sealed audits
    return audit


def _edition(session: Session, editions: EditionCache, round_id: str) -> Edition:
    return editions.get(session, require(session, RoundRecord, round_id, "round").edition_hash)


def _facts(session: Session, round_id: str, lao_id: str) -> CertificateFacts:
    record = standing_certificate(session, round_id, lao_id)
    if record is None:
        raise Conflict(
            "the office decided to certify, but no certificate stands: issue it first",
            code="NO_CERTIFICATE",
            round_id=round_id,
            lao_id=lao_id,
        )
    c = certificate_in(record)
    level = c.level.name_th if c.level else None
    return CertificateFacts(c.reference, c.issued_on, c.valid_until, c.points, c.max_points, level)


def _committee_result(session: Session, finding: CertificationRecord) -> CommitteeResult:
    committee = parse_result(require(session, ResultRecord, finding.result_hash, "result").payload)
    assert isinstance(committee, CommitteeResult)  # a finding rests on a committee result
    return committee


def _unmet(committee: CommitteeResult, edition: Edition) -> tuple[Unmet, ...]:
    """The criteria the committee found not met (a graded one short of full points), each
    with the committee's recommendation on it."""
    unmet = []
    for criterion in edition.criteria:
        verdict = committee.verdicts.get(criterion.id)
        short = verdict == "not_met" or (isinstance(verdict, int) and verdict < criterion.points)
        if short:
            advice = committee.recommendations.get(criterion.id)
            unmet.append(Unmet(criterion.id, criterion.title.th, (advice,) if advice else ()))
    return tuple(unmet)
