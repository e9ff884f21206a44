"""The rounds, and a round at a glance: every LAO with its step and what holds it there, counted
per step, filtered and searched; the deadline and days left; documents received; screening."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from sqlmodel import Session

from field_audit.domain.edition import Edition, bundled_edition_ids, load_bundled_edition
from field_audit.domain.errors import EditionError
from field_audit.domain.pipeline_terms import Step
from field_audit.domain.thai_calendar import THAILAND
from sync.server.console.auth import Allowed, Officer, central_of, database, language_of
from sync.server.console.forms import Form, perform
from sync.server.console.permissions import Permission
from sync.server.console.render import page
from sync.server.console.words import say
from sync.server.errors import InvalidInput
from sync.server.store.admin import NewRound, create_round
from sync.server.store.csv_files import csv_rows, csv_text
from sync.server.store.laos import import_laos
from sync.server.store.overview import (
    Filters,
    open_applications,
    round_overview,
    rounds_with_counts,
)

router = APIRouter(prefix="/office", include_in_schema=False)
View = Depends(Allowed(Permission.VIEW))
Clerk = Depends(Allowed(Permission.EDIT_ROUND))
Db = Depends(database)
STEPS = [(int(s), s.title.th, s.title.en) for s in Step]


def today_of(request: Request) -> date:
    """Today on Thailand's clock, by the store's clock."""
    return central_of(request).clock().astimezone(THAILAND).date()


@router.get("/rounds")
def rounds_page(request: Request, officer: Officer = View, db: Session = Db) -> HTMLResponse:
    return page(
        request,
        "rounds.html",
        officer=officer,
        db=db,
        rounds=rounds_with_counts(db),
        editions=bundled_edition_ids(),
        today=today_of(request),
    )


@router.post("/rounds")
async def add_round(request: Request, officer: Officer = Clerk, db: Session = Db) -> Response:
    def add(form: Form) -> str:
        new = NewRound(
            id=form.text("round_id", required=True),
            fiscal_year_be=form.optional_int("fiscal_year_be") or 0,
            deadline=form.date("deadline"),
            title_th=form.text("title_th"),
            briefing_on=form.optional_date("briefing_on"),
            visits_from=form.optional_date("visits_from"),
            visits_until=form.optional_date("visits_until"),
            accepted_kinds=tuple(form.all("kinds")) or None,
        )
        if not 2500 <= new.fiscal_year_be <= 2700:
            raise InvalidInput("the fiscal year is refused", ["a fiscal year is B.E., e.g. 2570"])
        create_round(db, new, _edition(form.text("edition")), actor=officer.username)
        return say("round_created", language_of(request), round=new.id)

    return await perform(request, db, officer, back="/office/rounds", action=add)


@router.get("/rounds/{round_id}")
def round_page(
    request: Request,
    round_id: str,
    *,
    step: str = "",
    province: str = "",
    kind: str = "",
    q: str = "",
    page_number: int = 1,
    officer: Officer = View,
    db: Session = Db,
) -> HTMLResponse:
    central = central_of(request)
    filters = Filters(step=step, province=province, kind=kind, text=q[:100], page=page_number)
    overview = round_overview(
        db, central.editions, round_id, today=today_of(request), filters=filters
    )
    base = {"step": step, "province": province, "kind": kind, "q": q}
    return page(request, "round.html", officer=officer, db=db, o=overview, steps=STEPS, base=base)


@router.post("/rounds/{round_id}/laos")
async def import_into_round(
    request: Request, round_id: str, officer: Officer = Clerk, db: Session = Db
) -> Response:
    """Import LAOs from a CSV file (``lao import``'s columns) and add each to the round."""
    upload = await _upload(request)

    def add(_form: Form) -> str:
        data, name = upload
        report = import_laos(db, data, actor=officer.username, source=name)
        header, rows = csv_rows(csv_text(data))
        column = [h.strip().lower() for h in header].index("lao_id")
        laos = [cells[column].strip() for _line, cells in rows]
        added = open_applications(db, round_id=round_id, lao_ids=laos, actor=officer.username)
        return say(
            "laos_imported",
            language_of(request),
            new=report.added,
            known=report.updated,
            added=added,
        )

    return await perform(request, db, officer, back=f"/office/rounds/{round_id}", action=add)


async def _upload(request: Request) -> tuple[bytes, str]:
    form = Form(await request.form())
    upload = form.file("file")
    if upload is None:
        return b"", "(no file)"
    return await upload.read(), upload.filename or "upload.csv"


def _edition(edition_id: str) -> Edition:
    try:
        return load_bundled_edition(edition_id or "gecc-2560")
    except (EditionError, KeyError, FileNotFoundError, ValueError):
        raise InvalidInput("the edition is refused", [f"{edition_id!r} is not shipped"]) from None
