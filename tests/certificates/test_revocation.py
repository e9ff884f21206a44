"""Revocation lists: signed per issuing key, counters that only go up, replays refused."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from sync.issuing import rotate_issuing_key, unlock_issuing_key
from sync.protocol.canonical import canonical_json
from sync.protocol.certificates import (
    MalformedDocument,
    Revocation,
    RevocationList,
    RevocationReplay,
    SignedCertificate,
    UnknownIssuingKey,
    make_revocation_list,
    verify_revocation_list,
)
from sync.protocol.errors import BadSignature
from tests.certificates.conftest import CHEAP_KDF, PASSPHRASE, ROTATED, Issuer

LISTED_AT = datetime(2027, 9, 2, 3, 0, tzinfo=UTC)


def revocation_list(
    issuer: Issuer, scope: str, counter: int, references: list[str], *, at: datetime = LISTED_AT
) -> RevocationList:
    key = unlock_issuing_key(issuer.path, PASSPHRASE)
    revoked = [
        Revocation(r, scope, "ปิดศูนย์บริการ", datetime(2027, 9, 1, tzinfo=UTC)) for r in references
    ]
    return make_revocation_list(
        key_id=scope,
        counter=counter,
        revocations=revoked,
        issued_at=at,
        signed_by=key.key_id,
        sign=key.sign,
    )


def test_a_list_verifies_and_travels_as_json(issuer: Issuer, signed: SignedCertificate) -> None:
    scope = signed.certificate.key_id
    made = revocation_list(issuer, scope, 1, ["GECC-2570-30-0009", signed.reference])
    document = json.loads(json.dumps(made.document, ensure_ascii=False))
    checked = verify_revocation_list(document, trust_list=issuer.trust_list())
    assert [r.reference for r in checked.revocations] == [signed.reference, "GECC-2570-30-0009"]
    assert checked.counter == 1
    assert checked.state == made.state


def test_an_older_counter_is_a_replay(issuer: Issuer, signed: SignedCertificate) -> None:
    scope = signed.certificate.key_id
    newer = revocation_list(issuer, scope, 5, [signed.reference])
    older = revocation_list(issuer, scope, 4, [])
    known = {scope: newer.state}
    with pytest.raises(RevocationReplay) as refused:
        verify_revocation_list(older.document, trust_list=issuer.trust_list(), known=known)
    assert (refused.value.counter, refused.value.known_counter) == (4, 5)
    assert refused.value.code == "REVOCATION_REPLAY"


def test_the_same_counter_is_no_change_but_other_content_is_refused(
    issuer: Issuer, signed: SignedCertificate
) -> None:
    scope = signed.certificate.key_id
    held = revocation_list(issuer, scope, 5, [signed.reference])
    known = {scope: held.state}
    same = verify_revocation_list(held.document, trust_list=issuer.trust_list(), known=known)
    assert not same.is_newer_than(held.state)
    conflicting = revocation_list(issuer, scope, 5, [])
    with pytest.raises(RevocationReplay):
        verify_revocation_list(conflicting.document, trust_list=issuer.trust_list(), known=known)
    newer = revocation_list(issuer, scope, 6, [])
    assert verify_revocation_list(
        newer.document, trust_list=issuer.trust_list(), known=known
    ).is_newer_than(held.state)


def test_after_rotation_the_successor_signs_the_old_keys_list(
    issuer: Issuer, signed: SignedCertificate
) -> None:
    old_scope = signed.certificate.key_id
    rotate_issuing_key(issuer.path, PASSPHRASE, kdf=CHEAP_KDF, now=ROTATED)
    later = datetime(2028, 3, 1, tzinfo=UTC)
    made = revocation_list(issuer, old_scope, 2, [signed.reference], at=later)
    assert made.signed_by != old_scope
    checked = verify_revocation_list(made.document, trust_list=issuer.trust_list())
    assert checked.key_id == old_scope


def test_a_list_from_an_untrusted_signer_is_refused(
    issuer: Issuer, signed: SignedCertificate
) -> None:
    made = revocation_list(issuer, signed.certificate.key_id, 1, [])
    with pytest.raises(UnknownIssuingKey):
        verify_revocation_list(made.document, trust_list={})


def test_an_altered_list_has_a_bad_signature(issuer: Issuer, signed: SignedCertificate) -> None:
    made = revocation_list(issuer, signed.certificate.key_id, 3, [signed.reference])
    altered = json.loads(canonical_json(made.document))
    altered["payload"]["revoked"] = []
    with pytest.raises(BadSignature):
        verify_revocation_list(altered, trust_list=issuer.trust_list())
    altered["payload"]["counter"] = 99
    altered["payload"]["revoked"] = made.payload["revoked"]
    with pytest.raises(BadSignature):
        verify_revocation_list(altered, trust_list=issuer.trust_list())


@pytest.mark.parametrize(
    "break_it",
    [
        lambda d: d.pop("signature"),
        lambda d: d["payload"].update(type="gecc.certificate"),
        lambda d: d["payload"].update(counter=0),
        lambda d: d["payload"].update(extra=1),
        lambda d: d["payload"]["revoked"].append(dict(d["payload"]["revoked"][0])),
        lambda d: d["payload"]["revoked"][0].update(reference="not-a-reference"),
        lambda d: d["payload"]["revoked"][0].update(revoked_at="2027-09-01 00:00"),
    ],
)
def test_malformed_lists_are_refused(
    issuer: Issuer, signed: SignedCertificate, break_it: object
) -> None:
    made = revocation_list(issuer, signed.certificate.key_id, 1, [signed.reference])
    document = json.loads(canonical_json(made.document))
    break_it(document)  # type: ignore[operator]
    with pytest.raises(MalformedDocument):
        verify_revocation_list(document, trust_list=issuer.trust_list())
