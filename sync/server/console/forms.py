"""Reading the console's forms, and answering a form with the page it came from.

``Form`` reads text, dates, numbers and files from a submitted form; text with control
characters (a NUL, an escape sequence) is refused as INVALID_INPUT, never stored. ``perform``
runs an action of the store with the form and goes back to the page with a message: what was
done, or the refusal in the officer's words (the Post/Redirect/Get pattern, so reloading the
page never sends the form twice).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import anyio.to_thread
from fastapi import Request
from fastapi.responses import RedirectResponse
from sqlmodel import Session
from starlette.datastructures import FormData, UploadFile

from sync.server.console.auth import Officer, language_of
from sync.server.errors import CentralError, InvalidInput
from sync.server.plain_text import control_characters
from sync.server.store.accounts import set_flash

MULTILINE_ALLOWED = frozenset("\n\r\t")


class Form:
    """The fields of one submitted form."""

    def __init__(self, data: FormData) -> None:
        self.data = data

    def text(self, name: str, *, required: bool = False, multiline: bool = False) -> str:
        value = self.data.get(name)
        text = value.strip() if isinstance(value, str) else ""
        found = [c for c in control_characters(text) if not multiline or _not_layout(c)]
        if found:
            raise InvalidInput(f"{name} holds control characters", [f"{name}: {', '.join(found)}"])
        if required and not text:
            raise InvalidInput(f"{name} is empty", [f"fill in {name}"])
        return text

    def optional_date(self, name: str) -> date | None:
        return optional_day(self.text(name), name)

    def date(self, name: str) -> date:
        day = self.optional_date(name)
        if day is None:
            raise InvalidInput(f"{name} is empty", [f"fill in {name}"])
        return day

    def optional_int(self, name: str) -> int | None:
        text = self.text(name)
        if not text:
            return None
        try:
            return int(text)
        except ValueError:
            raise InvalidInput(f"{name} is not a whole number", [f"{name}: {text!r}"]) from None

    def flag(self, name: str) -> bool:
        return self.data.get(name) in ("on", "true", "1", "yes")

    def choice(self, name: str) -> bool | None:
        """A yes/no radio: True, False, or None when neither is chosen."""
        value = self.data.get(name)
        return {"yes": True, "no": False}.get(value if isinstance(value, str) else "")

    def all(self, name: str) -> list[str]:
        return [v.strip() for v in self.data.getlist(name) if isinstance(v, str) and v.strip()]

    def file(self, name: str) -> UploadFile | None:
        value = self.data.get(name)
        return value if isinstance(value, UploadFile) and value.filename else None


def optional_day(text: str, name: str) -> date | None:
    """A date as a form or a query gives it (YYYY-MM-DD); None when empty."""
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        problem = f"{name}: {text!r} is not a date like 2027-01-31"
        raise InvalidInput(f"{name} is not a date", [problem]) from None


async def read_form(request: Request) -> Form:
    return Form(await request.form())


async def perform(
    request: Request,
    db: Session,
    officer: Officer,
    *,
    back: str,
    action: Callable[[Form], str],
) -> RedirectResponse:
    """Run ``action`` (it returns what was done, in words) and go back to ``back``."""
    form = await read_form(request)
    lang = language_of(request)
    return await anyio.to_thread.run_sync(_run, db, officer, back, lambda: action(form), lang)


def _run(
    db: Session, officer: Officer, back: str, action: Callable[[], str], lang: str
) -> RedirectResponse:
    try:
        flash = {"kind": "ok", "text": action()}
    except CentralError as error:
        db.rollback()
        flash = refusal_flash(error, lang)
    set_flash(db, officer.session, flash)
    return RedirectResponse(back, 303)


def refusal_flash(error: CentralError, lang: str) -> dict[str, str]:
    """A refusal as the page shows it: its Thai words where the store has them, its problems."""
    details = error.details
    text = str(details.get("thai") or error.message) if lang != "en" else error.message
    problems = [str(p) for p in details.get("problems", [])]
    problems += [
        str(c.get("th" if lang != "en" else "en", "")) for c in details.get("conditions", [])
    ]
    return {"kind": "error", "text": text, "code": error.code, "problems": "\n".join(problems)}


def _not_layout(code: str) -> bool:
    return chr(int(code[2:], 16)) not in MULTILINE_ALLOWED
