"""The schema's migrations (Alembic, configured here in code; no alembic.ini).

The migrations ship inside the package (``sync/server/migrations``). ``upgrade`` brings a
database to the head; ``ensure_schema`` is what the app and the commands call on start: it
migrates when the settings say so (the embedded default does), and otherwise refuses a
database that is not at the head with ``SchemaNotCurrent``.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from sync.server.errors import SchemaNotCurrent

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:  # pragma: no cover - the package always ships its migrations
        raise RuntimeError("no migrations are shipped")
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, target: str = "head") -> None:
    """Apply every migration up to ``target`` in one transaction per run."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, target)


def ensure_schema(engine: Engine, *, migrate: bool) -> None:
    """Migrate to the head if ``migrate``; otherwise raise ``SchemaNotCurrent`` unless there."""
    if migrate:
        upgrade(engine)
        return
    current, head = current_revision(engine), head_revision()
    if current != head:
        raise SchemaNotCurrent(current, head)
