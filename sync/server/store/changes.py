"""The change sequence and the audit log: what every writing transaction records.

``next_seq`` takes the next value of the single ``changes`` counter by ``UPDATE ... RETURNING``.
On PostgreSQL that row lock is held until the transaction ends, so transactions that take a
sequence commit in sequence order: a device that has seen ``seq`` N can never later meet a
change with a smaller one (Kinto's guarantee). Call it as late as possible in a transaction.
SQLite serialises writers anyway (every transaction begins IMMEDIATE).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from sync.server.models import AuditLogRecord, ChangeCounter, now_utc

COUNTER = "changes"


def next_seq(session: Session) -> int:
    """Take the next change sequence inside the session's transaction."""
    statement = (
        update(ChangeCounter)
        .where(col(ChangeCounter.name) == COUNTER)
        .values(value=col(ChangeCounter.value) + 1)
        .returning(col(ChangeCounter.value))
    )
    return int(session.execute(statement).scalar_one())


def current_seq(session: Session) -> int:
    """The last change sequence taken by a committed transaction (as this session sees it)."""
    counter = session.exec(select(ChangeCounter).where(ChangeCounter.name == COUNTER)).one()
    return counter.value


def log_action(session: Session, *, actor: str, action: str, subject: str, **details: Any) -> None:
    """Add one line to the audit log, in the caller's transaction."""
    session.add(
        AuditLogRecord(at=now_utc(), actor=actor, action=action, subject=subject, details=details)
    )
