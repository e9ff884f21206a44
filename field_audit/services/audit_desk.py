"""The device's audits without the screen: listed, shown criterion by criterion with the score,
and answered one criterion at a time (``field-audit audit ...``).

Answers go through the same storage calls as the audit screen's (``Services.record_verdict``
and ``record_note``), so the rules are the same: a sealed audit refuses every change
(``AuditLocked``), an unknown criterion or an answer it does not take is a ``VerdictError``.
An audit may be named by a unique start of its id (at least 4 characters).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from field_audit.domain.answers import Answer, answer_value, parse_answer
from field_audit.domain.audit import EDITABLE, AuditStatus
from field_audit.domain.edition import Criterion, Edition, load_bundled_edition
from field_audit.domain.errors import VerdictError
from field_audit.domain.scoring import Score, score_verdicts
from field_audit.storage import audits
from field_audit.storage.assignments import inspector_profile, list_assignments
from field_audit.storage.audit_index import audits_with_lao, find_audit_id
from field_audit.storage.database import Database
from field_audit.storage.errors import AuditLocked, NotFound
from field_audit.storage.models import AuditRecord, Lao


@dataclass(frozen=True)
class AuditLine:
    """One audit in the list: whose, of which LAO, how far, and its seal if sealed."""

    audit_id: str
    revision: int
    assignment_id: str
    lao_id: str
    lao_th: str
    lao_en: str
    inspector_id: str
    state: str  # an AuditStatus value: draft, complete, sealed, synced
    answered: int
    total: int  # the criteria the audit covers (its share, when the work was divided)
    sealed_hash: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.audit_id,
            "revision": self.revision,
            "assignment": self.assignment_id,
            "lao": {"id": self.lao_id, "th": self.lao_th, "en": self.lao_en},
            "inspector": self.inspector_id,
            "state": self.state,
            "answered": self.answered,
            "total": self.total,
            "sealed_hash": self.sealed_hash,
        }


@dataclass(frozen=True)
class CriterionLine:
    criterion: Criterion
    answer: Answer | None
    note: str
    photos: int
    covered: bool  # in the audit's share (every criterion when the work was not divided)

    def to_json(self) -> dict[str, Any]:
        answer = self.answer
        return {
            "id": self.criterion.id,
            "title": {"th": self.criterion.title.th, "en": self.criterion.title.en},
            "answer": answer_value(answer) if answer is not None else None,
            "note": self.note,
            "photos": self.photos,
            "covered": self.covered,
        }


@dataclass(frozen=True)
class AuditSheet:
    """One audit in full: its line, every criterion's answer and note, and the score of what
    it covers."""

    line: AuditLine
    edition: Edition
    criteria: tuple[CriterionLine, ...]
    score: Score

    def to_json(self) -> dict[str, Any]:
        return {
            **self.line.to_json(),
            "edition": self.edition.id,
            "criteria": [c.to_json() for c in self.criteria],
            "score": self.score.to_json(),
        }


class AuditDesk:
    """The device's audits, for the command line. Plain values in and out."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def lines(self) -> list[AuditLine]:
        """Every audit on the device, every revision, by LAO."""
        return [self._line(audit, lao) for audit, lao in audits_with_lao(self.db)]

    def sheet(self, given: str) -> AuditSheet:
        """The audit ``given`` names (its id or a unique start of it), criterion by criterion."""
        audit, lao = self._find(given)
        with self.db.session() as session:
            edition = audits.edition_by_hash(session, audit.edition_hash)
            counts = audits.photo_counts(session, audit.id)
        findings = audits.audit_findings(self.db, audit.id)
        answers = self._answers(audit)
        scope = audits.audit_scope(audit)
        rows = tuple(
            CriterionLine(
                criterion=c,
                answer=answers.get(c.id),
                note=findings[c.id].note if c.id in findings else "",
                photos=counts.get(c.id, 0),
                covered=scope is None or c.id in scope,
            )
            for c in edition.criteria
        )
        return AuditSheet(self._line(audit, lao), edition, rows, score_verdicts(edition, answers))

    def answer(self, given: str, criterion_id: str, value: str, *, note: str | None) -> AuditSheet:
        """Record ``value`` (met, not_met, or a graded criterion's points) and, if given, the
        note; refuses a sealed audit, an unknown criterion or a wrong answer before writing."""
        audit, _lao = self._find(given)
        if AuditStatus(audit.status) not in EDITABLE:
            raise AuditLocked(audit.id, audit.status)
        with self.db.session() as session:
            edition = audits.edition_by_hash(session, audit.edition_hash)
        criterion = _criterion(edition, criterion_id)
        answer = parse_answer(criterion, int(value) if value.isdigit() else value)
        profile = inspector_profile(self.db)
        by = profile.id if profile else audit.inspector_id
        if note is not None:
            audits.record_note(self.db, audit.id, criterion.id, note, by=by)
        audits.record_verdict(self.db, audit.id, criterion.id, answer, by=by)
        return self.sheet(audit.id)

    def start(self, assignment_id: str) -> AuditSheet:
        """The device inspector's audit of an assignment: the latest revision, or a new draft
        (as opening it in the app does)."""
        profile = inspector_profile(self.db)
        if profile is None:
            raise NotFound("inspector profile", "(set one up in the app first)")
        views = list_assignments(self.db, inspector_id=profile.id)
        view = next((v for v in views if v.assignment_id == assignment_id), None)
        if view is None:
            raise NotFound("assignment", assignment_id)
        record = audits.open_audit(
            self.db,
            assignment_id=assignment_id,
            inspector_id=profile.id,
            edition=load_bundled_edition(view.round.edition_id),
        )
        return self.sheet(record.id)

    def _find(self, given: str) -> tuple[AuditRecord, Lao]:
        audit_id = find_audit_id(self.db, given)
        for audit, lao in audits_with_lao(self.db):
            if audit.id == audit_id:
                return audit, lao
        raise NotFound("audit", given)

    def _answers(self, audit: AuditRecord) -> dict[str, Answer]:
        """The answers the audit stands by: those of its share."""
        with self.db.session() as session:
            answers = audits.audit_verdicts(session, audit.id)
        scope = audits.audit_scope(audit)
        return {c: a for c, a in answers.items() if scope is None or c in scope}

    def _line(self, audit: AuditRecord, lao: Lao) -> AuditLine:
        with self.db.session() as session:
            edition = audits.edition_by_hash(session, audit.edition_hash)
        scope = audits.audit_scope(audit)
        return AuditLine(
            audit_id=audit.id,
            revision=audit.revision,
            assignment_id=audit.assignment_id,
            lao_id=lao.id,
            lao_th=lao.name_th,
            lao_en=lao.name_en,
            inspector_id=audit.inspector_id,
            state=audit.status,
            answered=len(self._answers(audit)),
            total=len(scope) if scope is not None else len(edition.criteria),
            sealed_hash=audit.sealed_hash,
        )


def _criterion(edition: Edition, criterion_id: str) -> Criterion:
    criterion = edition.criterion(criterion_id) or edition.criterion(criterion_id.upper())
    if criterion is None:
        first, last = edition.criteria[0].id, edition.criteria[-1].id
        raise VerdictError(
            f"{edition.id} has no criterion {criterion_id!r} (its criteria run {first}..{last})"
            f" / ไม่มีเกณฑ์ข้อ {criterion_id} ในเกณฑ์ฉบับ {edition.id}"
        )
    return criterion
