"""The outbox: sealed results waiting to go to the central store, and what became of them.

Nothing is deleted here: an item moves from ``waiting`` to ``sent`` when the server confirms it,
or to ``refused`` with the server's code and words; a refused item does not block the others.
A waiting item that met a network failure has a ``next_attempt_at``: until then it is not due,
and a sync leaves it alone, unless the inspector asks to send again now (``retry_refused``).
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import col, select

from field_audit.domain.audit import AuditStatus, mark_synced
from field_audit.storage.database import Database
from field_audit.storage.errors import NotFound
from field_audit.storage.models import AuditRecord, OutboxItem, now_utc

WAITING, SENT, REFUSED = "waiting", "sent", "refused"
KIND_ORDER = {"gecc.sealed-audit": 0, "gecc.committee-result": 1}


def waiting_items(db: Database) -> list[OutboxItem]:
    """Waiting items, due or not, members' audits before committee results, oldest first."""
    with db.session() as session:
        items = session.exec(
            select(OutboxItem).where(OutboxItem.state == WAITING).order_by(col(OutboxItem.id))
        ).all()
    return sorted(items, key=lambda item: KIND_ORDER.get(item.kind, 9))


def pending_items(db: Database, *, now: datetime) -> list[OutboxItem]:
    """The waiting items due at ``now``, in the order of ``waiting_items``."""
    return [item for item in waiting_items(db) if is_due(item, now)]


def is_due(item: OutboxItem, now: datetime) -> bool:
    """Whether the item may be sent at ``now``: no attempt is set for later."""
    return item.next_attempt_at is None or item.next_attempt_at <= now


def refused_refs(db: Database) -> set[str]:
    """The results the central store refused for good (kept here, never counted on)."""
    with db.session() as session:
        rows = session.exec(select(OutboxItem.ref).where(OutboxItem.state == REFUSED)).all()
    return set(rows)


def all_items(db: Database) -> list[OutboxItem]:
    with db.session() as session:
        return list(session.exec(select(OutboxItem).order_by(col(OutboxItem.id))).all())


def mark_sent(db: Database, item_id: int) -> None:
    """The server confirmed the item; an audit sealed here becomes SYNCED."""
    with db.session() as session:
        item = _item(session.get(OutboxItem, item_id), item_id)
        item.state, item.last_error = SENT, None
        audit = session.exec(select(AuditRecord).where(AuditRecord.sealed_hash == item.ref)).first()
        if audit is not None and audit.status == AuditStatus.SEALED:
            audit.status = mark_synced(AuditStatus(audit.status)).value
            session.add(audit)
        session.add(item)
        session.commit()


def mark_refused(db: Database, item_id: int, reason: str) -> None:
    with db.session() as session:
        item = _item(session.get(OutboxItem, item_id), item_id)
        item.state, item.last_error, item.attempts = REFUSED, reason, item.attempts + 1
        session.add(item)
        session.commit()


def mark_attempt_failed(
    db: Database, item_id: int, reason: str, *, retry_at: datetime | None
) -> None:
    with db.session() as session:
        item = _item(session.get(OutboxItem, item_id), item_id)
        item.attempts, item.last_error, item.next_attempt_at = item.attempts + 1, reason, retry_at
        session.add(item)
        session.commit()


def retry_refused(db: Database, *, now: datetime | None = None) -> int:
    """Send again now: refused items back in the queue (the office fixed the cause) and every
    waiting item due at ``now`` without waiting out its backoff; returns how many were refused."""
    due = now or now_utc()
    with db.session() as session:
        refused = session.exec(select(OutboxItem).where(OutboxItem.state == REFUSED)).all()
        for item in refused:
            item.state, item.next_attempt_at = WAITING, due
            session.add(item)
        waiting = session.exec(select(OutboxItem).where(OutboxItem.state == WAITING)).all()
        for item in waiting:
            if not is_due(item, due):
                item.next_attempt_at = due
                session.add(item)
        session.commit()
        return len(refused)


def _item(item: OutboxItem | None, item_id: int) -> OutboxItem:
    if item is None:
        raise NotFound("outbox item", str(item_id))
    return item
