"""Reading stored results: revision chains, and each member's current sealed audit of a visit."""

from __future__ import annotations

from sqlmodel import Session, col, select

from field_audit.domain.revisions import Revision
from sync.protocol.sealed import SEALED_AUDIT
from sync.server.models import ResultRecord


def successor_of(session: Session, result_hash: str) -> ResultRecord | None:
    """The result that replaces ``result_hash``, if any."""
    return session.exec(select(ResultRecord).where(ResultRecord.chain_key == result_hash)).first()


def current_of(session: Session, record: ResultRecord) -> ResultRecord:
    """The latest revision in ``record``'s chain."""
    while (successor := successor_of(session, record.hash)) is not None:
        record = successor
    return record


def chain_of(record: ResultRecord) -> Revision:
    """A stored result's place in its chain (``field_audit.domain.revisions``)."""
    return Revision(
        hash=record.hash,
        kind=record.kind,
        assignment_id=record.assignment_id,
        signer=record.inspector_id,
        revision=record.revision,
        replaces=record.replaces,
    )


def first_in_chain(session: Session, chain: tuple[str, str, str]) -> ResultRecord | None:
    """The stored revision 1 of a chain (kind, visit, member), if any."""
    return session.exec(
        select(ResultRecord).where(ResultRecord.chain_key == "root:" + ":".join(chain))
    ).first()


def current_audits(session: Session, assignment_id: str) -> dict[str, ResultRecord]:
    """Each member's current sealed audit of the visit: member -> the latest revision."""
    rows = session.exec(
        select(ResultRecord)
        .where(ResultRecord.assignment_id == assignment_id)
        .where(ResultRecord.kind == SEALED_AUDIT)
        .order_by(col(ResultRecord.revision))
    ).all()
    replaced = {r.replaces for r in rows if r.replaces}
    return {r.inspector_id: r for r in rows if r.hash not in replaced}
