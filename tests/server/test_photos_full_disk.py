"""A full blob folder while a photo chunk is written: 503 STORAGE_FULL with Retry-After, and
nothing of the unverified chunk kept (the offset the store reports is what it was)."""

from __future__ import annotations

import errno
import hashlib
import os
from collections.abc import Iterator

import httpx
import pytest

from sync.server.blobs import LocalBlobStore
from sync.server.central import Central, open_central
from sync.server.models import PhotoRecord
from sync.server.settings import Settings
from tests.server.helpers import World

PHOTO = os.urandom(1_000_000)
SHA = hashlib.sha256(PHOTO).hexdigest()
ROOM = 600_000


class FillingDisk:
    """``os.write`` on a disk with ``room`` bytes left: it writes what fits, then answers
    ENOSPC, as a full file system does. Only the blob store under test writes through it (its
    ``write`` seam); nothing else is patched, and the bytes that fit really are on disk."""

    def __init__(self, room: int) -> None:
        self.room = room

    def __call__(self, fd: int, data: memoryview) -> int:
        if self.room <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        written = os.write(fd, data[: self.room])
        self.room -= written
        return written


@pytest.fixture
def disk() -> FillingDisk:
    return FillingDisk(ROOM)


@pytest.fixture
def central(settings: Settings, disk: FillingDisk) -> Iterator[Central]:
    opened = open_central(settings, blobs=LocalBlobStore(settings.blob_path, write=disk))
    yield opened
    opened.close()


def partial_size(central: Central) -> int:
    path = central.settings.blob_path / "partial" / SHA
    return path.stat().st_size if path.exists() else 0


def assert_storage_full(answer: httpx.Response) -> None:
    assert answer.status_code == 503, answer.text
    assert answer.headers["content-type"] == "application/json"
    assert answer.headers["Retry-After"] == "300"
    body = answer.json()
    assert body["code"] == "STORAGE_FULL"
    assert body["message"] == (
        "the central store has no room for photos just now; nothing of this chunk was kept:"
        " try again later"
    )


def test_a_full_disk_mid_chunk_keeps_nothing_of_it(world: World) -> None:
    device = world.member_a
    answer = device.send_chunk(SHA, PHOTO, offset=0, length=len(PHOTO))
    assert_storage_full(answer)
    assert partial_size(world.central) == 0
    state = device.get(f"/v1/photos/{SHA}").json()
    assert state == {"sha256": SHA, "offset": 0, "complete": False}
    with world.central.session() as session:
        assert session.get(PhotoRecord, SHA) is None


def test_a_full_disk_on_a_resumed_upload_keeps_what_was_held(
    world: World, disk: FillingDisk
) -> None:
    device, first = world.member_a, 400_000
    assert device.send_chunk(SHA, PHOTO[:first], offset=0, length=len(PHOTO)).status_code == 200
    answer = device.send_chunk(SHA, PHOTO[first:], offset=first, length=len(PHOTO))
    assert_storage_full(answer)
    assert partial_size(world.central) == first
    assert device.get(f"/v1/photos/{SHA}").json()["offset"] == first
    disk.room = len(PHOTO)  # room made: the same chunk goes in and the photo is whole
    rest = device.send_chunk(SHA, PHOTO[first:], offset=first, length=len(PHOTO))
    assert rest.json() == {"sha256": SHA, "offset": len(PHOTO), "complete": True}
    assert b"".join(world.central.blobs.read(SHA)) == PHOTO
