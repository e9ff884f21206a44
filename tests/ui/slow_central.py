"""The central store for the browser's sync test, with each photo chunk held back a moment
(``GECC_TEST_CHUNK_DELAY_S``) so that the progress of a sync stays on screen long enough to be
seen and photographed. Run: ``uvicorn tests.ui.slow_central:slow_app_from_env --factory``.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from sync.server.app import app_from_env

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


def slow_app_from_env() -> Callable[[Scope, Receive, Send], Awaitable[None]]:
    app = app_from_env()
    delay = float(os.environ.get("GECC_TEST_CHUNK_DELAY_S", "0"))

    async def slowed(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "PATCH" and delay:
            await asyncio.sleep(delay)
        await app(scope, receive, send)

    return slowed
