"""One conformance suite for the blob stores: the local folder always, S3 through moto."""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import anyio
import pytest

from sync.server.blobs import BlobStore, LocalBlobStore
from sync.server.errors import CentralError

DATA = os.urandom(200_000)
SHA = hashlib.sha256(DATA).hexdigest()


@pytest.fixture(params=["local", "s3"])
def blobs(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[BlobStore]:
    if request.param == "local":
        yield LocalBlobStore(tmp_path / "blobs")
        return
    moto = pytest.importorskip("moto")
    boto3 = pytest.importorskip("boto3")
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    from sync.server.blobs_s3 import S3BlobStore

    with moto.mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket="gecc-photos")
        yield S3BlobStore(client, "gecc-photos", "test/")


async def _chunks(*parts: bytes, fail_after: int | None = None) -> AsyncIterator[bytes]:
    for index, part in enumerate(parts):
        if fail_after is not None and index == fail_after:
            raise ConnectionResetError("the client went away")
        yield part


def append(blobs: BlobStore, offset: int, *parts: bytes, limit: int = 10**9, **options: Any) -> int:
    expected = options.pop("expected", None)
    chunks = _chunks(*parts, **options)
    return anyio.run(
        lambda: blobs.append(SHA, offset, chunks, limit=limit, expected_sha256=expected)
    )


def test_chunks_appended_then_finished_make_the_blob(blobs: BlobStore) -> None:
    assert (blobs.held(SHA), blobs.has(SHA)) == (0, False)
    assert append(blobs, 0, DATA[:1000], DATA[1000:5000]) == 5000
    assert blobs.held(SHA) == 5000
    assert append(blobs, 5000, DATA[5000:], expected=hashlib.sha256(DATA[5000:]).digest()) == len(
        DATA
    )
    assert blobs.finish(SHA) == len(DATA)
    assert (blobs.has(SHA), blobs.held(SHA)) == (True, 0)
    assert b"".join(blobs.read(SHA)) == DATA


def test_refused_chunks_leave_the_held_bytes_as_they_were(blobs: BlobStore) -> None:
    append(blobs, 0, DATA[:100])
    cases = [
        ({"offset": 50, "parts": (DATA[50:60],)}, "UPLOAD_OFFSET_MISMATCH"),
        ({"offset": 100, "parts": (DATA[100:200],), "limit": 50}, "PHOTO_TOO_LARGE"),
        ({"offset": 100, "parts": (DATA[100:200],), "expected": b"\0" * 32}, "BAD_SIGNATURE"),
    ]
    for case, code in cases:
        options = {k: v for k, v in case.items() if k in ("limit", "expected")}
        with pytest.raises(CentralError) as error:
            append(blobs, case["offset"], *case["parts"], **options)  # type: ignore[arg-type]
        assert error.value.code == code
        assert blobs.held(SHA) == 100


def test_bytes_with_another_hash_are_discarded_at_the_finish(blobs: BlobStore) -> None:
    append(blobs, 0, DATA[:-1] + b"!")
    with pytest.raises(CentralError) as error:
        blobs.finish(SHA)
    assert error.value.code == "PHOTO_HASH_MISMATCH"
    assert (blobs.held(SHA), blobs.has(SHA)) == (0, False)


def test_a_cut_chunk_leaves_a_consistent_offset_to_resume_from(blobs: BlobStore) -> None:
    append(blobs, 0, DATA[:100])
    with pytest.raises(ConnectionResetError):
        append(blobs, 100, DATA[100:150], DATA[150:200], fail_after=1)
    held = blobs.held(SHA)
    assert held in (100, 150)
    append(blobs, held, DATA[held:])
    assert blobs.finish(SHA) == len(DATA)


def test_a_large_photo_goes_to_s3_in_several_parts(
    blobs: BlobStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sync.server import blobs_s3

    if not isinstance(blobs, blobs_s3.S3BlobStore):
        pytest.skip("multipart uploads are the S3 backend's")
    monkeypatch.setattr(blobs_s3, "PART_SIZE", 5 * 1024 * 1024)
    large = os.urandom(11 * 1024 * 1024 + 7)
    sha = hashlib.sha256(large).hexdigest()
    parts = [large[i : i + 3_000_000] for i in range(0, len(large), 3_000_000)]
    held = 0
    for part in parts:
        held = anyio.run(
            functools.partial(
                blobs.append, sha, held, _chunks(part), limit=len(large), expected_sha256=None
            )
        )
    assert blobs.finish(sha) == len(large)
    assert hashlib.sha256(b"".join(blobs.read(sha))).hexdigest() == sha


def test_the_store_lists_complete_blobs_only_and_says_it_answers(blobs: BlobStore) -> None:
    assert (list(blobs.names()), blobs.problem()) == ([], None)
    append(blobs, 0, DATA[:100])
    assert list(blobs.names()) == []  # a partial upload is not a blob
    append(blobs, 100, DATA[100:])
    blobs.finish(SHA)
    assert list(blobs.names()) == [SHA]


def test_a_store_that_cannot_be_used_says_why(tmp_path: Path) -> None:
    store = LocalBlobStore(tmp_path / "blobs")
    (tmp_path / "blobs" / "photos").rmdir()
    assert "is missing" in (store.problem() or "")


def test_a_bucket_that_is_gone_is_a_problem(blobs: BlobStore) -> None:
    from sync.server import blobs_s3

    if not isinstance(blobs, blobs_s3.S3BlobStore):
        pytest.skip("buckets are the S3 backend's")
    blobs.client.delete_bucket(Bucket=blobs.bucket)
    assert "does not answer" in (blobs.problem() or "")
