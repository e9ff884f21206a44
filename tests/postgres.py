"""A database of its own on the test PostgreSQL server, for a test that needs one apart."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import create_engine, make_url, text

POSTGRES_URL = os.environ.get("GECC_TEST_POSTGRES_URL")
CHECKOUT = hashlib.sha256(str(Path(__file__).resolve()).encode()).hexdigest()[:8]
"""Names carry the checkout, so two checkouts' runs on one server never meet."""


def fresh_database(purpose: str, worker_id: str) -> Iterator[str]:
    """Create an empty database ``gecc_<purpose>_<checkout>_<worker>``, yield its URL, then
    drop it."""
    assert POSTGRES_URL is not None
    name = f"gecc_{purpose}_{CHECKOUT}_{worker_id}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()
