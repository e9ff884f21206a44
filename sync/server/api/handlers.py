"""The one place where errors become HTTP: ``{"code", "message", "details"}`` with a status.

``CentralError`` carries its own code and status; FastAPI's validation errors become
INVALID_REQUEST (422) and Starlette's HTTP errors NOT_FOUND, METHOD_NOT_ALLOWED or
HTTP_<status>. ``error_response`` is also what the body-size guard answers with.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from sync.server.errors import CentralError

HTTP_CODES = {400: "BAD_REQUEST", 404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED"}


def error_body(code: str, message: str, details: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"code": code, "message": message, "details": details or {}}


def error_response(error: CentralError) -> JSONResponse:
    return JSONResponse(error_body(error.code, error.message, error.details), error.status)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(CentralError, _central)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)


async def _central(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, CentralError)
    return error_response(error)


async def _validation(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    problems = [
        {"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg", "")}
        for e in error.errors()
    ]
    body = error_body("INVALID_REQUEST", "the request is malformed", {"problems": problems})
    return JSONResponse(body, 422)


async def _http(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    code = HTTP_CODES.get(error.status_code, f"HTTP_{error.status_code}")
    return JSONResponse(
        error_body(code, str(error.detail)), error.status_code, headers=error.headers
    )
