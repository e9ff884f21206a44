"""A guard on request bodies, before any route reads one (pure ASGI middleware).

A body whose Content-Length is over the limit is refused at once (REQUEST_TOO_LARGE, 413),
before a byte of it is read: a JSON request may have ``max_request_bytes``, a photo chunk
(``PATCH /v1/photos/{sha256}``, nothing else under ``/v1/photos/``) ``max_photo_bytes``, and
a path given its own limit in ``paths`` (the ``/verify`` page's upload) that one. A body
sent without Content-Length is counted as it arrives and cut off at the limit; the route then
fails to read it. Refusals are answered by ``refusal_response``, so
a web page's path gets its page, not JSON.
"""

from __future__ import annotations

from collections.abc import Mapping

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.server.api.handlers import refusal_response
from sync.server.errors import TooLarge

PHOTO_PREFIX = "/v1/photos/"
PHOTO_CHUNK_METHOD = "PATCH"


class BodyLimit:
    def __init__(
        self,
        app: ASGIApp,
        *,
        limit: int,
        photo_limit: int,
        paths: Mapping[str, int] | None = None,
    ) -> None:
        self.app = app
        self.limit = limit
        self.photo_limit = photo_limit
        self.paths = dict(paths or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self._limit_of(scope)
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            refusal = TooLarge(f"the body may have at most {limit} bytes", limit=limit)
            await refusal_response(scope, refusal)(scope, receive, send)
            return
        await self.app(scope, _counting(receive, limit), send)

    def _limit_of(self, scope: Scope) -> int:
        if is_photo_chunk(scope):
            return self.photo_limit
        return self.paths.get(scope["path"], self.limit)


def is_photo_chunk(scope: Scope) -> bool:
    """Whether the request uploads a photo chunk (raw bytes, not JSON)."""
    path: str = scope["path"]
    name = path.removeprefix(PHOTO_PREFIX)
    return scope["method"] == PHOTO_CHUNK_METHOD and name != path and "/" not in name


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length" and value.isdigit():
            return int(value)
    return None


def _counting(receive: Receive, limit: int) -> Receive:
    received = 0

    async def counted() -> Message:
        nonlocal received
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                return {"type": "http.disconnect"}
        return message

    return counted
