"""The LAO's page in a round: the seven steps with their facts and dates (editable by a
clerk), the screening, the documents it sent (uploaded, kept, downloadable), its
self-assessment per criterion (typed in or a CSV file), its registered location, the office's
overrides, its visit and results, and its history across rounds."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
from sqlalchemy.orm import defer
from sqlmodel import Session, col, select

from sync.server.console.auth import Allowed, Officer, central_of, database, language_of
from sync.server.console.forms import Form, perform, read_form, refusal_flash
from sync.server.console.lao_view import step_views
from sync.server.console.paths import UPLOADS
from sync.server.console.permissions import Permission
from sync.server.console.render import page
from sync.server.console.routes_round import today_of
from sync.server.console.words import say
from sync.server.console_tables import ApplicationDocument
from sync.server.errors import CentralError, InvalidInput, NotFound
from sync.server.models import (
    ApplicationRecord,
    CertificateRecord,
    LaoRecord,
    ResultRecord,
    RoundRecord,
)
from sync.server.store.accounts import set_flash
from sync.server.store.admin import active_assignment
from sync.server.store.documents import documents_of, keep_document
from sync.server.store.eligibility import overrides_of, record_override
from sync.server.store.laos import set_location
from sync.server.store.overview import lao_rounds
from sync.server.store.pipeline import pipeline_of, record_pipeline, record_screening
from sync.server.store.rows import require
from sync.server.store.self_assessment import parse_self_claims_csv, record_self_claims

router = APIRouter(prefix="/office", include_in_schema=False)
View = Depends(Allowed(Permission.VIEW))
Clerk = Depends(Allowed(Permission.EDIT_ROUND))
Approver = Depends(Allowed(Permission.OVERRIDE))
Db = Depends(database)
DATES = ("self_assessed_on", "form_filled_on", "governor_endorsed_on", "posted_on", "emailed_on")
MEDIA = {"pdf": "application/pdf", "word": "application/msword"}


@router.get("/rounds/{round_id}/laos/{lao_id}")
def lao_page(
    request: Request, round_id: str, lao_id: str, officer: Officer = View, db: Session = Db
) -> HTMLResponse:
    central = central_of(request)
    round_ = require(db, RoundRecord, round_id, "round")
    lao = require(db, LaoRecord, lao_id, "LAO")
    today = today_of(request)
    status = pipeline_of(db, central.editions, round_id=round_id, lao_id=lao_id, today=today)
    record = db.get(ApplicationRecord, (round_id, lao_id))
    edition = central.editions.get(db, round_.edition_hash)
    history = [
        (r, pipeline_of(db, central.editions, round_id=r.id, lao_id=lao_id, today=today))
        for r, _a in lao_rounds(db, lao_id)
    ]
    return page(
        request,
        "lao.html",
        officer=officer,
        db=db,
        round=round_,
        lao=lao,
        pipeline=status,
        record=record,
        steps=step_views(status, round_, record),
        edition=edition,
        claims=(record.self_claims or {}) if record else {},
        overrides=overrides_of(db, round_id, lao_id),
        documents=documents_of(db, round_id, lao_id),
        visit=active_assignment(db, round_id, lao_id),
        results=_results(db, round_id, lao_id),
        history=history,
        certificates=_certificates(db, lao_id),
        upload_path=UPLOADS,
    )


@router.post("/rounds/{round_id}/laos/{lao_id}/pipeline")
async def record_facts(
    request: Request, round_id: str, lao_id: str, officer: Officer = Clerk, db: Session = Db
) -> Response:
    central = central_of(request)

    def record(form: Form) -> str:
        facts: dict[str, Any] = {name: form.optional_date(name) for name in DATES}
        facts = {name: value for name, value in facts.items() if value is not None}
        facts |= {"word": form.flag("word"), "pdf": form.flag("pdf")}
        points = form.optional_int("self_assessment_points")
        if points is not None:
            facts["self_assessment_points"] = points
        facts["scope"] = form.text("scope") or "office"
        facts["information_only"] = form.flag("information_only")
        record_pipeline(
            db,
            central.editions,
            round_id=round_id,
            lao_id=lao_id,
            facts=facts,
            actor=officer.username,
            today=today_of(request),
        )
        return say("facts_recorded", language_of(request))

    return await perform(request, db, officer, back=_back(round_id, lao_id), action=record)


@router.post("/rounds/{round_id}/laos/{lao_id}/screening")
async def screen(
    request: Request, round_id: str, lao_id: str, officer: Officer = Clerk, db: Session = Db
) -> Response:
    central = central_of(request)

    def record(form: Form) -> str:
        passed = form.choice("passed")
        if passed is None:
            raise InvalidInput("choose passed or failed", ["passed: choose one"])
        record_screening(
            db,
            central.editions,
            round_id=round_id,
            lao_id=lao_id,
            passed=passed,
            reason=form.text("reason", multiline=True),
            on=form.optional_date("on") or today_of(request),
            actor=officer.username,
            today=today_of(request),
        )
        return say("screening_recorded", language_of(request))

    return await perform(request, db, officer, back=_back(round_id, lao_id), action=record)


@router.post("/rounds/{round_id}/laos/{lao_id}/self-assessment")
async def self_assessment(
    request: Request, round_id: str, lao_id: str, officer: Officer = Clerk, db: Session = Db
) -> Response:
    """The LAO's claim per criterion, typed in (``claim-<criterion>``) or from a CSV file."""
    central = central_of(request)
    form = await read_form(request)
    upload = form.file("file")
    data = await upload.read() if upload is not None else None

    def record(typed: Form) -> str:
        claims = _claims_from_file(data, lao_id) if data is not None else _typed_claims(typed)
        record_self_claims(
            db,
            central.editions,
            round_id=round_id,
            lao_id=lao_id,
            claims=claims,
            actor=officer.username,
            today=today_of(request),
        )
        return say("claims_recorded", language_of(request), count=len(claims))

    return await perform(request, db, officer, back=_back(round_id, lao_id), action=record)


@router.post("/laos/{lao_id}/location")
async def location(
    request: Request, lao_id: str, officer: Officer = Clerk, db: Session = Db
) -> Response:
    form = await read_form(request)
    round_id = form.text("round_id")
    back = _back(round_id, lao_id) if round_id else "/office/rounds"

    def record(given: Form) -> str:
        set_location(
            db,
            lao_id,
            latitude=given.text("latitude"),
            longitude=given.text("longitude"),
            actor=officer.username,
        )
        return say("location_recorded", language_of(request))

    return await perform(request, db, officer, back=back, action=record)


@router.post("/rounds/{round_id}/laos/{lao_id}/override")
async def override(
    request: Request, round_id: str, lao_id: str, officer: Officer = Approver, db: Session = Db
) -> Response:
    def record(form: Form) -> str:
        record_override(
            db,
            round_id=round_id,
            lao_id=lao_id,
            codes=form.all("codes"),
            reason=form.text("reason", multiline=True),
            officer=officer.name,
            actor=officer.username,
        )
        return say("override_recorded", language_of(request))

    return await perform(request, db, officer, back=_back(round_id, lao_id), action=record)


@router.post(UPLOADS.removeprefix("/office"))
async def upload_document(request: Request, officer: Officer = Clerk, db: Session = Db) -> Response:
    """An application document (Word, PDF) of an LAO in a round, kept as a blob."""
    central = central_of(request)
    form = await read_form(request)
    round_id, lao_id = form.text("round_id"), form.text("lao_id")
    back = _back(round_id, lao_id) if round_id and lao_id else "/office/rounds"
    upload = form.file("file")
    try:
        if upload is None:
            raise InvalidInput("choose a file", ["file: none chosen"])
        kept = await keep_document(
            central,
            round_id=round_id,
            lao_id=lao_id,
            filename=upload.filename or "",
            content_type=upload.content_type or "",
            data=await upload.read(),
            actor=officer.username,
        )
        said = say("document_kept", language_of(request), name=kept.filename)
        flash = {"kind": "ok", "text": said}
    except CentralError as error:
        flash = refusal_flash(error, language_of(request))
    set_flash(db, officer.session, flash)
    return _see(back)


@router.get("/documents/{document_id}")
def download_document(
    request: Request, document_id: str, officer: Officer = View, db: Session = Db
) -> Response:
    document = db.get(ApplicationDocument, document_id)
    if document is None:
        raise NotFound("document", document_id)
    central = central_of(request)
    disposition = f"attachment; filename*=UTF-8''{quote(document.filename)}"
    return StreamingResponse(
        central.blobs.read(document.sha256),
        media_type=MEDIA.get(document.kind, "application/octet-stream"),
        headers={"Content-Disposition": disposition, "X-Content-Type-Options": "nosniff"},
    )


def _typed_claims(form: Form) -> dict[str, str]:
    return {
        key.removeprefix("claim-"): value
        for key, value in form.data.items()
        if key.startswith("claim-") and isinstance(value, str) and value
    }


def _claims_from_file(data: bytes, lao_id: str) -> dict[str, str]:
    by_lao = parse_self_claims_csv(data)
    others = sorted(lao for lao in by_lao if lao != lao_id)
    if others:
        problems = [f"{lao}: not this LAO" for lao in others]
        raise InvalidInput("the file is about other LAOs", problems)
    return by_lao.get(lao_id, {})


def _results(db: Session, round_id: str, lao_id: str) -> list[ResultRecord]:
    return list(
        db.exec(
            select(ResultRecord)
            .where(ResultRecord.round_id == round_id)
            .where(ResultRecord.lao_id == lao_id)
            .options(defer(ResultRecord.payload))  # type: ignore[arg-type]
            .order_by(col(ResultRecord.received_at))
        ).all()
    )


def _certificates(db: Session, lao_id: str) -> list[CertificateRecord]:
    return list(
        db.exec(
            select(CertificateRecord)
            .where(CertificateRecord.lao_id == lao_id)
            .options(defer(CertificateRecord.payload))  # type: ignore[arg-type]
            .order_by(col(CertificateRecord.issued_at).desc())
        ).all()
    )


def _back(round_id: str, lao_id: str) -> str:
    return f"/office/rounds/{quote(round_id)}/laos/{quote(lao_id)}"


def _see(where: str) -> Response:
    return RedirectResponse(where, 303)
