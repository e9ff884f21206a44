"""The session's key and seal screens, and moving between them and the audit: a part of
``AppState`` (session.py) kept in its own module.

- "key": the signing key, made at first run after the profile, from the app bar, or when
  sealing finds none; its continue button goes back where it came from (``KeyState.then``).
- "seal": the seal summary of the audit on screen; once sealed the audit opens again, read-only.
- A sealed audit is corrected by opening a new draft revision, shown at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from field_audit.ui.state.keys import KeyState
from field_audit.ui.state.sealing import SealState

if TYPE_CHECKING:
    from field_audit.app import Inspector, Services
    from field_audit.ui.state.audit import AuditState
    from field_audit.ui.state.notices import Notices
    from field_audit.ui.state.writer import SerialWriter


class OnsiteScreens:
    """Mixed into ``AppState``; uses its services, notices, writer, screen and audit."""

    _services: Services
    _writer: SerialWriter
    notices: Notices
    screen: str
    inspector: Inspector | None
    audit: AuditState | None
    key: KeyState | None
    seal: SealState | None

    def open_key(self, then: str | None = None) -> None:
        """Show the key screen; its continue button leads to ``then`` (default: back here)."""
        self.key = KeyState(self._services, self.notices, then=then or self.screen)
        self.screen = "key"

    def offer_key(self) -> None:
        """First run, after the profile: make the key now if the device has none."""
        key = KeyState(self._services, self.notices, then="assignments")
        if key.key is None:
            self.key, self.screen = key, "key"

    async def leave_key(self) -> None:
        then = self.key.then if self.key else "assignments"
        self.key = None
        if then == "seal" and self.audit is not None:
            await self.open_seal()
        else:
            self.screen = then if then in ("assignments", "audit") else "assignments"

    async def open_seal(self) -> None:
        """Show the seal summary of the audit on screen, with what is missing read fresh."""
        if self.audit is None:
            return
        self.seal = SealState(
            self._services,
            self.audit,
            notices=self.notices,
            writer=self._writer,
            on_sealed=self._reopen_audit,
        )
        self.screen = "seal"
        await self.seal.refresh()

    def back_to_audit(self, criterion_id: str | None = None) -> None:
        """Leave the seal summary; with ``criterion_id``, show just that criterion."""
        self.seal = None
        if self.audit is not None and criterion_id is not None:
            self.audit.show_only(criterion_id)
        self.screen = "audit" if self.audit is not None else "assignments"

    async def correct_audit(self) -> None:
        """Open a new draft revision of the sealed audit on screen and show it."""
        if self.audit is None or self.inspector is None or self.audit.editable:
            return
        try:
            await self._writer.run(
                self._services.correct_audit, self.audit.audit_id, by=self.inspector.id
            )
        except Exception as error:
            self.notices.report(error)
            return
        self._reopen_audit()

    async def go_back(self) -> None:
        """The app bar's back arrow: one step towards the assignments."""
        if self.screen == "seal":
            self.back_to_audit()
        elif self.screen == "key":
            then = self.key.then if self.key else "assignments"
            self.key = None
            if then in ("audit", "seal") and self.audit is not None:
                self.screen = "audit"
            else:
                await self.back_to_assignments()
        elif self.screen == "audit":
            await self.back_to_assignments()

    def _reopen_audit(self) -> None:
        if self.audit is None or self.inspector is None:
            return
        assignment_id = self.audit.assignment.assignment_id
        self.seal = None
        self._load_assignments(self.inspector.id)
        self.open_audit(assignment_id)

    # provided by AppState
    async def back_to_assignments(self) -> None: ...
    def open_audit(self, assignment_id: str) -> None: ...
    def _load_assignments(self, inspector_id: str) -> None: ...
