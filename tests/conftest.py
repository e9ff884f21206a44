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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The browser tests run one after another on one worker (``--dist loadgroup`` in
    scripts/test), the rest on the other: two Chromiums drawing Flutter side by side on a loaded
    two-core machine starve each other's renderer for longer than any page should wait."""
    for item in items:
        if item.get_closest_marker("browser") is not None:
            item.add_marker(pytest.mark.xdist_group("browser"))
