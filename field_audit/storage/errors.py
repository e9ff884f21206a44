"""Errors of the device store.

StorageError
├── SchemaTooNew       the database was written by a newer version of the app
├── NotFound           an audit, assignment or finding the caller named does not exist
│   └── Ambiguous      a shortened id that starts more than one (``matches`` names them)
└── AuditLocked        a sealed audit was asked to change
"""

from __future__ import annotations


class StorageError(Exception):
    """Base of everything the device store refuses."""


class SchemaTooNew(StorageError):
    def __init__(self, found: int, supported: int) -> None:
        super().__init__(
            f"the database is at schema version {found}, but this app knows only up to "
            f"{supported}; install the newer app version instead of opening it with this one"
        )
        self.found = found
        self.supported = supported


class NotFound(StorageError):
    def __init__(self, kind: str, key: str) -> None:
        super().__init__(f"no {kind} {key!r} on this device")
        self.kind = kind
        self.key = key


class AuditLocked(StorageError):
    def __init__(self, audit_id: str, status: str) -> None:
        super().__init__(
            f"audit {audit_id} is {status} and cannot change; open a correction instead"
        )
        self.audit_id = audit_id
        self.status = status


class Ambiguous(NotFound):
    """A shortened id that more than one record's id starts with."""

    def __init__(self, kind: str, key: str, matches: list[str]) -> None:
        super().__init__(kind, key)
        self.args = (f"{key!r} starts more than one {kind}'s id: {', '.join(matches)}",)
        self.matches = matches
