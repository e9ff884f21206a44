"""Receiving a signed result (a sealed audit or a committee result): check it, then keep it.

Checks, in this order (each refusal names its code):

1. the bytes are canonical, the typed document parses and the signature verifies
   (``verify_result``): NOT_CANONICAL, MALFORMED_RESULT (details: field), BAD_SIGNATURE,
   BAD_PUBLIC_KEY;
2. idempotency by (result id, hash): the same result again is answered with the stored
   record (``created`` False); the same id with other bytes is CONFLICT (``stored_hash``);
3. the result's key is enrolled (UNKNOWN_KEY) to the signer the payload names
   (SIGNER_MISMATCH) and is valid now (``key_fault``: KEY_REVOKED);
4. the assignment exists for that round, LAO and committee, and both the signer and the
   uploader (a member may relay a colleague's result) are members: NOT_ASSIGNED;
5. the edition is the round's: CATALOG_MISMATCH;
6. per type, the rules the device applies too (``sync.checks.results``): an audit is
   complete, names the edition's criteria once each and states the score its findings give
   (AUDIT_INCOMPLETE, MALFORMED_RESULT, SCORE_MISMATCH), and every photo it names is stored
   with its size (PHOTO_MISSING); a committee result passes ``committee_results``;
7. the revision chain (``chain_fault``): a second first revision or a fork is SUPERSEDED
   (with the current hash); ``replaces`` naming nothing, or another member's, kind's or
   visit's result, is REPLACES_UNKNOWN; a jump in revision numbers is MALFORMED_RESULT.

The server scores the findings itself (``score_verdicts``) and keeps both scores, the exact
payload bytes, the signature and the key, append-only, with a change sequence. A unique chain
key makes two racing uploads for one place in a chain impossible: the loser is re-checked.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from field_audit.domain.edition import Edition
from field_audit.domain.revisions import ChainFault, chain_fault
from field_audit.domain.scoring import Score, score_verdicts
from field_audit.domain.signing_keys import KeyPeriod, key_fault
from sync.checks.results import Problem, audit_problem, revision_of, verdicts_of
from sync.protocol.errors import ProtocolError
from sync.protocol.requests import request_key_id
from sync.protocol.sealed import (
    COMMITTEE_RESULT,
    CommitteeResult,
    Result,
    SealedAudit,
    SignedResult,
    verify_result,
)
from sync.protocol.signatures import encode_public_key
from sync.server.database import begin_write
from sync.server.errors import Conflict, Forbidden, KeyRevoked, Unprocessable
from sync.server.models import (
    AssignmentRecord,
    DeviceKeyRecord,
    MembershipRecord,
    PhotoRecord,
    ResultRecord,
    RoundRecord,
    now_utc,
)
from sync.server.store.changes import log_action, next_seq
from sync.server.store.committee_results import check_committee_result, record_certification
from sync.server.store.editions import EditionCache
from sync.server.store.evidence import record_photos
from sync.server.store.keys import Caller
from sync.server.store.revisions import chain_of, current_of, first_in_chain, successor_of


@dataclass(frozen=True)
class Received:
    record: ResultRecord
    created: bool


@dataclass(frozen=True)
class _Checked:
    result: Result
    key: DeviceKeyRecord
    assignment: AssignmentRecord
    edition: Edition
    score: Score


def receive_result(
    session: Session, editions: EditionCache, signed: SignedResult, caller: Caller
) -> Received:
    """Check and keep ``signed`` (see the module docstring); commits."""
    result = verified(signed)
    begin_write(session)
    stored = stored_result(session, result.result_id, signed.hash)
    if stored is not None:
        return Received(stored, created=False)
    checked = _check(session, editions, result, signed, caller)
    chain_key = _chain_key(session, signed.hash, result)
    try:  # flushes inside _record meet a racing writer's row as early as the commit does
        record = _record(session, signed, checked, chain_key, caller)
        session.commit()
    except IntegrityError:
        session.rollback()
        return _after_race(session, editions, signed, caller)
    return Received(record, created=True)


def verified(signed: SignedResult) -> Result:
    """The typed result, its signature verified; a refusal names its code and field."""
    try:
        return verify_result(signed)
    except ProtocolError as error:
        field = getattr(error, "field", "")
        details = {"field": field} if field else {}
        raise Unprocessable(str(error), code=error.code, **details) from error


def stored_result(session: Session, result_id: str, result_hash: str) -> ResultRecord | None:
    """The stored result with this id and hash; CONFLICT if the id is stored with another."""
    stored = session.exec(select(ResultRecord).where(ResultRecord.result_id == result_id)).first()
    if stored is None or stored.hash == result_hash:
        return stored
    raise Conflict(
        "a different result with this result id is already stored",
        stored_hash=stored.hash,
        result_id=stored.result_id,
    )


def refusal(problem: Problem) -> Unprocessable:
    return Unprocessable(problem.english, code=problem.code, thai=problem.thai, **problem.details)


def _check(
    session: Session, editions: EditionCache, result: Result, signed: SignedResult, caller: Caller
) -> _Checked:
    key = _signer_key(session, signed, result)
    assignment = _assignment(session, result, {key.inspector_id, caller.inspector_id})
    round_ = session.get(RoundRecord, assignment.round_id)
    assert round_ is not None  # a foreign key guarantees it
    _check_edition(result, round_)
    edition = editions.get(session, round_.edition_hash)
    if isinstance(result, CommitteeResult):
        consolidated = check_committee_result(session, edition, result, assignment, key)
        return _Checked(result, key, assignment, edition, consolidated)
    problem = audit_problem(result, edition)
    if problem is not None:
        raise refusal(problem)
    _check_photos(session, result)
    score = score_verdicts(edition, verdicts_of(result, edition))
    return _Checked(result, key, assignment, edition, score)


def _signer_key(session: Session, signed: SignedResult, result: Result) -> DeviceKeyRecord:
    key = session.get(DeviceKeyRecord, request_key_id(signed.public_key))
    if key is None:
        raise Unprocessable("the result's key is not enrolled at the office", code="UNKNOWN_KEY")
    signer = result.signer.inspector_id
    if key.inspector_id != signer:
        raise Forbidden(
            "the result's key is enrolled to another inspector than its signer",
            code="SIGNER_MISMATCH",
            signer=signer,
            key_inspector=key.inspector_id,
        )
    fault = key_fault(signer_keys(session, signer), key.key_id, used_at=None)
    if fault is not None:
        raise KeyRevoked("the result was signed with a revoked key", key_id=key.key_id)
    return key


def signer_keys(session: Session, inspector_id: str) -> list[KeyPeriod]:
    """Every key the office enrolled for the inspector (``field_audit.domain.signing_keys``)."""
    rows = session.exec(
        select(DeviceKeyRecord).where(DeviceKeyRecord.inspector_id == inspector_id)
    ).all()
    return [KeyPeriod(r.key_id, r.revoked_at) for r in rows]


def _assignment(session: Session, result: Result, inspectors: set[str]) -> AssignmentRecord:
    assignment = session.get(AssignmentRecord, result.assignment_id)
    expected = (result.round.id, result.lao.id, result.committee_id)
    if (
        assignment is None
        or assignment.deleted
        or expected != (assignment.round_id, assignment.lao_id, assignment.committee_id)
    ):
        raise Forbidden(
            "no such assignment of this LAO, round and committee",
            code="NOT_ASSIGNED",
            assignment_id=result.assignment_id,
        )
    for inspector_id in sorted(inspectors):
        membership = session.get(MembershipRecord, (assignment.committee_id, inspector_id))
        if membership is None or membership.removed:
            raise Forbidden(
                f"{inspector_id} is not a member of the committee assigned to this LAO",
                code="NOT_ASSIGNED",
                inspector_id=inspector_id,
                committee_id=assignment.committee_id,
            )
    return assignment


def _check_edition(result: Result, round_: RoundRecord) -> None:
    edition = result.edition
    if (edition.id, edition.hash) != (round_.edition_id, round_.edition_hash):
        raise Conflict(
            "the result was made against another edition of the criteria than the round's",
            code="CATALOG_MISMATCH",
            expected={"id": round_.edition_id, "hash": round_.edition_hash},
            received={"id": edition.id, "hash": edition.hash},
        )


def _check_photos(session: Session, audit: SealedAudit) -> None:
    named = {p.sha256: p.byte_size for p in audit.photos()}
    stored = {
        p.sha256: p.byte_size
        for p in session.exec(
            select(PhotoRecord).where(col(PhotoRecord.sha256).in_(list(named)))
        ).all()
    }
    missing = sorted(sha for sha, size in named.items() if stored.get(sha) != size)
    if missing:
        raise Unprocessable(
            f"{len(missing)} photo(s) the result names are not stored whole: upload them first",
            code="PHOTO_MISSING",
            missing=missing,
        )


CHAIN_REFUSALS = {
    ChainFault.LATER_WITHOUT_PREDECESSOR: "MALFORMED_RESULT",
    ChainFault.REVISION_SKIPPED: "MALFORMED_RESULT",
    ChainFault.REPLACES_UNKNOWN: "REPLACES_UNKNOWN",
    ChainFault.REPLACES_OTHER_CHAIN: "REPLACES_UNKNOWN",
}


def _chain_key(session: Session, result_hash: str, result: Result) -> str:
    """The result's place in its chain (``chain_fault``), as the unique chain key."""
    new = revision_of(result_hash, result)
    previous = session.get(ResultRecord, new.replaces) if new.replaces else None
    successor = successor_of(session, previous.hash) if previous else None
    first = first_in_chain(session, new.chain)
    fault = chain_fault(
        new,
        previous=chain_of(previous) if previous else None,
        replaced_by=successor.hash if successor else None,
        first_held=first.hash if first else None,
    )
    if fault is ChainFault.FIRST_ALREADY_HELD and first is not None:
        raise _superseded(session, first, fault)
    if fault is ChainFault.ALREADY_REPLACED and successor is not None:
        raise _superseded(session, successor, fault)
    if fault is not None:
        raise _chain_refusal(fault, new.replaces)
    return previous.hash if previous else "root:" + ":".join(new.chain)


def _chain_refusal(fault: ChainFault, replaces: str | None) -> Conflict | Unprocessable:
    if CHAIN_REFUSALS[fault] == "REPLACES_UNKNOWN":
        return Conflict(
            fault.text.en, code="REPLACES_UNKNOWN", thai=fault.text.th, replaces=replaces
        )
    return Unprocessable(fault.text.en, code="MALFORMED_RESULT", thai=fault.text.th)


def _superseded(session: Session, holder: ResultRecord, fault: ChainFault) -> Conflict:
    current = current_of(session, holder)
    return Conflict(
        fault.text.en,
        code="SUPERSEDED",
        thai=fault.text.th,
        current_hash=current.hash,
        current_revision=current.revision,
    )


def _record(
    session: Session, signed: SignedResult, checked: _Checked, chain_key: str, caller: Caller
) -> ResultRecord:
    result, score = checked.result, checked.score
    seq = next_seq(session)
    record = ResultRecord(
        hash=signed.hash,
        result_id=result.result_id,
        kind=result.type,
        round_id=checked.assignment.round_id,
        lao_id=checked.assignment.lao_id,
        assignment_id=checked.assignment.id,
        committee_id=checked.assignment.committee_id,
        inspector_id=checked.key.inspector_id,
        key_id=checked.key.key_id,
        revision=result.revision,
        replaces=result.replaces,
        chain_key=chain_key,
        payload=signed.payload_bytes,
        signature=signed.envelope().signature,
        public_key=encode_public_key(signed.public_key),
        server_score=score.to_json(),
        device_score=result.score.model_dump(),
        meets_criteria=score.meets_criteria,
        points=score.points,
        received_at=now_utc(),
        uploaded_by=caller.inspector_id,
        seq=seq,
    )
    session.add(record)
    session.flush()  # the rows below name the result
    if record.kind == COMMITTEE_RESULT:
        record_certification(session, record, score, checked.assignment, seq)
    elif isinstance(result, SealedAudit):
        record_photos(session, record, result)  # the visit page and its plausibility checks
    log_action(
        session,
        actor=caller.inspector_id,
        action="result.receive",
        subject=record.hash,
        kind=record.kind,
        assignment=record.assignment_id,
        revision=record.revision,
    )
    return record


def _after_race(
    session: Session, editions: EditionCache, signed: SignedResult, caller: Caller
) -> Received:
    """Another upload won a race for this result's id or place: answer as if it came first."""
    result = verified(signed)
    begin_write(session)
    stored = stored_result(session, result.result_id, signed.hash)
    if stored is not None:
        return Received(stored, created=False)
    _check(session, editions, result, signed, caller)
    _chain_key(session, signed.hash, result)
    raise Conflict("the result could not be stored; try again", code="CONFLICT")
