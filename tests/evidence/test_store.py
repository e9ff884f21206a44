"""The content-addressed store: layout, dedup, atomic writes, crashes, damage, a full disk."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from field_audit.evidence import (
    DamagedPhoto,
    IngestedPhoto,
    Kind,
    Outcome,
    PhotoStore,
    RefusalCode,
    StorageFull,
    ingest_photo,
)
from tests.evidence.conftest import SMALL, FakeDisk, encode, noisy, snapshot


class SimulatedCrash(BaseException):
    """Stands for the process dying in the middle of a write."""


def a_photo(seed: int = 0) -> IngestedPhoto:
    return ingest_photo(encode(noisy((120, 90), seed)), options=SMALL)


def test_a_photo_is_filed_under_its_hash_fanned_out(store: PhotoStore) -> None:
    photo = a_photo()
    sha, thumb = photo.metadata.sha256, photo.metadata.thumbnail_sha256

    assert store.put(photo) is Outcome.STORED

    assert (store.root / "photos" / sha[:2] / sha).read_bytes() == photo.photo
    assert (store.root / "thumbnails" / thumb[:2] / thumb).read_bytes() == photo.thumbnail
    assert store.read(sha) == photo.photo
    assert store.read(thumb, kind=Kind.THUMBNAIL, verify=True) == photo.thumbnail
    assert store.contains(sha)


def test_the_same_photo_is_stored_once(store: PhotoStore) -> None:
    photo = a_photo()
    store.put(photo)
    before = snapshot(store.root)

    assert store.put(photo) is Outcome.DUPLICATE
    assert snapshot(store.root) == before
    assert list(store.hashes()) == [photo.metadata.sha256]


def test_a_missing_thumbnail_is_restored_by_putting_the_photo_again(store: PhotoStore) -> None:
    photo = a_photo()
    store.put(photo)
    store.delete(photo.metadata.thumbnail_sha256, kind=Kind.THUMBNAIL)

    assert store.put(photo) is Outcome.DUPLICATE
    assert store.contains(photo.metadata.thumbnail_sha256, kind=Kind.THUMBNAIL)


def test_bytes_that_do_not_match_their_digest_are_not_stored(store: PhotoStore) -> None:
    photo = a_photo()
    forged = IngestedPhoto(photo.metadata, photo.photo + b"x", photo.thumbnail)

    with pytest.raises(ValueError, match="hash"):
        store.put(forged)

    assert list(store.hashes()) == []
    assert list(store.hashes(kind=Kind.THUMBNAIL)) == []


def test_photo_bytes_from_elsewhere_are_stored_only_if_they_match(store: PhotoStore) -> None:
    photo = a_photo()
    sha = photo.metadata.sha256

    with pytest.raises(ValueError, match="hash"):
        store.put_verified(sha, photo.photo[:-1])
    assert store.put_verified(sha, photo.photo) is Outcome.STORED
    assert store.put_verified(sha, photo.photo) is Outcome.DUPLICATE
    assert store.read(sha, verify=True) == photo.photo


def test_reading_what_is_not_there_gives_none(store: PhotoStore) -> None:
    assert store.read("0" * 64) is None
    assert store.read("0" * 64, verify=True) is None
    assert not store.contains("0" * 64)


@pytest.mark.parametrize("bad", ["../../etc/passwd", "ABC", "A" * 64, "0" * 63, ""])
def test_a_malformed_hash_is_rejected_not_turned_into_a_path(store: PhotoStore, bad: str) -> None:
    with pytest.raises(ValueError, match="SHA-256"):
        store.read(bad)


def test_hashes_lists_every_photo_sorted_and_nothing_else(store: PhotoStore) -> None:
    photos = [a_photo(seed) for seed in range(3)]
    for photo in photos:
        store.put(photo)
    stray = store.root / "photos" / "ab"
    stray.mkdir(exist_ok=True)
    (stray / "notes.txt").write_text("not a photo")

    assert list(store.hashes()) == sorted(p.metadata.sha256 for p in photos)
    assert set(store.hashes(kind=Kind.THUMBNAIL)) == {p.metadata.thumbnail_sha256 for p in photos}


def test_delete_removes_a_photo_once(store: PhotoStore) -> None:
    photo = a_photo()
    store.put(photo)

    assert store.delete(photo.metadata.sha256) is True
    assert store.delete(photo.metadata.sha256) is False
    assert store.read(photo.metadata.sha256) is None
    assert store.contains(photo.metadata.thumbnail_sha256, kind=Kind.THUMBNAIL)


def damage(store: PhotoStore, sha256: str, kind: Kind = Kind.PHOTO) -> None:
    path = store.path(sha256, kind=kind)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


def test_a_damaged_photo_is_never_served_when_verified(store: PhotoStore) -> None:
    photo = a_photo()
    store.put(photo)
    damage(store, photo.metadata.sha256)

    with pytest.raises(DamagedPhoto) as caught:
        store.read(photo.metadata.sha256, verify=True)

    assert caught.value.sha256 == photo.metadata.sha256
    assert caught.value.kind == "photos"
    assert (
        caught.value.actual
        == hashlib.sha256(store.path(photo.metadata.sha256).read_bytes()).hexdigest()
    )


def test_check_all_lists_the_damaged_files(store: PhotoStore) -> None:
    good, bad = a_photo(0), a_photo(1)
    store.put(good)
    store.put(bad)
    assert store.check_all() == []
    damage(store, bad.metadata.sha256)
    damage(store, good.metadata.thumbnail_sha256, Kind.THUMBNAIL)

    found = {(d.kind, d.sha256) for d in store.check_all()}

    assert found == {
        ("photos", bad.metadata.sha256),
        ("thumbnails", good.metadata.thumbnail_sha256),
    }


def test_putting_a_damaged_photo_again_repairs_it(store: PhotoStore) -> None:
    photo = a_photo()
    store.put(photo)
    damage(store, photo.metadata.sha256)

    assert store.put(photo) is Outcome.STORED
    assert store.check_all() == []


@pytest.mark.parametrize("where", ["at once", "in the thumbnail", "in the photo"])
def test_a_full_disk_leaves_the_store_as_it_was(tmp_path: Path, where: str) -> None:
    root = tmp_path / "store"
    PhotoStore.open(root).put(a_photo(0))
    before = snapshot(root)
    photo = a_photo(1)
    thumb_size = len(photo.thumbnail)
    budget = {"at once": 0, "in the thumbnail": thumb_size // 2}.get(where, thumb_size + 100)
    store = PhotoStore.open(root, disk=FakeDisk(budget=budget))

    with pytest.raises(StorageFull) as caught:
        store.put(photo)

    assert caught.value.code is RefusalCode.DISK_FULL
    assert "full" in caught.value.refusal.english
    assert snapshot(root) == before


def test_a_full_disk_found_at_fsync_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    root = tmp_path / "store"
    disk = FakeDisk(fsync_error=OSError(errno.EDQUOT, "Disk quota exceeded"))
    store = PhotoStore.open(root, disk=disk)
    before = snapshot(root)

    with pytest.raises(StorageFull):
        store.put(a_photo())

    assert snapshot(root) == before


def test_other_disk_errors_are_not_mistaken_for_a_full_disk(tmp_path: Path) -> None:
    disk = FakeDisk(fsync_error=OSError(errno.EIO, "Input/output error"))
    store = PhotoStore.open(tmp_path / "store", disk=disk)

    with pytest.raises(OSError, match="Input/output") as caught:
        store.put(a_photo())

    assert not isinstance(caught.value, StorageFull)
    assert list(store.hashes()) == []


def test_a_write_interrupted_midway_leaves_no_file_under_the_real_name(tmp_path: Path) -> None:
    root = tmp_path / "store"
    store = PhotoStore.open(root, disk=FakeDisk(budget=700, crash=SimulatedCrash()))
    photo = a_photo()

    with pytest.raises(SimulatedCrash):
        store.put(photo)

    reopened = PhotoStore.open(root)
    assert not reopened.contains(photo.metadata.sha256)
    assert not reopened.contains(photo.metadata.thumbnail_sha256, kind=Kind.THUMBNAIL)
    assert not [p for p in root.rglob("*") if p.is_file()]


CRASHING_WRITER = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from field_audit.evidence import PhotoStore, ingest_photo

    class DiesMidway:
        def write(self, fd, data):
            os.write(fd, data[: len(data) // 2])
            os._exit(3)  # the process dies: no cleanup, no finally blocks

        def fsync(self, fd):
            os.fsync(fd)

        def replace(self, source, target):
            os.replace(source, target)

    store = PhotoStore.open(sys.argv[1], disk=DiesMidway())
    store.put(ingest_photo(Path(sys.argv[2]).read_bytes()))
    """
)


def test_after_a_real_crash_the_temp_file_is_removed_on_reopening(tmp_path: Path) -> None:
    root, source = tmp_path / "store", tmp_path / "photo.jpg"
    source.write_bytes(encode(noisy((120, 90))))
    env = {**os.environ, "PYTHONPATH": str(Path.cwd())}

    done = subprocess.run(
        [sys.executable, "-c", CRASHING_WRITER, str(root), str(source)], env=env, check=False
    )

    assert done.returncode == 3
    left = [p for p in root.rglob("*") if p.is_file()]
    assert len(left) == 1
    assert left[0].name.startswith(".tmp-")
    reopened = PhotoStore.open(root)
    assert reopened.removed_temp_files == 1
    assert not [p for p in root.rglob("*") if p.is_file()]
    assert list(reopened.hashes()) == []


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_photos_and_their_folders_are_the_owners_only(tmp_path: Path) -> None:
    previous = os.umask(0)  # the most careless umask: the modes come from the code
    try:
        store = PhotoStore.open(tmp_path / "evidence")
        photo = a_photo(3)
        store.put(photo)
    finally:
        os.umask(previous)
    sha = photo.metadata.sha256
    path = store.path(sha)
    folders = [store.root, store.root / "photos", store.root / "thumbnails", path.parent]
    assert [stat.S_IMODE(f.stat().st_mode) for f in folders] == [0o700] * 4
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
