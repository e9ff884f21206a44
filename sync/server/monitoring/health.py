"""Whether an instance can do its work: the database answers, its schema is the one this
release needs, and the blob store answers.

Each check ends in ``Check(name, ok, detail)``; the detail is in words a person can act on and
names no host, user or password (``/v1/health`` is public). The cause an operator needs is
logged on the ``sync.server`` logger, with the request id.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from sync.server.central import Central
from sync.server.schema import current_revision, head_revision

logger = logging.getLogger("sync.server")


@dataclass(frozen=True)
class Check:
    """One backend's state: ``ok``, and what was found in words."""

    name: str
    ok: bool
    detail: str


def check_health(central: Central) -> list[Check]:
    """The database, the schema (when the database answers) and the blob store, in order."""
    database = check_database(central)
    checks = [database]
    if database.ok:
        checks.append(check_schema(central))
    return [*checks, check_blobs(central)]


def check_database(central: Central) -> Check:
    try:
        with central.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except (DBAPIError, PoolTimeout) as error:
        logger.error("health: the database does not answer: %s", _first_line(error))
        return Check("database", False, "the database does not answer")
    return Check("database", True, "answers")


def check_schema(central: Central) -> Check:
    try:
        current = current_revision(central.engine)
    except (DBAPIError, PoolTimeout) as error:
        logger.error("health: the schema could not be read: %s", _first_line(error))
        return Check("schema", False, "the schema's revision could not be read")
    head = cached_head()
    if current != head:
        found = current or "nothing (an empty database)"
        detail = f"the schema is at {found}, this release needs {head}: run gecc-central db upgrade"
        return Check("schema", False, detail)
    return Check("schema", True, f"at {head}")


def check_blobs(central: Central) -> Check:
    problem = central.blobs.problem()
    if problem is not None:
        logger.error("health: the blob store: %s", problem)
        return Check("blobs", False, "the photo store does not answer")
    return Check("blobs", True, "answers")


@functools.cache
def cached_head() -> str:
    """The migrations' head: read from the package once (it cannot change while running)."""
    return head_revision()


def _first_line(error: Exception) -> str:
    cause = getattr(error, "orig", None) or error
    return (str(cause) or type(cause).__name__).splitlines()[0]
