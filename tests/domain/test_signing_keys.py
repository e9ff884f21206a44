"""Keys over time: a result rests on a key the office enrolled for its signer, not revoked."""

from __future__ import annotations

from datetime import UTC, datetime

from field_audit.domain.signing_keys import KeyFault, KeyPeriod, key_fault

REVOKED_AT = datetime(2027, 3, 1, tzinfo=UTC)
OLD = KeyPeriod("old-key", revoked_at=None)
NEW = KeyPeriod("new-key")
LOST = KeyPeriod("lost-key", revoked_at=REVOKED_AT)


def test_every_live_key_a_member_has_had_verifies() -> None:
    assert key_fault([OLD, NEW], "old-key", used_at=None) is None
    assert key_fault([OLD, NEW], "new-key", used_at=None) is None


def test_a_member_with_no_enrolled_key_is_never_accepted() -> None:
    assert key_fault([], "any-key", used_at=None) is KeyFault.NO_ENROLLED_KEY


def test_a_key_not_enrolled_for_the_member_is_refused() -> None:
    assert key_fault([NEW], "stranger", used_at=None) is KeyFault.UNKNOWN_SIGNER_KEY


def test_a_revoked_key_is_refused_now_whatever_the_result_claims() -> None:
    assert key_fault([LOST, NEW], "lost-key", used_at=None) is KeyFault.KEY_REVOKED


def test_a_key_revoked_after_a_trusted_time_of_use_was_valid_when_used() -> None:
    before = datetime(2027, 2, 1, tzinfo=UTC)
    assert key_fault([LOST], "lost-key", used_at=before) is None
    assert key_fault([LOST], "lost-key", used_at=REVOKED_AT) is KeyFault.KEY_REVOKED


def test_each_fault_names_the_member_in_both_languages() -> None:
    for fault in KeyFault:
        assert "m1" in fault.text("m1").th
        assert "m1" in fault.text("m1").en
