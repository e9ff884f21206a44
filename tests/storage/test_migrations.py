"""Schema migrations: from empty and from every earlier version, with data, nothing lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlmodel import SQLModel

import field_audit.storage.models  # noqa: F401  (registers the tables)
from field_audit.storage.database import open_database
from field_audit.storage.errors import SchemaTooNew
from field_audit.storage.migrations import LATEST_VERSION, migrate, schema_version

FIXTURES = Path(__file__).parent / "migration_fixtures"


def columns(path: Path) -> dict[str, list[tuple[str, bool, int]]]:
    """Per table: (column name, NOT NULL, primary-key position), the shape the models rely on."""
    with sqlite3.connect(path) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            table: sorted(
                (name, bool(notnull), pk)
                for _cid, name, _type, notnull, _default, pk in connection.execute(
                    f"PRAGMA table_info({table})"
                )
            )
            for table in tables
        }


def test_migrating_an_empty_database_gives_the_models_schema(tmp_path: Path) -> None:
    migrated = tmp_path / "migrated.sqlite3"
    assert migrate(migrated) == 0
    reference = tmp_path / "reference.sqlite3"
    SQLModel.metadata.create_all(create_engine(f"sqlite:///{reference}"))
    assert columns(migrated) == columns(reference)


def test_open_database_reports_the_latest_version_and_wal(tmp_path: Path) -> None:
    db = open_database(tmp_path)
    with sqlite3.connect(db.path) as connection:
        assert schema_version(connection) == LATEST_VERSION
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    db.close()


def test_migrating_twice_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    migrate(path)
    assert migrate(path) == LATEST_VERSION


@pytest.mark.parametrize("version", range(1, LATEST_VERSION + 1))
def test_every_earlier_version_with_data_upgrades_without_loss(
    tmp_path: Path, version: int
) -> None:
    path = tmp_path / "db.sqlite3"
    migrate(path, target=version)
    fixture = (FIXTURES / f"v{version}.sql").read_text(encoding="utf-8")
    with sqlite3.connect(path) as connection:
        connection.executescript(fixture)
        before = {t: connection.execute(f"SELECT * FROM {t}").fetchall() for t in columns(path)}
    assert migrate(path) == version
    with sqlite3.connect(path) as connection:
        for table, rows in before.items():
            after = connection.execute(f"SELECT * FROM {table}").fetchall()
            assert [r[: len(rows[0])] for r in after] == rows if rows else after == []
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    assert sum(len(rows) for rows in before.values()) > 10


def test_a_database_from_a_newer_app_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    migrate(path)
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    with pytest.raises(SchemaTooNew, match="install the newer app version"):
        migrate(path)


def test_a_failing_step_leaves_the_previous_version_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "db.sqlite3"
    broken = ("CREATE TABLE half (id INTEGER); CREATE TABLE half (id INTEGER)",)
    monkeypatch.setattr("field_audit.storage.migrations.MIGRATIONS", broken)
    with pytest.raises(sqlite3.OperationalError):
        migrate(path, target=1)
    with sqlite3.connect(path) as connection:
        assert schema_version(connection) == 0
        tables = connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        assert tables.fetchall() == []


def test_a_member_stored_as_secretary_reads_as_joint_secretary(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    migrate(path, target=6)
    fixture = (FIXTURES / "v6.sql").read_text(encoding="utf-8")
    with sqlite3.connect(path) as connection:
        connection.executescript(fixture.replace("'member', NULL", "'secretary', NULL"))
    migrate(path)
    with sqlite3.connect(path) as connection:
        roles = dict(connection.execute("SELECT inspector_id, role FROM committee_member"))
    assert roles == {"insp-1": "chair", "insp-2": "joint_secretary"}


def test_graded_answers_and_the_two_words_are_the_only_verdicts_kept(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    migrate(path)
    with sqlite3.connect(path) as connection:
        connection.executescript((FIXTURES / f"v{LATEST_VERSION}.sql").read_text(encoding="utf-8"))
        with pytest.raises(sqlite3.IntegrityError):
            connection.execute(
                "INSERT INTO finding VALUES ('audit-1', 'O2', 'maybe', '', 'insp-1', 'x', '')"
            )
