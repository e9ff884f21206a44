"""What the audit screens need to answer quickly: how far each audit has got (answered of
total, within the member's share) and the phrases the inspector has written before in notes,
per criterion, to insert with one tap.

A phrase is one line of a saved note: the text the inspector settled on (a note is saved a
moment after typing stops, so the half-typed words in between are overwritten, never kept).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlmodel import Session, col, select

from field_audit.storage.audits import audit_scope, edition_by_hash
from field_audit.storage.database import Database
from field_audit.storage.models import AuditRecord, Finding

PHRASES_PER_CRITERION = 3
PHRASE_MAX_CHARS = 120  # longer lines are a finding's own account, not a phrase to reuse


@dataclass(frozen=True)
class Progress:
    answered: int
    total: int


def audit_progress(db: Database, audit_ids: Iterable[str]) -> dict[str, Progress]:
    """Answered of total for each audit, counting only the criteria in its scope."""
    wanted = list(audit_ids)
    if not wanted:
        return {}
    with db.session() as session:
        audits = session.exec(select(AuditRecord).where(col(AuditRecord.id).in_(wanted))).all()
        answered = session.exec(
            select(Finding.audit_id, Finding.criterion_id).where(
                col(Finding.audit_id).in_(wanted), col(Finding.verdict).is_not(None)
            )
        ).all()
        totals = {audit.id: _in_scope(session, audit) for audit in audits}
    done: Counter[str] = Counter(
        audit_id for audit_id, criterion_id in answered if criterion_id in totals.get(audit_id, ())
    )
    return {audit_id: Progress(done[audit_id], len(ids)) for audit_id, ids in totals.items()}


def _in_scope(session: Session, audit: AuditRecord) -> frozenset[str]:
    scope = audit_scope(audit)
    if scope is not None:
        return scope
    return frozenset(c.id for c in edition_by_hash(session, audit.edition_hash).criteria)


def note_phrases(
    db: Database, *, inspector_id: str, edition_id: str, besides: str
) -> dict[str, list[str]]:
    """By criterion id, the lines this inspector wrote in notes of their other audits on the
    same edition (not audit ``besides``): the most used first, then the most recent."""
    with db.session() as session:
        rows = session.exec(
            select(Finding.criterion_id, Finding.note, Finding.recorded_at)
            .join(AuditRecord, col(AuditRecord.id) == Finding.audit_id)
            .where(
                AuditRecord.inspector_id == inspector_id,
                AuditRecord.edition_id == edition_id,
                AuditRecord.id != besides,
                Finding.note != "",
            )
            .order_by(col(Finding.recorded_at).desc())
        ).all()
    uses: dict[str, Counter[str]] = defaultdict(Counter)
    for criterion_id, note, _at in rows:
        for line in _lines(note):
            uses[criterion_id][line] += 1
    return {cid: _most_used(counter) for cid, counter in uses.items()}


def _lines(note: str) -> list[str]:
    return [line.strip() for line in note.splitlines() if 0 < len(line.strip()) <= PHRASE_MAX_CHARS]


def _most_used(counter: Counter[str]) -> list[str]:
    # Counter keeps first-seen order (the most recent first) among equal counts
    return [text for text, _n in counter.most_common(PHRASES_PER_CRITERION)]
