"""Committees with their members and roles, the planned visits with what clashes, and the
inspectors' device keys: enrolment with the fingerprint read back (or from a photo of the
enrolment QR code), and revocation."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from sqlmodel import Session

from sync.protocol.signatures import ENROLMENT_PREFIX
from sync.server.console.auth import Allowed, Officer, central_of, database, language_of
from sync.server.console.forms import Form, perform, read_form
from sync.server.console.paths import QR_PHOTOS
from sync.server.console.permissions import Permission
from sync.server.console.render import page
from sync.server.console.routes_round import today_of
from sync.server.console.words import say
from sync.server.errors import InvalidInput, Unprocessable
from sync.server.models import RoundRecord
from sync.server.store.admin import (
    ROLES,
    Member,
    add_member,
    assign,
    create_committee,
    remove_member,
    unassign,
)
from sync.server.store.keys import enrol_key, revoke_key
from sync.server.store.rows import require
from sync.server.store.visits import enrolled_keys, round_committees, round_visits
from sync.server.web.pictures import qr_texts_in

router = APIRouter(prefix="/office", include_in_schema=False)
View = Depends(Allowed(Permission.VIEW))
Clerk = Depends(Allowed(Permission.COMMITTEES))
Db = Depends(database)


@router.get("/rounds/{round_id}/committees")
def committees_page(
    request: Request, round_id: str, officer: Officer = View, db: Session = Db
) -> HTMLResponse:
    central = central_of(request)
    return page(
        request,
        "committees.html",
        officer=officer,
        db=db,
        round=require(db, RoundRecord, round_id, "round"),
        committees=round_committees(db, round_id),
        visits=round_visits(db, central.editions, round_id, today=today_of(request)),
        roles=ROLES,
    )


@router.post("/rounds/{round_id}/committees")
async def add_committee(
    request: Request, round_id: str, officer: Officer = Clerk, db: Session = Db
) -> Response:
    def add(form: Form) -> str:
        chair = _member(form.text("chair", required=True), "chair")
        others = [
            _member(line, "member")
            for line in form.text("members", multiline=True).splitlines()
            if line.strip()
        ]
        committee_id = form.text("committee_id", required=True)
        create_committee(
            db,
            committee_id=committee_id,
            round_id=round_id,
            name_th=form.text("name_th", required=True),
            members=[chair, *others],
            actor=officer.username,
        )
        return say("committee_created", language_of(request), committee=committee_id)

    return await perform(request, db, officer, back=_committees(round_id), action=add)


@router.post("/committees/{committee_id}/members")
async def add_committee_member(
    request: Request, committee_id: str, officer: Officer = Clerk, db: Session = Db
) -> Response:
    form = await read_form(request)
    back = _committees(form.text("round_id"))

    def add(given: Form) -> str:
        member = Member(
            given.text("inspector_id", required=True),
            given.text("name", required=True),
            given.text("role") or "member",
        )
        add_member(db, committee_id, member, actor=officer.username)
        return say("member_added", language_of(request))

    return await perform(request, db, officer, back=back, action=add)


@router.post("/committees/{committee_id}/members/{inspector_id}/removal")
async def remove_committee_member(
    request: Request,
    committee_id: str,
    inspector_id: str,
    officer: Officer = Clerk,
    db: Session = Db,
) -> Response:
    form = await read_form(request)

    def remove(_form: Form) -> str:
        remove_member(db, committee_id, inspector_id, actor=officer.username)
        return say("member_removed", language_of(request))

    return await perform(
        request, db, officer, back=_committees(form.text("round_id")), action=remove
    )


@router.post("/rounds/{round_id}/visits")
async def plan_visit(
    request: Request, round_id: str, officer: Officer = Clerk, db: Session = Db
) -> Response:
    central = central_of(request)

    def plan(form: Form) -> str:
        assign(
            db,
            central.editions,
            round_id=round_id,
            lao_id=form.text("lao_id", required=True),
            committee_id=form.text("committee_id", required=True),
            visit_date=form.date("visit_date"),
            actor=officer.username,
            today=today_of(request),
        )
        return say("visit_assigned", language_of(request))

    return await perform(request, db, officer, back=_committees(round_id), action=plan)


@router.post("/rounds/{round_id}/visits/{lao_id}/withdrawal")
async def withdraw_visit(
    request: Request, round_id: str, lao_id: str, officer: Officer = Clerk, db: Session = Db
) -> Response:
    def withdraw(_form: Form) -> str:
        unassign(db, round_id=round_id, lao_id=lao_id, actor=officer.username)
        return say("visit_withdrawn", language_of(request))

    return await perform(request, db, officer, back=_committees(round_id), action=withdraw)


@router.get("/keys")
def keys_page(request: Request, officer: Officer = View, db: Session = Db) -> HTMLResponse:
    return page(
        request, "keys.html", officer=officer, db=db, keys=enrolled_keys(db), photo_path=QR_PHOTOS
    )


@router.post("/keys")
async def enrol(request: Request, officer: Officer = Clerk, db: Session = Db) -> Response:
    def add(form: Form) -> str:
        return _enrol(db, officer, form, form.text("enrolment_text", required=True), request)

    return await perform(request, db, officer, back="/office/keys", action=add)


@router.post(QR_PHOTOS.removeprefix("/office"))
async def enrol_from_photo(
    request: Request, officer: Officer = Clerk, db: Session = Db
) -> Response:
    """Enrolment from a photo of the inspector's QR code (the fingerprint still read out)."""
    form = await read_form(request)
    upload = form.file("photo")
    picture = await upload.read() if upload is not None else b""

    def add(given: Form) -> str:
        texts = qr_texts_in(picture) if picture else []
        found = next((t for t in texts if t.startswith(ENROLMENT_PREFIX)), None)
        if found is None:
            english, thai = say("no_qr_found", "en"), say("no_qr_found", "th")
            raise Unprocessable(english, code="NO_QR_CODE", thai=thai)
        return _enrol(db, officer, given, found, request)

    return await perform(request, db, officer, back="/office/keys", action=add)


@router.post("/keys/{key_id}/revocation")
async def revoke(
    request: Request, key_id: str, officer: Officer = Clerk, db: Session = Db
) -> Response:
    def remove(form: Form) -> str:
        revoke_key(db, key_id, actor=officer.username, reason=form.text("reason", multiline=True))
        return say("key_revoked", language_of(request))

    return await perform(request, db, officer, back="/office/keys", action=remove)


def _enrol(db: Session, officer: Officer, form: Form, text: str, request: Request) -> str:
    record = enrol_key(
        db,
        inspector_id=form.text("inspector_id", required=True),
        enrolment_text=text,
        fingerprint_read_out=form.text("fingerprint", required=True),
        actor=officer.username,
        name=form.text("name") or None,
    )
    return say(
        "key_enrolled",
        language_of(request),
        inspector=record.inspector_id,
        fingerprint=record.fingerprint,
    )


def _member(text: str, role: str) -> Member:
    parts = [p.strip() for p in text.split(":")]
    if len(parts) < 2 or not parts[0] or not parts[1]:
        raise InvalidInput("a member is id:name", [f"{text!r} is not id:name[:role]"])
    return Member(parts[0], parts[1], parts[2] if len(parts) > 2 and parts[2] else role)


def _committees(round_id: str) -> str:
    return f"/office/rounds/{round_id}/committees" if round_id else "/office/rounds"
