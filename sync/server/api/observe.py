"""The outermost guard (pure ASGI middleware): a request id, metrics and an access log line for
every request.

The request id comes from the client's ``X-Request-ID`` (``monitoring.logs``), is set for the
request's lifetime, so every line logged meanwhile carries it, and goes back in the response's
``X-Request-ID``. When the response is done, the request is counted (``monitoring.metrics``)
under its route template, with the bytes of its body, and the refusal code the one place that
answers refusals noted (``note_refusal``), and one JSON line is logged on
``sync.server.access``.
"""

from __future__ import annotations

import logging
import re
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.server.monitoring.logs import REQUEST_ID, request_id_from
from sync.server.monitoring.metrics import UNMATCHED, Metrics

REFUSAL_KEY = "gecc.refusal"
HEADER = b"x-request-id"
CONVERTER = re.compile(r"\{(\w+):[^}]+\}")
access_log = logging.getLogger("sync.server.access")


def note_refusal(scope: Scope, code: str) -> None:
    """Remember the code of the refusal this request is answered with (for the metrics)."""
    scope[REFUSAL_KEY] = code


class Observe:
    def __init__(self, app: ASGIApp, *, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = request_id_from(_header(scope, HEADER))
        token = REQUEST_ID.set(request_id)
        seen: dict[str, Any] = {"status": 500, "received": 0}

        async def counted() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                seen["received"] += len(message.get("body", b""))
            return message

        async def tagged(message: Message) -> None:
            if message["type"] == "http.response.start":
                seen["status"] = message["status"]
                message["headers"] = [*message.get("headers", []), (HEADER, request_id.encode())]
            await send(message)

        started = time.perf_counter()
        try:
            await self.app(scope, counted, tagged)
        finally:
            self._finished(scope, seen, time.perf_counter() - started)
            REQUEST_ID.reset(token)

    def _finished(self, scope: Scope, seen: dict[str, Any], seconds: float) -> None:
        route = route_template(scope)
        refusal = scope.get(REFUSAL_KEY)
        method, status, received = scope["method"], seen["status"], seen["received"]
        self.metrics.observe(
            method=method,
            route=route,
            status=status,
            seconds=seconds,
            received=received,
            refusal=refusal,
        )
        fields = {
            "request_id": REQUEST_ID.get(),
            "method": method,
            "route": route,
            "path": scope["path"],
            "status": status,
            "duration_ms": round(seconds * 1000, 1),
            "bytes_in": received,
            "refusal": refusal,
            "client": (scope.get("client") or ("", 0))[0],
        }
        access_log.info("request", extra={"fields": fields})


def route_template(scope: Scope) -> str:
    """The path of the route that took the request, as written, less any converter
    (``/v1/photos/{sha256}``); ``unmatched`` when none took it."""
    path = getattr(scope.get("route"), "path", None)
    return UNMATCHED if path is None else CONVERTER.sub(r"{\1}", path)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return bytes(value).decode("latin-1")
    return None
