"""The parts of one device's data folder, opened together: database, photo store, keys.

<data dir>/field-audit.sqlite3   the device database
<data dir>/evidence/             the content-addressed photo store
<data dir>/keys/                 the inspector's passphrase-sealed key
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from field_audit.evidence.store import PhotoStore
from field_audit.signing import keys_dir_in
from field_audit.storage.database import Database, open_database

EVIDENCE_FOLDER = "evidence"


@dataclass(frozen=True)
class Device:
    data_dir: Path
    db: Database
    photos: PhotoStore

    @property
    def keys_dir(self) -> Path:
        return keys_dir_in(self.data_dir)

    def close(self) -> None:
        self.db.close()


def open_device(data_dir: Path) -> Device:
    """Open (creating and migrating as needed) the device's database and photo store."""
    db = open_database(data_dir)
    return Device(data_dir, db, PhotoStore.open(data_dir / EVIDENCE_FOLDER))
