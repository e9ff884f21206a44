"""The committee on site, as the committee screen needs it: members' sealed audits (own and
imported from bundles), the disagreements, the chair's rulings and seal, and bundles to share.

Refusals are ``CommitteeRefused`` (this screen's own checks, by code) or the layers' own
(``BundleRefused`` with Thai words, ``RulingError``); nothing here knows how they are shown.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from field_audit.domain.answers import Answer
from field_audit.domain.attendance import Seat, call_roll
from field_audit.domain.committee import CriterionOutcome
from field_audit.domain.edition import ADMINISTRATIVE_PROCEDURE_QUORUM
from field_audit.evidence.store import PhotoStore
from field_audit.seal.bundles import export_bundle, import_bundle
from field_audit.seal.committee import (
    CommitteeView,
    Sitting,
    committee_view,
    current_committee_seal,
    mark_absent,
    member_audits,
    recommend,
    rule_on_dispute,
    seal_committee,
)
from field_audit.seal.errors import BundleRefused
from field_audit.seal.sealing import SigningKey
from field_audit.services.committee_snapshot import (
    CommitteeSeal,
    CommitteeSnapshot,
    member_line,
    suggestions_of,
)
from field_audit.storage.database import Database
from field_audit.storage.roll import clear_absence, committee_seats
from field_audit.storage.rulings import committee_chair
from field_audit.storage.sealed import (
    COMMITTEE_RESULT,
    get_sealed,
)
from sync.protocol.sealed import CommitteeResult as CommitteeDocument
from sync.protocol.sealed import CountedMember, parse_result

BUNDLE_SUFFIX = ".gecc"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


REFUSALS: dict[str, tuple[str, str]] = {  # code -> (English, Thai)
    "NOT_CHAIR": (
        "only the committee's chair rules and seals",
        "เฉพาะประธานคณะกรรมการเท่านั้นที่วินิจฉัยและปิดผนึกผลได้",
    ),
    "ALREADY_SEALED": (
        "the committee's result is sealed and no member's audit has changed since",
        "ผลของคณะกรรมการปิดผนึกแล้ว และไม่มีผลของกรรมการที่เปลี่ยนไปหลังจากนั้น",
    ),
    "NOT_DISPUTED": (
        "the majority decided this one: the chair cannot overrule a majority",
        "ข้อนี้ตัดสินตามเสียงข้างมากแล้ว ประธานกลับผลเสียงข้างมากไม่ได้",
    ),
    "REASON_NEEDED": (
        "a ruling needs a reason: please write one",
        "กรุณาระบุเหตุผลของการวินิจฉัย",
    ),
    "UNKNOWN_CRITERION": (
        "that criterion is not in the committee's result",
        "ไม่พบเกณฑ์ข้อนี้ในผลของคณะกรรมการ",
    ),
    "NOTHING_TO_EXPORT": (
        "there is no sealed result to export yet",
        "ยังไม่มีผลที่ปิดผนึกแล้วให้ส่งออก",
    ),
}


class CommitteeRefused(Exception):
    """The committee screen refuses this; ``code`` is one of ``REFUSALS``."""

    def __init__(self, code: str) -> None:
        english, self.message_th = REFUSALS[code]
        super().__init__(english)
        self.code = code

    def message(self, language: str) -> str:
        return str(self) if language == "en" else self.message_th


@dataclass(frozen=True)
class ImportOutcome:
    """What became of one picked bundle: imported (what, whose) or refused (why)."""

    file_name: str
    imported: bool
    signer_name: str = ""
    kind: str = ""
    assignment_id: str = ""
    lao_name_th: str = ""
    new_results: int = 0
    code: str = ""
    message_th: str = ""
    message_en: str = ""


@dataclass(frozen=True)
class ExportedBundle:
    path: Path
    file_name: str
    data: bytes


class CommitteeDesk:
    """The committee work of one device: its database, photo store and exports folder."""

    def __init__(self, db: Database, store: PhotoStore, exports_dir: Path) -> None:
        self.db = db
        self.store = store
        self.exports_dir = exports_dir

    def snapshot(self, assignment_id: str, committee_id: str) -> CommitteeSnapshot:
        chair = committee_chair(self.db, committee_id)
        sitting = Sitting(assignment_id, committee_id)
        view, problem = self._view(sitting)
        return CommitteeSnapshot(
            assignment_id=assignment_id,
            committee_id=committee_id,
            roll=view.roll,
            members=tuple(member_line(m) for m in view.members),
            edition=view.edition,
            result=view.result,
            chair_id=chair.inspector_id if chair else None,
            chair_name=chair.name if chair else None,
            sealed=self._sealed(assignment_id),
            key_problems=view.key_problems,
            problem=problem,
            recommendations=view.recommendations,
            suggestions=suggestions_of(view.members),
        )

    def mark_absent(
        self, snapshot: CommitteeSnapshot, inspector_id: str, reason: str, *, chair_id: str
    ) -> None:
        """The chair records that a member is absent from this visit's result, and why."""
        if not snapshot.is_chair(chair_id):
            raise CommitteeRefused("NOT_CHAIR")
        sitting = Sitting(snapshot.assignment_id, snapshot.committee_id)
        mark_absent(self.db, sitting, inspector_id, reason=reason, chair_id=chair_id)

    def clear_absence(
        self, snapshot: CommitteeSnapshot, inspector_id: str, *, chair_id: str
    ) -> None:
        """The chair takes back an absence: the member is awaited again."""
        if not snapshot.is_chair(chair_id):
            raise CommitteeRefused("NOT_CHAIR")
        clear_absence(self.db, snapshot.assignment_id, inspector_id)

    def import_file(self, file_name: str, data: bytes) -> ImportOutcome:
        """Verify and import one bundle given as bytes (from the file picker)."""
        with tempfile.TemporaryDirectory(prefix="gecc-import-") as folder:
            path = Path(folder) / "bundle.gecc"
            path.write_bytes(data)
            try:
                report = import_bundle(self.db, self.store, path)
            except BundleRefused as refused:
                return ImportOutcome(
                    file_name,
                    imported=False,
                    code=refused.code,
                    message_th=refused.message("th"),
                    message_en=refused.message("en"),
                )
        result = report.result
        return ImportOutcome(
            file_name,
            imported=True,
            signer_name=result.signer.name,
            kind=report.kind,
            assignment_id=result.assignment_id,
            lao_name_th=result.lao.name_th,
            new_results=len(report.newly_imported),
        )

    def rule(
        self,
        snapshot: CommitteeSnapshot,
        criterion_id: str,
        verdict: Answer,
        reason: str,
        *,
        chair_id: str,
    ) -> None:
        """The chair's ruling on one disputed criterion, with a reason."""
        if not snapshot.is_chair(chair_id):
            raise CommitteeRefused("NOT_CHAIR")
        if snapshot.sealed is not None and not snapshot.stale:
            raise CommitteeRefused("ALREADY_SEALED")
        outcome = _outcome(snapshot, criterion_id)
        if not outcome.disputed:
            raise CommitteeRefused("NOT_DISPUTED")
        if not reason.strip():
            raise CommitteeRefused("REASON_NEEDED")
        sitting = Sitting(snapshot.assignment_id, snapshot.committee_id)
        rule_on_dispute(
            self.db,
            sitting,
            criterion_id,
            verdict=verdict,
            reason=reason.strip(),
            chair_id=chair_id,
        )

    def recommend(
        self, snapshot: CommitteeSnapshot, criterion_id: str, text: str, *, chair_id: str
    ) -> None:
        """The chair's consolidated recommendation on a criterion, or overall (``OVERALL``)."""
        if not snapshot.is_chair(chair_id):
            raise CommitteeRefused("NOT_CHAIR")
        if snapshot.sealed is not None and not snapshot.stale:
            raise CommitteeRefused("ALREADY_SEALED")
        sitting = Sitting(snapshot.assignment_id, snapshot.committee_id)
        recommend(self.db, sitting, criterion_id, text, chair_id=chair_id)

    def seal(
        self, snapshot: CommitteeSnapshot, key: SigningKey, *, chair_id: str, chair_name: str
    ) -> str:
        """Seal the committee's result (the chair, every member accounted for, the quorum met,
        nothing disputed); returns its hash."""
        if snapshot.sealed is not None and not snapshot.stale:
            raise CommitteeRefused("ALREADY_SEALED")
        sitting = Sitting(snapshot.assignment_id, snapshot.committee_id)
        signed = seal_committee(self.db, sitting, key, chair_id=chair_id, chair_name=chair_name)
        return signed.hash

    def export_member(self, snapshot: CommitteeSnapshot, inspector_id: str) -> ExportedBundle:
        """A bundle of this inspector's own sealed audit of the visit."""
        member = snapshot.member(inspector_id)
        if member is None:
            raise CommitteeRefused("NOTHING_TO_EXPORT")
        name = f"gecc-{_lao_id(self, member.result_hash)}-{inspector_id}-r{member.revision}"
        return self._export(member.result_hash, name)

    def export_committee(self, snapshot: CommitteeSnapshot) -> ExportedBundle:
        """A bundle of the committee's sealed result with the members' audits it rests on."""
        sealed = snapshot.sealed
        if sealed is None:
            raise CommitteeRefused("NOTHING_TO_EXPORT")
        name = f"gecc-{_lao_id(self, sealed.result_hash)}-committee-r{sealed.revision}"
        return self._export(sealed.result_hash, name)

    def _export(self, result_hash: str, stem: str) -> ExportedBundle:
        self.exports_dir.mkdir(parents=True, exist_ok=True)
        file_name = _UNSAFE.sub("-", stem) + BUNDLE_SUFFIX
        path = export_bundle(self.db, self.store, result_hash, self.exports_dir / file_name)
        return ExportedBundle(path, file_name, path.read_bytes())

    def _view(self, sitting: Sitting) -> tuple[CommitteeView, BundleRefused | None]:
        try:
            return committee_view(self.db, sitting), None
        except BundleRefused as problem:  # members assessed against different editions
            return self._unconsolidated(sitting), problem

    def _unconsolidated(self, sitting: Sitting) -> CommitteeView:
        members = member_audits(self.db, sitting.assignment_id)
        seats: list[Seat] = committee_seats(self.db, sitting.committee_id) or []
        audits = {m.inspector_id: m.hash for m in members}
        roll = call_roll(seats, audits, {}, ADMINISTRATIVE_PROCEDURE_QUORUM)
        return CommitteeView(None, roll, members, None, (), {})

    def _sealed(self, assignment_id: str) -> CommitteeSeal | None:
        record = current_committee_seal(self.db, assignment_id)
        if record is None:
            return None
        document = parse_result(record.payload, expected_type=COMMITTEE_RESULT)
        assert isinstance(document, CommitteeDocument)  # the type was asked for
        return CommitteeSeal(
            result_hash=record.hash,
            revision=record.revision,
            points=document.score.points,
            max_points=document.score.max_points,
            meets_criteria=document.score.meets_criteria,
            sealed_at=datetime.fromisoformat(document.sealed_at.replace("Z", "+00:00")),
            signer_name=document.signer.name,
            counted=frozenset(
                m.audit_hash for m in document.members if isinstance(m, CountedMember)
            ),
        )


def _outcome(snapshot: CommitteeSnapshot, criterion_id: str) -> CriterionOutcome:
    outcomes = snapshot.consolidated.outcomes if snapshot.consolidated else ()
    found = next((o for o in outcomes if o.criterion_id == criterion_id), None)
    if found is None:
        raise CommitteeRefused("UNKNOWN_CRITERION")
    return found


def _lao_id(desk: CommitteeDesk, result_hash: str) -> str:
    record = get_sealed(desk.db, result_hash)
    return parse_result(record.payload).lao.id if record else "result"
