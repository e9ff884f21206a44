"""The results inbox (each received result with its review state), the visit page (every
criterion with the committee's and each member's verdict, disputes and rulings, notes, photos
with their plausibility) and the review of a result with a comment."""

from __future__ import annotations

import math
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse
from sqlmodel import Session

from sync.server.console.auth import Allowed, Officer, central_of, database, language_of
from sync.server.console.forms import Form, perform
from sync.server.console.permissions import Permission
from sync.server.console.render import page
from sync.server.console.words import say
from sync.server.errors import InvalidInput, NotFound
from sync.server.models import PhotoRecord, ResultRecord
from sync.server.store.inbox import matching_count, state_counts
from sync.server.store.listing import KINDS, received_results
from sync.server.store.overview import round_choices
from sync.server.store.photos import check_sha256
from sync.server.store.reviews import ReviewState, set_review
from sync.server.store.rows import require
from sync.server.store.visit_findings import visit_findings

router = APIRouter(prefix="/office", include_in_schema=False)
View = Depends(Allowed(Permission.VIEW))
Secretary = Depends(Allowed(Permission.REVIEW))
Db = Depends(database)
PER_PAGE = 50


@router.get("/results")
def inbox(
    request: Request,
    *,
    round: str = "",
    state: str = "",
    kind: str = "",
    page_number: int = 1,
    officer: Officer = View,
    db: Session = Db,
) -> HTMLResponse:
    chosen_state = ReviewState(state) if state in set(ReviewState) else None
    chosen_kind = KINDS.get(kind)
    filters: dict[str, Any] = {
        "round_id": round or None,
        "kind": chosen_kind,
        "state": chosen_state,
    }
    counts = state_counts(db, round_id=round or None)
    if chosen_kind is None:  # the counts per state answer it
        matching = counts[chosen_state.value] if chosen_state else sum(counts.values())
    else:
        matching = matching_count(db, **filters)
    pages = max(1, math.ceil(matching / PER_PAGE))
    current = min(max(1, page_number), pages)
    rows = received_results(db, **filters, limit=PER_PAGE, offset=(current - 1) * PER_PAGE)
    return page(
        request,
        "results.html",
        officer=officer,
        db=db,
        rows=rows,
        counts=counts,
        matching=matching,
        current=current,
        pages=pages,
        base={"round": round, "state": state, "kind": kind},
        rounds=round_choices(db),
        states=[s.value for s in ReviewState],
    )


@router.get("/visits/{assignment_id}")
def visit_page(
    request: Request, assignment_id: str, officer: Officer = View, db: Session = Db
) -> HTMLResponse:
    central = central_of(request)
    findings = visit_findings(db, central.editions, assignment_id)
    return page(
        request,
        "visit.html",
        officer=officer,
        db=db,
        v=findings,
        states=[s.value for s in ReviewState],
    )


@router.post("/results/{result_hash}/review")
async def review(
    request: Request, result_hash: str, officer: Officer = Secretary, db: Session = Db
) -> Response:
    record = db.get(ResultRecord, result_hash)
    back = f"/office/visits/{record.assignment_id}" if record else "/office/results"

    def record_review(given: Form) -> str:
        text = given.text("state", required=True)
        if text not in set(ReviewState):
            raise InvalidInput("the review state is refused", [f"{text!r} is not a state"])
        set_review(
            db,
            result_hash,
            ReviewState(text),
            comment=given.text("comment", multiline=True),
            reviewer=officer.username,
        )
        return say("review_recorded", language_of(request))

    db.commit()
    return await perform(request, db, officer, back=back, action=record_review)


@router.get("/photos/{sha256}")
def photo(request: Request, sha256: str, officer: Officer = View, db: Session = Db) -> Response:
    """A photo of a result, full size (a normalised JPEG, as the device stores it)."""
    found = require(db, PhotoRecord, check_sha256(sha256), "photo")
    central = central_of(request)
    if not central.blobs.has(found.sha256):
        raise NotFound("photo", sha256)
    return StreamingResponse(
        central.blobs.read(found.sha256),
        media_type="image/jpeg",
        headers={"Cache-Control": "private, max-age=86400", "X-Content-Type-Options": "nosniff"},
    )
