"""``/verify``: anyone checks a certificate by its reference or a photo of its QR code.

``GET /verify`` shows the forms; ``GET /verify?ref=GECC-2570-50-0007`` checks a reference as
typed (lower case, Thai digits, other dashes are fine); ``POST /verify`` (multipart, field
``photo``) checks the QR code in a picture. ``?lang=en`` for English; Thai otherwise. No login,
no JavaScript; nothing sent is kept. A check that cannot be made raises the store's error
(BAD_REFERENCE, NOT_FOUND, NO_PICTURE, NOT_AN_IMAGE, NO_QR_CODE, IMAGE_TOO_LARGE; a database
out of reach is DATABASE_UNAVAILABLE, 503), which ``sync.server.api.handlers`` answers with this
page (``refusal_page``) and the error's status.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, urlencode

import anyio
import anyio.to_thread
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.datastructures import UploadFile
from starlette.requests import ClientDisconnect
from starlette.types import Scope

from sync.protocol.certificates import QR_PREFIX, Verdict, thai_date
from sync.server.central import Central
from sync.server.errors import TooLarge, Unprocessable
from sync.server.store.verification import verify_reference, verify_text
from sync.server.web.page import (
    SECURITY_HEADERS,
    Outcome,
    PageView,
    refusal_outcome,
    verdict_outcome,
    verify_page,
)
from sync.server.web.pictures import qr_texts_in

PATH = "/verify"
MAX_TYPED = 200
PAGE_THREADS = 4
MULTIPART_SLACK = 64 * 1024
"""Bytes a multipart body may have beyond the picture (boundaries, headers, the lang field)."""

router = APIRouter(include_in_schema=False)


@router.get(PATH, response_class=HTMLResponse)
async def verify_by_reference(request: Request, ref: str = "", lang: str = "th") -> HTMLResponse:
    """The forms; with ``ref``, the verdict on the certificate issued under that reference.

    The look-up and the page are made in one worker thread: the page is what a crowd asks
    for, so it takes no other dependency (each would cost a thread hop of its own)."""
    central: Central = request.app.state.central
    typed = ref.strip()[:MAX_TYPED]
    if not typed:
        return _page(_view(central, lang, ""), None)
    return await anyio.to_thread.run_sync(
        _reference_page, central, lang, typed, limiter=_threads(request)
    )


@router.post(PATH, response_class=HTMLResponse)
async def verify_by_photo(request: Request, lang: str = "th") -> HTMLResponse:
    """The verdict on the certificate whose QR code is in the uploaded ``photo``."""
    central: Central = request.app.state.central
    picture = await _uploaded_picture(request, central.settings.max_verify_upload_bytes)
    threads = _threads(request)
    texts = await anyio.to_thread.run_sync(qr_texts_in, picture, limiter=threads)
    if not texts:
        raise Unprocessable("no QR code was found in the picture", code="NO_QR_CODE")
    text = next((t for t in texts if t.startswith(QR_PREFIX)), texts[0])
    verdict = await anyio.to_thread.run_sync(_verify_text, central, text, limiter=threads)
    return _verdict_page(central, lang, "", verdict)


def refusal_page(scope: Scope, code: str, details: Mapping[str, Any]) -> tuple[str, dict[str, str]]:
    """The page for a check that could not be made, and its headers (the handler sets the
    status). The reference typed stays in the form, so it can be corrected (without control
    characters, such as the NUL that had it refused)."""
    central: Central = scope["app"].state.central
    query = dict(_query(scope))
    lang, typed = query.get("lang", "th"), _shown(query.get("ref", "")).strip()[:MAX_TYPED]
    view = _view(central, lang, typed)
    values = {"reference": details.get("key", ""), "typed": typed, "mb": view.max_upload_mb}
    return verify_page(view, refusal_outcome(code, view.lang, **values)), SECURITY_HEADERS


def body_limit(max_upload_bytes: int) -> int:
    """The largest request body ``POST /verify`` reads (the middleware cuts the rest)."""
    return max_upload_bytes + MULTIPART_SLACK


def _threads(request: Request) -> anyio.CapacityLimiter:
    """The worker threads this page may use at once: a few keep the GIL from thrashing when a
    crowd asks at once (the work is short and mostly CPU), and a flood of photos to decode
    cannot take the threads the signed API's routes run in."""
    state = request.app.state
    if not hasattr(state, "verify_threads"):
        state.verify_threads = anyio.CapacityLimiter(PAGE_THREADS)
    limiter: anyio.CapacityLimiter = state.verify_threads
    return limiter


def _reference_page(central: Central, lang: str, typed: str) -> HTMLResponse:
    with central.session() as session:
        today = thai_date(central.clock())
        verdict = verify_reference(session, central.issuer.trust_list(), typed, today)
    return _verdict_page(central, lang, typed, verdict)


def _verify_text(central: Central, text: str) -> Verdict:
    with central.session() as session:
        today = thai_date(central.clock())
        return verify_text(session, central.issuer.trust_list(), text, today)


async def _uploaded_picture(request: Request, limit: int) -> bytes:
    too_large = TooLarge(f"the picture may have at most {limit} bytes", code="IMAGE_TOO_LARGE")
    try:
        async with request.form(max_files=1, max_fields=4) as form:
            upload = form.get("photo")
            data = await upload.read(limit + 1) if isinstance(upload, UploadFile) else b""
    except ClientDisconnect:  # the body limit cut it off mid-upload
        raise too_large from None
    if len(data) > limit:
        raise too_large
    if not data:
        raise Unprocessable("choose a picture of the QR code", code="NO_PICTURE")
    return data


def _verdict_page(central: Central, lang: str, typed: str, verdict: Verdict) -> HTMLResponse:
    """The verdict; a genuine certificate's reference, exactly spelt, fills the form and the
    language link."""
    genuine = verdict.certificate.reference if verdict.certificate else ""
    view = _view(central, lang, genuine or typed)
    outcome = verdict_outcome(verdict, view.lang)
    return _page(view, outcome)


def _page(view: PageView, outcome: Outcome | None) -> HTMLResponse:
    return HTMLResponse(verify_page(view, outcome), headers=SECURITY_HEADERS)


def _view(central: Central, lang: str, typed: str) -> PageView:
    chosen = "en" if lang == "en" else "th"
    query = {"lang": "th" if chosen == "en" else "en"}
    if typed:
        query["ref"] = typed
    return PageView(
        lang=chosen,
        typed=typed,
        switch_href=f"{PATH}?{urlencode(query)}",
        max_upload_mb=central.settings.max_verify_upload_bytes // (1024 * 1024),
    )


def _shown(typed: str) -> str:
    """``typed`` without control characters and lone surrogates, which a page cannot show."""
    return "".join(c for c in typed if unicodedata.category(c) not in ("Cc", "Cs"))


def _query(scope: Scope) -> list[tuple[str, str]]:
    return parse_qsl(scope.get("query_string", b"").decode("latin-1"))
