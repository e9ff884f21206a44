"""Looking up one row by its primary key, refusing (``NotFound``) when there is none."""

from __future__ import annotations

from typing import TypeVar

from sqlmodel import Session

from sync.server.errors import NotFound

_T = TypeVar("_T")


def require(session: Session, table: type[_T], key: object, what: str) -> _T:
    """The row with this primary key, or ``NotFound`` naming ``what``."""
    row = session.get(table, key)
    if row is None:
        raise NotFound(what, str(key))
    return row
