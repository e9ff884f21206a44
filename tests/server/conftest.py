"""The store's conformance fixtures: every server test runs on SQLite, and on PostgreSQL when
GECC_TEST_POSTGRES_URL is set (one database per xdist worker, emptied before each test)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from sync.server.app import build_app
from sync.server.central import Central, open_central
from sync.server.database import make_engine
from sync.server.models import METADATA
from sync.server.schema import upgrade
from sync.server.settings import Settings
from tests.postgres import fresh_database
from tests.server.helpers import ADMIN_TOKEN, Api, World, build_world

POSTGRES_URL = os.environ.get("GECC_TEST_POSTGRES_URL")
BACKENDS = [
    "sqlite",
    pytest.param(
        "postgres",
        marks=[
            pytest.mark.postgres,
            pytest.mark.skipif(not POSTGRES_URL, reason="GECC_TEST_POSTGRES_URL is not set"),
        ],
    ),
]


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "central.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_url(worker_id: str) -> Iterator[str]:
    for url in fresh_database("central_test", worker_id):
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        yield url


def empty_postgres(url: str) -> None:
    """Delete every row (faster than TRUNCATE on tables this small) and reset the counter."""
    engine = create_engine(url, poolclass=NullPool)
    with engine.begin() as connection:
        for table in reversed(METADATA.sorted_tables):
            if table.name != "change_counter":
                connection.execute(table.delete())
        connection.execute(text("UPDATE change_counter SET value = 0"))
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        path = tmp_path / "central.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    url: str = request.getfixturevalue("postgres_url")
    empty_postgres(url)
    return url


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(
        database_url=database_url,
        data_dir=tmp_path / "data",
        admin_token=ADMIN_TOKEN,
        auto_migrate=False,
    )


@pytest.fixture
def central(settings: Settings) -> Iterator[Central]:
    opened = open_central(settings)
    yield opened
    opened.close()


@pytest.fixture
def app(central: Central) -> FastAPI:
    return build_app(central)


@pytest.fixture
def api(app: FastAPI) -> Iterator[Api]:
    client = Api(app)
    yield client
    client.close()


@pytest.fixture
def world(central: Central, api: Api) -> World:
    return build_world(central, api)
