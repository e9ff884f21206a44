"""The device database and its -wal and -shm files are readable by their owner only (0o600),
in a 0o700 folder, as the inspector's photos and key are; an older, open database is tightened
when the app opens it."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from field_audit.storage.database import DATABASE_FILE, open_database
from field_audit.storage.models import InspectorProfile, now_utc

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The most careless umask, to prove the modes come from the code, not the environment."""
    previous = os.umask(0)
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def written(data_dir: Path) -> list[Path]:
    """Open the database, write a row and keep it open: the -wal and -shm files exist."""
    db = open_database(data_dir)
    with db.session() as session:
        session.add(InspectorProfile(id="insp-a", name="ผู้ตรวจ", created_at=now_utc()))
        session.commit()
    files = [data_dir / f"{DATABASE_FILE}{suffix}" for suffix in ("", "-wal", "-shm")]
    assert all(path.exists() for path in files)
    modes = [mode(path) for path in files]
    db.close()
    assert modes == [0o600, 0o600, 0o600]
    return files


@pytest.mark.usefixtures("open_umask")
def test_a_new_device_database_is_its_owners_only(tmp_path: Path) -> None:
    data_dir = tmp_path / "device"
    written(data_dir)
    assert mode(data_dir) == 0o700


@pytest.mark.usefixtures("open_umask")
def test_an_older_world_readable_database_is_tightened_on_opening(tmp_path: Path) -> None:
    data_dir = tmp_path / "device"
    files = written(data_dir)
    for path in files:
        if path.exists():
            path.chmod(0o644)
    db = open_database(data_dir)
    assert [mode(path) for path in files if path.exists()] == [0o600] * sum(
        path.exists() for path in files
    )
    db.close()
