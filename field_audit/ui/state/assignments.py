"""The assignments list: every LAO this inspector is to visit, searched and filtered by state.

Work still to do comes first, soonest visit first; sealed and synced audits after it, the most
recent first. The list shows a page at a time (after a few rounds it holds dozens of cards,
and drawing them all slows the app's start): first the cards that fit the window, then more as
the inspector scrolls to the end or asks for them, or searches."""

from __future__ import annotations

import math
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
"""Cards added at a time, and the most on the first page (all of it when the window's height
is unknown)."""
ABOVE_LIST_PX = 228  # the app bar, title, inspector, search bar and count above the cards
CARD_PX = 107  # one card and the gap below it
NEAR_END_PX = 2 * CARD_PX  # scrolled this close to the end, the next page comes


def first_page(height: float | None) -> int:
    """How many cards the first page holds in a window ``height`` pixels tall: those that fit
    and one more to scroll to (each card drawn costs the start, a tenth of a second per five
    on a laptop); at most ``PAGE`` (all of it when the height is not known yet: None or 0)."""
    if not height or height < 0:
        return PAGE
    fit = math.ceil(max(0.0, height - ABOVE_LIST_PX) / CARD_PX)
    return max(1, min(PAGE, fit + 1))


class AssignmentsState(ft.Observable):
    query: str
    state_filter: str
    limit: int

    def __init__(
        self,
        views: list[AssignmentView],
        progress: Mapping[str, Progress] | None = None,
        *,
        first: int = PAGE,
    ) -> None:
        """``progress``: answered of total by audit id (an audit not started has none);
        ``first``: the cards on the first page (``first_page`` of the window's height)."""
        self._views = tuple(_work_first(views))
        self._progress = dict(progress or {})
        self._first = first
        self.query = ""
        self.state_filter = ALL
        self.limit = first

    @property
    def total(self) -> int:
        return len(self._views)

    def search(self, text: str) -> None:
        self.query, self.limit = text, self._first

    def filter_by(self, state: str) -> None:
        """Show only assignments in ``state`` (one of STATES), or every one with ``ALL``."""
        self.state_filter, self.limit = (state if state in STATES else ALL), self._first

    def shown(self) -> list[AssignmentView]:
        """The page of ``visible`` on screen."""
        return self.visible()[: self.limit]

    def hidden(self) -> int:
        """How many more match than are on screen."""
        return max(0, len(self.visible()) - self.limit)

    def show_more(self) -> None:
        self.limit += PAGE

    def scrolled(self, pixels: float, end: float) -> None:
        """The list is scrolled to ``pixels`` of ``end``: near the end, the next page comes."""
        if end - pixels <= NEAR_END_PX and self.hidden():
            self.show_more()

    def fit_window(self, height: float | None) -> None:
        """The window is now ``height`` pixels tall (rotated, resized): a taller one gets the
        cards to fill it; a shorter one takes none away (the inspector may be among them)."""
        self._first = first_page(height)
        self.limit = max(self.limit, self._first)

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
