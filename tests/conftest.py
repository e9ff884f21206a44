"""Fixtures shared by every test package: a fresh device database per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from field_audit.domain.edition import Edition, load_bundled_edition
from field_audit.storage.database import Database, open_database

# Nothing may depend on timing (CI runs on a loaded two-core machine): no deadlines, and no
# health check that measures how long generating data took.
settings.register_profile(
    "gecc", deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
settings.load_profile("gecc")


@pytest.fixture(scope="session")
def edition() -> Edition:
    return load_bundled_edition("gecc-2560")


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "data")
    yield database
    database.close()
