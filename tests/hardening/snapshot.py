"""What a device or the central store holds, as one value to compare before and after an attack:
every row of every table, and the SHA-256 of every file under its folders."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from sync.server.models import METADATA

SPENT_NONCES = "nonce"  # a signed request spends its nonce even when refused: a replay is refused


def files(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (its path inside, its SHA-256); temp files included."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def device_database(path: Path) -> list[str]:
    """The device database as SQL text (``iterdump``), which names every row."""
    with sqlite3.connect(path) as connection:
        return list(connection.iterdump())


def central_database(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the central store, but the spent nonces."""
    rows = {}
    with engine.connect() as connection:
        for table in METADATA.sorted_tables:
            if table.name != SPENT_NONCES:
                found = connection.execute(select(table)).all()
                rows[table.name] = sorted((tuple(r) for r in found), key=repr)
    return rows
