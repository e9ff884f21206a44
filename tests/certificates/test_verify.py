"""Every verdict a scanned text can get, each with a stable code and Thai and English words."""

from __future__ import annotations

import zlib
from dataclasses import replace
from datetime import UTC, date, datetime

import cbor2
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.issuing import rotate_issuing_key
from sync.protocol.base45 import b45decode, b45encode
from sync.protocol.certificates import (
    QR_PREFIX,
    Revocation,
    SignedCertificate,
    Status,
    TrustedKey,
    Verdict,
    issue_certificate,
    issuing_key_id,
    verify_certificate,
)
from sync.protocol.certificates.dictionary import GECC1_DICTIONARY
from sync.protocol.certificates.qr_text import fields_array
from sync.protocol.signatures import public_key_of
from tests.certificates.conftest import CHEAP_KDF, PASSPHRASE, ROTATED, Issuer, fields

TODAY = date(2028, 6, 1)


def check(
    text: str,
    trust_list: dict[str, TrustedKey],
    *,
    today: date = TODAY,
    revocations: dict[str, Revocation] | None = None,
) -> Verdict:
    return verify_certificate(
        text, trust_list=trust_list, revocations=revocations or {}, today=today
    )


def repacked(signed: SignedCertificate, **changes: object) -> str:
    """The QR text of the certificate with ``changes``, but the original signature."""
    fake = replace(signed.certificate, **changes)  # type: ignore[arg-type]
    packer = zlib.compressobj(9, zlib.DEFLATED, 15, 9, zdict=GECC1_DICTIONARY)
    packed = packer.compress(cbor2.dumps(fields_array(fake))) + packer.flush()
    return QR_PREFIX + b45encode(signed.signature + packed)


def test_a_genuine_current_certificate_is_valid(issuer: Issuer, signed: SignedCertificate) -> None:
    verdict = check(signed.qr_text, issuer.trust_list())
    assert (verdict.status, verdict.code) == (Status.VALID, "VALID")
    assert verdict.certificate == signed.certificate
    assert "14 มีนาคม 2573" in verdict.message_th
    assert "valid until 14 March 2030" in verdict.message_en


def test_the_last_day_is_valid_and_the_day_after_expired(
    issuer: Issuer, signed: SignedCertificate
) -> None:
    trust = issuer.trust_list()
    assert check(signed.qr_text, trust, today=date(2030, 3, 14)).status is Status.VALID
    expired = check(signed.qr_text, trust, today=date(2030, 3, 15))
    assert (expired.status, expired.code) == (Status.EXPIRED, "EXPIRED")
    assert "หมดอายุ" in expired.message_th
    assert expired.certificate == signed.certificate


def test_a_certificate_of_a_rotated_out_key_stays_valid(
    issuer: Issuer, signed: SignedCertificate
) -> None:
    rotate_issuing_key(issuer.path, PASSPHRASE, kdf=CHEAP_KDF, now=ROTATED)
    trust = issuer.trust_list()
    old = trust[signed.certificate.key_id]
    assert old.valid_until == date(2028, 1, 10)
    assert check(signed.qr_text, trust).status is Status.VALID
    newer = issuer.issue(
        fields(reference="GECC-2571-30-0001", fiscal_year_be=2571, issued_on=TODAY)
    )
    assert newer.certificate.key_id != signed.certificate.key_id
    assert check(newer.qr_text, trust).status is Status.VALID


def test_a_certificate_dated_before_its_key_existed_is_refused(issuer: Issuer) -> None:
    backdated = issuer.issue(fields(issued_on=date(2026, 9, 30)))  # the key is from 1 Oct
    verdict = check(backdated.qr_text, issuer.trust_list())
    assert (verdict.status, verdict.code) == (Status.BAD_SIGNATURE, "KEY_NOT_IN_USE")
    assert verdict.certificate is None


def test_a_retired_key_is_not_trusted_for_dates_after_its_retirement() -> None:
    """Whoever stole a rotated-out key cannot mint certificates dated after the rotation."""
    stolen = Ed25519PrivateKey.generate()
    key_id = issuing_key_id(public_key_of(stolen))
    retired = TrustedKey(key_id, public_key_of(stolen), date(2026, 10, 1), date(2028, 1, 10))
    for issued, code in ((date(2028, 1, 10), "VALID"), (date(2028, 1, 11), "KEY_NOT_IN_USE")):
        signed = issue_certificate(fields(issued_on=issued), sign=stolen.sign, key_id=key_id)
        assert check(signed.qr_text, {key_id: retired}).code == code


def test_an_unknown_key_cannot_be_checked(signed: SignedCertificate) -> None:
    verdict = check(signed.qr_text, {})
    assert (verdict.status, verdict.code) == (Status.UNKNOWN_KEY, "UNKNOWN_KEY")
    assert verdict.key_id == signed.certificate.key_id
    assert verdict.certificate is None
    assert "ซิงค์" in verdict.message_th


def test_a_changed_field_re_encoded_has_a_bad_signature(
    issuer: Issuer, signed: SignedCertificate
) -> None:
    for changes in (
        {"points": 79},
        {"lao_name_th": "เทศบาลนครนครราชสีมํา"},
        {"valid_until": date(2031, 3, 14)},
    ):
        verdict = check(repacked(signed, **changes), issuer.trust_list())
        assert (verdict.status, verdict.code) == (Status.BAD_SIGNATURE, "BAD_SIGNATURE")
        assert verdict.certificate is None
    assert check(repacked(signed), issuer.trust_list()).status is Status.VALID  # the control


def test_one_changed_character_in_the_signature_part_is_a_bad_signature(
    issuer: Issuer, signed: SignedCertificate
) -> None:
    text = signed.qr_text
    position = len(QR_PREFIX) + 30  # inside the 96 characters of the 64-byte signature
    changed = text[:position] + ("1" if text[position] != "1" else "2") + text[position + 1 :]
    b45decode(changed[len(QR_PREFIX) :])  # still Base45
    assert check(changed, issuer.trust_list()).code == "BAD_SIGNATURE"


def test_one_changed_character_in_the_compressed_part_is_damage(
    issuer: Issuer, signed: SignedCertificate
) -> None:
    text = signed.qr_text
    position = len(text) - 20  # inside the zlib stream: its Adler-32 no longer matches
    changed = text[:position] + ("1" if text[position] != "1" else "2") + text[position + 1 :]
    verdict = check(changed, issuer.trust_list())
    assert (verdict.status, verdict.code) == (Status.NOT_GECC, "DAMAGED")
    assert "เสียหาย" in verdict.message_th


@pytest.mark.parametrize("cut", [1, 2, 40])
def test_a_cut_or_undecodable_text_is_damage(
    issuer: Issuer, signed: SignedCertificate, cut: int
) -> None:
    assert check(signed.qr_text[:-cut], issuer.trust_list()).code == "DAMAGED"


def test_a_text_that_is_not_base45_is_damage(issuer: Issuer) -> None:
    assert check("GECC1:abc", issuer.trust_list()).code == "DAMAGED"
    assert check("GECC1:GGW", issuer.trust_list()).code == "DAMAGED"


@pytest.mark.parametrize(
    "text", ["https://www.opdc.go.th/", "GECC-KEY:1:abc:123", "", "HC1:NCFOXN%TS3DH3ZSUZK+.V0ET"]
)
def test_other_codes_are_not_gecc_certificates(issuer: Issuer, text: str) -> None:
    verdict = check(text, issuer.trust_list())
    assert (verdict.status, verdict.code) == (Status.NOT_GECC, "NOT_GECC")
    assert verdict.message_en == "This is not a GECC certificate code."


def test_a_revoked_certificate_says_when_and_why(issuer: Issuer, signed: SignedCertificate) -> None:
    key_id = signed.certificate.key_id
    revoked = Revocation(
        signed.reference, key_id, "ศูนย์บริการปิดปรับปรุงเกินหกเดือน", datetime(2027, 9, 1, 3, tzinfo=UTC)
    )
    verdict = check(signed.qr_text, issuer.trust_list(), revocations={signed.reference: revoked})
    assert (verdict.status, verdict.code) == (Status.REVOKED, "REVOKED")
    assert verdict.revocation == revoked
    assert "เหตุผล: ศูนย์บริการปิดปรับปรุงเกินหกเดือน" in verdict.message_th
    assert "1 กันยายน 2570" in verdict.message_th
    assert verdict.to_json()["revocation"]["reason"] == revoked.reason


def test_a_revocation_by_another_key_does_not_count(
    issuer: Issuer, signed: SignedCertificate
) -> None:
    other = Revocation(signed.reference, "AAAAAAAAAAA", "x", datetime(2027, 9, 1, tzinfo=UTC))
    verdict = check(signed.qr_text, issuer.trust_list(), revocations={signed.reference: other})
    assert verdict.status is Status.VALID


def test_the_json_of_a_bad_verdict_shows_nothing_it_claims(signed: SignedCertificate) -> None:
    document = check(signed.qr_text, {}).to_json()
    assert document["certificate"] is None
    assert set(document) == {
        "status",
        "code",
        "message_th",
        "message_en",
        "key_id",
        "certificate",
        "revocation",
    }
