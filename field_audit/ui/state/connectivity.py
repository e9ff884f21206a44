"""Online or offline: whether the configured central store answers. Offline is the normal state.

The check runs off the event loop, every ``CHECK_EVERY_S`` seconds, and never blocks the UI.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import flet as ft

CHECK_EVERY_S = 30.0


class Connectivity(ft.Observable):
    online: bool

    def __init__(self) -> None:
        self.online = False


async def watch_central(
    reachable: Callable[[], bool], connectivity: Connectivity, *, every: float = CHECK_EVERY_S
) -> None:
    """Keep ``connectivity.online`` up to date until cancelled."""
    while True:
        connectivity.online = await asyncio.to_thread(reachable)
        await asyncio.sleep(every)
