"""Dependencies of the routes: the store, a session, and who is calling.

``CurrentInspector`` verifies the request's signature over the whole body (read before it);
``UploadingInspector`` verifies the signed headers only, for a streamed photo chunk whose
bytes are checked against the signed digest as they arrive. ``AdminActor`` checks the admin
bearer token. The signature is checked and its nonce spent in a short session of its own,
committed before the route runs, so a replay is refused even if the route then fails.

The three signature headers and the admin token are declared as security schemes, so the
OpenAPI document says what each route needs (``document.signed_together`` makes the three
headers one requirement); the checks themselves are ``authenticate``'s and ``admin_actor``'s.
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Iterator
from typing import Annotated

import anyio.to_thread
from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from sqlmodel import Session

from sync.server.central import Central
from sync.server.errors import NotAuthenticated
from sync.server.store.keys import Caller, authenticate

SIGNATURE_SCHEMES = (
    APIKeyHeader(
        name="Signature-Input",
        scheme_name="SignatureInput",
        auto_error=False,
        description='gecc=("@method" "@path" "@query" "content-digest");created=<unix s>;'
        'keyid="<key id>";nonce="<nonce>";alg="ed25519" (RFC 9421), made by'
        " sync.protocol.requests.sign_request with Signature and Content-Digest",
    ),
    APIKeyHeader(
        name="Signature",
        scheme_name="Signature",
        auto_error=False,
        description="gecc=:<base64 Ed25519 signature of the signature base>:",
    ),
    APIKeyHeader(
        name="Content-Digest",
        scheme_name="ContentDigest",
        auto_error=False,
        description="sha-256=:<base64 SHA-256 of the body bytes>: (RFC 9530)",
    ),
)
ADMIN_TOKEN = HTTPBearer(
    scheme_name="AdminToken", auto_error=False, description="GECC_CENTRAL_ADMIN_TOKEN"
)
_Input, _Signature, _Digest = (Security(scheme) for scheme in SIGNATURE_SCHEMES)


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
    signature_input: Annotated[str | None, _Input],
    signature: Annotated[str | None, _Signature],
    content_digest: Annotated[str | None, _Digest],
) -> Caller:
    """The inspector whose device signed this request (headers and whole body)."""
    return await _caller(request, central, await request.body())


CurrentInspector = Annotated[Caller, Depends(current_inspector)]


async def uploading_inspector(
    request: Request,
    central: CentralDep,
    signature_input: Annotated[str | None, _Input],
    signature: Annotated[str | None, _Signature],
    content_digest: Annotated[str | None, _Digest],
) -> Caller:
    """The inspector who signed this streamed upload; the route checks the body's digest."""
    return await _caller(request, central, None)


UploadingInspector = Annotated[Caller, Depends(uploading_inspector)]


def admin_actor(
    central: CentralDep,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(ADMIN_TOKEN)],
) -> None:
    """Refuse unless ``Authorization: Bearer <GECC_CENTRAL_ADMIN_TOKEN>``."""
    token = bearer.credentials if bearer is not None else ""
    expected = central.settings.admin_token.encode("utf-8")
    if bearer is None or not hmac.compare_digest(token.encode("utf-8"), expected):
        raise NotAuthenticated(
            "this needs the office's admin token (Authorization: Bearer ...)",
            code="ADMIN_TOKEN_REQUIRED",
        )


AdminActor = Depends(admin_actor)
