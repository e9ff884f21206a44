"""What the office reads to find its work: received results, the committees' findings with the
office's decisions, the log.

Read-only queries over a session; nothing here writes. A filter that names a round or an LAO
the store does not know is ``NotFound`` (the office mistyped it), never an empty list.

``received_results`` lists results newest first with the signer's name, the LAO's name, the
office's review state (``received`` while no one has reviewed it) and the hash of the
revision that replaced it, if any. ``decisions`` lists each LAO's committee finding
(``CertificationRecord``: meets the criteria or not, with its reasons in words), the review
state of the committee result it rests on, the office's decision (``DecisionRecord``: who
decided, when, on what basis) and the LAO's certificate, if one was issued. ``audit_log`` reads the
audit log newest first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Protocol, Self, TypeVar

from sqlalchemy import String, cast, func
from sqlalchemy.orm import defer
from sqlalchemy.sql.base import ExecutableOption
from sqlmodel import Session, col, or_, select

from sync.protocol.certificates import THAILAND
from sync.protocol.sealed import COMMITTEE_RESULT, SEALED_AUDIT
from sync.server.errors import InvalidInput, NotFound
from sync.server.models import (
    AuditLogRecord,
    CertificateRecord,
    CertificationRecord,
    DecisionRecord,
    InspectorRecord,
    LaoRecord,
    ResultRecord,
    ReviewRecord,
    RoundRecord,
)
from sync.server.store.editions import EditionCache
from sync.server.store.reviews import ReviewState
from sync.server.store.rows import require


class Narrowable(Protocol):
    """A select statement, of rows or of counts, that ``filter_results`` narrows."""

    def where(self, *clauses: Any) -> Self: ...


Sel = TypeVar("Sel", bound=Narrowable)

KINDS = {"audit": SEALED_AUDIT, "committee": COMMITTEE_RESULT}
KIND_OF_TYPE = {value: name for name, value in KINDS.items()}


@dataclass(frozen=True)
class Review:
    """The office's review of a result; ``reviewer`` is None while it is only received."""

    state: str
    comment: str = ""
    reviewer: str | None = None
    reviewed_at: datetime | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "comment": self.comment,
            "reviewer": self.reviewer,
            "reviewed_at": _iso(self.reviewed_at),
        }


@dataclass(frozen=True)
class ResultRow:
    """A received result as the office lists it (no payload, no scores in detail)."""

    hash: str
    result_id: str
    type: str
    round_id: str
    lao_id: str
    lao_name_th: str
    assignment_id: str
    committee_id: str
    signer_id: str
    signer_name: str
    uploaded_by: str
    revision: int
    replaces: str | None
    superseded_by: str | None
    points: int
    meets_criteria: bool
    received_at: datetime
    review: Review

    @property
    def kind(self) -> str:
        return KIND_OF_TYPE.get(self.type, self.type)

    def to_json(self) -> dict[str, Any]:
        return {
            "hash": self.hash,
            "result_id": self.result_id,
            "kind": self.kind,
            "type": self.type,
            "round_id": self.round_id,
            "lao_id": self.lao_id,
            "lao_name_th": self.lao_name_th,
            "assignment_id": self.assignment_id,
            "committee_id": self.committee_id,
            "signer": {"inspector_id": self.signer_id, "name": self.signer_name},
            "uploaded_by": self.uploaded_by,
            "revision": self.revision,
            "replaces": self.replaces,
            "superseded_by": self.superseded_by,
            "points": self.points,
            "meets_criteria": self.meets_criteria,
            "received_at": self.received_at.isoformat(),
            "review": self.review.to_json(),
        }


@dataclass(frozen=True)
class CertificateState:
    """The LAO's certificate for the round: the standing one, else the latest revoked one."""

    reference: str
    state: str  # issued or revoked
    issued_on: date
    valid_until: date
    revoked_at: datetime | None
    revocation_reason: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "reference": self.reference,
            "state": self.state,
            "issued_on": self.issued_on.isoformat(),
            "valid_until": self.valid_until.isoformat(),
            "revoked_at": _iso(self.revoked_at),
            "revocation_reason": self.revocation_reason,
        }


@dataclass(frozen=True)
class OfficeDecision:
    """The office's decision on an LAO: certify or not, on what basis, by whom, when."""

    certify: bool
    basis: str
    decided_on: date
    decided_by: str
    result_hash: str

    def to_json(self) -> dict[str, Any]:
        return {
            "certify": self.certify,
            "basis": self.basis,
            "decided_on": self.decided_on.isoformat(),
            "decided_by": self.decided_by,
            "result_hash": self.result_hash,
        }


@dataclass(frozen=True)
class DecisionRow:
    """One LAO in a round: the committee's finding (from its latest committee result), and the
    office's decision and certificate, if any."""

    round_id: str
    lao_id: str
    lao_name_th: str
    meets_criteria: bool
    points: int
    level: str | None
    level_title: dict[str, str] | None
    reasons: list[dict[str, str]]
    result_hash: str
    review: Review
    decided_at: datetime
    decision: OfficeDecision | None
    certificate: CertificateState | None

    def to_json(self) -> dict[str, Any]:
        return {
            "round_id": self.round_id,
            "lao_id": self.lao_id,
            "lao_name_th": self.lao_name_th,
            "meets_criteria": self.meets_criteria,
            "decision": self.decision.to_json() if self.decision else None,
            "points": self.points,
            "level": self.level,
            "level_title": self.level_title,
            "reasons": self.reasons,
            "result_hash": self.result_hash,
            "review": self.review.to_json(),
            "decided_at": self.decided_at.isoformat(),
            "certificate": self.certificate.to_json() if self.certificate else None,
        }


@dataclass(frozen=True)
class LogEntry:
    id: int
    at: datetime
    actor: str
    action: str
    subject: str
    details: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "actor": self.actor,
            "action": self.action,
            "subject": self.subject,
            "details": self.details,
        }


def result_kind(text: str) -> str:
    """The result type a ``--kind`` names (audit or committee); ``InvalidInput`` otherwise."""
    try:
        return KINDS[text]
    except KeyError:
        choices = ", ".join(KINDS)
        raise InvalidInput(f"{text!r} is not a kind of result ({choices})", []) from None


SHORTEST_PREFIX = 8
_HEX = frozenset("0123456789abcdef")


def full_result_hash(session: Session, text: str) -> str:
    """The stored result hash that ``text`` spells whole or begins (at least 8 hex digits, as
    ``results list`` shows them); NOT_FOUND for none, INVALID_INPUT for several."""
    prefix = text.strip().lower().rstrip("…")
    if len(prefix) < SHORTEST_PREFIX or not set(prefix) <= _HEX:
        raise InvalidInput(f"{text!r} is not a result hash: give 8 or more hex digits", [])
    query = select(ResultRecord.hash).where(col(ResultRecord.hash).startswith(prefix)).limit(2)
    found = list(session.exec(query).all())
    if not found:
        raise NotFound("result", text)
    if len(found) > 1:
        raise InvalidInput(f"several results begin with {text!r}: give more of the hash", [])
    return found[0]


def filter_results(
    statement: Sel,
    *,
    round_id: str | None = None,
    lao_id: str | None = None,
    kind: str | None = None,
    state: ReviewState | None = None,
) -> Sel:
    """``statement`` (over results outer-joined to their reviews) narrowed to the round, LAO,
    type and review state given (``received``: nobody has reviewed it yet)."""
    if round_id is not None:
        statement = statement.where(ResultRecord.round_id == round_id)
    if lao_id is not None:
        statement = statement.where(ResultRecord.lao_id == lao_id)
    if kind is not None:
        statement = statement.where(ResultRecord.kind == kind)
    if state is ReviewState.RECEIVED:
        statement = statement.where(
            or_(col(ReviewRecord.state).is_(None), col(ReviewRecord.state) == state.value)
        )
    elif state is not None:
        statement = statement.where(ReviewRecord.state == state.value)
    return statement


def received_results(
    session: Session,
    *,
    round_id: str | None = None,
    lao_id: str | None = None,
    kind: str | None = None,
    state: ReviewState | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[ResultRow]:
    """Received results, newest first, filtered by round, LAO, type and review state; a page
    of them from ``offset`` when ``limit`` is given."""
    if round_id is not None:
        require(session, RoundRecord, round_id, "round")
    if lao_id is not None:
        require(session, LaoRecord, lao_id, "LAO")
    statement = (
        select(ResultRecord, ReviewRecord)
        .outerjoin(ReviewRecord, col(ReviewRecord.result_hash) == col(ResultRecord.hash))
        .options(
            *_unread(ResultRecord.payload, ResultRecord.server_score, ResultRecord.device_score)
        )
        .order_by(col(ResultRecord.received_at).desc(), col(ResultRecord.hash))
    )
    statement = filter_results(statement, round_id=round_id, lao_id=lao_id, kind=kind, state=state)
    if limit is not None:
        statement = statement.offset(offset).limit(limit)
    rows: list[tuple[ResultRecord, ReviewRecord | None]] = list(session.exec(statement).all())
    records = [record for record, _ in rows]
    names = _inspector_names(session, {r.inspector_id for r in records})
    laos = _lao_names(session, {r.lao_id for r in records})
    successors = _successors(session, [r.hash for r in records])
    return [
        ResultRow(
            hash=record.hash,
            result_id=record.result_id,
            type=record.kind,
            round_id=record.round_id,
            lao_id=record.lao_id,
            lao_name_th=laos.get(record.lao_id, ""),
            assignment_id=record.assignment_id,
            committee_id=record.committee_id,
            signer_id=record.inspector_id,
            signer_name=names.get(record.inspector_id, ""),
            uploaded_by=record.uploaded_by,
            revision=record.revision,
            replaces=record.replaces,
            superseded_by=successors.get(record.hash),
            points=record.points,
            meets_criteria=record.meets_criteria,
            received_at=record.received_at,
            review=_review(review),
        )
        for record, review in rows
    ]


def decisions(
    session: Session, editions: EditionCache, *, round_id: str | None = None
) -> list[DecisionRow]:
    """Each LAO's certification decision, by round and LAO, with its certificate if any."""
    if round_id is not None:
        require(session, RoundRecord, round_id, "round")
    statement = (
        select(CertificationRecord, ReviewRecord)
        .outerjoin(
            ReviewRecord, col(ReviewRecord.result_hash) == col(CertificationRecord.result_hash)
        )
        .order_by(col(CertificationRecord.round_id), col(CertificationRecord.lao_id))
    )
    if round_id is not None:
        statement = statement.where(CertificationRecord.round_id == round_id)
    rows: list[tuple[CertificationRecord, ReviewRecord | None]] = list(
        session.exec(statement).all()
    )
    laos = _lao_names(session, {d.lao_id for d, _ in rows})
    certificates = certificates_by_lao(session, {d.round_id for d, _ in rows})
    office = _office_decisions(session, {d.round_id for d, _ in rows})
    levels = _level_titles(session, editions, {d.round_id for d, _ in rows})
    return [
        DecisionRow(
            round_id=decision.round_id,
            lao_id=decision.lao_id,
            lao_name_th=laos.get(decision.lao_id, ""),
            meets_criteria=decision.meets_criteria,
            points=decision.points,
            level=decision.level,
            level_title=levels.get((decision.round_id, decision.level or "")),
            reasons=list(decision.reasons),
            result_hash=decision.result_hash,
            review=_review(review),
            decided_at=decision.decided_at,
            decision=office.get((decision.round_id, decision.lao_id)),
            certificate=certificates.get((decision.round_id, decision.lao_id)),
        )
        for decision, review in rows
    ]


def _office_decisions(
    session: Session, round_ids: set[str]
) -> dict[tuple[str, str], OfficeDecision]:
    rows = session.exec(
        select(DecisionRecord).where(col(DecisionRecord.round_id).in_(sorted(round_ids)))
    ).all()
    return {
        (d.round_id, d.lao_id): OfficeDecision(
            d.certify, d.basis, d.decided_on, d.decided_by, d.result_hash
        )
        for d in rows
    }


def audit_log(
    session: Session,
    *,
    subject: str | None = None,
    actor: str | None = None,
    since: date | None = None,
    limit: int = 100,
    until: date | None = None,
    action: str | None = None,
    lao: str | None = None,
    offset: int = 0,
) -> list[LogEntry]:
    """The audit log, newest first: at most ``limit`` entries (after ``offset``) from ``since``
    to ``until`` (Thai days) on.

    ``subject`` matches a subject or its beginning (a short result hash finds the result);
    ``action`` an action or its beginning (``certificate.`` finds them all); ``lao`` an LAO's
    id anywhere in the subject or the details.
    """
    if limit < 1:
        raise InvalidInput(f"--limit {limit} must be at least 1", [])
    statement = select(AuditLogRecord).order_by(
        col(AuditLogRecord.at).desc(), col(AuditLogRecord.id).desc()
    )
    if subject is not None:
        prefix = func.substr(col(AuditLogRecord.subject), 1, len(subject))
        statement = statement.where(prefix == subject)  # not LIKE: case matters on both
    if actor is not None:
        statement = statement.where(AuditLogRecord.actor == actor)
    if since is not None:
        start = datetime.combine(since, time(), THAILAND)
        statement = statement.where(col(AuditLogRecord.at) >= start)
    statement = _narrowed(statement, until=until, action=action, lao=lao)
    return [
        LogEntry(
            id=entry.id or 0,
            at=entry.at,
            actor=entry.actor,
            action=entry.action,
            subject=entry.subject,
            details=dict(entry.details),
        )
        for entry in session.exec(statement.offset(offset).limit(limit)).all()
    ]


def _narrowed(statement: Any, *, until: date | None, action: str | None, lao: str | None) -> Any:
    if until is not None:
        end = datetime.combine(until + timedelta(days=1), time(), THAILAND)
        statement = statement.where(col(AuditLogRecord.at) < end)
    if action:
        statement = statement.where(
            func.substr(col(AuditLogRecord.action), 1, len(action)) == action
        )
    if lao:
        details = cast(col(AuditLogRecord.details), String)
        statement = statement.where(
            or_(col(AuditLogRecord.subject).contains(lao), details.contains(f'"{lao}"'))
        )
    return statement


def _review(record: ReviewRecord | None) -> Review:
    if record is None:
        return Review(ReviewState.RECEIVED.value)
    return Review(record.state, record.comment, record.reviewer, record.reviewed_at)


def _inspector_names(session: Session, wanted: Iterable[str]) -> dict[str, str]:
    found = session.exec(select(InspectorRecord).where(col(InspectorRecord.id).in_(list(wanted))))
    return {inspector.id: inspector.name for inspector in found.all()}


def _lao_names(session: Session, wanted: Iterable[str]) -> dict[str, str]:
    found = session.exec(select(LaoRecord).where(col(LaoRecord.id).in_(list(wanted))))
    return {lao.id: lao.name_th for lao in found.all()}


def _successors(session: Session, hashes: list[str]) -> dict[str, str]:
    """For each of ``hashes`` that a later revision replaced, that revision's hash."""
    found = session.exec(
        select(ResultRecord.chain_key, ResultRecord.hash).where(
            col(ResultRecord.chain_key).in_(hashes)
        )
    )
    return dict(found.all())


def certificates_by_lao(
    session: Session, round_ids: Iterable[str]
) -> dict[tuple[str, str], CertificateState]:
    """Per (round, LAO): the standing certificate, else the one issued last (revoked)."""
    found = session.exec(
        select(CertificateRecord)
        .where(col(CertificateRecord.round_id).in_(list(round_ids)))
        .options(*_unread(CertificateRecord.payload))
        .order_by(col(CertificateRecord.issued_at))
    )
    chosen: dict[tuple[str, str], CertificateState] = {}
    for record in found.all():
        key = (record.round_id, record.lao_id)
        standing = chosen.get(key)
        if standing is not None and standing.state == "issued":
            continue
        chosen[key] = CertificateState(
            reference=record.reference,
            state="revoked" if record.revoked_at else "issued",
            issued_on=record.issued_on,
            valid_until=record.valid_until,
            revoked_at=record.revoked_at,
            revocation_reason=record.revocation_reason,
        )
    return chosen


def _level_titles(
    session: Session, editions: EditionCache, round_ids: Iterable[str]
) -> dict[tuple[str, str], dict[str, str]]:
    """Per (round, level id): the level's title in Thai and English, from the round's edition."""
    titles: dict[tuple[str, str], dict[str, str]] = {}
    for round_id in round_ids:
        round_ = require(session, RoundRecord, round_id, "round")
        for level in editions.get(session, round_.edition_hash).rule.levels:
            titles[(round_id, level.id)] = {"th": level.title.th, "en": level.title.en}
    return titles


def _unread(*attributes: Any) -> list[ExecutableOption]:
    """Options that leave these (large) columns unread: a listing never touches them."""
    return [defer(attribute) for attribute in attributes]


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()
