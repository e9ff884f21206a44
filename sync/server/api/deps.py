"""Dependencies of the routes: the store, a session, and who is calling.

``CurrentInspector`` verifies the request's signature over the whole body (read before it);
``UploadingInspector`` verifies the signed headers only, for a streamed photo chunk whose
bytes are checked against the signed digest as they arrive. ``AdminActor`` checks the admin
bearer token. The signature is checked and its nonce spent in a short session of its own,
committed before the route runs, so a replay is refused even if the route then fails.
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Iterator
from typing import Annotated

import anyio.to_thread
from fastapi import Depends, Header, Request
from sqlmodel import Session

from sync.server.central import Central
from sync.server.errors import NotAuthenticated
from sync.server.store.keys import Caller, authenticate

SIGNATURE_HEADERS = {
    "Signature-Input": 'gecc=("@method" "@path" "@query" "content-digest");created=...',
    "Signature": "gecc=:<base64 Ed25519 signature>:",
    "Content-Digest": "sha-256=:<base64 SHA-256 of the body>:",
}


def get_central(request: Request) -> Central:
    central: Central = request.app.state.central
    return central


CentralDep = Annotated[Central, Depends(get_central)]


def get_session(central: CentralDep) -> Iterator[Session]:
    with central.session() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def request_target(request: Request) -> str:
    """The path and query exactly as sent (what the client signed)."""
    raw = request.scope.get("raw_path") or request.scope["path"].encode("utf-8")
    path = raw.partition(b"?")[0].decode("latin-1")
    query = request.scope.get("query_string", b"").decode("latin-1")
    return f"{path}?{query}" if query else path


async def _caller(request: Request, central: Central, body: bytes | None) -> Caller:
    def check() -> Caller:
        with central.session() as session:
            return authenticate(
                session,
                method=request.method,
                target=request_target(request),
                headers=request.headers,
                body=body,
                now=int(time.time()),
                max_skew=central.settings.max_clock_skew,
            )

    return await anyio.to_thread.run_sync(check)


async def current_inspector(
    request: Request,
    central: CentralDep,
    signature_input: Annotated[str | None, Header(alias="Signature-Input")] = None,
    signature: Annotated[str | None, Header(alias="Signature")] = None,
    content_digest: Annotated[str | None, Header(alias="Content-Digest")] = None,
) -> Caller:
    """The inspector whose device signed this request (headers and whole body)."""
    return await _caller(request, central, await request.body())


CurrentInspector = Annotated[Caller, Depends(current_inspector)]


async def uploading_inspector(
    request: Request,
    central: CentralDep,
    signature_input: Annotated[str | None, Header(alias="Signature-Input")] = None,
    signature: Annotated[str | None, Header(alias="Signature")] = None,
    content_digest: Annotated[str | None, Header(alias="Content-Digest")] = None,
) -> Caller:
    """The inspector who signed this streamed upload; the route checks the body's digest."""
    return await _caller(request, central, None)


UploadingInspector = Annotated[Caller, Depends(uploading_inspector)]


def admin_actor(central: CentralDep, authorization: Annotated[str | None, Header()] = None) -> None:
    """Refuse unless ``Authorization: Bearer <GECC_CENTRAL_ADMIN_TOKEN>``."""
    scheme, _, token = (authorization or "").partition(" ")
    expected = central.settings.admin_token.encode("utf-8")
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.encode("utf-8"), expected):
        raise NotAuthenticated(
            "this needs the office's admin token (Authorization: Bearer ...)",
            code="ADMIN_TOKEN_REQUIRED",
        )


AdminActor = Depends(admin_actor)
