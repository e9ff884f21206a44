"""What the central store tells the device: rounds, editions, committees, assignments.

Each ``apply_*`` is an upsert by id in its own transaction. A withdrawn assignment is removed
only if the inspector has not started an audit of it: work on the device is never deleted.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from sqlmodel import Session, col, delete, select

from field_audit.domain.edition import Edition
from field_audit.storage.database import Database
from field_audit.storage.models import (
    Assignment,
    AuditRecord,
    Committee,
    CommitteeMember,
    EditionRecord,
    Lao,
    MemberKey,
    RoundRecord,
    SelfAssessmentClaim,
    SyncCursor,
    SyncRun,
    now_utc,
)
from field_audit.storage.shares import replace_planned_shares

ROUND_DATES = ("opens_on", "screening_until", "visits_from", "visits_until", "results_on")
"""A round's calendar beyond its deadline and briefing, as the central store sends it."""


def apply_round(db: Database, record: dict[str, Any]) -> None:
    with db.session() as session:
        session.merge(
            RoundRecord(
                id=record["id"],
                fiscal_year_be=record["fiscal_year_be"],
                title_th=record["title_th"],
                title_en=record.get("title_en") or record["title_th"],
                edition_id=record["edition"]["id"],
                deadline=date.fromisoformat(record["deadline"]),
                briefing_on=_date(record.get("briefing_on")),
                **{name: _date(record.get(name)) for name in ROUND_DATES},
            )
        )
        session.commit()


def apply_edition(db: Database, edition: Edition) -> None:
    with db.session() as session:
        if session.get(EditionRecord, edition.content_hash) is None:
            session.add(
                EditionRecord(
                    content_hash=edition.content_hash,
                    edition_id=edition.id,
                    document=json.dumps(edition.document, ensure_ascii=False, sort_keys=True),
                    added_at=now_utc(),
                )
            )
            session.commit()


def has_edition(db: Database, content_hash: str) -> bool:
    with db.session() as session:
        return session.get(EditionRecord, content_hash) is not None


def apply_committee(db: Database, record: dict[str, Any]) -> None:
    """Upsert the committee and replace its member list, and each member's keys over time."""
    with db.session() as session:
        name = record["name_th"]
        session.merge(
            Committee(id=record["id"], round_id=record["round_id"], name_th=name, name_en=name)
        )
        session.exec(delete(CommitteeMember).where(CommitteeMember.committee_id == record["id"]))
        for member in record["members"]:
            session.add(_member(record["id"], member))
            _replace_keys(session, member)
        session.commit()


def _replace_keys(session: Session, member: dict[str, Any]) -> None:
    inspector_id = member["inspector_id"]
    session.exec(delete(MemberKey).where(col(MemberKey.inspector_id) == inspector_id))
    session.add_all(
        MemberKey(
            inspector_id=inspector_id,
            public_key=key["public_key"],
            revoked_at=_moment(key.get("revoked_at")) if key.get("revoked") else None,
        )
        for key in member.get("keys", [])
    )


def apply_assignment(db: Database, record: dict[str, Any]) -> None:
    lao = record["lao"]
    with db.session() as session:
        session.merge(
            Lao(
                id=lao["id"],
                name_th=lao["name_th"],
                name_en=lao.get("name_en") or lao["name_th"],
                kind=lao["kind"],
                province_code=lao["province_code"],
                province_th=lao.get("province_th", ""),
                province_en=lao.get("province_en", ""),
            )
        )
        session.merge(
            Assignment(
                id=record["id"],
                round_id=record["round_id"],
                lao_id=lao["id"],
                committee_id=record["committee_id"],
                visit_date=date.fromisoformat(record["visit_date"]),
                self_assessment_points=record.get("self_assessment_points"),
            )
        )
        if "self_claims" in record:  # the LAO's claims, replaced whole as the office has them
            _replace_claims(session, record["id"], record["self_claims"])
        if "shares" in record:  # the division of the work, replaced whole as planned
            replace_planned_shares(session, record["id"], record["shares"])
        session.commit()


def _replace_claims(session: Session, assignment_id: str, claims: dict[str, str]) -> None:
    _drop_claims(session, assignment_id)
    session.flush()  # the assignment row first: the claims refer to it
    session.add_all(
        SelfAssessmentClaim(assignment_id=assignment_id, criterion_id=c, claim=claim)
        for c, claim in claims.items()
    )


def _drop_claims(session: Session, assignment_id: str) -> None:
    session.exec(
        delete(SelfAssessmentClaim).where(col(SelfAssessmentClaim.assignment_id) == assignment_id)
    )


def withdraw_assignment(db: Database, assignment_id: str) -> bool:
    """Remove a withdrawn assignment unless an audit of it exists; returns whether removed."""
    with db.session() as session:
        if session.exec(
            select(AuditRecord.id).where(AuditRecord.assignment_id == assignment_id)
        ).first():
            return False
        assignment = session.get(Assignment, assignment_id)
        if assignment is not None:
            _drop_claims(session, assignment_id)  # they refer to the assignment
            session.delete(assignment)
            session.commit()
        return True


def cursor_of(db: Database, view: str) -> int:
    with db.session() as session:
        found = session.get(SyncCursor, view)
        return found.cursor if found else 0


def save_cursor(db: Database, view: str, cursor: int) -> None:
    with db.session() as session:
        session.merge(SyncCursor(view=view, cursor=cursor, pulled_at=now_utc()))
        session.commit()


def record_sync_run(db: Database, run: SyncRun) -> None:
    with db.session() as session:
        session.add(run)
        session.commit()


def last_sync_run(db: Database) -> SyncRun | None:
    with db.session() as session:
        return session.exec(select(SyncRun).order_by(col(SyncRun.id).desc())).first()


def _member(committee_id: str, member: dict[str, Any]) -> CommitteeMember:
    live = [k for k in member.get("keys", []) if not k.get("revoked")]
    return CommitteeMember(
        committee_id=committee_id,
        inspector_id=member["inspector_id"],
        name=member["name"],
        role=member["role"],
        public_key=live[0]["public_key"] if live else None,
    )


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _moment(value: str | None) -> datetime:
    """When a key was revoked; a revocation the store gives no time for counts from the
    beginning of time, so no trusted time of use can fall before it."""
    if not value:
        return datetime.min.replace(tzinfo=UTC)
    return datetime.fromisoformat(value.replace("Z", "+00:00"))
