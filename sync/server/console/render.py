"""Pages from the Jinja2 templates in ``templates/``: every value escaped (autoescape), the
officer's words in Thai or English, Buddhist-era dates in Thai, and the headers every console
page carries (no script at all, styles and fonts only from the console itself)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse
from sqlmodel import Session

from field_audit.domain.evidence_records import KIND_NAMES, KIND_WORDS, WHOM_NAMES, Whom
from field_audit.domain.roles import role_name
from field_audit.domain.thai_calendar import (
    THAILAND,
    format_english_date,
    format_thai_date,
    format_thai_moment,
)
from sync.server.console.auth import Officer, language_of
from sync.server.console.words import say
from sync.server.store.accounts import set_flash

TEMPLATES = Path(__file__).parent / "templates"
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self';"
        " form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
}
ENVIRONMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def page(
    request: Request,
    template: str,
    *,
    officer: Officer | None,
    db: Session | None = None,
    status: int = 200,
    **context: Any,
) -> HTMLResponse:
    """The page ``template`` for ``officer`` (the session's message shown, then forgotten)."""
    lang = language_of(request)
    flash = officer.session.flash if officer else None
    if flash and db is not None and officer is not None:
        set_flash(db, officer.session, None)
    values = {
        **helpers(lang),
        "officer": officer,
        "flash": flash,
        "here": request.url.path,
        "switch_href": _switch_href(request, lang),
        **context,
    }
    text = ENVIRONMENT.get_template(template).render(values)
    return HTMLResponse(text, status, headers=HEADERS)


def helpers(lang: str) -> dict[str, Any]:
    """What every template may call, in the page's language."""
    return {
        "lang": lang,
        "t": lambda key, **values: say(key, lang, **values),
        "day": lambda value: show_day(value, lang),
        "moment": lambda value: show_moment(value, lang),
        "role_word": lambda role: role_name(role, lang),
        "text": lambda words: words.in_language(lang),
        "record_kind": lambda kind: KIND_NAMES[KIND_WORDS[kind]].in_language(lang),
        "whom": lambda whom: WHOM_NAMES[Whom(whom)].in_language(lang),
        "pick": lambda th, en: en if lang == "en" and en else th,
        "query": _query,
    }


def show_day(value: date | None, lang: str) -> str:
    """A date as its reader expects it: Thai with the Buddhist-era year, or English."""
    if value is None:
        return "—"
    return format_english_date(value) if lang == "en" else format_thai_date(value)


def show_moment(value: datetime | str | None, lang: str) -> str:
    """A stored time (or a signed document's ISO moment) on Thailand's clock:
    "15 ธ.ค. 2564 10:00 น." or "15 December 2021 10:00"."""
    if value is None:
        return "—"
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if lang != "en":
        return format_thai_moment(value)
    local = value.astimezone(THAILAND)
    return f"{format_english_date(local.date())} {local:%H:%M}"


def _switch_href(request: Request, lang: str) -> str:
    back = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return "/office/language?" + urlencode({"to": "th" if lang == "en" else "en", "back": back})


def _query(base: Mapping[str, Any], **changes: Any) -> str:
    """A query string of ``base`` with ``changes`` (empty values left out)."""
    merged = {**base, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "")})
