"""The FastAPI app, built by ``create_app(settings)``: no engine or settings at import time.

``gecc-central serve`` builds the settings from the environment and serves
``create_app(settings)`` with uvicorn; several workers or machines can run
``uvicorn sync.server.app:app_from_env --factory``. The HTTP API is documented in
``sync/server/README-api.md`` and served as OpenAPI at ``/docs`` and ``/openapi.json``; the
public verification page is ``/verify`` (``sync.server.web``); the office console is
``/office`` (``sync.server.console``).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from sync.server.api import (
    routes_certificates,
    routes_health,
    routes_photos,
    routes_pull,
    routes_results,
)
from sync.server.api.document import install_document
from sync.server.api.handlers import install_error_handlers
from sync.server.api.limits import BodyLimit
from sync.server.api.observe import Observe
from sync.server.api.text_guard import TextGuard
from sync.server.blobs import BlobStore
from sync.server.central import Central, open_central
from sync.server.console.site import PREFIX as CONSOLE
from sync.server.console.site import body_limits, install_console, refusal_page
from sync.server.monitoring.metrics import Metrics
from sync.server.settings import Settings
from sync.server.web import routes as verify_page

API_DESCRIPTION = """The central store of GECC Field Audit.

Every `/v1` request except `/v1/admin/*`, `/v1/trust` and `/v1/revocations` is signed with
the inspector's enrolled device key (HTTP Message Signatures, RFC 9421, with Content-Digest,
RFC 9530): headers `Signature-Input`, `Signature` and `Content-Digest`, made by
`sync.protocol.requests.sign_request`. `/v1/admin/*` takes `Authorization: Bearer <admin
token>`. The trust list and the revocation lists are public (the lists carry their own
signatures). Every refusal is `{"code", "message", "details"}` with a stable code (see
`sync/server/errors.py`). Anyone checks a certificate at `/verify` (an HTML page).
"""


def create_app(settings: Settings, *, blobs: BlobStore | None = None) -> FastAPI:
    """The app over the database and blob store that ``settings`` name (refuses unsafe ones)."""
    return build_app(open_central(settings, blobs=blobs))


def build_app(central: Central) -> FastAPI:
    """The app over an opened store; the engine is disposed when the app shuts down."""

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        central.close()

    app = FastAPI(
        title="GECC central store", version="1", description=API_DESCRIPTION, lifespan=lifespan
    )
    app.state.central = central
    pages = {verify_page.PATH: verify_page.refusal_page, CONSOLE: refusal_page}
    install_error_handlers(app, pages=pages)
    for router in (
        routes_pull.router,
        routes_photos.router,
        routes_results.router,
        routes_results.admin_router,
        routes_certificates.router,
        routes_certificates.admin_router,
        verify_page.router,
        routes_health.router,
    ):
        app.include_router(router)
    install_console(app)  # the office console at /office (sync.server.console)
    install_document(app)
    settings = central.settings
    app.add_middleware(TextGuard)  # inside the body limit: it reads bodies the limit let in
    app.add_middleware(
        BodyLimit,
        limit=settings.max_request_bytes,
        photo_limit=settings.max_photo_bytes,
        paths={
            verify_page.PATH: verify_page.body_limit(settings.max_verify_upload_bytes),
            **body_limits(settings),
        },
    )
    app.state.metrics = Metrics()
    app.add_middleware(Observe, metrics=app.state.metrics)  # outermost: sees every refusal
    return app


def app_from_env() -> FastAPI:
    """For ``uvicorn --factory``: the app with settings from ``GECC_CENTRAL_*``."""
    return create_app(Settings.from_env(os.environ))
