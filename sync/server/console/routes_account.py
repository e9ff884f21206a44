"""Signing in and out, the language switch, one's own password, and the admin's accounts page."""

from __future__ import annotations

import anyio.to_thread
from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session
from starlette.datastructures import FormData

from sync.server.console.auth import (
    COOKIE,
    LANGUAGE_COOKIE,
    LOGIN_COOKIE,
    SESSION_COOKIE,
    Allowed,
    Officer,
    central_of,
    database,
    language_of,
    login_token_ok,
    new_login_token,
    posted_form,
    safe_next,
)
from sync.server.console.forms import Form, perform, refusal_flash
from sync.server.console.permissions import Permission
from sync.server.console.render import page
from sync.server.console.words import say
from sync.server.errors import CentralError, Forbidden
from sync.server.store.accounts import (
    LONGEST,
    NewAccount,
    OfficeRole,
    accounts,
    change_account,
    create_account,
    log_in,
    log_out,
    set_password,
)

router = APIRouter(prefix="/office", include_in_schema=False)
View = Depends(Allowed(Permission.VIEW))
SignedIn = Depends(Allowed(Permission.SIGNED_IN))
Admin = Depends(Allowed(Permission.ACCOUNTS))
Db = Depends(database)
Posted = Depends(posted_form)


@router.get("")
def home() -> RedirectResponse:
    return RedirectResponse("/office/rounds", 303)


@router.get("/login")
def login_form(request: Request, next: str = "/office") -> HTMLResponse:
    return _login_page(request, safe_next(next), None, 200)


@router.post("/login")
async def login(request: Request, db: Session = Db, data: FormData = Posted) -> Response:
    form = Form(data)
    after = safe_next(form.text("next"))
    if not login_token_ok(request, form.data.get("csrf")):
        raise Forbidden("the form's security token is missing or old", code="CSRF_FAILED")
    address = request.client.host if request.client else "unknown"
    central = central_of(request)
    try:
        opened = await anyio.to_thread.run_sync(
            lambda: log_in(
                db,
                username=form.text("username"),
                password=str(form.data.get("password") or ""),
                address=address,
                now=central.clock(),
            )
        )
    except CentralError as error:
        refused = _login_page(
            request, after, refusal_flash(error, language_of(request)), error.status
        )
        refused.headers.update(error.headers)  # Retry-After when throttled
        return refused
    response = RedirectResponse(after, 303)
    max_age = int(LONGEST.total_seconds())
    response.set_cookie(SESSION_COOKIE, opened.token, max_age=max_age, **COOKIE)  # type: ignore[arg-type]
    response.delete_cookie(LOGIN_COOKIE, **COOKIE)  # type: ignore[arg-type]
    return response


@router.post("/logout")
def logout(request: Request, officer: Officer = SignedIn, db: Session = Db) -> Response:
    log_out(db, request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse("/office/login", 303)
    response.delete_cookie(SESSION_COOKIE, **COOKIE)  # type: ignore[arg-type]
    return response


@router.get("/language")
def language(to: str = "th", back: str = "/office") -> Response:
    """Switch between Thai and English (a cookie), then back to the page."""
    response = RedirectResponse(safe_next(back), 303)
    response.set_cookie(LANGUAGE_COOKIE, "en" if to == "en" else "th", **COOKIE)  # type: ignore[arg-type]
    return response


@router.get("/account")
def own_account(request: Request, officer: Officer = SignedIn, db: Session = Db) -> HTMLResponse:
    return page(request, "account.html", officer=officer, db=db)


@router.post("/account/password")
async def own_password(request: Request, officer: Officer = SignedIn, db: Session = Db) -> Response:
    central = central_of(request)

    def change(form: Form) -> str:
        set_password(
            db,
            officer.username,
            str(form.data.get("new_password") or ""),
            actor=officer.username,
            now=central.clock(),
            current=str(form.data.get("current_password") or ""),
        )
        return say("password_changed", language_of(request))

    return await perform(request, db, officer, back="/office/login", action=change)


@router.get("/accounts")
def accounts_page(request: Request, officer: Officer = Admin, db: Session = Db) -> HTMLResponse:
    roles = [r.value for r in OfficeRole]
    return page(
        request, "accounts.html", officer=officer, db=db, accounts=accounts(db), roles=roles
    )


@router.post("/accounts")
async def add_account(request: Request, officer: Officer = Admin, db: Session = Db) -> Response:
    central = central_of(request)

    def add(form: Form) -> str:
        new = NewAccount(
            username=form.text("username", required=True).lower(),
            name=form.text("name", required=True),
            role=form.text("role", required=True),
            password=str(form.data.get("password") or ""),
        )
        create_account(db, new, actor=officer.username, now=central.clock())
        return say("account_created", language_of(request), username=new.username)

    return await perform(request, db, officer, back="/office/accounts", action=add)


@router.post("/accounts/{username}")
async def edit_account(
    request: Request, username: str, officer: Officer = Admin, db: Session = Db
) -> Response:
    """Change the role, turn the account off or on, unlock it, or set a new password."""
    central = central_of(request)

    def change(form: Form) -> str:
        password = str(form.data.get("password") or "")
        if password:
            set_password(db, username, password, actor=officer.username, now=central.clock())
        else:
            change_account(
                db,
                username,
                actor=officer.username,
                role=form.text("role") or None,
                active=form.choice("active"),
                unlock=form.flag("unlock"),
            )
        return say("account_changed", language_of(request), username=username)

    return await perform(request, db, officer, back="/office/accounts", action=change)


def _login_page(
    request: Request, after: str, flash: dict[str, str] | None, status: int
) -> HTMLResponse:
    token = new_login_token()
    response = page(
        request, "login.html", officer=None, status=status, after=after, token=token, error=flash
    )
    response.set_cookie(LOGIN_COOKIE, token, max_age=3600, **COOKIE)  # type: ignore[arg-type]
    return response
