"""Pushing the outbox: each sealed result with the photos it names, photos first.

A refused item is kept, marked with the server's code and reason, and does not block the
others. When the network fails, the run waits and retries with exponential backoff, then stops
and leaves the rest waiting, the item it was sending not due again until the backoff's next
wait is over: a later run skips it until then (``PushReport.deferred``) unless the inspector
sent again now (``retry_refused``). ``clock`` is the device's idea of now (a test moves it).
Nothing leaves the device until the server has confirmed it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial

from field_audit.evidence.store import PhotoStore
from field_audit.storage.database import Database
from field_audit.storage.models import OutboxItem, SealedResultRecord, now_utc
from field_audit.storage.outbox import (
    is_due,
    mark_attempt_failed,
    mark_refused,
    mark_sent,
    pending_items,
    waiting_items,
)
from field_audit.storage.sealed import get_sealed
from field_audit.sync_client.errors import Refused, SyncError, Unreachable
from field_audit.sync_client.http import CentralClient
from field_audit.sync_client.transfer import missing_photos, push_result, upload_photo
from field_audit.syncing.identity import adopt_enrolled_identity
from sync.protocol.sealed import (
    COMMITTEE_RESULT,
    CommitteeResult,
    Envelope,
    parse_result,
    photos_named,
)


@dataclass
class PushProgress:
    """What the UI shows while a push runs: items and bytes, done of total."""

    items_total: int = 0
    items_done: int = 0
    bytes_total: int = 0
    bytes_sent: int = 0
    current: str = ""


@dataclass
class PushReport:
    sent: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)
    deferred: list[str] = field(default_factory=list)  # waiting out a network failure's backoff
    stopped: str | None = None  # why the run stopped early (the network, the key), if it did
    stopped_code: str | None = None  # the store's code when it refused this device's key


@dataclass(frozen=True)
class Backoff:
    """Waits between attempts when the network fails: base, 2 x base, 4 x base ..."""

    attempts: int = 4
    base_seconds: float = 1.0
    sleep: Callable[[float], object] = time.sleep

    def delay(self, attempt: int) -> float:
        return self.base_seconds * (1 << attempt)


DEFAULT_BACKOFF = Backoff()
Progress = Callable[[PushProgress], object]
Clock = Callable[[], datetime]


def push_outbox(
    db: Database,
    store: PhotoStore,
    client: CentralClient,
    *,
    backoff: Backoff = DEFAULT_BACKOFF,
    on_progress: Progress | None = None,
    clock: Clock = now_utc,
) -> PushReport:
    """Send every waiting item that is due; returns what was sent, refused and left to wait,
    and whether the run stopped."""
    now = clock()
    items = pending_items(db, now=now)
    run = _Run(db, store, client, PushProgress(items_total=len(items)), on_progress)
    report = PushReport(deferred=[i.ref for i in waiting_items(db) if not is_due(i, now)])
    for item in items:
        run.progress.current = item.ref
        outcome = _with_retries(partial(run.send_item, item), backoff)
        if isinstance(outcome, Unreachable):
            mark_attempt_failed(db, _id(item), str(outcome), retry_at=_later(backoff, clock()))
            report.stopped = str(outcome)
            break
        _record_outcome(db, item, outcome, report)
        run.progress.items_done += 1
        run.tell()
    return report


def confirm_identity(
    db: Database, client: CentralClient, backoff: Backoff, clock: Clock = now_utc
) -> PushReport | None:
    """Learn whose key this is before pushing (``adopt_enrolled_identity``), retrying a failing
    network like any item; None when the push may go ahead, else the report of a push that
    stopped: a key the store refuses (unknown, revoked) leaves every item as it was, and an
    unreachable store is noted on the first waiting item, as a push would note it."""
    outcome = _with_retries(partial(adopt_enrolled_identity, db, client), backoff)
    if outcome is None:
        return None
    if isinstance(outcome, Refused):
        return PushReport(stopped=str(outcome), stopped_code=outcome.code)
    items = pending_items(db, now=clock())
    if items:
        mark_attempt_failed(db, _id(items[0]), str(outcome), retry_at=_later(backoff, clock()))
    return PushReport(stopped=str(outcome))


def _record_outcome(
    db: Database, item: OutboxItem, outcome: SyncError | None, report: PushReport
) -> None:
    if outcome is None:
        mark_sent(db, _id(item))
        report.sent.append(item.ref)
    else:
        reason = f"{getattr(outcome, 'code', 'ERROR')}: {outcome}"
        mark_refused(db, _id(item), reason)
        report.refused.append((item.ref, reason))


def _with_retries(send: Callable[[], None], backoff: Backoff) -> SyncError | None:
    """None when sent; the refusal when refused for good; Unreachable after the last attempt."""
    failure: SyncError = Unreachable("no attempt was made")
    for attempt in range(backoff.attempts):
        try:
            send()
            return None
        except Refused as refused:
            if not refused.transient:
                return refused
            failure = refused
        except Unreachable as unreachable:
            failure = unreachable
        if attempt + 1 < backoff.attempts:
            backoff.sleep(backoff.delay(attempt))
    return failure if isinstance(failure, Unreachable) else Unreachable(str(failure))


@dataclass
class _Run:
    """One push: where things come from and go to, and the progress so far."""

    db: Database
    store: PhotoStore
    client: CentralClient
    progress: PushProgress
    on_progress: Progress | None

    def tell(self) -> None:
        if self.on_progress is not None:
            self.on_progress(self.progress)

    def send_item(self, item: OutboxItem) -> None:
        record = get_sealed(self.db, item.ref)
        if record is None:
            raise Refused("NOT_ON_DEVICE", "the sealed result is missing on this device", 0, {})
        for needed in self._rests_on(record):
            self.send_result(needed)
        self.send_result(record)

    def _rests_on(self, record: SealedResultRecord) -> list[SealedResultRecord]:
        """A committee result's members' audits go first (the chair relays them if need be)."""
        if record.kind != COMMITTEE_RESULT:
            return []
        result = parse_result(record.payload, expected_type=COMMITTEE_RESULT)
        assert isinstance(result, CommitteeResult)  # the type was asked for
        hashes = [m.audit_hash for m in result.counted]
        return [r for h in hashes if (r := get_sealed(self.db, h)) is not None]

    def send_result(self, record: SealedResultRecord) -> None:
        named = {p.sha256: p.byte_size for p in photos_named(parse_result(record.payload))}
        lacking = missing_photos(self.client, list(named))
        self.progress.bytes_total += sum(named[sha] for sha in lacking)
        self.tell()
        for sha256, held in lacking.items():
            path = self.store.path(sha256)
            upload_photo(self.client, sha256, path, held=held, on_bytes=self._sent)
        envelope = Envelope(signature=record.signature, public_key=record.public_key)
        push_result(self.client, record.payload, envelope)

    def _sent(self, count: int) -> None:
        self.progress.bytes_sent += count
        self.tell()


def _later(backoff: Backoff, now: datetime) -> datetime:
    """When an item that met a network failure at ``now`` is due again."""
    return now + timedelta(seconds=backoff.delay(backoff.attempts))


def _id(item: OutboxItem) -> int:
    assert item.id is not None  # rows read from the database always have their id
    return item.id
