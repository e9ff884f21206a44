"""Taking in many photos on both cores without blocking the caller (a UI thread).

``ingest_batch`` returns a ``Future`` at once. A background thread hands the photos to a pool of
two workers and is the only writer to the store. The workers are threads by default: Pillow,
pillow-heif and hashlib release the GIL while decoding, resizing, encoding and hashing, and
``scripts/bench/photos.py`` measured two threads at 1.7-1.8x one core on 12-MP photos, as fast
as a process pool, without its start-up, pickling and per-process memory. The writer stores results
in input order, so of two copies of one photo in a batch the first is STORED and the second a
DUPLICATE, and calls ``on_progress`` after each photo.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass

from field_audit.evidence.errors import PhotoRefused, Refusal, StorageFull
from field_audit.evidence.model import (
    IngestedPhoto,
    IngestOptions,
    Outcome,
    PhotoMetadata,
    PhotoSource,
)
from field_audit.evidence.photos import DEFAULT_OPTIONS, ingest_photo
from field_audit.evidence.store import PhotoStore

WORKERS = 2  # the devices have two cores; the store's writer thread needs little besides
_IN_FLIGHT = 2 * WORKERS  # photos decoded ahead of the writer: bounds the memory held


@dataclass(frozen=True, slots=True)
class BatchResult:
    """One photo's fate: ``metadata`` unless REFUSED, ``refusal`` only when REFUSED."""

    index: int
    outcome: Outcome
    metadata: PhotoMetadata | None = None
    refusal: Refusal | None = None


ProgressCallback = Callable[[int, BatchResult], object]  # its return value is ignored


@dataclass(frozen=True, slots=True)
class _Batch:
    store: PhotoStore
    sources: tuple[PhotoSource, ...]
    options: IngestOptions
    on_progress: ProgressCallback | None
    executor: Executor | None


def ingest_batch(
    store: PhotoStore,
    sources: Sequence[PhotoSource],
    *,
    options: IngestOptions = DEFAULT_OPTIONS,
    on_progress: ProgressCallback | None = None,
    executor: Executor | None = None,
) -> Future[list[BatchResult]]:
    """Start taking ``sources`` into ``store``; return at once.

    The future's result has one ``BatchResult`` per source, in order; a refused photo (disk
    full included) is a result, not an error. ``on_progress(index, result)`` runs on the batch's
    background thread, in index order. ``executor`` (e.g. a ``ProcessPoolExecutor``) replaces
    the default pool of two threads and is not shut down here. The future fails only on an
    unexpected error or when ``on_progress`` raises; cancelling it works until it starts.
    """
    batch = _Batch(store, tuple(sources), options, on_progress, executor)
    future: Future[list[BatchResult]] = Future()
    threading.Thread(target=_run, args=(batch, future), name="photo-batch", daemon=True).start()
    return future


def _run(batch: _Batch, future: Future[list[BatchResult]]) -> None:
    if not future.set_running_or_notify_cancel():
        return
    try:
        results = _ingest_all(batch)
    except BaseException as exc:  # handed to whoever waits on the future
        future.set_exception(exc)
    else:
        future.set_result(results)


def _ingest_all(batch: _Batch) -> list[BatchResult]:
    if batch.executor is not None:
        return _store_all(batch, batch.executor)
    with ThreadPoolExecutor(WORKERS, thread_name_prefix="photo-ingest") as pool:
        try:
            return _store_all(batch, pool)
        except BaseException:
            pool.shutdown(cancel_futures=True)
            raise


def _store_all(batch: _Batch, executor: Executor) -> list[BatchResult]:
    results = []
    for index, work in enumerate(_worked(batch, executor)):
        result = _stored(batch.store, index, work)
        if batch.on_progress is not None:
            batch.on_progress(index, result)
        results.append(result)
    return results


def _worked(batch: _Batch, executor: Executor) -> Iterator[IngestedPhoto | Refusal]:
    """Each source's ingest result, in order, with at most ``_IN_FLIGHT`` submitted ahead."""
    pending: deque[Future[IngestedPhoto | Refusal]] = deque()
    for source in batch.sources:
        pending.append(executor.submit(ingest_or_refusal, source, batch.options))
        if len(pending) >= _IN_FLIGHT:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def ingest_or_refusal(source: PhotoSource, options: IngestOptions) -> IngestedPhoto | Refusal:
    """``ingest_photo`` with a refusal returned as data (picklable, for a process pool)."""
    try:
        return ingest_photo(source, options=options)
    except PhotoRefused as refused:
        return refused.refusal


def _stored(store: PhotoStore, index: int, work: IngestedPhoto | Refusal) -> BatchResult:
    if isinstance(work, Refusal):
        return BatchResult(index, Outcome.REFUSED, refusal=work)
    try:
        outcome = store.put(work)
    except StorageFull as full:
        return BatchResult(index, Outcome.REFUSED, refusal=full.refusal)
    return BatchResult(index, outcome, metadata=work.metadata)
