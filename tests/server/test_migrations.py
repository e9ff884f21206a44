"""The schema: made by the shipped migrations, from an empty database, matching the models."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from sync.server.app import create_app
from sync.server.database import make_engine
from sync.server.errors import SchemaNotCurrent
from sync.server.models import METADATA
from sync.server.schema import alembic_config, current_revision, head_revision, upgrade
from sync.server.settings import Settings


def test_the_migrated_schema_is_exactly_the_models(database_url: str) -> None:
    engine = make_engine(database_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, METADATA) == []
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_an_empty_database_is_migrated_up_and_down_and_up(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    assert current_revision(engine) is None
    upgrade(engine)
    assert set(inspect(engine).get_table_names()) >= set(METADATA.tables)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_a_database_at_0001_with_data_is_brought_to_the_head(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    upgrade(engine, "0001")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO lao (id, name_th, name_en, kind, province_code, province_th, seq)"
                " VALUES ('cm-city', 'เทศบาลนครเชียงใหม่', '', 'เทศบาลนคร', '50', '', 1)"
            )
        )
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        row = connection.execute(text("SELECT name_th, service_centre_th FROM lao")).one()
        assert tuple(row) == ("เทศบาลนครเชียงใหม่", None)
        assert connection.execute(text("SELECT count(*) FROM certificate")).scalar_one() == 0
    engine.dispose()


def test_the_app_refuses_an_unmigrated_database_unless_it_may_migrate(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, auto_migrate=False)
    with pytest.raises(SchemaNotCurrent, match="gecc-central db upgrade"):
        create_app(settings)
    app = create_app(settings.replace(auto_migrate=None))
    assert current_revision(app.state.central.engine) == head_revision()
    app.state.central.close()


def test_certificates_issued_before_0003_are_pulled_after_it(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, "0002")
    engine.dispose()
    with sqlite3.connect(path) as connection:  # foreign keys off: the certificate alone
        connection.execute("UPDATE change_counter SET value = 41 WHERE name = 'changes'")
        connection.execute(
            "INSERT INTO certificate (reference, round_id, lao_id, result_hash, key_id, payload,"
            " signature, qr_text, issued_on, valid_until, issued_at, issued_by)"
            " VALUES ('GECC-2560-50-0001', 'fy2560', 'cm-city', 'ab', 'k', x'7b7d', 's',"
            " 'GECC1:X', '2017-03-20', '2020-03-19', '2017-03-20T03:00:00+00:00', 'clerk')"
        )
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with engine.connect() as connection:
        seq = connection.execute(text("SELECT seq FROM certificate")).scalar_one()
        counter = connection.execute(text("SELECT value FROM change_counter")).scalar_one()
    assert seq == counter == 42  # newer than any cursor a device holds
    engine.dispose()
