"""The sync screen's work on the device: what waits in the outbox (why an item was refused, or
until when it waits after a network failure), the last sync, a sync run with progress, and
sending again now (refused items queued again, waiting ones freed from their backoff).

The central store is reached over an ``httpx.Client`` made by ``http`` for its address, so a
test hands the real server app in process; requests are signed with the inspector's key,
which the caller unlocked and keeps in memory only.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import httpx

from field_audit.evidence.store import PhotoStore
from field_audit.storage.assignments import list_assignments
from field_audit.storage.database import Database
from field_audit.storage.directory import last_sync_run
from field_audit.storage.models import SealedResultRecord, now_utc
from field_audit.storage.outbox import all_items, is_due, retry_refused
from field_audit.storage.sealed import get_sealed
from field_audit.sync_client.http import CentralClient, RequestKey
from field_audit.syncing.push import DEFAULT_BACKOFF, Backoff, Clock, Progress
from field_audit.syncing.run import SyncReport, sync_now
from sync.protocol.errors import ProtocolError
from sync.protocol.sealed import Result, parse_result

SYNC_TIMEOUT_S = 60.0
ClientFactory = Callable[[str], httpx.Client]
_CODED = re.compile(r"([A-Z][A-Z0-9_]+): (.*)", re.DOTALL)


def default_http(url: str) -> httpx.Client:
    return httpx.Client(base_url=url, timeout=SYNC_TIMEOUT_S)


@dataclass(frozen=True)
class OutboxLine:
    """One sealed result waiting to go, sent, or refused (with the server's code and words)."""

    item_id: int
    ref: str
    kind: str
    state: str
    lao_th: str
    lao_en: str
    revision: int
    attempts: int
    reason_code: str | None
    reason_detail: str | None
    waits_until: datetime | None = None  # not sent before then (a network failure's backoff)


@dataclass(frozen=True)
class LastRun:
    started_at: datetime
    finished_at: datetime | None
    sent: int
    refused: int
    pulled: int
    error: str | None


class SyncDesk:
    """Sync for one device: its database and photo store; ``http`` makes the HTTP client."""

    def __init__(
        self,
        db: Database,
        store: PhotoStore,
        *,
        http: ClientFactory = default_http,
        backoff: Backoff = DEFAULT_BACKOFF,
        clock: Clock = now_utc,
    ) -> None:
        self.db = db
        self.store = store
        self._http = http
        self._backoff = backoff
        self._clock = clock

    def outbox(self) -> list[OutboxLine]:
        """Every outbox item, newest first."""
        views = list_assignments(self.db, inspector_id="")
        names = {v.lao.id: (v.lao.name_th, v.lao.name_en) for v in views}
        lines = []
        for item in reversed(all_items(self.db)):
            result = _readable(get_sealed(self.db, item.ref))
            lao_id, lao_th = (result.lao.id, result.lao.name_th) if result else ("", "")
            th, en = names.get(lao_id, (lao_th, lao_th))
            code, detail = split_reason(item.last_error)
            assert item.id is not None  # rows read from the database have their id
            lines.append(
                OutboxLine(
                    item_id=item.id,
                    ref=item.ref,
                    kind=item.kind,
                    state=item.state,
                    lao_th=th or item.ref[:12],
                    lao_en=en or th or item.ref[:12],
                    revision=result.revision if result else 1,
                    attempts=item.attempts,
                    reason_code=code,
                    reason_detail=detail,
                    waits_until=None if is_due(item, self._clock()) else item.next_attempt_at,
                )
            )
        return lines

    def last_run(self) -> LastRun | None:
        run = last_sync_run(self.db)
        if run is None:
            return None
        return LastRun(
            run.started_at, run.finished_at, run.sent, run.refused, run.pulled, run.error
        )

    def sync(self, url: str, key: RequestKey, on_progress: Progress | None = None) -> SyncReport:
        """Push the outbox, then pull; blocks (call it off the UI thread)."""
        with self._http(url) as http:
            client = CentralClient(http, key)
            return sync_now(
                self.db,
                self.store,
                client,
                backoff=self._backoff,
                on_progress=on_progress,
                clock=self._clock,
            )

    def retry_refused(self) -> int:
        """Send again now: refused items queued again, waiting ones freed from their backoff;
        returns how many were refused."""
        return retry_refused(self.db, now=self._clock())


def split_reason(text: str | None) -> tuple[str | None, str | None]:
    """``"CODE: words"`` as the push records a refusal -> (code, words); else (None, text)."""
    if not text:
        return None, None
    coded = _CODED.fullmatch(text)
    if coded is None:
        return None, text
    code, words = coded.group(1), coded.group(2)
    return code, words.removeprefix(f"{code}: ")  # a refusal's own text repeats its code


def _readable(record: SealedResultRecord | None) -> Result | None:
    """The result an outbox item sends, or None when it is gone or unreadable (shown by hash)."""
    if record is None:
        return None
    try:
        return parse_result(record.payload)
    except ProtocolError:
        return None
