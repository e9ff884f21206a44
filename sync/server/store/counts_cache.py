"""Counts kept with the change sequence they were counted at (``console_cache``): a page that
counts thousands of rows (a round's LAOs per step, the inbox's results per state) counts them
again only when something changed since, or the day did. Any instance reads the same rows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from sync.server.console_tables import ConsoleCache
from sync.server.store.changes import current_seq


def cached(
    session: Session, key: str, today: date, count: Callable[[], dict[str, Any]]
) -> dict[str, Any]:
    """The counts under ``key``: as kept, if counted at the current change sequence today;
    else counted now (``count``) and kept."""
    seq = current_seq(session)
    kept = session.get(ConsoleCache, key)
    if kept is not None and kept.seq == seq and kept.on_day == today:
        return dict(kept.value)
    value = count()
    record = kept or ConsoleCache(key=key, seq=seq, on_day=today, value=value)
    record.seq, record.on_day, record.value = seq, today, value
    session.add(record)
    try:
        session.commit()
    except IntegrityError:  # another request kept the same counts meanwhile
        session.rollback()
    return value
