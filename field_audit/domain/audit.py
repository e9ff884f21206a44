"""The audit lifecycle: DRAFT -> COMPLETE -> SEALED -> SYNCED, with guarded transitions.

An audit is COMPLETE when every criterion of its scope (all of them, or the member's share:
``field_audit.domain.shares``) has an answer and every one of them that needs a photo has one;
editing a complete audit may take it back to DRAFT. SEALED and SYNCED never change:
a correction is a new revision (a new draft) that names the sealed one it replaces.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from field_audit.domain.answers import Answer
from field_audit.domain.edition import Edition
from field_audit.domain.errors import TransitionError
from field_audit.domain.shares import Scope


class AuditStatus(StrEnum):
    DRAFT = "draft"
    COMPLETE = "complete"
    SEALED = "sealed"
    SYNCED = "synced"


EDITABLE = (AuditStatus.DRAFT, AuditStatus.COMPLETE)


@dataclass(frozen=True)
class Missing:
    """Something an audit still lacks before it can be sealed."""

    criterion_id: str
    what: str  # "verdict" or "photo"

    @property
    def th(self) -> str:
        if self.what == "verdict":
            return f"ข้อ {self.criterion_id}: ยังไม่ได้ให้ผลการประเมิน"
        return f"ข้อ {self.criterion_id}: ต้องมีภาพถ่ายประกอบอย่างน้อย 1 ภาพ"

    @property
    def en(self) -> str:
        if self.what == "verdict":
            return f"{self.criterion_id}: no verdict yet"
        return f"{self.criterion_id}: needs at least one photo"


def missing_for_seal(
    edition: Edition,
    verdicts: Mapping[str, Answer],
    photo_counts: Mapping[str, int],
    scope: Scope | None = None,
) -> list[Missing]:
    """What stands between this audit and sealing, in the edition's order; criteria outside
    the ``scope`` (None: every criterion) are not this member's to assess."""
    missing = []
    for criterion in edition.criteria:
        if scope is not None and criterion.id not in scope:
            continue
        if criterion.id not in verdicts:
            missing.append(Missing(criterion.id, "verdict"))
        if criterion.photo_required and photo_counts.get(criterion.id, 0) == 0:
            missing.append(Missing(criterion.id, "photo"))
    return missing


def status_after_edit(current: AuditStatus, *, complete: bool) -> AuditStatus:
    """The status after a verdict, note or photo changed; sealed audits refuse any edit."""
    _require(current, EDITABLE, action="change a finding")
    return AuditStatus.COMPLETE if complete else AuditStatus.DRAFT


def seal(current: AuditStatus) -> AuditStatus:
    _require(current, (AuditStatus.COMPLETE,), action="seal the audit")
    return AuditStatus.SEALED


def mark_synced(current: AuditStatus) -> AuditStatus:
    _require(current, (AuditStatus.SEALED,), action="mark the audit as synced")
    return AuditStatus.SYNCED


def can_correct(current: AuditStatus) -> bool:
    """Only a sealed (or synced) audit is corrected, by opening a new revision."""
    return current in (AuditStatus.SEALED, AuditStatus.SYNCED)


def _require(current: AuditStatus, allowed: tuple[AuditStatus, ...], *, action: str) -> None:
    if current not in allowed:
        raise TransitionError(action, current.value, tuple(a.value for a in allowed))
