"""The sync screen: the outbox in words, the last sync, a sync run with live progress (items
and bytes), refused items sent again, and the central store's address.

A run happens off the event loop; the push reports progress from its thread, and each report is
handed to the event loop (``call_soon_threadsafe``) before the screen sees it. The online chip
(``Connectivity``) is brought up to date by what the run found out.
"""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Callable
from typing import TYPE_CHECKING

import flet as ft

from field_audit.ui.i18n import tr
from field_audit.ui.state.connectivity import Connectivity
from field_audit.ui.state.notices import Notices
from field_audit.ui.state.unlock import SessionKey
from field_audit.ui.words.sync import REFUSALS

if TYPE_CHECKING:  # the database layer loads in the background, after the server is up
    from field_audit.app import Services
    from field_audit.services.syncing import LastRun, OutboxLine, SyncDesk
    from field_audit.syncing.push import PushProgress
    from field_audit.syncing.run import SyncReport

ADDRESS_SCHEMES = ("https://", "http://")
Said = tuple[str, dict[str, object]]  # a translation key and its values


class SyncState(ft.Observable):
    lines: tuple[OutboxLine, ...]
    last: LastRun | None
    address: str
    running: bool
    progress: PushProgress | None
    said: Said | None  # the outcome of the last action, in words
    address_error: str | None

    def __init__(
        self,
        services: Services,
        *,
        notices: Notices,
        key: SessionKey,
        connectivity: Connectivity,
        desk: SyncDesk | None = None,
    ) -> None:
        self._services = services
        self._desk = desk or services.sync_desk()
        self._notices = notices
        self.key = key
        self.connectivity = connectivity
        self.running = False
        self.progress = None
        self.said = None
        self.address_error = None
        self.address = services.central_url() or ""
        self.lines = ()
        self.last = None
        self.reload()

    def reload(self) -> None:
        self.lines = tuple(self._desk.outbox())
        self.last = self._desk.last_run()

    def counts(self) -> dict[str, int]:
        """Items by state; ``deferred`` counts the waiting ones not due yet."""
        states = [line.state for line in self.lines]
        counts = {s: states.count(s) for s in ("waiting", "sent", "refused")}
        counts["deferred"] = sum(1 for line in self.lines if line.waits_until is not None)
        return counts

    async def save_address(self, text: str) -> None:
        """Keep the central store's address (blank forgets it), then check whether it answers."""
        url = text.strip()
        if url and not url.startswith(ADDRESS_SCHEMES):
            self.address_error = "sync.address_bad"
            return
        try:
            self._services.save_central_url(url or None)
        except Exception as error:
            self._notices.report(error)
            return
        self.address_error = None
        self.address = self._services.central_url() or ""
        self.said = ("sync.address_saved", {})
        self.connectivity.online = await asyncio.to_thread(self._services.central_reachable)

    async def sync(self, passphrase: str = "") -> SyncReport | None:
        """Push the outbox, then pull, with the key this session unlocked (or unlocks now)."""
        if self.running:
            return None
        url = self._services.central_url()
        if not url:
            self.said = ("sync.no_address", {})
            return None
        key = await self.key.unlock(passphrase)
        if key is None:
            return None
        self.running, self.said = True, None
        self.progress = None
        try:
            report = await asyncio.to_thread(self._desk.sync, url, key, self._progress_reporter())
        except Exception as error:
            self._notices.report(error)
            return None
        finally:
            self.running = False
            self.reload()
        await self._after(report)
        return report

    async def retry(self, passphrase: str = "") -> SyncReport | None:
        """Send again now: refused items queued again (the office fixed the cause) and waiting
        ones freed from a network failure's backoff, then sync."""
        count = await asyncio.to_thread(self._desk.retry_refused)
        self.reload()
        report = await self.sync(passphrase)
        if report is None and count:
            self.said = ("sync.requeued", {"count": count})
        return report

    def _progress_reporter(self) -> Callable[[PushProgress], None]:
        loop = asyncio.get_running_loop()

        def report(progress: PushProgress) -> None:  # called on the sync's thread
            loop.call_soon_threadsafe(self._show_progress, copy.copy(progress))

        return report

    def _show_progress(self, progress: PushProgress) -> None:
        self.progress = progress

    async def _after(self, report: SyncReport) -> None:
        push = report.push
        if push.stopped_code is not None:  # reached, but the store does not accept this key
            self.said = ("sync.key_refused", {"code": push.stopped_code})
            return
        if push.stopped is not None:
            self.said = ("sync.stopped", {})
            self.connectivity.online = False
            return
        counts: dict[str, object] = {
            "sent": len(push.sent),
            "refused": len(push.refused),
            "pulled": report.pulled,
        }
        if push.deferred:
            self.said = ("sync.deferred", counts | {"deferred": len(push.deferred)})
        else:
            self.said = ("sync.done", counts)
        self.connectivity.online = report.error is None or await asyncio.to_thread(
            self._services.central_reachable
        )


def reason_words(line: OutboxLine, language: str) -> str | None:
    """Why an item was refused (or last failed to go), in words; None if nothing went wrong."""
    if line.reason_code is None:
        return tr("sync.unreachable", language) if line.reason_detail else None
    known = REFUSALS.get(line.reason_code)
    if known is None:
        return tr("sync.refused_other", language, code=line.reason_code)
    return known[1] if language == "en" else known[0]
