"""The office's review of a received result: a small lifecycle with guarded transitions.

    received ──> has_issues | approved | rejected
    has_issues ──> received | approved | rejected
    approved | rejected ──> has_issues          (reopened, with a comment)

Every result starts ``received`` (no row until someone reviews it). ``has_issues`` and
``rejected`` need a comment. A refused transition is INVALID_TRANSITION naming both states.
Each change is logged in the audit log and bumps the change sequence (devices see it).
"""

from __future__ import annotations

from enum import StrEnum

from sqlmodel import Session

from sync.server.errors import Conflict, InvalidInput
from sync.server.models import ResultRecord, ReviewRecord, now_utc
from sync.server.store.changes import log_action, next_seq
from sync.server.store.rows import require


class ReviewState(StrEnum):
    RECEIVED = "received"
    HAS_ISSUES = "has_issues"
    APPROVED = "approved"
    REJECTED = "rejected"


ALLOWED: dict[ReviewState, frozenset[ReviewState]] = {
    ReviewState.RECEIVED: frozenset(
        {ReviewState.HAS_ISSUES, ReviewState.APPROVED, ReviewState.REJECTED}
    ),
    ReviewState.HAS_ISSUES: frozenset(
        {ReviewState.RECEIVED, ReviewState.APPROVED, ReviewState.REJECTED}
    ),
    ReviewState.APPROVED: frozenset({ReviewState.HAS_ISSUES}),
    ReviewState.REJECTED: frozenset({ReviewState.HAS_ISSUES}),
}
NEEDS_COMMENT = frozenset({ReviewState.HAS_ISSUES, ReviewState.REJECTED})


def review_state(session: Session, result_hash: str) -> ReviewState:
    review = session.get(ReviewRecord, result_hash)
    return ReviewState(review.state) if review else ReviewState.RECEIVED


def set_review(
    session: Session, result_hash: str, state: ReviewState, *, comment: str, reviewer: str
) -> ReviewRecord:
    """Move the result's review to ``state``; refuses transitions ``ALLOWED`` does not list."""
    seq = next_seq(session)
    require(session, ResultRecord, result_hash, "result")
    current = review_state(session, result_hash)
    if state not in ALLOWED[current]:
        raise Conflict(
            f"a result that is {current} cannot become {state}",
            code="INVALID_TRANSITION",
            current=current.value,
            requested=state.value,
            allowed=sorted(s.value for s in ALLOWED[current]),
        )
    if state in NEEDS_COMMENT and not comment.strip():
        raise InvalidInput("a comment is needed", [f"say why the result is {state}"])
    review = ReviewRecord(
        result_hash=result_hash,
        state=state.value,
        comment=comment,
        reviewer=reviewer,
        reviewed_at=now_utc(),
        seq=seq,
    )
    session.merge(review)
    log_action(
        session,
        actor=reviewer,
        action="review.set",
        subject=result_hash,
        state=state.value,
        previous=current.value,
        comment=comment,
    )
    session.commit()
    return review
