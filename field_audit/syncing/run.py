"""One sync: learn whose key this is, push the outbox, then pull; the run and its outcome are
logged on the device. A key the store does not accept (unknown, revoked) stops the run before
anything is sent, so nothing waiting is marked refused for it."""

from __future__ import annotations

from dataclasses import dataclass

from field_audit.evidence.store import PhotoStore
from field_audit.storage.database import Database
from field_audit.storage.directory import record_sync_run
from field_audit.storage.models import SyncRun, now_utc
from field_audit.sync_client.errors import SyncError
from field_audit.sync_client.http import CentralClient
from field_audit.syncing.pull import pull_all
from field_audit.syncing.push import (
    DEFAULT_BACKOFF,
    Backoff,
    Clock,
    Progress,
    PushReport,
    confirm_identity,
    push_outbox,
)


@dataclass(frozen=True)
class SyncReport:
    push: PushReport
    pulled: int
    error: str | None


def sync_now(
    db: Database,
    store: PhotoStore,
    client: CentralClient,
    *,
    backoff: Backoff = DEFAULT_BACKOFF,
    on_progress: Progress | None = None,
    clock: Clock = now_utc,
) -> SyncReport:
    """Push, then pull (unless the network failed); never raises for a network failure.
    Items still waiting out a network failure's backoff at ``clock()`` are left for later."""
    run = SyncRun(started_at=now_utc())
    stopped = confirm_identity(db, client, backoff, clock)
    if stopped is not None:
        return _finished(db, run, stopped, 0, stopped.stopped)
    push = push_outbox(db, store, client, backoff=backoff, on_progress=on_progress, clock=clock)
    pulled, error = 0, push.stopped
    if error is None:
        try:
            pulled = pull_all(db, client)
        except SyncError as failure:
            error = str(failure)
    return _finished(db, run, push, pulled, error)


def _finished(
    db: Database, run: SyncRun, push: PushReport, pulled: int, error: str | None
) -> SyncReport:
    run.finished_at, run.sent, run.refused = now_utc(), len(push.sent), len(push.refused)
    run.pulled, run.error = pulled, error
    record_sync_run(db, run)
    return SyncReport(push, pulled, error)
