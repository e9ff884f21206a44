"""Moving about one audit and answering it quicker: a part of ``AuditState`` (audit.py) kept in
its own module.

- The place: the criterion at the top of the list (``place``), kept on the device as it
  changes so that a closed tab or a restart reopens the same audit at the same criterion.
- Jumps: to any criterion (the index), to the next one still unanswered or still needing a
  photo. A jump to a criterion the current filter hides shows every criterion first.
- The compact mode (what to look for folded to one line), remembered on the device.
- Phrases the inspector wrote in notes of other audits, per criterion, inserted with one tap.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from field_audit.ui.state.place import ListPlace, Scroll

if TYPE_CHECKING:
    from field_audit.app import Services
    from field_audit.storage.assignments import AssignmentView
    from field_audit.ui.state.criterion_row import CriterionRow
    from field_audit.ui.state.notices import Notices
    from field_audit.ui.state.writer import SerialWriter

WANTS = ("unanswered", "needs_photo")  # what "next" can look for (names of filters)


class AuditNavigation:
    """Mixed into ``AuditState``; uses its rows, filter, scope, services and writer."""

    _services: Services
    _notices: Notices
    _writer: SerialWriter
    _by_id: dict[str, CriterionRow]
    rows: tuple[CriterionRow, ...]
    assignment: AssignmentView
    editable: bool
    filter: str
    only: str | None
    show_outside: bool
    compact: bool
    place: ListPlace
    phrases: Mapping[str, Sequence[str]]

    def go_to(self, criterion_id: str) -> Scroll | None:
        """Bring ``criterion_id`` to the top of the list; returns where the list should
        scroll now (None: the list does it once it is laid out)."""
        if criterion_id not in self._by_id:
            return None
        if not self.listed(criterion_id):
            self.only, self.filter = None, "all"
            self.show_outside = self.show_outside or not self.covers(criterion_id)
            self.place.relayout()
        return self.place.show(criterion_id)

    def next_wanted(self, want: str) -> str | None:
        """The next criterion after the one at the top (wrapping round) that is still
        unanswered (``want`` "unanswered") or still needs a photo ("needs_photo"), within the
        member's share; None when there is none."""
        mine = [row for row in self.rows if self.covers(row.id)]
        ids = [row.id for row in mine]
        start = ids.index(self.place.current) + 1 if self.place.current in ids else 0
        return next((r.id for r in mine[start:] + mine[:start] if r.shown_under(want)), None)

    def wanted_count(self, want: str) -> int:
        return sum(1 for row in self.rows if self.covers(row.id) and row.shown_under(want))

    def first_listed(self) -> str | None:
        return next((row.id for row in self.rows if self.listed(row.id)), None)

    async def keep_place(self) -> None:
        """Remember on the device that the inspector is here (this audit, this criterion)."""
        if not self.editable:
            return
        save, assignment_id = self._services.save_place, self.assignment.assignment_id
        try:
            await self._writer.run(save, assignment_id, self.place.current)
        except Exception as error:
            self._notices.report(error)

    async def set_compact(self, compact: bool) -> None:
        """Fold (or unfold) what to look for on every card, keeping the place; remembered."""
        if compact == self.compact:
            return
        self.place.relayout()
        self.compact = compact
        try:
            await self._writer.run(self._services.save_compact, compact)
        except Exception as error:
            self._notices.report(error)

    def phrases_for(self, criterion_id: str) -> list[str]:
        """Phrases written before for this criterion, less those already in its note."""
        note = self._by_id[criterion_id].texts["note"].draft
        return [p for p in self.phrases.get(criterion_id, ()) if p not in note]

    async def insert_phrase(self, criterion_id: str, phrase: str) -> None:
        """Add ``phrase`` as a line of the note and save it."""
        row = self._by_id[criterion_id]
        draft = row.texts["note"].draft.rstrip()
        row.texts["note"].type(f"{draft}\n{phrase}" if draft else phrase)
        row.note_edits += 1  # the card shows the new text
        await self.flush_text(criterion_id, "note")

    # provided by AuditState
    covers: Callable[[str], bool]
    listed: Callable[[str], bool]
    flush_text: Callable[[str, str], Awaitable[None]]
