"""One sync: push the outbox, then pull; the run and its outcome are logged on the device."""

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
    Progress,
    PushReport,
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
) -> SyncReport:
    """Push, then pull (unless the network failed); never raises for a network failure."""
    run = SyncRun(started_at=now_utc())
    push = push_outbox(db, store, client, backoff=backoff, on_progress=on_progress)
    pulled, error = 0, push.stopped
    if error is None:
        try:
            pulled = pull_all(db, client)
        except SyncError as failure:
            error = str(failure)
    run.finished_at, run.sent, run.refused = now_utc(), len(push.sent), len(push.refused)
    run.pulled, run.error = pulled, error
    record_sync_run(db, run)
    return SyncReport(push, pulled, error)
