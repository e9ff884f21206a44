"""Sealing one audit on screen: the summary (score, meets the criteria or not and why,
counts), what is still missing in words, the passphrase, and the seal itself.

What is missing is read from the device after every write asked for so far (through the same
``SerialWriter``), so it matches what will be sealed. Sealing unlocks the key (Argon2id) and
signs in that writer's thread, off the event loop; a wrong passphrase changes nothing and says
so on the form. Once sealed, ``on_sealed`` lets the session show the audit read-only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import flet as ft

from field_audit.domain.answers import is_met
from field_audit.ui.state.audit import AuditState
from field_audit.ui.state.keys import Words, words_of
from field_audit.ui.state.notices import Notices
from field_audit.ui.state.writer import SerialWriter

if TYPE_CHECKING:  # the database layer loads in the background, after the server is up
    from field_audit.app import Services
    from field_audit.domain.audit import Missing


@dataclass(frozen=True)
class Counts:
    met: int
    not_met: int
    unanswered: int
    photos: int


class SealState(ft.Observable):
    missing: tuple[Missing, ...] | None  # None until read from the device
    has_key: bool
    busy: bool
    error: Words | None

    def __init__(
        self,
        services: Services,
        audit: AuditState,
        *,
        notices: Notices,
        writer: SerialWriter,
        on_sealed: Callable[[], object],
    ) -> None:
        self._services = services
        self._notices = notices
        self._writer = writer
        self._on_sealed = on_sealed
        self.audit = audit
        self.missing = None
        self.busy = False
        self.error = None
        self.has_key = self._key_exists()

    def _key_exists(self) -> bool:
        try:
            return self._services.signing_key() is not None
        except Exception as error:
            self._notices.report(error)
            return False

    def counts(self) -> Counts:
        """Of the criteria the audit covers (the member's share, or all): a graded one counts
        as met at full points only."""
        rows = [row for row in self.audit.rows if self.audit.covers(row.id)]
        answered = [row for row in rows if row.verdict is not None]
        met = sum(1 for row in answered if is_met(row.criterion, row.verdict))
        return Counts(
            met=met,
            not_met=len(answered) - met,
            unanswered=len(rows) - len(answered),
            photos=self.audit.photos.count(),
        )

    @property
    def ready(self) -> bool:
        return self.missing == ()

    async def refresh(self) -> None:
        """Read what is missing once every write asked for so far has landed."""
        await self.audit.flush_notes()
        try:
            missing = await self._writer.run(self._services.missing_for_seal, self.audit.audit_id)
        except Exception as error:
            self._notices.report(error)
            return
        self.missing = tuple(missing)
        self.has_key = self._key_exists()

    async def seal(self, passphrase: str) -> None:
        """Seal with the key ``passphrase`` opens; on any refusal nothing changes."""
        if self.busy or not self.ready or not self.has_key:
            return
        if not passphrase:
            self.error = Words.of("seal.passphrase_missing")
            return
        if self.audit.photos.importing():  # a photo landing after the seal would be refused
            self.error = Words.of("seal.photos_coming")
            return
        self.error, self.busy = None, True
        await self.audit.flush_notes()  # what was typed last is sealed too
        try:
            await self._writer.run(self._services.seal_audit, self.audit.audit_id, passphrase)
        except Exception as error:
            self.busy = False
            await self._refused(error)
            return
        self.busy = False
        self._on_sealed()

    async def _refused(self, error: Exception) -> None:
        self.error = words_of(error)
        if self.error is None:
            self._notices.report(error)
        await self.refresh()  # e.g. NotReadyToSeal: the list shows what is missing now
