"""The assignments list: every LAO this inspector is to visit, searched and filtered by state.

Work still to do comes first, soonest visit first; sealed and synced audits after it, the most
recent first. The list shows a page at a time (after a few rounds it holds dozens of cards,
and drawing them all slows the app's start): the inspector asks for more, or searches."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import flet as ft

if TYPE_CHECKING:  # the database layer loads in the background, after the server is up
    from field_audit.storage.answering import Progress
    from field_audit.storage.assignments import AssignmentView

STATES = ("not_started", "in_progress", "complete", "sealed", "synced")
DONE = ("sealed", "synced")
ALL = "all"
PAGE = 12


class AssignmentsState(ft.Observable):
    query: str
    state_filter: str
    limit: int

    def __init__(
        self, views: list[AssignmentView], progress: Mapping[str, Progress] | None = None
    ) -> None:
        """``progress``: answered of total by audit id (an audit not started has none)."""
        self._views = tuple(_work_first(views))
        self._progress = dict(progress or {})
        self.query = ""
        self.state_filter = ALL
        self.limit = PAGE

    @property
    def total(self) -> int:
        return len(self._views)

    def search(self, text: str) -> None:
        self.query, self.limit = text, PAGE

    def filter_by(self, state: str) -> None:
        """Show only assignments in ``state`` (one of STATES), or every one with ``ALL``."""
        self.state_filter, self.limit = (state if state in STATES else ALL), PAGE

    def shown(self) -> list[AssignmentView]:
        """The page of ``visible`` on screen."""
        return self.visible()[: self.limit]

    def hidden(self) -> int:
        """How many more match than are on screen."""
        return max(0, len(self.visible()) - self.limit)

    def show_more(self) -> None:
        self.limit += PAGE

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
        self.limit = previous.limit


def _work_first(views: list[AssignmentView]) -> list[AssignmentView]:
    """Still to do in the given order (soonest visit first), then the done, latest first."""
    to_do = [view for view in views if view.state not in DONE]
    done = [view for view in views if view.state in DONE]
    return to_do + done[::-1]


def _haystack(view: AssignmentView) -> str:
    lao = view.lao
    return " ".join(
        (lao.name_th, lao.name_en, lao.province_th, lao.province_en, lao.kind)
    ).casefold()
