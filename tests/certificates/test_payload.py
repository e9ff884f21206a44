"""The signed payload and the GECC1 QR text: validity dates, round trips, the size limit."""

from __future__ import annotations

import zlib
from datetime import date

import pytest

from field_audit.evidence.qr import qr_version
from sync.protocol.canonical import canonical_json, parse_canonical
from sync.protocol.certificates import (
    MAX_QR_TEXT_LENGTH,
    MAX_QR_VERSION,
    CertificateTooLarge,
    InvalidCertificate,
    SignedCertificate,
    certificate_of,
    decode_qr_text,
    payload_of,
    valid_until_for,
)
from sync.protocol.certificates.dictionary import GECC1_DICTIONARY
from tests.certificates.conftest import LEVELLED, Issuer, fields


@pytest.mark.parametrize(
    ("issued", "until"),
    [
        (date(2027, 3, 15), date(2030, 3, 14)),
        (date(2027, 1, 1), date(2029, 12, 31)),
        (date(2028, 2, 29), date(2031, 2, 28)),  # anniversary 1 March 2031
        (date(2027, 3, 1), date(2030, 2, 28)),
        (date(2029, 3, 1), date(2032, 2, 29)),
    ],
)
def test_valid_for_three_years_to_the_day_before_the_anniversary(issued: date, until: date) -> None:
    assert valid_until_for(issued) == until


def test_the_payload_is_canonical_json_with_every_field(signed: SignedCertificate) -> None:
    payload = parse_canonical(signed.payload_bytes)
    assert payload["type"] == "gecc.certificate"
    assert payload["reference"] == "GECC-2570-30-0007"
    assert payload["lao"] == {"id": "3300101", "name_th": "เทศบาลนครนครราชสีมา"}
    assert payload["score"] == {"points": 72, "max_points": 80}
    assert (payload["issued_on"], payload["valid_until"]) == ("2027-03-15", "2030-03-14")
    assert payload["key_id"] == signed.certificate.key_id
    assert certificate_of(payload) == signed.certificate


def test_the_qr_text_carries_the_whole_certificate(issuer: Issuer) -> None:
    for changes in ({}, LEVELLED):
        signed = issuer.issue(fields(**changes))
        text = signed.qr_text
        assert text.startswith("GECC1:")
        assert decode_qr_text(text) == (signed.certificate, signed.signature)
        assert canonical_json(payload_of(signed.certificate)) == signed.payload_bytes


def test_from_stored_rebuilds_the_same_qr_text(signed: SignedCertificate) -> None:
    again = SignedCertificate.from_stored(signed.payload_bytes, signed.signature)
    assert again == signed
    assert again.qr_text == signed.qr_text


def test_a_typical_certificate_fits_well_within_version_15(signed: SignedCertificate) -> None:
    assert len(signed.qr_text) < 300
    assert qr_version(signed.qr_text) <= 12


def test_long_thai_names_still_fit(issuer: Issuer) -> None:
    long_names = fields(
        lao_name_th="องค์การบริหารส่วนจังหวัดนครศรีธรรมราช",
        service_centre_th="ศูนย์บริการร่วม (One Stop Service) องค์การบริหารส่วนจังหวัดนครศรีธรรมราช",
        **LEVELLED,
    )
    text = issuer.issue(long_names).qr_text
    assert qr_version(text) <= MAX_QR_VERSION


def test_a_certificate_too_large_for_version_15_is_refused(issuer: Issuer) -> None:
    odd_name = "".join(chr(0x0E01 + (i * 7) % 46) for i in range(120))  # no dictionary help
    with pytest.raises(CertificateTooLarge) as refused:
        issuer.issue(fields(service_centre_th=odd_name, lao_name_th=odd_name[::-1]))
    assert refused.value.limit == MAX_QR_TEXT_LENGTH
    assert refused.value.code == "CERTIFICATE_TOO_LARGE"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"reference": "GECC-2570-30-7"}, "reference"),
        ({"fiscal_year_be": 2571}, "fiscal_year_be"),
        ({"lao_name_th": ""}, "lao_name_th"),
        ({"service_centre_th": "ศูนย์\nราชการ"}, "service_centre_th"),
        ({"service_centre_th": " ศูนย์"}, "service_centre_th"),
        ({"points": 81}, "points"),
        ({"result_hash": "AB" * 32}, "result_hash"),
        ({"edition_id": "gecc 2560"}, "edition_id"),
    ],
)
def test_fields_that_cannot_go_on_a_certificate_are_named(
    issuer: Issuer, changes: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidCertificate) as refused:
        issuer.issue(fields(**changes))
    assert refused.value.field == field


def test_a_payload_with_an_extra_field_is_not_a_certificate(signed: SignedCertificate) -> None:
    payload = parse_canonical(signed.payload_bytes) | {"note": "x"}
    with pytest.raises(InvalidCertificate):
        certificate_of(payload)


def test_the_preset_dictionary_is_frozen() -> None:
    """Printed certificates decode only with this exact dictionary: never edit it."""
    assert len(GECC1_DICTIONARY) == 2351
    assert zlib.adler32(GECC1_DICTIONARY) == 0xD5237FE8
