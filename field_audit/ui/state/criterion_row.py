"""One criterion on the audit screen as state: the answer, the LAO's claim, the photo count,
the evidence records and the texts being typed (note, recommendation); and the live score."""

from __future__ import annotations

import flet as ft

from field_audit.domain.answers import Answer, Grade, Verdict
from field_audit.domain.edition import Criterion
from field_audit.domain.evidence_records import Record
from field_audit.domain.scoring import Score


class DraftText:
    """Text being typed, saved a moment later: only the newest typing is written. Private to
    its row, so typing never re-renders anything."""

    def __init__(self, text: str) -> None:
        self.draft = text
        self._saved = text
        self._typed = 0

    def type(self, text: str) -> int:
        """Keep the newest typed text; returns its token (how many times it was typed)."""
        self.draft = text
        self._typed += 1
        return self._typed

    def unsaved(self, token: int | None) -> str | None:
        """The text to save now, or None if it is saved or newer typing supersedes ``token``."""
        if token is not None and token != self._typed:
            return None
        return None if self.draft == self._saved else self.draft

    def saved(self, text: str) -> None:
        self._saved = text


class CriterionRow(ft.Observable):
    """One criterion with the inspector's answer, the LAO's own claim, the photo count and the
    evidence records (id, record)."""

    verdict: Answer | None
    photo_count: int
    records: list[tuple[str, Record]]
    note_edits: int  # bumped when the note changes other than by typing (a phrase inserted)

    def __init__(
        self,
        criterion: Criterion,
        *,
        verdict: Answer | None,
        claim: Answer | None,
        photo_count: int,
        note: str,
        recommendation: str = "",
        records: list[tuple[str, Record]] | None = None,
    ) -> None:
        self.criterion = criterion
        self.claim = claim
        self.verdict = verdict
        self.photo_count = photo_count
        self.records = records or []
        self.texts = {"note": DraftText(note), "recommendation": DraftText(recommendation)}
        self.note_edits = 0
        self._attempts = 0

    @property
    def id(self) -> str:
        return self.criterion.id

    @property
    def draft(self) -> str:
        """The note as last typed (saved or about to be)."""
        return self.texts["note"].draft

    @property
    def differs_from_claim(self) -> bool:
        return None not in (self.claim, self.verdict) and self.claim != self.verdict

    @property
    def needs_photo(self) -> bool:
        return self.criterion.photo_required and self.photo_count == 0

    def show_verdict(self, verdict: Answer) -> int:
        """Show ``verdict``; returns the attempt number ``undo_verdict`` needs."""
        self._attempts += 1
        self.verdict = verdict
        return self._attempts

    def undo_verdict(self, attempt: int, previous: Answer | None) -> bool:
        """Put ``previous`` back after a failed write, unless a later choice replaced it."""
        if attempt != self._attempts:
            return False
        self.verdict = previous
        return True

    def shown_under(self, filter_name: str) -> bool:
        if filter_name == "unanswered":
            return self.verdict is None
        if filter_name == "not_met":  # a graded criterion given no points
            return self.verdict in (Verdict.NOT_MET, Grade(0))
        if filter_name == "needs_photo":
            return self.needs_photo
        return True


class ScoreState(ft.Observable):
    """The live score of the answers in the audit's scope, and how many differ from the LAO's
    claims; ``share`` is (in scope, of all) when the audit covers a share only, else None."""

    score: Score
    differences: int
    share: tuple[int, int] | None

    def __init__(self, score: Score, differences: int, share: tuple[int, int] | None) -> None:
        self.score = score
        self.differences = differences
        self.share = share
