"""Errors of the sync client.

SyncError
├── Unreachable   the central store could not be reached (no network, timeout, cut): retry
└── Refused       the central store answered with a refusal (``code``, ``status``, ``details``)
"""

from __future__ import annotations

from typing import Any

# Refusals that a later attempt may get past (the server was busy or the clocks disagreed).
TRANSIENT_CODES = frozenset({"UPLOAD_BUSY", "CLOCK_SKEW", "REPLAYED_NONCE", "INTERNAL_ERROR"})


class SyncError(Exception):
    """Base of what the sync client reports."""


class Unreachable(SyncError):
    pass


class Refused(SyncError):
    def __init__(self, code: str, message: str, status: int, details: dict[str, Any]) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.status = status
        self.details = details

    @property
    def transient(self) -> bool:
        return self.code in TRANSIENT_CODES or self.status >= 500
