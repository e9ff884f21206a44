"""The one place where errors become HTTP: ``{"code", "message", "details"}`` with a status.

``CentralError`` carries its own code and status; FastAPI's validation errors become
INVALID_REQUEST (422), as do the text guard's (``sync.server.api.text_guard``), and
Starlette's HTTP errors NOT_FOUND, METHOD_NOT_ALLOWED or HTTP_<status>. On a web page's path
(``/verify``, and every path of the office console under ``/office/``) the same refusal,
with the same status, is answered with the page that explains it to a person (the
``PageRefusal`` installed for that path) instead of JSON.
``refusal_response`` is also what the body-size and text guards answer with.

A database the store cannot reach (SQLAlchemy's OperationalError: refused, gone, locked too
long; or no pooled connection in time) is DATABASE_UNAVAILABLE (503) with ``Retry-After``, on
every route, and logged for whoever runs the store.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.routing import Match
from starlette.types import Scope

from sync.server.api.observe import note_refusal
from sync.server.errors import CentralError, TryLater

logger = logging.getLogger("sync.server")
DATABASE_RETRY_SECONDS = 30
HTTP_CODES = {400: "BAD_REQUEST", 404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED"}
PageRefusal = Callable[[Scope, str, Mapping[str, Any]], tuple[str, Mapping[str, str]]]
"""(scope, code, details) -> (HTML text, headers) of a page's refusal."""


def error_body(code: str, message: str, details: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"code": code, "message": message, "details": details or {}}


def error_response(error: CentralError) -> JSONResponse:
    body = error_body(error.code, error.message, error.details)
    return JSONResponse(body, error.status, headers=error.headers)


def refusal_response(scope: Scope, error: CentralError) -> Response:
    """``error`` as JSON, or as the page of its path when it has one, with its headers."""
    response = _answer(scope, error.status, error.code, error.message, error.details)
    response.headers.update(error.headers)
    return response


def database_unavailable() -> TryLater:
    return TryLater(
        "the central store cannot reach its database just now: try again shortly",
        code="DATABASE_UNAVAILABLE",
        retry_after=DATABASE_RETRY_SECONDS,
    )


def install_error_handlers(app: FastAPI, *, pages: Mapping[str, PageRefusal] | None = None) -> None:
    """Answer every refusal as the module docstring says; ``pages`` maps paths to pages."""
    app.state.refusal_pages = dict(pages or {})
    app.add_exception_handler(CentralError, _central)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
    for unreachable in (OperationalError, PoolTimeout):
        app.add_exception_handler(unreachable, _database)


async def _central(request: Request, error: Exception) -> Response:
    assert isinstance(error, CentralError)
    return refusal_response(request.scope, error)


async def _database(request: Request, error: Exception) -> Response:
    logger.error("the database is unavailable: %s", error)
    return refusal_response(request.scope, database_unavailable())


async def _validation(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    problems = [
        {"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg", "")}
        for e in error.errors()
    ]
    message = "the request is malformed"
    return _answer(request.scope, 422, "INVALID_REQUEST", message, {"problems": problems})


async def _http(request: Request, error: Exception) -> Response:
    assert isinstance(error, StarletteHTTPException)
    code = HTTP_CODES.get(error.status_code, f"HTTP_{error.status_code}")
    response = _answer(request.scope, error.status_code, code, str(error.detail), {})
    response.headers.update(error.headers or {})
    if error.status_code == 405:
        response.headers["Allow"] = ", ".join(allowed_methods(request.scope))
    return response


def _answer(
    scope: Scope, status: int, code: str, message: str, details: dict[str, Any]
) -> Response:
    note_refusal(scope, code)
    page = _page_of(scope)
    if page is None:
        return JSONResponse(error_body(code, message, details), status)
    text, headers = page(scope, code, details)
    return HTMLResponse(text, status, headers=dict(headers))


def _page_of(scope: Scope) -> PageRefusal | None:
    """The page of the path; a key that ends in ``/`` stands for every path under it."""
    app = scope.get("app")
    pages: Mapping[str, PageRefusal] = getattr(getattr(app, "state", None), "refusal_pages", {})
    path = scope.get("path", "")
    under = (page for key, page in pages.items() if key.endswith("/") and path.startswith(key))
    return pages.get(path) or next(under, None)


def allowed_methods(scope: Scope) -> list[str]:
    """Every method some route takes at this path (Starlette names only the first route's)."""
    routes = getattr(scope.get("app"), "routes", [])
    return [
        method
        for method in ("DELETE", "GET", "HEAD", "PATCH", "POST", "PUT")
        if any(route.matches(_asking(scope, method))[0] == Match.FULL for route in routes)
    ]


def _asking(scope: Scope, method: str) -> Scope:
    """A fresh scope of a request for the same path with ``method``."""
    return {
        "type": "http",
        "method": method,
        "path": scope["path"],
        "root_path": scope.get("root_path", ""),
        "headers": [],
        "query_string": b"",
    }
