"""Receiving a signed result (a sealed audit or a committee result): check it, then keep it.

Checks, in this order (each refusal names its code):

1. the bytes are canonical and the signature verifies (``verify_result``): NOT_CANONICAL,
   BAD_SIGNATURE, BAD_PUBLIC_KEY, MALFORMED_RESULT;
2. idempotency by (result id, hash): the same result again is answered with the stored
   record (``created`` False); the same id with other bytes is CONFLICT (``stored_hash``);
3. the result's key is enrolled (UNKNOWN_KEY), not revoked (KEY_REVOKED), and enrolled to
   the signer the payload names (SIGNER_MISMATCH);
4. the assignment exists for that round, LAO and committee, and both the signer and the
   uploader (a member may relay a colleague's result) are members: NOT_ASSIGNED;
5. the edition is the round's: CATALOG_MISMATCH;
6. per type: an audit's findings parse (MALFORMED_RESULT) and every photo it names is stored
   with its size (PHOTO_MISSING); a committee result passes ``committee_results``;
7. the revision chain: a first revision (``replaces`` null, revision 1) is refused when the
   signer already has one for the assignment, and a correction must replace the current one
   (SUPERSEDED, with the current hash); ``replaces`` must name the signer's earlier result of
   the same type and assignment (REPLACES_UNKNOWN), with revision + 1 (MALFORMED_RESULT).

The server scores the findings itself (``score_verdicts``) and keeps both scores, the exact
payload bytes, the signature and the key, append-only, with a change sequence. A unique chain
key makes two racing uploads for one place in a chain impossible: the loser is re-checked.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from field_audit.domain.edition import Edition
from field_audit.domain.scoring import Score, score_verdicts
from sync.protocol.errors import ProtocolError
from sync.protocol.requests import request_key_id
from sync.protocol.sealed import COMMITTEE_RESULT, SignedResult, verify_result
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
from sync.server.store.keys import Caller
from sync.server.store.revisions import current_of, malformed, successor_of, verdicts_in


@dataclass(frozen=True)
class Received:
    record: ResultRecord
    created: bool


@dataclass(frozen=True)
class _Checked:
    payload: dict[str, Any]
    key: DeviceKeyRecord
    assignment: AssignmentRecord
    edition: Edition
    score: Score


def receive_result(
    session: Session, editions: EditionCache, signed: SignedResult, caller: Caller
) -> Received:
    """Check and keep ``signed`` (see the module docstring); commits."""
    payload = _verified(signed)
    begin_write(session)
    stored = stored_result(session, payload, signed.hash)
    if stored is not None:
        return Received(stored, created=False)
    checked = _check(session, editions, payload, signed, caller)
    chain_key = _chain_key(session, payload, checked.key.inspector_id, checked.assignment.id)
    try:  # flushes inside _record meet a racing writer's row as early as the commit does
        record = _record(session, signed, checked, chain_key, caller)
        session.commit()
    except IntegrityError:
        session.rollback()
        return _after_race(session, editions, signed, caller)
    return Received(record, created=True)


def stored_result(
    session: Session, payload: Mapping[str, Any], result_hash: str
) -> ResultRecord | None:
    """The stored result with this id and hash; CONFLICT if the id is stored with another."""
    stored = session.exec(
        select(ResultRecord).where(ResultRecord.result_id == str(payload["result_id"]))
    ).first()
    if stored is None or stored.hash == result_hash:
        return stored
    raise Conflict(
        "a different result with this result id is already stored",
        stored_hash=stored.hash,
        result_id=stored.result_id,
    )


def _verified(signed: SignedResult) -> dict[str, Any]:
    try:
        payload = verify_result(signed)
    except ProtocolError as error:
        raise Unprocessable(str(error), code=error.code) from error
    for name, kind in (("round", dict), ("lao", dict), ("assignment_id", str), ("revision", int)):
        if not isinstance(payload.get(name), kind):
            raise malformed(f"the result's {name} is missing or malformed")
    if not isinstance(payload.get("committee_id"), str) or not isinstance(
        payload["result_id"], str
    ):
        raise malformed("the result's committee_id and result_id must be text")
    return payload


def _check(
    session: Session,
    editions: EditionCache,
    payload: dict[str, Any],
    signed: SignedResult,
    caller: Caller,
) -> _Checked:
    key = _signer_key(session, signed, payload)
    assignment = _assignment(session, payload, {key.inspector_id, caller.inspector_id})
    round_ = session.get(RoundRecord, assignment.round_id)
    assert round_ is not None  # a foreign key guarantees it
    _check_edition(payload, round_)
    edition = editions.get(session, round_.edition_hash)
    if payload["type"] == COMMITTEE_RESULT:
        consolidated = check_committee_result(session, edition, payload, assignment, key)
        return _Checked(payload, key, assignment, edition, consolidated)
    verdicts = verdicts_in(edition, payload)
    _check_photos(session, payload)
    return _Checked(payload, key, assignment, edition, score_verdicts(edition, verdicts))


def _signer_key(session: Session, signed: SignedResult, payload: dict[str, Any]) -> DeviceKeyRecord:
    key = session.get(DeviceKeyRecord, request_key_id(signed.public_key))
    if key is None:
        raise Unprocessable("the result's key is not enrolled at the office", code="UNKNOWN_KEY")
    if key.revoked_at is not None:
        raise KeyRevoked("the result was signed with a revoked key", key_id=key.key_id)
    signer = payload["signer"].get("inspector_id")
    if key.inspector_id != signer:
        raise Forbidden(
            "the result's key is enrolled to another inspector than its signer",
            code="SIGNER_MISMATCH",
            signer=signer,
            key_inspector=key.inspector_id,
        )
    return key


def _assignment(
    session: Session, payload: dict[str, Any], inspectors: set[str]
) -> AssignmentRecord:
    assignment = session.get(AssignmentRecord, payload["assignment_id"])
    expected = (payload["round"].get("id"), payload["lao"].get("id"), payload["committee_id"])
    if (
        assignment is None
        or assignment.deleted
        or expected != (assignment.round_id, assignment.lao_id, assignment.committee_id)
    ):
        raise Forbidden(
            "no such assignment of this LAO, round and committee",
            code="NOT_ASSIGNED",
            assignment_id=payload["assignment_id"],
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


def _check_edition(payload: dict[str, Any], round_: RoundRecord) -> None:
    edition = payload["edition"]
    if (edition.get("id"), edition.get("hash")) != (round_.edition_id, round_.edition_hash):
        raise Conflict(
            "the result was made against another edition of the criteria than the round's",
            code="CATALOG_MISMATCH",
            expected={"id": round_.edition_id, "hash": round_.edition_hash},
            received={"id": edition.get("id"), "hash": edition.get("hash")},
        )


def _check_photos(session: Session, payload: dict[str, Any]) -> None:
    named = _photos_named(payload)
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


def _photos_named(payload: dict[str, Any]) -> dict[str, int]:
    named: dict[str, int] = {}
    for finding in payload["findings"]:
        photos = finding.get("photos", [])
        if not isinstance(photos, list) or not all(isinstance(p, dict) for p in photos):
            raise malformed("a finding's photos must be a list of objects")
        for photo in photos:
            sha, size = photo.get("sha256"), photo.get("byte_size")
            if not isinstance(sha, str) or not isinstance(size, int):
                raise malformed("a photo needs its sha256 and byte_size")
            named[sha] = size
    return named


def _chain_key(session: Session, payload: dict[str, Any], signer: str, assignment_id: str) -> str:
    replaces, revision = payload.get("replaces"), payload["revision"]
    if replaces is None:
        if revision != 1:
            raise malformed("a result that replaces nothing is revision 1")
        key = f"root:{payload['type']}:{assignment_id}:{signer}"
        holder = session.exec(select(ResultRecord).where(ResultRecord.chain_key == key)).first()
        if holder is not None:
            raise _superseded(session, holder, "a first revision is already stored")
        return key
    previous = session.get(ResultRecord, str(replaces))
    if previous is None or (previous.kind, previous.assignment_id, previous.inspector_id) != (
        payload["type"],
        assignment_id,
        signer,
    ):
        raise Conflict(
            "replaces names no earlier result of this signer and assignment",
            code="REPLACES_UNKNOWN",
            replaces=replaces,
        )
    if revision != previous.revision + 1:
        raise malformed(
            f"a result replacing revision {previous.revision} is revision {previous.revision + 1}"
        )
    successor = successor_of(session, previous.hash)
    if successor is not None:
        raise _superseded(session, successor, "the revision it replaces was already replaced")
    return previous.hash


def _superseded(session: Session, holder: ResultRecord, why: str) -> Conflict:
    current = current_of(session, holder)
    return Conflict(
        f"{why}: a correction must replace the current revision",
        code="SUPERSEDED",
        current_hash=current.hash,
        current_revision=current.revision,
    )


def _record(
    session: Session, signed: SignedResult, checked: _Checked, chain_key: str, caller: Caller
) -> ResultRecord:
    payload, score = checked.payload, checked.score
    device_score = payload.get("score")
    seq = next_seq(session)
    record = ResultRecord(
        hash=signed.hash,
        result_id=payload["result_id"],
        kind=payload["type"],
        round_id=checked.assignment.round_id,
        lao_id=checked.assignment.lao_id,
        assignment_id=checked.assignment.id,
        committee_id=checked.assignment.committee_id,
        inspector_id=checked.key.inspector_id,
        key_id=checked.key.key_id,
        revision=payload["revision"],
        replaces=payload.get("replaces"),
        chain_key=chain_key,
        payload=signed.payload_bytes,
        signature=signed.envelope()["signature"],
        public_key=encode_public_key(signed.public_key),
        server_score=score.to_json(),
        device_score=device_score if isinstance(device_score, dict) else None,
        certified=score.certified,
        points=score.points,
        received_at=now_utc(),
        uploaded_by=caller.inspector_id,
        seq=seq,
    )
    session.add(record)
    if record.kind == COMMITTEE_RESULT:
        session.flush()
        record_certification(session, record, score, checked.assignment, seq)
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
    payload = verify_result(signed)
    begin_write(session)
    stored = stored_result(session, payload, signed.hash)
    if stored is not None:
        return Received(stored, created=False)
    checked = _check(session, editions, payload, signed, caller)
    _chain_key(session, payload, checked.key.inspector_id, checked.assignment.id)
    raise Conflict("the result could not be stored; try again", code="CONFLICT")
