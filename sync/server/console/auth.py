"""Who is asking: the session cookie, the officer's role checked on every route, the CSRF token
checked on every form.

Cookies are ``HttpOnly``, ``Secure`` and ``SameSite=Strict``, with the ``__Host-`` prefix (so no
subdomain can set them). Browsers keep ``Secure`` cookies of ``http://localhost`` and
``http://127.0.0.1`` too, which is how the local tests run without any switch that weakens
them. ``Allowed(permission)`` is the dependency of every console route: no session sends a
page request to the login form (anything else is refused, LOGIN_REQUIRED), a role without the
permission is ROLE_REQUIRED (403), and a POST whose ``csrf`` field is not the session's token is
CSRF_FAILED (403). The CSRF token of the login form itself is a random value the login page
sets in a cookie of its own (double submit).
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import quote

import anyio.to_thread
from fastapi import Depends, Request
from sqlmodel import Session
from starlette.datastructures import FormData

from sync.server.central import Central
from sync.server.console.permissions import Permission, may
from sync.server.console_tables import OfficeAccount, OfficeSession
from sync.server.errors import Forbidden
from sync.server.store.accounts import session_of

SESSION_COOKIE = "__Host-gecc-office"
LOGIN_COOKIE = "__Host-gecc-office-login"
LANGUAGE_COOKIE = "__Host-gecc-office-lang"
COOKIE = {"httponly": True, "secure": True, "samesite": "strict", "path": "/"}


@dataclass(frozen=True)
class Officer:
    """The signed-in officer of a request."""

    username: str
    name: str
    role: str
    csrf: str
    session: OfficeSession

    def may(self, permission: Permission | str) -> bool:
        return may(self.role, Permission(permission))


class LoginNeeded(Exception):
    """A page asked for without a session: answered with the login form (``site``)."""

    def __init__(self, after: str) -> None:
        super().__init__(after)
        self.after = after


def central_of(request: Request) -> Central:
    central: Central = request.app.state.central
    return central


def database(request: Request) -> Iterator[Session]:
    """One database session per request, closed after the response."""
    with central_of(request).session() as session:
        yield session


async def posted_form(request: Request) -> AsyncIterator[FormData]:
    """The request's form, read once (routes read the same one) and closed after the answer,
    uploaded files and all."""
    form = await request.form()
    try:
        yield form
    finally:
        await form.close()


def language_of(request: Request) -> str:
    return "en" if request.cookies.get(LANGUAGE_COOKIE) == "en" else "th"


class Allowed:
    """The dependency of a console route that needs ``permission``: the officer, or a refusal
    (see the module docstring)."""

    def __init__(self, permission: Permission) -> None:
        self.permission = permission

    async def __call__(
        self,
        request: Request,
        db: Annotated[Session, Depends(database)],
        form: Annotated[FormData, Depends(posted_form)],
    ) -> Officer:
        officer = await anyio.to_thread.run_sync(officer_of, request, db)
        if officer is None:
            if request.method in ("GET", "HEAD"):
                raise LoginNeeded(_here(request))
            raise Forbidden("sign in first", code="LOGIN_REQUIRED")
        if not officer.may(self.permission):
            raise Forbidden(
                f"the {officer.role} role may not do this", code="ROLE_REQUIRED", role=officer.role
            )
        if request.method == "POST" and not _same(form.get("csrf"), officer.csrf):
            raise Forbidden("the form's security token is missing or old", code="CSRF_FAILED")
        return officer


def officer_of(request: Request, db: Session) -> Officer | None:
    """The officer whose live session the request's cookie names, if any."""
    central = central_of(request)
    record = session_of(db, request.cookies.get(SESSION_COOKIE, ""), central.clock())
    if record is None:
        return None
    account = db.get(OfficeAccount, record.username)
    assert account is not None  # session_of checked it
    db.commit()  # end the reading transaction: a write later in the request begins afresh
    return Officer(account.username, account.name, account.role, record.csrf, record)


def new_login_token() -> str:
    return secrets.token_urlsafe(24)


def login_token_ok(request: Request, sent: object) -> bool:
    return _same(sent, request.cookies.get(LOGIN_COOKIE))


def safe_next(path: object) -> str:
    """Where to go after login: a console path, never another site."""
    text = path if isinstance(path, str) else ""
    if text.startswith("/office") and not text.startswith("//") and "\\" not in text:
        return text
    return "/office"


def _same(sent: object, expected: str | None) -> bool:
    return isinstance(sent, str) and bool(expected) and secrets.compare_digest(sent, expected or "")


def _here(request: Request) -> str:
    query = f"?{request.url.query}" if request.url.query else ""
    return quote(request.url.path + query, safe="/?=&")
