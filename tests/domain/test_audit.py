"""The audit lifecycle and what stands between an audit and its seal."""

from __future__ import annotations

import pytest

from field_audit.domain.audit import (
    AuditStatus,
    can_correct,
    mark_synced,
    missing_for_seal,
    seal,
    status_after_edit,
)
from field_audit.domain.errors import TransitionError
from tests.factories import build, gecc_2560_shape, verdicts


def photo_edition():  # type: ignore[no-untyped-def]
    document = gecc_2560_shape()
    document["criteria"][2]["photo_required"] = True
    return build(document)


def test_missing_lists_unanswered_criteria_and_required_photos_in_words() -> None:
    edition = photo_edition()
    answered = verdicts([c for c in edition.criterion_ids if c != "B05"])
    missing = missing_for_seal(edition, answered, {})
    assert [(m.criterion_id, m.what) for m in missing] == [("B03", "photo"), ("B05", "verdict")]
    assert missing[0].th == "ข้อ B03: ต้องมีภาพถ่ายประกอบอย่างน้อย 1 ภาพ"
    assert missing[1].en == "B05: no verdict yet"
    assert missing_for_seal(edition, verdicts(list(edition.criterion_ids)), {"B03": 1}) == []


def test_edits_move_between_draft_and_complete() -> None:
    assert status_after_edit(AuditStatus.DRAFT, complete=True) is AuditStatus.COMPLETE
    assert status_after_edit(AuditStatus.COMPLETE, complete=False) is AuditStatus.DRAFT


@pytest.mark.parametrize("status", [AuditStatus.SEALED, AuditStatus.SYNCED])
def test_sealed_audits_refuse_edits_naming_both_states(status: AuditStatus) -> None:
    with pytest.raises(TransitionError, match=f"the audit is {status.value}, and that needs draft"):
        status_after_edit(status, complete=True)
    assert can_correct(status)


def test_only_a_complete_audit_is_sealed_and_only_a_sealed_one_synced() -> None:
    with pytest.raises(TransitionError, match="cannot seal the audit: the audit is draft"):
        seal(AuditStatus.DRAFT)
    assert seal(AuditStatus.COMPLETE) is AuditStatus.SEALED
    with pytest.raises(TransitionError):
        mark_synced(AuditStatus.COMPLETE)
    assert mark_synced(AuditStatus.SEALED) is AuditStatus.SYNCED
    assert not can_correct(AuditStatus.DRAFT)
