"""The committee on site, as the committee screen needs it: members' sealed audits (own and
imported from bundles), the disagreements, the chair's rulings and seal, and bundles to share.

Refusals are ``CommitteeRefused`` (this screen's own checks, by code) or the layers' own
(``BundleRefused`` with Thai words, ``RulingError``); nothing here knows how they are shown.
"""

from __future__ import annotations

import json
import re
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from field_audit.domain.committee import CommitteeResult, CriterionOutcome
from field_audit.domain.edition import Edition
from field_audit.domain.scoring import Verdict
from field_audit.evidence.store import PhotoStore
from field_audit.seal.bundles import export_bundle, import_bundle
from field_audit.seal.committee import (
    MemberAudit,
    committee_view,
    member_audits,
    rule_on_dispute,
    seal_committee,
)
from field_audit.seal.errors import BundleRefused
from field_audit.seal.sealing import SigningKey
from field_audit.storage.database import Database
from field_audit.storage.rulings import committee_chair
from field_audit.storage.sealed import (
    COMMITTEE_RESULT,
    current_results,
    get_sealed,
    sealed_for_assignment,
)

BUNDLE_SUFFIX = ".gecc"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


REFUSALS: dict[str, tuple[str, str]] = {  # code -> (English, Thai)
    "NOT_CHAIR": (
        "only the committee's chair rules and seals",
        "เฉพาะประธานคณะกรรมการเท่านั้นที่วินิจฉัยและปิดผนึกผลได้",
    ),
    "ALREADY_SEALED": (
        "the committee's result is sealed, so it cannot change",
        "ผลของคณะกรรมการปิดผนึกแล้ว จึงเปลี่ยนแปลงไม่ได้",
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
class MemberLine:
    """One member's latest sealed audit of the visit."""

    inspector_id: str
    name: str
    fingerprint: str
    revision: int
    points: int
    max_points: int
    certified: bool
    result_hash: str


@dataclass(frozen=True)
class CommitteeSeal:
    """The committee's sealed result for the visit, sealed here or imported."""

    result_hash: str
    revision: int
    points: int
    max_points: int
    certified: bool
    sealed_at: datetime
    signer_name: str


@dataclass(frozen=True)
class CommitteeSnapshot:
    """Everything the committee screen shows for one visit."""

    assignment_id: str
    members: tuple[MemberLine, ...]
    edition: Edition | None
    result: CommitteeResult | None
    chair_id: str | None
    chair_name: str | None
    sealed: CommitteeSeal | None
    problem: BundleRefused | None  # why there is no consolidation (none sealed, other editions)

    def is_chair(self, inspector_id: str) -> bool:
        return self.chair_id is not None and self.chair_id == inspector_id

    def member(self, inspector_id: str) -> MemberLine | None:
        return next((m for m in self.members if m.inspector_id == inspector_id), None)

    def disagreements(self) -> list[CriterionOutcome]:
        """Criteria where the members did not all say the same, or that are disputed."""
        if self.result is None:
            return []
        return [o for o in self.result.outcomes if o.disagreement or o.disputed]


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
        members, edition, result, problem = self._consolidation(assignment_id)
        return CommitteeSnapshot(
            assignment_id=assignment_id,
            members=tuple(_member_line(m) for m in members),
            edition=edition,
            result=result,
            chair_id=chair.inspector_id if chair else None,
            chair_name=chair.name if chair else None,
            sealed=self._sealed(assignment_id),
            problem=problem,
        )

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
        payload = report.payload
        return ImportOutcome(
            file_name,
            imported=True,
            signer_name=str(payload["signer"]["name"]),
            kind=report.kind,
            assignment_id=str(payload["assignment_id"]),
            lao_name_th=str(payload["lao"]["name_th"]),
            new_results=len(report.newly_imported),
        )

    def rule(
        self,
        snapshot: CommitteeSnapshot,
        criterion_id: str,
        verdict: Verdict,
        reason: str,
        *,
        chair_id: str,
    ) -> None:
        """The chair's ruling on one disputed criterion, with a reason."""
        if not snapshot.is_chair(chair_id):
            raise CommitteeRefused("NOT_CHAIR")
        if snapshot.sealed is not None:
            raise CommitteeRefused("ALREADY_SEALED")
        outcome = _outcome(snapshot, criterion_id)
        if not outcome.disputed:
            raise CommitteeRefused("NOT_DISPUTED")
        if not reason.strip():
            raise CommitteeRefused("REASON_NEEDED")
        aid = snapshot.assignment_id
        rule_on_dispute(self.db, aid, criterion_id, verdict, reason.strip(), chair_id=chair_id)

    def seal(
        self, snapshot: CommitteeSnapshot, key: SigningKey, *, chair_id: str, chair_name: str
    ) -> str:
        """Seal the committee's result (the chair, nothing disputed); returns its hash."""
        if snapshot.sealed is not None:
            raise CommitteeRefused("ALREADY_SEALED")
        signed = seal_committee(
            self.db, snapshot.assignment_id, key, chair_id=chair_id, chair_name=chair_name
        )
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

    def _consolidation(
        self, assignment_id: str
    ) -> tuple[list[MemberAudit], Edition | None, CommitteeResult | None, BundleRefused | None]:
        try:
            view = committee_view(self.db, assignment_id)
        except BundleRefused as problem:
            return member_audits(self.db, assignment_id), None, None, problem
        return view.members, view.edition, view.result, None

    def _sealed(self, assignment_id: str) -> CommitteeSeal | None:
        records = current_results(sealed_for_assignment(self.db, assignment_id, COMMITTEE_RESULT))
        if not records:
            return None
        record = max(records, key=lambda r: (r.revision, r.stored_at))
        payload: dict[str, Any] = json.loads(record.payload)
        score = payload["score"]
        return CommitteeSeal(
            result_hash=record.hash,
            revision=record.revision,
            points=int(score["points"]),
            max_points=int(score["max_points"]),
            certified=bool(score["certified"]),
            sealed_at=datetime.fromisoformat(payload["sealed_at"].replace("Z", "+00:00")),
            signer_name=str(payload["signer"]["name"]),
        )


def _member_line(member: MemberAudit) -> MemberLine:
    payload = member.payload
    score = payload["score"]
    return MemberLine(
        inspector_id=member.inspector_id,
        name=str(payload["signer"]["name"]),
        fingerprint=str(payload["signer"]["fingerprint"]),
        revision=int(payload["revision"]),
        points=int(score["points"]),
        max_points=int(score["max_points"]),
        certified=bool(score["certified"]),
        result_hash=member.hash,
    )


def _outcome(snapshot: CommitteeSnapshot, criterion_id: str) -> CriterionOutcome:
    outcomes = snapshot.result.outcomes if snapshot.result else ()
    found = next((o for o in outcomes if o.criterion_id == criterion_id), None)
    if found is None:
        raise CommitteeRefused("UNKNOWN_CRITERION")
    return found


def _lao_id(desk: CommitteeDesk, result_hash: str) -> str:
    record = get_sealed(desk.db, result_hash)
    return str(json.loads(record.payload)["lao"]["id"]) if record else "result"
