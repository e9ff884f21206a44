"""Device writes, one at a time and in the order they were asked for, off the event loop.

The UI thread never waits on SQLite's fsync: a verdict shows at once while its write runs here;
a single worker keeps two quick clicks on the same criterion from landing out of order.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


class SerialWriter:
    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="device-writes")

    async def run(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run ``fn(*args, **kwargs)`` after every write asked for before it."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, functools.partial(fn, *args, **kwargs))

    def close(self) -> None:
        """Finish the writes already asked for, then stop."""
        self._executor.shutdown(wait=True)
