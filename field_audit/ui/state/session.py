"""The state of one inspector's session in the app: language, screen, layout and who is working.

``AppState`` is the root the views render from. Its methods take plain values, call the
``Services`` and catch what they raise into ``Notices``, so every rule here is tested without a
page. Components subscribed to it re-render when a public field changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import flet as ft

from field_audit.ui.i18n import Language, other_language, tr
from field_audit.ui.state.assignments import AssignmentsState, first_page
from field_audit.ui.state.audit import AuditState
from field_audit.ui.state.exchange import ExchangeScreens
from field_audit.ui.state.keys import KeyState
from field_audit.ui.state.notices import Notices
from field_audit.ui.state.onsite import OnsiteScreens
from field_audit.ui.state.sealing import SealState
from field_audit.ui.state.writer import SerialWriter

if TYPE_CHECKING:  # the database layer loads in the background, after the server is up
    from field_audit.app import Inspector, Services
    from field_audit.storage.answering import Progress

T = TypeVar("T")
WIDE_FROM_PX = 1000  # below this the score panel goes above the criteria (tablet portrait)


class AppState(OnsiteScreens, ExchangeScreens, ft.Observable):
    """Which screen is showing and in which language; the screens' own states hang off it."""

    language: Language
    screen: str  # "start", "assignments", "audit", (onsite.py) "key", "seal", or (exchange.py)
    # "committee", "sync", "certificates"
    wide: bool
    inspector: Inspector | None
    assignments: AssignmentsState | None
    audit: AuditState | None
    profile_error: str | None
    key: KeyState | None
    seal: SealState | None

    def __init__(
        self,
        services: Services,
        notices: Notices,
        writer: SerialWriter,
        *,
        language: Language = "th",
        height: float | None = None,
    ) -> None:
        """``height``: the window's, in pixels (None: unknown), for the first page of cards."""
        self._services = services
        self._height = height
        self._writer = writer
        self.notices = notices
        self.language = language
        self.wide = True
        self.inspector = services.inspector()
        self.assignments = None
        self.audit = None
        self.profile_error = None
        self.key, self.seal = None, None
        self.screen = "start" if self.inspector is None else "assignments"
        if self.inspector is not None:
            self._load_assignments(self.inspector.id)
            self._resume()

    def toggle_language(self) -> None:
        self.language = other_language(self.language)

    def set_width(self, width: float | None) -> None:
        """Lay out for a window ``width`` pixels wide (None: unknown, keep the wide layout)."""
        self.wide = width is None or width >= WIDE_FROM_PX

    def set_window(self, width: float | None, height: float | None) -> None:
        """The window was resized or the tablet rotated."""
        self.set_width(width)
        self._height = height
        if self.assignments is not None:
            self.assignments.fit_window(height)

    def save_profile(self, name: str, position: str) -> None:
        """First run: record who the inspector is, then show the assignments."""
        if not name.strip():
            self.profile_error = "start.name_missing"
            return
        try:
            inspector = self._services.save_inspector(name=name, position=position)
        except Exception as error:
            self.notices.report(error)
            return
        self.profile_error = None
        self.inspector = inspector
        self._load_assignments(inspector.id)
        self.screen = "assignments"
        self.offer_key()

    def open_audit(self, assignment_id: str, at: str | None = None) -> None:
        """Open (starting if need be) this inspector's audit of one assignment, with criterion
        ``at`` at the top of the list (None: the first); the device remembers the place."""
        if self.inspector is None or self.assignments is None:
            return
        view = self.assignments.find(assignment_id)
        if view is None:
            self.notices.say("error.not_found", what=assignment_id)
            return
        try:
            snapshot = self._services.open_audit(view, self.inspector.id)
        except Exception as error:
            self.notices.report(error)
            return
        audit = self.audit = AuditState(
            self._services,
            snapshot,
            view,
            inspector_id=self.inspector.id,
            notices=self.notices,
            writer=self._writer,
            on_seal=self.open_seal,
            on_correct=self.correct_audit,
            at=at,
            compact=self._read(self._services.compact, False),
        )
        self.screen = "audit"
        if audit.editable:
            self._read(lambda: self._services.save_place(assignment_id, audit.place.current), None)
        else:  # a sealed audit has nothing left to do: the next start shows the assignments
            self._read(self._services.forget_place, None)

    def _resume(self) -> None:
        """Reopen the audit and criterion the inspector was on when the app or its tab was
        closed. A sealed audit has nothing left to do, and one no longer on the device cannot
        be opened: the assignments show, with a word why."""
        place = self._read(self._services.place, None)
        if place is None or self.assignments is None:
            return
        view = self.assignments.find(place.assignment_id)
        if view is None:
            self.notices.say("place.gone")
        elif view.state in ("sealed", "synced"):
            self.notices.tell(
                tr("place.sealed", "th", name=view.lao.name_th),
                tr("place.sealed", "en", name=view.lao.name_en),
            )
        else:
            self.open_audit(view.assignment_id, at=place.criterion_id)
            return
        self._read(self._services.forget_place, None)

    def _read(self, call: Callable[[], T], default: T) -> T:
        """``call()``, or ``default`` with the error said: a setting never stops the app."""
        try:
            return call()
        except Exception as error:
            self.notices.report(error)
            return default

    async def back_to_assignments(self) -> None:
        """Leave the audit (its writes finished first) and show the list with fresh states."""
        if self.audit is not None:
            await self.audit.flush_notes()
        self.inspector = self._services.inspector() or self.inspector  # a sync may adopt an id
        if self.inspector is not None:
            self._load_assignments(self.inspector.id)
        self.audit = None
        self.screen = "assignments"
        self._read(self._services.forget_place, None)

    def _load_assignments(self, inspector_id: str) -> None:
        previous = self.assignments
        try:
            views = self._services.assignments(inspector_id)
        except Exception as error:
            self.notices.report(error)
            views = []
        audit_ids = [view.audit_id for view in views if view.audit_id]
        progress: dict[str, Progress] = self._read(lambda: self._services.progress(audit_ids), {})
        self.assignments = AssignmentsState(views, progress, first=first_page(self._height))
        if previous is not None:
            self.assignments.keep_search_of(previous)
