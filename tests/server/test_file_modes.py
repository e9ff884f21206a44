"""The central store's embedded SQLite database (with its -wal and -shm files) and its local
photo blobs are readable by their owner only: files 0o600, folders 0o700, whatever the umask."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from sync.server.app import build_app
from sync.server.central import open_central
from sync.server.settings import Settings
from tests.server.helpers import ADMIN_TOKEN, Api, build_world

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The most careless umask, to prove the modes come from the code, not the environment."""
    previous = os.umask(0)
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("open_umask")
def test_the_embedded_database_and_the_photos_are_the_owners_only(tmp_path: Path) -> None:
    data_dir = tmp_path / "central"
    central = open_central(Settings(data_dir=data_dir, admin_token=ADMIN_TOKEN, auto_migrate=True))
    api = Api(build_app(central))
    try:
        world = build_world(central, api)
        photo = os.urandom(50_000)
        sha = hashlib.sha256(photo).hexdigest()
        half = world.member_a.send_chunk(sha, photo[:20_000], offset=0, length=len(photo))
        assert half.status_code == 200, half.text
        blobs = data_dir / "blobs"
        assert mode(blobs / "partial" / sha) == 0o600  # an unfinished upload too
        world.member_a.send_chunk(sha, photo[20_000:], offset=20_000, length=len(photo))
        database = data_dir / "central.sqlite3"
        files = [database, *(database.with_name(database.name + s) for s in ("-wal", "-shm"))]
        assert [mode(path) for path in files] == [0o600] * 3
        assert mode(blobs / "photos" / sha[:2] / sha) == 0o600
        folders = [data_dir, blobs, blobs / "photos", blobs / "partial", blobs / "photos" / sha[:2]]
        assert [mode(folder) for folder in folders] == [0o700] * len(folders)
    finally:
        api.close()
        central.close()
