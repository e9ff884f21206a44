"""The console put together: its routes, its style sheet and font, the login form for a page
asked for without a session, and the page that explains a refusal (``refusal_page``, which
``sync.server.api.handlers`` answers every refusal under ``/office/`` with)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from starlette.types import Scope

from sync.server.console import (
    routes_account,
    routes_committees,
    routes_decisions,
    routes_documents,
    routes_lao,
    routes_records,
    routes_results,
    routes_round,
)
from sync.server.console.auth import LoginNeeded, language_of
from sync.server.console.paths import QR_PHOTOS, UPLOADS
from sync.server.console.render import ENVIRONMENT, HEADERS, helpers
from sync.server.settings import Settings

PREFIX = "/office/"
STATIC = Path(__file__).parent / "static"
FONTS = Path(__file__).resolve().parents[3] / "assets" / "fonts"
FILES = {
    "console.css": (STATIC / "console.css", "text/css; charset=utf-8"),
    "Sarabun-Regular.ttf": (FONTS / "Sarabun-Regular.ttf", "font/ttf"),
    "Sarabun-Bold.ttf": (FONTS / "Sarabun-Bold.ttf", "font/ttf"),
}
REFUSAL_WORDS = {
    "ROLE_REQUIRED": "refusal_role",
    "CSRF_FAILED": "refusal_csrf",
    "LOGIN_REQUIRED": "refusal_login",
    "NOT_FOUND": "refusal_not_found",
}
PUBLIC = frozenset(
    {
        ("GET", "/office"),
        ("GET", "/office/login"),
        ("POST", "/office/login"),
        ("GET", "/office/language"),
        ("GET", "/office/static/{name}"),
    }
)
"""The console's routes that need no session (every other one names its permission)."""

MULTIPART_SLACK = 64 * 1024


def body_limits(settings: Settings) -> dict[str, int]:
    """The largest bodies of the console's uploads (every other form has the JSON limit)."""
    return {
        UPLOADS: settings.max_photo_bytes + MULTIPART_SLACK,
        QR_PHOTOS: settings.max_verify_upload_bytes + MULTIPART_SLACK,
    }


static_router = APIRouter(prefix="/office", include_in_schema=False)


@static_router.get("/static/{name}")
def static_file(name: str) -> Response:
    """The style sheet and the Sarabun font (SIL Open Font License), served from here."""
    found = FILES.get(name)
    if found is None:
        return Response(status_code=404)
    path, media_type = found
    return FileResponse(path, media_type=media_type, headers={"Cache-Control": "max-age=86400"})


def install_console(app: FastAPI) -> None:
    """Add the console's routes and its answer to a page asked for without a session."""
    for router in ROUTERS:
        app.include_router(router)
    app.add_exception_handler(LoginNeeded, _to_login)


ROUTERS = (
    routes_account.router,
    routes_round.router,
    routes_lao.router,
    routes_committees.router,
    routes_results.router,
    routes_decisions.router,
    routes_records.router,
    routes_documents.router,
    static_router,
)


async def _to_login(_request: Request, error: Exception) -> Response:
    assert isinstance(error, LoginNeeded)
    return RedirectResponse(f"/office/login?next={error.after}", 303)


def refusal_page(scope: Scope, code: str, details: Mapping[str, Any]) -> tuple[str, dict[str, str]]:
    """The page of a refusal under ``/office/`` (the handler sets its status)."""
    lang = language_of(Request(scope))
    words = helpers(lang)
    key = REFUSAL_WORDS.get(code)
    text = words["t"](key) if key else str(details.get("thai") or "") if lang != "en" else ""
    values = {
        **words,
        "officer": None,
        "flash": None,
        "here": scope.get("path", ""),
        "switch_href": "/office/language?to=" + ("th" if lang == "en" else "en"),
        "code": code,
        "text": text,
        "problems": [str(p) for p in details.get("problems", [])],
    }
    html = ENVIRONMENT.get_template("refusal.html").render(values)
    return html, dict(HEADERS)
