"""Signed requests to the central store over an injected ``httpx.Client``.

Every request is signed with the inspector's device key (sync.protocol.requests). A refusal
becomes ``Refused`` with the server's stable code; a network failure becomes ``Unreachable``.
The client keeps the difference between its clock and the server's (learnt from a CLOCK_SKEW
answer's ``Date``), so a tablet whose clock drifted still signs acceptable requests. Each request
carries a fresh ``X-Request-ID``, which the store logs with everything it does for it.

``store_healthy`` is how the app decides whether the store is reachable: its ``/v1/health``
says 200 only when its database and photo store answer, so a store that is up but cannot take
a sync counts as unreachable.
"""

from __future__ import annotations

import json
import time
import uuid
from email.utils import parsedate_to_datetime
from typing import Any, Protocol

import httpx

from field_audit.sync_client.errors import Refused, Unreachable
from sync.protocol.requests import new_nonce, request_key_id, sign_request


class RequestKey(Protocol):
    @property
    def public_key(self) -> bytes: ...
    def sign(self, data: bytes) -> bytes: ...


class CentralClient:
    """The central store as the device sees it: signed calls, decoded answers."""

    def __init__(self, http: httpx.Client, key: RequestKey) -> None:
        self.http = http
        self._key = key
        self._key_id = request_key_id(key.public_key)
        self._clock_offset = 0

    def call(
        self,
        method: str,
        target: str,
        *,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
        content_type: str = "application/json",
    ) -> httpx.Response:
        """Send one signed request; retried once when only the clocks disagreed."""
        response = self._send(method, target, body, headers or {}, content_type)
        if response.status_code == 401 and _code(response) == "CLOCK_SKEW":
            self._learn_clock(response)
            response = self._send(method, target, body, headers or {}, content_type)
        if response.status_code >= 400:
            raise _refusal(response)
        return response

    def get_json(self, target: str) -> Any:
        return self.call("GET", target).json()

    def post_json(self, target: str, value: Any) -> httpx.Response:
        body = json.dumps(value, ensure_ascii=False).encode("utf-8")
        return self.call("POST", target, body=body)

    def _send(
        self, method: str, target: str, body: bytes, extra: dict[str, str], content_type: str
    ) -> httpx.Response:
        signed = sign_request(
            method=method,
            target=target,
            key_id=self._key_id,
            sign=self._key.sign,
            now=int(time.time()) + self._clock_offset,
            nonce=new_nonce(),
            body=body,
        )
        headers = {**signed, "X-Request-ID": uuid.uuid4().hex, **extra}
        if body:
            headers["Content-Type"] = content_type
        try:
            return self.http.request(method, target, content=body, headers=headers)
        except httpx.HTTPError as error:
            raise Unreachable(f"the central store could not be reached: {error}") from error

    def _learn_clock(self, response: httpx.Response) -> None:
        date = response.headers.get("Date")
        if date:
            self._clock_offset = int(parsedate_to_datetime(date).timestamp() - time.time())


HEALTH_PATH = "/v1/health"


def store_healthy(url: str, *, timeout: float) -> bool:
    """Whether the central store at ``url`` says it can do its work now (see the docstring)."""
    try:
        response = httpx.get(url.rstrip("/") + HEALTH_PATH, timeout=timeout)
    except httpx.HTTPError:
        return False
    return response.status_code == httpx.codes.OK


def _code(response: httpx.Response) -> str:
    try:
        return str(response.json().get("code", ""))
    except (ValueError, AttributeError):
        return ""


def _refusal(response: httpx.Response) -> Refused:
    try:
        body = response.json()
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    return Refused(
        str(body.get("code") or f"HTTP_{response.status_code}"),
        str(body.get("message") or response.reason_phrase),
        response.status_code,
        body.get("details") or {},
    )
