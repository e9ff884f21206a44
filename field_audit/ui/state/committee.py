"""The committee screen of one visit: members' sealed audits, imported bundles, the
disagreements, the chair's rulings and seal, and bundles to share.

Every change goes through the device's ``SerialWriter`` (in order with the audit's writes) and
the screen then shows the device's state again (``reload``). Refusals that carry their own
words (a bundle refused, a ruling refused, a wrong passphrase) are kept beside what they are
about; anything else goes to the notice banner.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import flet as ft

from field_audit.domain.answers import Answer
from field_audit.ui.i18n import tr
from field_audit.ui.state.notices import Notices
from field_audit.ui.state.unlock import SessionKey, worded
from field_audit.ui.state.writer import SerialWriter

if TYPE_CHECKING:  # the database layer loads in the background, after the server is up
    from field_audit.app import Inspector, Services
    from field_audit.services.committee import CommitteeDesk, ExportedBundle, ImportOutcome
    from field_audit.services.committee_snapshot import CommitteeSnapshot
    from field_audit.storage.assignments import AssignmentView

Words = tuple[str, str]  # (Thai, English)


class CommitteeState(ft.Observable):
    snapshot: CommitteeSnapshot
    imports: tuple[ImportOutcome, ...]  # what became of the last picked bundles
    busy: bool
    refusals: dict[str, Words]  # criterion id (or "seal") -> why the last attempt was refused
    exported: str | None  # where the last bundle was written
    just_sealed: bool

    def __init__(
        self,
        services: Services,
        assignment: AssignmentView,
        *,
        inspector: Inspector,
        notices: Notices,
        writer: SerialWriter,
        key: SessionKey,
    ) -> None:
        self._desk: CommitteeDesk = services.committee_desk()
        self._notices = notices
        self._writer = writer
        self._reasons: dict[str, str] = {}  # typed, not yet ruled: typing never re-renders
        self._recommendations: dict[str, str] = {}  # typed by the chair, not yet saved
        self.key = key
        self.assignment = assignment
        self.inspector = inspector
        self.snapshot = self._desk.snapshot(assignment.assignment_id, assignment.committee.id)
        self.imports = ()
        self.busy = False
        self.refusals = {}
        self.exported = None
        self.just_sealed = False

    @property
    def is_chair(self) -> bool:
        return self.snapshot.is_chair(self.inspector.id)

    def reload(self) -> None:
        assignment = self.assignment
        self.snapshot = self._desk.snapshot(assignment.assignment_id, assignment.committee.id)

    async def import_files(self, files: Sequence[tuple[str, bytes]]) -> None:
        """Verify and import each picked bundle; each is reported imported or refused."""
        if not files:
            return
        self.busy = True
        outcomes = []
        try:
            for name, data in files:
                outcomes.append(await self._writer.run(self._desk.import_file, name, data))
        except Exception as error:
            self._notices.report(error)
        finally:
            self.imports = tuple(outcomes)
            self.busy = False
        self.reload()

    def type_reason(self, criterion_id: str, text: str) -> None:
        self._reasons[criterion_id] = text

    def reason_draft(self, criterion_id: str) -> str:
        return self._reasons.get(criterion_id, "")

    async def rule(self, criterion_id: str, verdict: Answer) -> bool:
        """The chair's ruling with the reason typed for it; False (and why) if refused."""
        reason = self._reasons.get(criterion_id, "")
        ok = await self._attempt(
            criterion_id,
            self._desk.rule,
            self.snapshot,
            criterion_id,
            verdict,
            reason,
            chair_id=self.inspector.id,
        )
        if ok:
            self._reasons.pop(criterion_id, None)
        self.reload()
        return ok

    def type_recommendation(self, criterion_id: str, text: str) -> None:
        self._recommendations[criterion_id] = text

    def recommendation_draft(self, criterion_id: str) -> str:
        """The chair's text as typed, else as saved."""
        saved = self.snapshot.recommendations.get(criterion_id, "")
        return self._recommendations.get(criterion_id, saved)

    async def save_recommendation(self, criterion_id: str) -> bool:
        """Keep the chair's consolidated recommendation as typed (blank removes it)."""
        if criterion_id not in self._recommendations:
            return True
        text = self._recommendations[criterion_id]
        ok = await self._attempt(
            f"recommend:{criterion_id}",
            self._desk.recommend,
            self.snapshot,
            criterion_id,
            text,
            chair_id=self.inspector.id,
        )
        if ok:
            self._recommendations.pop(criterion_id, None)
        self.reload()
        return ok

    async def mark_absent(self, inspector_id: str) -> bool:
        """The chair records a member absent, with the reason typed for them."""
        about = f"absent:{inspector_id}"
        reason = self._reasons.get(about, "")
        ok = await self._attempt(
            about,
            self._desk.mark_absent,
            self.snapshot,
            inspector_id,
            reason,
            chair_id=self.inspector.id,
        )
        if ok:
            self._reasons.pop(about, None)
        self.reload()
        return ok

    async def clear_absence(self, inspector_id: str) -> bool:
        """The chair takes an absence back: the member is awaited again."""
        ok = await self._attempt(
            f"absent:{inspector_id}",
            self._desk.clear_absence,
            self.snapshot,
            inspector_id,
            chair_id=self.inspector.id,
        )
        self.reload()
        return ok

    async def seal(self, passphrase: str) -> bool:
        """Unlock the key (if this session has not) and seal the committee's result."""
        key = await self.key.unlock(passphrase)
        if key is None:
            self._refuse("seal", self.key.error)
            return False
        ok = await self._attempt(
            "seal",
            self._desk.seal,
            self.snapshot,
            key,
            chair_id=self.inspector.id,
            chair_name=self.inspector.name,
        )
        self.reload()
        self.just_sealed = ok
        return ok

    async def export_own(self) -> ExportedBundle | None:
        """A bundle of this inspector's own sealed audit, written to the exports folder."""
        return await self._export(self._desk.export_member, self.snapshot, self.inspector.id)

    async def export_committee(self) -> ExportedBundle | None:
        return await self._export(self._desk.export_committee, self.snapshot)

    async def _export(
        self, make: Callable[..., ExportedBundle], *args: object
    ) -> ExportedBundle | None:
        self.busy = True
        try:
            bundle = await self._writer.run(make, *args)
        except Exception as error:
            self._report("export", error)
            return None
        finally:
            self.busy = False
        self.exported = str(bundle.path)
        return bundle

    async def _attempt(
        self, about: str, action: Callable[..., object], *args: object, **kwargs: object
    ) -> bool:
        self.busy = True
        try:
            await self._writer.run(action, *args, **kwargs)
        except Exception as error:
            self._report(about, error)
            return False
        finally:
            self.busy = False
        self._refuse(about, None)
        return True

    def _report(self, about: str, error: Exception) -> None:
        words = worded(error)
        if words is None:
            self._notices.report(error)
        else:
            self._refuse(about, words)

    def _refuse(self, about: str, words: Words | None) -> None:
        refusals = {k: v for k, v in self.refusals.items() if k != about}
        if words is not None:
            refusals[about] = words
        self.refusals = refusals


def import_line(outcome: ImportOutcome, assignment_id: str, language: str) -> str:
    """One picked bundle, imported (whose, how many new) or refused (why), in words."""
    if not outcome.imported:
        reason = outcome.message_en if language == "en" else outcome.message_th
        return tr("committee.refused", language, file=outcome.file_name, reason=reason)
    if outcome.assignment_id != assignment_id:
        return tr(
            "committee.imported_elsewhere",
            language,
            file=outcome.file_name,
            name=outcome.signer_name,
            lao=outcome.lao_name_th,
        )
    return tr(
        "committee.imported",
        language,
        file=outcome.file_name,
        name=outcome.signer_name,
        count=outcome.new_results,
    )
