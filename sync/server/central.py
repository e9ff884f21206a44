"""The composition root's product: the engine, the blob store, the issuing key and the
settings, built once.

``open_central(settings)`` is what ``create_app`` and the office commands call: it checks the
settings, builds the engine (never at import time), brings the schema to the head or refuses
(see ``sync.server.schema``), and opens the blob store. The issuing key is unlocked lazily, on
the first certificate or revocation, and kept in the ``Issuer`` (``sync.server.issuer``).
``clock`` is the store's idea of now (tests may set another). Tests build their own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine
from sqlmodel import Session

from sync.server.blobs import BlobStore, open_blob_store
from sync.server.database import database_errors, make_engine, new_session
from sync.server.issuer import Issuer
from sync.server.models import now_utc
from sync.server.schema import ensure_schema
from sync.server.settings import Settings
from sync.server.store.editions import EditionCache


@dataclass
class Central:
    """Everything a request or a command needs; holds no per-request or per-upload state."""

    settings: Settings
    engine: Engine
    blobs: BlobStore
    issuer: Issuer
    editions: EditionCache = field(default_factory=EditionCache)
    clock: Callable[[], datetime] = now_utc

    def session(self) -> Session:
        return new_session(self.engine)

    def close(self) -> None:
        self.issuer.forget()
        self.engine.dispose()


def open_central(settings: Settings, *, blobs: BlobStore | None = None) -> Central:
    """Check the settings, open the database (migrated or refused) and the blob store; a
    database that cannot be used is ``DatabaseUnusable``."""
    settings.check()
    engine = make_engine(settings.sqlalchemy_url, pool_size=settings.db_pool_size)
    try:
        with database_errors(engine):
            ensure_schema(engine, migrate=settings.migrates_on_start)
        store = blobs if blobs is not None else open_blob_store(settings)
    except BaseException:
        engine.dispose()
        raise
    issuer = Issuer(settings.issuing_key_file, settings.issuing_key_passphrase)
    return Central(settings=settings, engine=engine, blobs=store, issuer=issuer)
