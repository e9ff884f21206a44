"""A guard at the door against text no database can keep (pure ASGI middleware).

PostgreSQL cannot store U+0000 in text, and neither database driver can encode a lone surrogate
(it has no UTF-8 form). Such text in the path, a query parameter, a header or a JSON body is
refused before any route runs, the same on every database: INVALID_REQUEST (422) with
``details.problems`` naming where, as ``[{"where": "query.key_id", "problem": ...}]`` (a
web page's path gets its page instead, by ``refusal_response``). A photo chunk's bytes and a
multipart upload are data, not text, and are not looked into. ``json_text_problem`` does the
same for JSON a route takes apart itself (a signed result's payload).
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.server.api.handlers import refusal_response
from sync.server.api.limits import is_photo_chunk
from sync.server.errors import Unprocessable

NUL = "\x00"
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
JSON_ESCAPES = re.compile(rb"\\u(?:0000|[dD][89abcdefABCDEF])")
"""Escapes that may decode to NUL or a surrogate: only a body with one is parsed here."""
MESSAGE = "the request holds text no database can keep"
Problem = tuple[str, str]


class TextGuard:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        problem = _head_problem(scope)
        if problem is None and _body_is_text(scope):
            body, receive = await _buffered(receive)
            problem = _body_problem(body)
        if problem is not None:
            await refusal_response(scope, refusal(problem))(scope, receive, send)
            return
        await self.app(scope, receive, send)


def refusal(problem: Problem) -> Unprocessable:
    """INVALID_REQUEST naming where the text is and what is wrong with it."""
    where, what = problem
    return Unprocessable(
        MESSAGE, code="INVALID_REQUEST", problems=[{"where": where, "problem": what}]
    )


def text_problem(value: Any, where: str) -> Problem | None:
    """The first string (or key) in a parsed JSON ``value`` no database can keep, with where."""
    if isinstance(value, str):
        return (where, words) if (words := _unkeepable(value)) else None
    if isinstance(value, dict):
        items: list[tuple[str, Any]] = list(value.items())
    elif isinstance(value, list):
        items = [(str(index), item) for index, item in enumerate(value)]
    else:
        return None
    for key, item in items:
        if _unkeepable(key):
            return where, f"a name {_unkeepable(key)}"
        if found := text_problem(item, f"{where}.{key}"):
            return found
    return None


def _unkeepable(text: str) -> str | None:
    if NUL in text:
        return "holds a NUL character (U+0000)"
    if LONE_SURROGATE.search(text):
        return "holds a lone surrogate, which has no UTF-8 form"
    return None


def _head_problem(scope: Scope) -> Problem | None:
    if NUL in scope["path"]:
        return "path", _unkeepable(scope["path"]) or ""
    query = scope.get("query_string", b"").decode("latin-1")
    for name, value in parse_qsl(query, keep_blank_values=True):
        if _unkeepable(name):
            return "query", f"a parameter's name {_unkeepable(name)}"
        if words := _unkeepable(value):
            return f"query.{name}", words
    for name, value in scope.get("headers", []):
        if b"\x00" in value:
            return f"header.{name.decode('latin-1')}", "holds a NUL character (U+0000)"
    return None


def _body_is_text(scope: Scope) -> bool:
    if is_photo_chunk(scope):
        return False
    for name, value in scope.get("headers", []):
        if name == b"content-type":
            return not value.lower().startswith(b"multipart/")
    return True


def json_text_problem(data: bytes, where: str) -> Problem | None:
    """The first text no database can keep in the JSON ``data``; None also when it is not
    JSON (the route refuses that as malformed)."""
    if b"\x00" in data:
        return where, "holds a NUL character (U+0000)"
    if not JSON_ESCAPES.search(data):
        return None
    try:
        value = json.loads(data)
    except ValueError:
        return None
    return text_problem(value, where)


def _body_problem(body: bytes) -> Problem | None:
    return json_text_problem(body, "body")


async def _buffered(receive: Receive) -> tuple[bytes, Receive]:
    """The whole body, and a ``receive`` that hands the app the same messages again."""
    messages: list[Message] = []
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request" or not message.get("more_body", False):
            break
    body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.request")

    async def replay() -> Message:
        return messages.pop(0) if messages else await receive()

    return body, replay
