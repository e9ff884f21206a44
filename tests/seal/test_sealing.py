"""Sealing: only complete audits, exact signed bytes, immutability and corrections."""

from __future__ import annotations

import json

import pytest

from field_audit.domain.answers import Verdict
from field_audit.domain.audit import AuditStatus
from field_audit.domain.edition import Edition
from field_audit.seal.errors import NotReadyToSeal
from field_audit.seal.sealing import correct_audit, seal_audit
from field_audit.signing import UnlockedKey
from field_audit.storage.audits import get_audit, open_audit, record_verdict
from field_audit.storage.database import Database
from field_audit.storage.demo import DEMO_INSPECTOR_ID
from field_audit.storage.errors import AuditLocked
from field_audit.storage.sealed import get_sealed, sealed_for_assignment
from sync.protocol.canonical import canonical_json
from sync.protocol.documents import serialise
from sync.protocol.errors import BadSignature, ProtocolError
from sync.protocol.sealed import SEALED_AUDIT, SealedAudit, SignedResult, verify_result
from tests.seal.conftest import complete_audit


def test_sealing_an_incomplete_audit_lists_what_is_missing(
    demo: Database, edition: Edition, key: UnlockedKey
) -> None:
    audit = open_audit(demo, assignment_id="a-cm", inspector_id=DEMO_INSPECTOR_ID, edition=edition)
    record_verdict(demo, audit.id, "B01", Verdict.MET, by=DEMO_INSPECTOR_ID)
    with pytest.raises(NotReadyToSeal) as refused:
        seal_audit(demo, audit.id, key)
    whats = {(m.criterion_id, m.what) for m in refused.value.missing}
    assert ("B02", "verdict") in whats
    assert ("B02", "photo") in whats
    assert ("B01", "verdict") not in whats
    assert "B02: no verdict yet" in str(refused.value)
    assert "ยังปิดผนึกผลการประเมินไม่ได้" in refused.value.message("th")
    assert get_audit(demo, audit.id).status == "draft"  # type: ignore[union-attr]


def test_a_sealed_audit_holds_everything_and_verifies(
    demo: Database, edition: Edition, key: UnlockedKey
) -> None:
    audit_id = complete_audit(demo, edition, not_met=("A01", "A02"))
    signed = seal_audit(demo, audit_id, key)
    audit = verify_result(signed, expected_type=SEALED_AUDIT)
    assert isinstance(audit, SealedAudit)
    assert audit.result_id == audit_id
    assert audit.edition.model_dump() == {"id": "gecc-2560", "hash": edition.content_hash}
    assert audit.lao.name_th == "เทศบาลนครเชียงใหม่"
    assert audit.signer.fingerprint == key.fingerprint
    assert len(audit.findings) == 60
    b02 = next(f for f in audit.findings if f.criterion == "B02")
    assert b02.note == "ที่จอดรถ 40 คัน แยกจากเจ้าหน้าที่"
    assert b02.photos[0].gps is not None
    assert b02.photos[0].gps.model_dump() == {"lat_e6": 18788343, "lon_e6": 98985294}
    assert (audit.score.points, audit.score.meets_criteria) == (76, True)
    assert audit.replaces is None
    assert serialise(audit) == signed.payload_bytes


def test_sealing_stores_the_exact_bytes_marks_sealed_and_queues_sync(
    demo: Database, edition: Edition, key: UnlockedKey
) -> None:
    audit_id = complete_audit(demo, edition)
    signed = seal_audit(demo, audit_id, key)
    stored = get_sealed(demo, signed.hash)
    assert stored is not None
    assert stored.payload == signed.payload_bytes
    audit = get_audit(demo, audit_id)
    assert audit is not None
    assert (audit.status, audit.sealed_hash) == (AuditStatus.SEALED, signed.hash)
    with demo.engine.connect() as connection:
        outbox = connection.exec_driver_sql("SELECT kind, ref, state FROM outbox").all()
    assert outbox == [(SEALED_AUDIT, signed.hash, "waiting")]


def test_a_sealed_audit_never_changes(demo: Database, edition: Edition, key: UnlockedKey) -> None:
    audit_id = complete_audit(demo, edition)
    seal_audit(demo, audit_id, key)
    with pytest.raises(AuditLocked):
        record_verdict(demo, audit_id, "B01", Verdict.NOT_MET, by=DEMO_INSPECTOR_ID)
    with pytest.raises(Exception, match="cannot seal the audit: the audit is sealed"):
        seal_audit(demo, audit_id, key)


@pytest.mark.parametrize("position", [0, 100, 1000, -2])
def test_changing_any_byte_of_a_sealed_result_is_refused(
    demo: Database, edition: Edition, key: UnlockedKey, position: int
) -> None:
    signed = seal_audit(demo, complete_audit(demo, edition), key)
    tampered = bytearray(signed.payload_bytes)
    tampered[position] ^= 0x01
    with pytest.raises(ProtocolError) as refused:
        verify_result(SignedResult(bytes(tampered), signed.signature, signed.public_key))
    assert refused.value.code in {"NOT_CANONICAL", "MALFORMED_RESULT", "BAD_SIGNATURE"}


def test_a_score_changed_and_re_serialised_is_refused(
    demo: Database, edition: Edition, key: UnlockedKey
) -> None:
    signed = seal_audit(demo, complete_audit(demo, edition, not_met=("B07",)), key)
    payload = json.loads(signed.payload_bytes)
    payload["score"]["meets_criteria"] = True
    with pytest.raises(BadSignature):
        verify_result(SignedResult(canonical_json(payload), signed.signature, signed.public_key))


def test_a_wrong_key_is_refused(
    demo: Database, edition: Edition, key: UnlockedKey, tmp_path: object
) -> None:
    from pathlib import Path

    from tests.seal.conftest import make_key

    other = make_key(Path(str(tmp_path)) / "other")
    signed = seal_audit(demo, complete_audit(demo, edition), key)
    with pytest.raises(BadSignature):
        verify_result(SignedResult(signed.payload_bytes, signed.signature, other.public_key))
    forged = SignedResult(signed.payload_bytes, other.sign(signed.payload_bytes), other.public_key)
    with pytest.raises(BadSignature, match="names a different signer"):
        verify_result(forged)


def test_a_correction_is_a_new_revision_naming_the_seal(
    demo: Database, edition: Edition, key: UnlockedKey
) -> None:
    audit_id = complete_audit(demo, edition)
    first = seal_audit(demo, audit_id, key)
    draft = correct_audit(demo, audit_id, by=DEMO_INSPECTOR_ID)
    assert (draft.revision, draft.replaces_hash, draft.replaces_audit_id) == (
        2,
        first.hash,
        audit_id,
    )
    assert get_audit(demo, draft.id).status == "complete"  # type: ignore[union-attr]
    record_verdict(demo, draft.id, "A05", Verdict.NOT_MET, by=DEMO_INSPECTOR_ID)
    second = seal_audit(demo, draft.id, key)
    again = verify_result(second)
    assert (again.revision, again.replaces) == (2, first.hash)
    history = sealed_for_assignment(demo, "a-cm", SEALED_AUDIT)
    assert [r.hash for r in history] == [first.hash, second.hash]
    assert get_audit(demo, audit_id).status == "sealed"  # type: ignore[union-attr]


def test_a_key_replaced_later_still_verifies_old_results(
    demo: Database, edition: Edition, tmp_path: object
) -> None:
    from pathlib import Path

    from field_audit.signing import replace_key
    from tests.seal.conftest import CHEAP, PASSPHRASE, make_key

    folder = Path(str(tmp_path)) / "mine"
    old_key = make_key(folder)
    signed = seal_audit(demo, complete_audit(demo, edition), old_key)
    new_identity = replace_key(folder, PASSPHRASE, kdf=CHEAP)
    assert new_identity.public_key != old_key.public_key
    assert verify_result(signed).signer.fingerprint == old_key.fingerprint
