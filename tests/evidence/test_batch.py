"""The batch API: returns at once, keeps order, reports progress, duplicates and refusals."""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from field_audit.evidence import (
    BatchResult,
    Outcome,
    PhotoSource,
    PhotoStore,
    RefusalCode,
    ingest_batch,
)
from tests.evidence.conftest import SMALL, FakeDisk, encode, noisy, snapshot

WAIT = 60  # seconds: only a guard against a hung test, never a measurement


@pytest.fixture
def sources(tmp_path: Path) -> list[PhotoSource]:
    """A photo, a non-photo, the first photo again, and a PNG by path."""
    png = tmp_path / "second.png"
    png.write_bytes(encode(noisy((90, 120), 2), "PNG"))
    first = encode(noisy((120, 90), 1))
    return [first, b"not a photo at all", first, png]


def test_results_come_in_order_with_duplicates_and_refusals(
    store: PhotoStore, sources: list[PhotoSource]
) -> None:
    results = ingest_batch(store, sources, options=SMALL).result(timeout=WAIT)

    assert [r.index for r in results] == [0, 1, 2, 3]
    assert [r.outcome for r in results] == [
        Outcome.STORED,
        Outcome.REFUSED,
        Outcome.DUPLICATE,
        Outcome.STORED,
    ]
    first, refused, again, png = results
    assert refused.refusal is not None
    assert refused.refusal.code is RefusalCode.NOT_AN_IMAGE
    assert refused.metadata is None
    assert first.metadata is not None
    assert again.metadata == first.metadata
    assert png.metadata is not None
    assert (png.metadata.width, png.metadata.height) == (48, 64)
    assert sorted(store.hashes()) == sorted([first.metadata.sha256, png.metadata.sha256])


def test_progress_is_reported_for_every_photo_in_order(
    store: PhotoStore, sources: list[PhotoSource]
) -> None:
    seen: list[tuple[int, BatchResult]] = []

    results = ingest_batch(
        store, sources, options=SMALL, on_progress=lambda i, r: seen.append((i, r))
    ).result(timeout=WAIT)

    assert seen == list(enumerate(results))


def test_the_call_returns_before_the_work_is_done(
    store: PhotoStore, sources: list[PhotoSource]
) -> None:
    gate = threading.Event()

    future = ingest_batch(store, sources, options=SMALL, on_progress=lambda i, r: gate.wait(WAIT))

    assert not future.done()  # the batch cannot finish until this thread opens the gate
    gate.set()
    assert len(future.result(timeout=WAIT)) == 4


def test_an_empty_batch_gives_no_results(store: PhotoStore) -> None:
    assert ingest_batch(store, []).result(timeout=WAIT) == []


def test_a_full_disk_refuses_the_photos_and_changes_nothing(
    tmp_path: Path, sources: list[PhotoSource]
) -> None:
    root = tmp_path / "full"
    store = PhotoStore.open(root, disk=FakeDisk(budget=0))
    before = snapshot(root)

    results = ingest_batch(store, sources, options=SMALL).result(timeout=WAIT)

    codes = [r.refusal.code if r.refusal else None for r in results]
    assert codes == [
        RefusalCode.DISK_FULL,
        RefusalCode.NOT_AN_IMAGE,
        RefusalCode.DISK_FULL,
        RefusalCode.DISK_FULL,
    ]
    assert snapshot(root) == before


def test_a_failing_progress_callback_fails_the_batch(
    store: PhotoStore, sources: list[PhotoSource]
) -> None:
    def broken(index: int, result: BatchResult) -> None:
        raise RuntimeError("the screen went away")

    future = ingest_batch(store, sources, options=SMALL, on_progress=broken)

    with pytest.raises(RuntimeError, match="screen"):
        future.result(timeout=WAIT)


def test_a_process_pool_can_do_the_work(store: PhotoStore, sources: list[PhotoSource]) -> None:
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=2, mp_context=spawn) as pool:
        results = ingest_batch(store, sources, options=SMALL, executor=pool).result(timeout=WAIT)

    assert [r.outcome for r in results] == [
        Outcome.STORED,
        Outcome.REFUSED,
        Outcome.DUPLICATE,
        Outcome.STORED,
    ]
