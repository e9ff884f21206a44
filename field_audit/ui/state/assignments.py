"""The assignments list: every LAO this inspector is to visit, searched and filtered by state."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import flet as ft

if TYPE_CHECKING:  # the database layer loads in the background, after the server is up
    from field_audit.storage.answering import Progress
    from field_audit.storage.assignments import AssignmentView

STATES = ("not_started", "in_progress", "complete", "sealed", "synced")
ALL = "all"


class AssignmentsState(ft.Observable):
    query: str
    state_filter: str

    def __init__(
        self, views: list[AssignmentView], progress: Mapping[str, Progress] | None = None
    ) -> None:
        """``progress``: answered of total by audit id (an audit not started has none)."""
        self._views = tuple(views)
        self._progress = dict(progress or {})
        self.query = ""
        self.state_filter = ALL

    @property
    def total(self) -> int:
        return len(self._views)

    def search(self, text: str) -> None:
        self.query = text

    def filter_by(self, state: str) -> None:
        """Show only assignments in ``state`` (one of STATES), or every one with ``ALL``."""
        self.state_filter = state if state in STATES else ALL

    def visible(self) -> list[AssignmentView]:
        words = self.query.casefold().split()
        return [
            view
            for view in self._views
            if self.state_filter in (ALL, view.state)
            and all(word in _haystack(view) for word in words)
        ]

    def progress_of(self, view: AssignmentView) -> Progress | None:
        return self._progress.get(view.audit_id) if view.audit_id else None

    def find(self, assignment_id: str) -> AssignmentView | None:
        return next((v for v in self._views if v.assignment_id == assignment_id), None)

    def keep_search_of(self, previous: AssignmentsState) -> None:
        """After a reload, keep what the inspector had typed and chosen."""
        self.query, self.state_filter = previous.query, previous.state_filter


def _haystack(view: AssignmentView) -> str:
    lao = view.lao
    return " ".join(
        (lao.name_th, lao.name_en, lao.province_th, lao.province_en, lao.kind)
    ).casefold()
