"""The results inbox's counts: how many received results are in each review state, and how
many match a filter (for paging ``listing.received_results``)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from sync.server.models import ResultRecord, ReviewRecord
from sync.server.store.counts_cache import cached
from sync.server.store.listing import filter_results
from sync.server.store.reviews import ReviewState

ANY_DAY = date(2000, 1, 1)  # the counts do not depend on the day


def state_counts(session: Session, *, round_id: str | None = None) -> dict[str, int]:
    """Received results per review state (``received`` while nobody has reviewed one), kept
    with the change sequence they were counted at (``counts_cache``)."""
    key = f"inbox:{round_id or '*'}"
    return cached(session, key, ANY_DAY, lambda: _state_counts(session, round_id))


def _state_counts(session: Session, round_id: str | None) -> dict[str, int]:
    statement = (
        select(ReviewRecord.state, func.count())
        .select_from(ResultRecord)
        .outerjoin(ReviewRecord, col(ReviewRecord.result_hash) == col(ResultRecord.hash))
        .group_by(col(ReviewRecord.state))
    )
    if round_id is not None:
        statement = statement.where(ResultRecord.round_id == round_id)
    counts = dict.fromkeys((s.value for s in ReviewState), 0)
    for state, count in session.exec(statement).all():
        counts[state or ReviewState.RECEIVED.value] += count
    return counts


def matching_count(
    session: Session,
    *,
    round_id: str | None = None,
    kind: str | None = None,
    state: ReviewState | None = None,
) -> int:
    """How many received results the inbox's filter matches."""
    statement = (
        select(func.count())
        .select_from(ResultRecord)
        .outerjoin(ReviewRecord, col(ReviewRecord.result_hash) == col(ResultRecord.hash))
    )
    statement = filter_results(statement, round_id=round_id, kind=kind, state=state)
    return int(session.exec(statement).one())
