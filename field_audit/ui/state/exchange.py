"""The session's committee, sync and certificate screens, and moving to and from them: a part
of ``AppState`` (session.py) kept in its own module.

- "committee": one visit's committee (from the audit screen or an assignment card); back
  returns to the audit when it came from there.
- "sync" and "certificates": from the app bar; back returns to where they were opened.
- The session's unlocked key (``SessionKey``) is made on first use and kept in memory only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from field_audit.ui.state.certificates import CertificateState
from field_audit.ui.state.committee import CommitteeState
from field_audit.ui.state.sync import SyncState
from field_audit.ui.state.unlock import SessionKey

if TYPE_CHECKING:
    from field_audit.app import Inspector, Services
    from field_audit.ui.state.assignments import AssignmentsState
    from field_audit.ui.state.audit import AuditState
    from field_audit.ui.state.connectivity import Connectivity
    from field_audit.ui.state.notices import Notices
    from field_audit.ui.state.writer import SerialWriter

EXCHANGE_SCREENS = ("committee", "sync", "certificates")


class ExchangeScreens:
    """Mixed into ``AppState``; uses its services, notices, writer, screen and audit."""

    _services: Services
    _writer: SerialWriter
    notices: Notices
    screen: str
    inspector: Inspector | None
    assignments: AssignmentsState | None
    audit: AuditState | None
    committee: CommitteeState | None = None
    sync: SyncState | None = None  # kept while the session lasts: a run goes on off screen
    certificates: CertificateState | None = None
    _return_to: str = "assignments"
    _session_key: SessionKey | None = None

    @property
    def session_key(self) -> SessionKey:
        if self._session_key is None:
            self._session_key = SessionKey(self._services)
        return self._session_key

    async def open_committee(self, assignment_id: str) -> None:
        """Show the committee of one visit (the audit's notes are saved first)."""
        if self.inspector is None or self.assignments is None:
            return
        view = self.assignments.find(assignment_id)
        if view is None:
            self.notices.say("error.not_found", what=assignment_id)
            return
        if self.audit is not None:
            await self.audit.flush_notes()
        try:
            committee = CommitteeState(
                self._services,
                view,
                inspector=self.inspector,
                notices=self.notices,
                writer=self._writer,
                key=self.session_key,
            )
        except Exception as error:
            self.notices.report(error)
            return
        self._leave_for("committee")
        self.committee = committee

    def open_sync(self, connectivity: Connectivity) -> None:
        if self.sync is None:
            self.sync = SyncState(
                self._services,
                notices=self.notices,
                key=self.session_key,
                connectivity=connectivity,
            )
        else:
            self.sync.reload()
        self._leave_for("sync")

    def open_certificates(self) -> None:
        self.certificates = CertificateState(self._services, notices=self.notices)
        self._leave_for("certificates")

    async def leave_exchange(self) -> None:
        """The app bar's back arrow on these screens: back to where they were opened."""
        back, self._return_to = self._return_to, "assignments"
        self.committee = None
        if back == "audit" and self.audit is not None:
            self.screen = "audit"
        else:
            await self.back_to_assignments()

    def _leave_for(self, screen: str) -> None:
        if self.screen not in EXCHANGE_SCREENS:
            self._return_to = self.screen if self.screen == "audit" else "assignments"
        self.screen = screen

    # provided by AppState
    async def back_to_assignments(self) -> None: ...
