"""One audit on screen: a row per criterion, the live score, the filter and the notes being typed.

Every verdict is committed to the device as it is made (``Services.record_verdict``), through
one ``SerialWriter`` so writes land in order; the screen shows the choice while its write runs
(a killed app loses at most that write in flight), and a failed write puts the row back and
says why. A click changes only its own ``CriterionRow`` and the ``ScoreState``: the views
subscribed to those re-render, the rest of the list does not.

Notes are saved as typed: the view calls ``note_typed`` on each change and ``flush_note`` after
a short pause or when the field loses focus; only the newest text for a criterion is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import flet as ft

from field_audit.domain.audit import AuditStatus
from field_audit.domain.edition import Category, Criterion, Edition, Tier
from field_audit.domain.scoring import Score, Verdict, score_verdicts
from field_audit.ui.i18n import tr
from field_audit.ui.state.notices import Notices
from field_audit.ui.state.photos import PhotosState
from field_audit.ui.state.writer import SerialWriter

if TYPE_CHECKING:  # the database layer loads in the background, after the server is up
    from field_audit.app import AuditSnapshot, Services
    from field_audit.services.reports import ExportedReport
    from field_audit.storage.assignments import AssignmentView

FILTERS = ("all", "unanswered", "not_met", "needs_photo")

GroupKey = tuple[Tier, Category]


class CriterionRow(ft.Observable):
    """One criterion with the inspector's verdict, the LAO's own claim and the photo count."""

    verdict: Verdict | None
    photo_count: int

    def __init__(
        self,
        criterion: Criterion,
        *,
        verdict: Verdict | None,
        claim: Verdict | None,
        photo_count: int,
        note: str,
    ) -> None:
        self.criterion = criterion
        self.claim = claim
        self.verdict = verdict
        self.photo_count = photo_count
        self._draft = note  # private: typing never re-renders the row
        self._saved = note
        self._typed = 0
        self._attempts = 0

    @property
    def id(self) -> str:
        return self.criterion.id

    @property
    def draft(self) -> str:
        """The note as last typed (saved or about to be)."""
        return self._draft

    @property
    def differs_from_claim(self) -> bool:
        return None not in (self.claim, self.verdict) and self.claim != self.verdict

    @property
    def needs_photo(self) -> bool:
        return self.criterion.photo_required and self.photo_count == 0

    def show_verdict(self, verdict: Verdict) -> int:
        """Show ``verdict``; returns the attempt number ``undo_verdict`` needs."""
        self._attempts += 1
        self.verdict = verdict
        return self._attempts

    def undo_verdict(self, attempt: int, previous: Verdict | None) -> bool:
        """Put ``previous`` back after a failed write, unless a later choice replaced it."""
        if attempt != self._attempts:
            return False
        self.verdict = previous
        return True

    def type_note(self, text: str) -> int:
        """Keep the newest typed text; returns its token (how many times it was typed)."""
        self._draft = text
        self._typed += 1
        return self._typed

    def unsaved_note(self, token: int | None) -> str | None:
        """The text to save now, or None if it is saved or newer typing supersedes ``token``."""
        if token is not None and token != self._typed:
            return None
        return None if self._draft == self._saved else self._draft

    def note_saved(self, text: str) -> None:
        self._saved = text

    def shown_under(self, filter_name: str) -> bool:
        if filter_name == "unanswered":
            return self.verdict is None
        if filter_name == "not_met":
            return self.verdict is Verdict.NOT_MET
        if filter_name == "needs_photo":
            return self.needs_photo
        return True


class ScoreState(ft.Observable):
    """The live score of the verdicts on screen, and how many differ from the LAO's claims."""

    score: Score
    differences: int

    def __init__(self, score: Score, differences: int) -> None:
        self.score = score
        self.differences = differences


class AuditActions:
    """What a criterion card may do to its audit. A plain (non-observable) handle, made once per
    audit, so a card re-renders for its own row only and not for every change of the audit.
    """

    def __init__(self, audit: AuditState) -> None:
        self._audit = audit
        self.editable = audit.editable
        self.photos = audit.photos

    async def choose(self, criterion_id: str, verdict: Verdict) -> None:
        await self._audit.choose(criterion_id, verdict)

    def note_typed(self, criterion_id: str, text: str) -> int:
        return self._audit.note_typed(criterion_id, text)

    async def flush_note(self, criterion_id: str, token: int | None = None) -> None:
        await self._audit.flush_note(criterion_id, token)


class AuditState(ft.Observable):
    filter: str
    status: AuditStatus
    only: str | None  # a criterion id: show just that one (from the seal screen's missing list)

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
    ) -> None:
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
        self.score = ScoreState(score_verdicts(self.edition, self.verdicts()), self.differences())
        self.status = snapshot.status
        self.filter = "all"
        self.only = None
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
        self.actions = AuditActions(self)

    def verdicts(self) -> dict[str, Verdict]:
        return {row.id: row.verdict for row in self.rows if row.verdict is not None}

    async def choose(self, criterion_id: str, verdict: Verdict) -> None:
        """Record ``verdict`` for one criterion. The row and the score show it at once, while
        the write (committed before this returns) runs; a failed write puts the row back.
        """
        row = self._by_id.get(criterion_id)
        if row is None or row.verdict is verdict:
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
        """How many verdicts differ from what the LAO claimed in its self-assessment."""
        return sum(1 for row in self.rows if row.differs_from_claim)

    def set_filter(self, name: str) -> None:
        """Show the rows under filter ``name``; choosing the same filter again refreshes it
        (rows answered under "unanswered" stay put until then, so nothing jumps under a finger).
        """
        name = name if name in FILTERS else "all"
        self.only = None
        if name == self.filter:
            self.notify()  # type: ignore[no-untyped-call]  # flet leaves it unannotated
        self.filter = name

    def filter_counts(self) -> dict[str, int]:
        return {name: sum(1 for row in self.rows if row.shown_under(name)) for name in FILTERS}

    def groups(self) -> list[tuple[GroupKey, list[CriterionRow]]]:
        """The rows under the current filter, grouped by tier and category in edition order."""
        grouped: dict[GroupKey, list[CriterionRow]] = {}
        for row in self.rows:
            if row.id == self.only or (self.only is None and row.shown_under(self.filter)):
                key = (row.criterion.tier, row.criterion.category)
                grouped.setdefault(key, []).append(row)
        return list(grouped.items())

    def note_typed(self, criterion_id: str, text: str) -> int:
        """Remember the newest text; returns a token that ``flush_note`` compares."""
        return self._by_id[criterion_id].type_note(text)

    async def flush_note(self, criterion_id: str, token: int | None = None) -> None:
        """Save the note unless it is unchanged, or newer typing (a later token) will save it."""
        row = self._by_id[criterion_id]
        text = row.unsaved_note(token)
        if text is None or not self.editable:
            return
        try:
            await self._writer.run(
                self._services.record_note,
                self.audit_id,
                criterion_id,
                text,
                by=self._inspector_id,
            )
        except Exception as error:
            self._notices.report(error)
            return
        row.note_saved(text)

    async def flush_notes(self) -> None:
        """Save every unsaved note and caption; returns once all writes asked for are done."""
        for row in self.rows:
            await self.flush_note(row.id)
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


def _rows(snapshot: AuditSnapshot) -> Iterable[CriterionRow]:
    for criterion in snapshot.edition.criteria:
        yield CriterionRow(
            criterion,
            verdict=snapshot.verdicts.get(criterion.id),
            claim=snapshot.claims.get(criterion.id),
            photo_count=snapshot.photo_counts.get(criterion.id, 0),
            note=snapshot.notes.get(criterion.id, ""),
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
