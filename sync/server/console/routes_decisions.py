"""The office's decisions and its certificates: record the decision (the meeting or order, its
date, who decided); prepare a certificate and have a second officer confirm it (four eyes);
revoke one with a reason; the certificates expiring within six months; each certificate with
what it states, the one it renews, its QR code and its printable PDF."""

from __future__ import annotations

import math

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from sqlmodel import Session

from sync.issuing.qr import certificate_qr_svg
from sync.server.console.auth import Allowed, Officer, central_of, database, language_of
from sync.server.console.forms import Form, perform
from sync.server.console.permissions import Permission
from sync.server.console.render import page
from sync.server.console.routes_round import today_of
from sync.server.console.words import say
from sync.server.errors import InvalidInput
from sync.server.models import RoundRecord
from sync.server.store.accounts import accounts
from sync.server.store.certificate_list import (
    PER_PAGE,
    certificate_detail,
    every_certificate,
    expiring,
)
from sync.server.store.decisions import NewDecision, record_decision
from sync.server.store.four_eyes import (
    cancel_request,
    confirm_certificate,
    prepare_certificate,
    waiting_requests,
)
from sync.server.store.listing import decisions
from sync.server.store.revocations import revoke
from sync.server.store.rows import require

router = APIRouter(prefix="/office", include_in_schema=False)
View = Depends(Allowed(Permission.VIEW))
Approver = Depends(Allowed(Permission.DECIDE))
Preparer = Depends(Allowed(Permission.PREPARE))
Confirmer = Depends(Allowed(Permission.CONFIRM))
Revoker = Depends(Allowed(Permission.REVOKE))
Db = Depends(database)


@router.get("/rounds/{round_id}/decisions")
def decisions_page(
    request: Request, round_id: str, officer: Officer = View, db: Session = Db
) -> HTMLResponse:
    central = central_of(request)
    return page(
        request,
        "decisions.html",
        officer=officer,
        db=db,
        round=require(db, RoundRecord, round_id, "round"),
        rows=decisions(db, central.editions, round_id=round_id),
        waiting=waiting_requests(db, round_id),
        officer_names={account.username: account.name for account in accounts(db)},
        today=today_of(request),
    )


@router.post("/rounds/{round_id}/decisions/{lao_id}")
async def decide(
    request: Request, round_id: str, lao_id: str, officer: Officer = Approver, db: Session = Db
) -> Response:
    central = central_of(request)

    def record(form: Form) -> str:
        certify = form.choice("certify")
        if certify is None:
            raise InvalidInput("choose to certify or not", ["certify: choose one"])
        new = NewDecision(
            round_id=round_id,
            lao_id=lao_id,
            certify=certify,
            basis=form.text("basis", required=True),
            decided_on=form.date("decided_on"),
            decided_by=form.text("decided_by") or officer.name,
        )
        record_decision(db, central.editions, new, actor=officer.username, today=today_of(request))
        return say("decision_recorded", language_of(request))

    return await perform(request, db, officer, back=_decisions(round_id), action=record)


@router.post("/rounds/{round_id}/certificates/{lao_id}/preparation")
async def prepare(
    request: Request, round_id: str, lao_id: str, officer: Officer = Preparer, db: Session = Db
) -> Response:
    central = central_of(request)

    def act(_form: Form) -> str:
        prepare_certificate(
            db, central.editions, round_id=round_id, lao_id=lao_id, actor=officer.username
        )
        return say("certificate_prepared", language_of(request))

    return await perform(request, db, officer, back=_decisions(round_id), action=act)


@router.post("/rounds/{round_id}/certificates/{lao_id}/confirmation")
async def confirm(
    request: Request, round_id: str, lao_id: str, officer: Officer = Confirmer, db: Session = Db
) -> Response:
    central = central_of(request)

    def act(form: Form) -> str:
        issued = confirm_certificate(
            db,
            central.issuer,
            central.editions,
            round_id=round_id,
            lao_id=lao_id,
            actor=officer.username,
            now=central.clock(),
            reissue=form.flag("reissue"),
        )
        return say("certificate_issued", language_of(request), reference=issued.record.reference)

    return await perform(request, db, officer, back=_decisions(round_id), action=act)


@router.post("/rounds/{round_id}/certificates/{lao_id}/cancellation")
async def cancel(
    request: Request, round_id: str, lao_id: str, officer: Officer = Preparer, db: Session = Db
) -> Response:
    def act(_form: Form) -> str:
        cancel_request(db, round_id=round_id, lao_id=lao_id, actor=officer.username)
        return say("request_cancelled", language_of(request))

    return await perform(request, db, officer, back=_decisions(round_id), action=act)


@router.post("/certificates/{reference}/revocation")
async def revoke_certificate(
    request: Request, reference: str, officer: Officer = Revoker, db: Session = Db
) -> Response:
    central = central_of(request)

    def act(form: Form) -> str:
        revoke(
            db,
            central.issuer,
            reference,
            reason=form.text("reason", required=True),
            actor=officer.username,
            now=central.clock(),
        )
        return say("certificate_revoked", language_of(request), reference=reference)

    return await perform(request, db, officer, back=f"/office/certificates/{reference}", action=act)


@router.get("/certificates")
def certificates_page(
    request: Request, page_number: int = 1, officer: Officer = View, db: Session = Db
) -> HTMLResponse:
    rows, total = every_certificate(db, page=page_number)
    return page(
        request,
        "certificates.html",
        officer=officer,
        db=db,
        expiring=expiring(db, today_of(request)),
        rows=rows,
        total=total,
        current=max(1, page_number),
        pages=max(1, math.ceil(total / PER_PAGE)),
    )


@router.get("/certificates/{reference}")
def certificate_page(
    request: Request, reference: str, officer: Officer = View, db: Session = Db
) -> HTMLResponse:
    detail = certificate_detail(db, reference)
    return page(
        request, "certificate.html", officer=officer, db=db, d=detail, today=today_of(request)
    )


@router.get("/certificates/{reference}/qr.svg")
def certificate_qr(reference: str, officer: Officer = View, db: Session = Db) -> Response:
    detail = certificate_detail(db, reference)
    return Response(
        certificate_qr_svg(detail.row.record.qr_text),
        media_type="image/svg+xml",
        headers=_attachment(f"{detail.row.record.reference}-qr.svg"),
    )


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}


def _decisions(round_id: str) -> str:
    return f"/office/rounds/{round_id}/decisions"
