"""One audit on screen: a row per criterion, the live score, the filter and the notes being typed.

Every verdict is committed to the device as it is made (``Services.record_verdict``), through
one ``SerialWriter`` so writes land in order; the screen shows the choice while its write runs
(a killed app loses at most that write in flight), and a failed write puts the row back and
says why. A click changes only its own ``CriterionRow`` and the ``ScoreState``: the views
subscribed to those re-render, the rest of the list does not.

Notes and recommendations are saved as typed: the view calls ``text_typed`` on each change
and ``flush_text`` after a short pause or when the field loses focus; only the newest text for
a criterion is written. Evidence records (interviews, documents seen, observations) are added
and removed one at a time.

Where the committee divided the work, the audit covers the member's share (its ``scope``):
the list, the filters and the live score are of the share, and the rest is "not assessed by
me" (shown on asking). A partial audit has no finding of its own: the committee's has.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import flet as ft

from field_audit.domain.answers import Answer
from field_audit.domain.audit import AuditStatus
from field_audit.domain.edition import Category, Edition
from field_audit.domain.evidence_records import Record
from field_audit.domain.scoring import Score, score_verdicts
from field_audit.domain.shares import Scope
from field_audit.ui.i18n import tr
from field_audit.ui.state.criterion_row import CriterionRow, DraftText, ScoreState
from field_audit.ui.state.navigation import AuditNavigation
from field_audit.ui.state.notices import Notices
from field_audit.ui.state.photos import PhotosState
from field_audit.ui.state.place import ListPlace
from field_audit.ui.state.record_editor import RecordEditor
from field_audit.ui.state.share_editor import ShareEditor
from field_audit.ui.state.writer import SerialWriter

if TYPE_CHECKING:  # the database layer loads in the background, after the server is up
    from field_audit.app import AuditSnapshot, Services
    from field_audit.services.reports import ExportedReport
    from field_audit.storage.assignments import AssignmentView

FILTERS = ("all", "unanswered", "not_met", "needs_photo")

GroupKey = tuple[str, Category]
TEXT_FIELDS = ("note", "recommendation")


class AuditActions:
    """What a criterion card may do to its audit. A plain (non-observable) handle, made once per
    audit, so a card re-renders for its own row only and not for every change of the audit.
    """

    def __init__(self, audit: AuditState) -> None:
        self._audit = audit
        self.editable = audit.editable
        self.photos = audit.photos
        self.records = audit.record_editor

    @property
    def compact(self) -> bool:
        return self._audit.compact

    def phrases_for(self, criterion_id: str) -> list[str]:
        return self._audit.phrases_for(criterion_id)

    async def insert_phrase(self, criterion_id: str, phrase: str) -> None:
        await self._audit.insert_phrase(criterion_id, phrase)

    async def choose(self, criterion_id: str, verdict: Answer) -> None:
        await self._audit.choose(criterion_id, verdict)

    def text_typed(self, criterion_id: str, field: str, text: str) -> int:
        return self._audit.text_typed(criterion_id, field, text)

    async def flush_text(self, criterion_id: str, field: str, token: int | None = None) -> None:
        await self._audit.flush_text(criterion_id, field, token)

    async def add_record(self, criterion_id: str, record: Record) -> None:
        await self._audit.add_record(criterion_id, record)

    async def remove_record(self, criterion_id: str, record_id: str) -> None:
        await self._audit.remove_record(criterion_id, record_id)


class AuditState(AuditNavigation, ft.Observable):
    filter: str
    status: AuditStatus
    only: str | None  # a criterion id: show just that one (from the seal screen's missing list)
    scope: Scope | None  # the member's share; None: every criterion
    show_outside: bool  # also list the criteria outside the share
    compact: bool  # "what to look for" folded to one line on every card

    def __init__(
        self,
        services: Services,
        snapshot: AuditSnapshot,
        assignment: AssignmentView,
        *,
        inspector_id: str,
        notices: Notices,
        writer: SerialWriter,
        on_seal: Callable[[], object] = lambda: None,
        on_correct: Callable[[], object] = lambda: None,
        at: str | None = None,
        compact: bool = False,
    ) -> None:
        """``at``: the criterion to show at the top of the list (None: the first)."""
        self._services = services
        self._notices = notices
        self._writer = writer
        self._inspector_id = inspector_id
        self.open_seal, self.correct = on_seal, on_correct  # the session's: change the screen
        self.audit_id = snapshot.audit_id
        self.revision = snapshot.revision
        self.assignment = assignment
        self.edition: Edition = snapshot.edition
        self.editable = snapshot.editable
        self.rows = tuple(_rows(snapshot))
        self._by_id = {row.id: row for row in self.rows}
        self.scope = snapshot.scope
        self.planned = snapshot.planned
        self.show_outside = False
        self.overall = DraftText(snapshot.recommendation)
        self.score = ScoreState(
            score_verdicts(self.edition, self.verdicts()), self.differences(), self._share()
        )
        self.status = snapshot.status
        self.filter = "all"
        self.only = None
        self.compact = compact
        self.place = ListPlace(at if at in self._by_id else None)
        self.phrases = snapshot.phrases
        self.photos = PhotosState(
            services,
            self.audit_id,
            [row.id for row in self.rows],
            editable=self.editable,
            inspector_id=inspector_id,
            notices=notices,
            writer=writer,
            on_count=self.photos_changed,
        )
        self.record_editor = RecordEditor()
        self.share_editor = ShareEditor(self.edition)
        self.actions = AuditActions(self)

    def covers(self, criterion_id: str) -> bool:
        return self.scope is None or criterion_id in self.scope

    def verdicts(self) -> dict[str, Answer]:
        """The answers the audit will seal: those of its scope."""
        return {
            row.id: row.verdict
            for row in self.rows
            if row.verdict is not None and self.covers(row.id)
        }

    def _share(self) -> tuple[int, int] | None:
        return None if self.scope is None else (len(self.scope), len(self.rows))

    async def set_scope(self, scope: Scope | None) -> None:
        """Cover ``scope`` only (None: every criterion): the member's share of the work."""
        if not self.editable:
            self._notices.say("error.locked")
            return
        try:
            self.status = await self._writer.run(self._services.set_scope, self.audit_id, scope)
        except Exception as error:
            self._notices.report(error)
            return
        self.place.relayout()
        self.scope = scope
        self._rescore()

    def toggle_outside(self) -> None:
        self.place.relayout()
        self.show_outside = not self.show_outside

    async def choose(self, criterion_id: str, verdict: Answer) -> None:
        """Record ``verdict`` for one criterion. The row and the score show it at once, while
        the write (committed before this returns) runs; a failed write puts the row back.
        """
        row = self._by_id.get(criterion_id)
        if row is None or row.verdict == verdict:
            return
        if not self.editable:
            self._notices.say("error.locked")
            return
        previous, attempt = row.verdict, row.show_verdict(verdict)
        self._rescore()
        try:
            self.status = await self._writer.run(
                self._services.record_verdict,
                self.audit_id,
                criterion_id,
                verdict,
                by=self._inspector_id,
            )
        except Exception as error:
            if row.undo_verdict(attempt, previous):
                self._rescore()
            self._notices.report(error)

    def _rescore(self) -> None:
        self.score.differences = self.differences()
        self.score.share = self._share()
        self.score.score = score_verdicts(self.edition, self.verdicts())

    def photos_changed(self, criterion_id: str, count: int) -> None:
        """A photo was attached or removed: the row, the filter counts and the status follow."""
        row = self._by_id.get(criterion_id)
        if row is None or row.photo_count == count:
            return
        row.photo_count = count
        self.score.notify()  # type: ignore[no-untyped-call]  # the filter bar counts photos too
        try:
            self.status = self._services.audit_status(self.audit_id)
        except Exception as error:
            self._notices.report(error)

    def differences(self) -> int:
        """How many answers differ from what the LAO claimed in its self-assessment."""
        return sum(1 for row in self.rows if row.differs_from_claim and self.covers(row.id))

    def set_filter(self, name: str) -> None:
        """Show the rows under filter ``name``; choosing the same filter again refreshes it
        (rows answered under "unanswered" stay put until then, so nothing jumps under a finger).
        """
        name = name if name in FILTERS else "all"
        self.only = None
        if name == self.filter:
            self.notify()  # type: ignore[no-untyped-call]  # flet leaves it unannotated
        self.filter = name
        self.place.start_over(self.first_listed())  # a filtered list opens at its first item

    def filter_counts(self) -> dict[str, int]:
        mine = [row for row in self.rows if self.covers(row.id)]
        return {name: sum(1 for row in mine if row.shown_under(name)) for name in FILTERS}

    def groups(self) -> list[tuple[GroupKey, list[CriterionRow]]]:
        """The rows under the current filter, grouped by block and category in edition order;
        rows outside the share only when asked for."""
        grouped: dict[GroupKey, list[CriterionRow]] = {}
        for row in self.rows:
            if self.listed(row.id):
                key = (row.criterion.block, row.criterion.category)
                grouped.setdefault(key, []).append(row)
        return list(grouped.items())

    def listed(self, criterion_id: str) -> bool:
        """Whether the list shows this criterion now (filter, share, a single one)."""
        if self.only is not None:
            return criterion_id == self.only
        row = self._by_id[criterion_id]
        if not self.covers(row.id):
            return self.show_outside and self.filter == "all"
        return row.shown_under(self.filter)

    def note_typed(self, criterion_id: str, text: str) -> int:
        return self.text_typed(criterion_id, "note", text)

    async def flush_note(self, criterion_id: str, token: int | None = None) -> None:
        await self.flush_text(criterion_id, "note", token)

    def text_typed(self, criterion_id: str, field: str, text: str) -> int:
        """Remember the newest text of ``field`` (note or recommendation); returns a token
        that ``flush_text`` compares."""
        return self._by_id[criterion_id].texts[field].type(text)

    async def flush_text(self, criterion_id: str, field: str, token: int | None = None) -> None:
        """Save the text unless it is unchanged, or newer typing (a later token) will save it."""
        draft = self._by_id[criterion_id].texts[field]
        text = draft.unsaved(token)
        if text is None or not self.editable:
            return
        save = self._services.record_note if field == "note" else self._recommend
        try:
            await self._writer.run(save, self.audit_id, criterion_id, text, by=self._inspector_id)
        except Exception as error:
            self._notices.report(error)
            return
        draft.saved(text)

    def _recommend(self, audit_id: str, criterion_id: str, text: str, *, by: str) -> None:
        self._services.record_recommendation(audit_id, criterion_id, text, by=by)

    async def flush_overall(self, token: int | None = None) -> None:
        """Save the overall recommendation (``overall``: typed on the seal screen)."""
        text = self.overall.unsaved(token)
        if text is None or not self.editable:
            return
        try:
            await self._writer.run(self._recommend, self.audit_id, "", text, by=self._inspector_id)
        except Exception as error:
            self._notices.report(error)
            return
        self.overall.saved(text)

    async def add_record(self, criterion_id: str, record: Record) -> None:
        """Keep an evidence record on the finding; a refused one is said in words."""
        row = self._by_id[criterion_id]
        try:
            record_id = await self._writer.run(
                self._services.add_record,
                self.audit_id,
                criterion_id,
                record,
                by=self._inspector_id,
            )
        except Exception as error:
            self._notices.report(error)
            return
        row.records = [*row.records, (record_id, record)]

    async def remove_record(self, criterion_id: str, record_id: str) -> None:
        row = self._by_id[criterion_id]
        try:
            await self._writer.run(self._services.remove_record, record_id)
        except Exception as error:
            self._notices.report(error)
            return
        row.records = [(i, r) for i, r in row.records if i != record_id]

    async def flush_notes(self) -> None:
        """Save every unsaved note, recommendation and caption; returns once all writes asked
        for are done."""
        for row in self.rows:
            for field in TEXT_FIELDS:
                await self.flush_text(row.id, field)
        await self.flush_overall()
        await self.photos.flush_captions()
        await self._writer.run(lambda: None)

    async def save_report(self) -> ExportedReport | None:
        """The PDF of this sealed audit, in the exports folder (None if it could not be made:
        the notices say why)."""
        try:
            report = await self._writer.run(self._services.own_report, self.audit_id)
        except Exception as error:
            self._notices.report(error)
            return None
        self._notices.say("seal.report_saved", path=str(report.path))
        return report

    def show_only(self, criterion_id: str) -> None:
        """Show just this criterion (``set_filter`` shows them all again)."""
        if criterion_id in self._by_id:
            self.only = criterion_id
            self.place.start_over(criterion_id)


def _rows(snapshot: AuditSnapshot) -> Iterable[CriterionRow]:
    for criterion in snapshot.edition.criteria:
        yield CriterionRow(
            criterion,
            verdict=snapshot.verdicts.get(criterion.id),
            claim=snapshot.claims.get(criterion.id),
            photo_count=snapshot.photo_counts.get(criterion.id, 0),
            note=snapshot.notes.get(criterion.id, ""),
            recommendation=snapshot.recommendations.get(criterion.id, ""),
            records=list(snapshot.records.get(criterion.id, [])),
        )


def reason_lines(score: Score, language: str, *, limit: int) -> list[str]:
    """Why the result does not meet the criteria; unanswered mandatory ones in one line."""
    unanswered = sum(1 for r in score.reasons if r.code == "mandatory_unanswered")
    lines = [
        r.en if language == "en" else r.th
        for r in score.reasons
        if r.code != "mandatory_unanswered"
    ]
    if unanswered:
        lines.append(tr("score.unanswered_mandatory", language, count=unanswered))
    if len(lines) > limit:
        rest = len(lines) - limit + 1
        lines = [*lines[: limit - 1], tr("score.more", language, count=rest)]
    return lines
