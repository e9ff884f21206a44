"""Ed25519 over canonical bytes; how public keys and signatures travel; the spoken fingerprint."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given
from hypothesis import strategies as st

from sync.protocol.canonical import canonical_json
from sync.protocol.errors import BadPublicKey, BadSignature, ProtocolError
from sync.protocol.signatures import (
    decode_public_key,
    decode_signature,
    encode_public_key,
    encode_signature,
    enrolment_text,
    key_fingerprint,
    parse_enrolment_text,
    public_key_of,
    sign_bytes,
    verify_signature,
)

# RFC 8032, section 7.1, test 1.
RFC_SECRET = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
RFC_PUBLIC = bytes.fromhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
RFC_SIGNATURE = bytes.fromhex(
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555f"
    "b8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
)
PAYLOAD = canonical_json({"audit": "a-1", "findings": [{"id": "1.1", "verdict": "met"}], "ผล": 42})


@pytest.fixture
def private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(RFC_SECRET)


def test_signatures_match_rfc_8032(private_key: Ed25519PrivateKey) -> None:
    assert public_key_of(private_key) == RFC_PUBLIC
    assert sign_bytes(private_key, b"") == RFC_SIGNATURE
    verify_signature(public_key_bytes=RFC_PUBLIC, data=b"", signature=RFC_SIGNATURE)


def test_changing_any_byte_of_the_data_breaks_the_signature(private_key: Ed25519PrivateKey) -> None:
    signature = sign_bytes(private_key, PAYLOAD)
    verify_signature(public_key_bytes=RFC_PUBLIC, data=PAYLOAD, signature=signature)
    for index in range(len(PAYLOAD)):
        changed = bytearray(PAYLOAD)
        changed[index] ^= 0x01
        with pytest.raises(BadSignature):
            verify_signature(public_key_bytes=RFC_PUBLIC, data=bytes(changed), signature=signature)


def test_changing_any_byte_of_the_signature_breaks_it(private_key: Ed25519PrivateKey) -> None:
    signature = sign_bytes(private_key, PAYLOAD)
    for index in range(len(signature)):
        changed = bytearray(signature)
        changed[index] ^= 0x80
        with pytest.raises(BadSignature):
            verify_signature(public_key_bytes=RFC_PUBLIC, data=PAYLOAD, signature=bytes(changed))


@given(st.binary(max_size=200), st.data())
def test_any_changed_data_is_refused(data: bytes, draw: st.DataObject) -> None:
    private_key = Ed25519PrivateKey.from_private_bytes(RFC_SECRET)
    signature = sign_bytes(private_key, data)
    other = draw.draw(st.binary(max_size=200).filter(lambda candidate: candidate != data))
    with pytest.raises(BadSignature):
        verify_signature(public_key_bytes=RFC_PUBLIC, data=other, signature=signature)


def test_a_signature_by_another_key_is_refused(private_key: Ed25519PrivateKey) -> None:
    other_key = Ed25519PrivateKey.generate()
    signature = sign_bytes(other_key, PAYLOAD)
    with pytest.raises(BadSignature) as caught:
        verify_signature(public_key_bytes=RFC_PUBLIC, data=PAYLOAD, signature=signature)
    assert caught.value.code == "BAD_SIGNATURE"
    verify_signature(public_key_bytes=public_key_of(other_key), data=PAYLOAD, signature=signature)


@pytest.mark.parametrize("signature", [b"", b"\x00" * 63, RFC_SIGNATURE + b"\x00"])
def test_a_signature_of_the_wrong_size_is_refused(signature: bytes) -> None:
    with pytest.raises(BadSignature, match="64 bytes"):
        verify_signature(public_key_bytes=RFC_PUBLIC, data=b"", signature=signature)


@pytest.mark.parametrize("public_key", [b"", RFC_PUBLIC[:31], RFC_PUBLIC + b"\x00"])
def test_a_public_key_of_the_wrong_size_is_refused(public_key: bytes) -> None:
    with pytest.raises(BadPublicKey) as caught:
        verify_signature(public_key_bytes=public_key, data=b"", signature=RFC_SIGNATURE)
    assert caught.value.code == "BAD_PUBLIC_KEY"


def test_the_fingerprint_is_six_groups_of_five_digits_and_never_changes() -> None:
    fingerprint = key_fingerprint(RFC_PUBLIC)
    assert re.fullmatch(r"\d{5}( \d{5}){5}", fingerprint)
    assert fingerprint == "02145 44043 66322 31051 70008 37623"  # clerks hold these: pin it


def test_different_keys_have_different_fingerprints() -> None:
    keys = [public_key_of(Ed25519PrivateKey.generate()) for _ in range(50)]
    assert len({key_fingerprint(key) for key in keys}) == 50


def test_public_keys_travel_as_43_characters_of_base64url() -> None:
    text = encode_public_key(RFC_PUBLIC)
    assert text == "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
    assert decode_public_key(text) == RFC_PUBLIC


@pytest.mark.parametrize(
    "text",
    [
        "",
        "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo=",  # padding
        "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURp",  # same bytes, other spelling
        "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo",  # standard, not url, alphabet
        "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHUR",  # too short
        " 11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
    ],
)
def test_other_spellings_of_a_public_key_are_refused(text: str) -> None:
    with pytest.raises(BadPublicKey):
        decode_public_key(text)


def test_signatures_travel_as_base64url(private_key: Ed25519PrivateKey) -> None:
    text = encode_signature(RFC_SIGNATURE)
    assert len(text) == 86
    assert decode_signature(text) == RFC_SIGNATURE
    with pytest.raises(BadSignature):
        decode_signature(text[:-1])
    with pytest.raises(BadSignature):
        encode_signature(RFC_SIGNATURE[:-1])


def test_the_enrolment_text_carries_the_key_and_its_fingerprint() -> None:
    text = enrolment_text(RFC_PUBLIC)
    assert text == (
        "GECC-KEY:1:11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo:021454404366322310517000837623"
    )
    assert parse_enrolment_text(text) == RFC_PUBLIC


@pytest.mark.parametrize(
    "text",
    [
        "GECC-KEY:1:11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo:021454404366322310517000837624",
        "GECC-KEY:2:11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo:021454404366322310517000837623",
        "GECC-KEY:1:11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
        "02145 44043 66322 31051 70008 37623",
        "",
    ],
)
def test_a_damaged_or_foreign_enrolment_text_is_refused(text: str) -> None:
    with pytest.raises(BadPublicKey):
        parse_enrolment_text(text)


def test_every_protocol_error_has_its_own_stable_code() -> None:
    errors = ProtocolError.__subclasses__()
    codes = {cls.code for cls in errors}
    assert len(codes) == len(errors)
    assert {"BAD_SIGNATURE", "BAD_PUBLIC_KEY", "NOT_CANONICAL", "UNSUPPORTED_VALUE"} <= codes


def test_the_protocol_imports_no_framework_and_nothing_of_the_app() -> None:
    forbidden = ["field_audit", "fastapi", "sqlmodel", "sqlalchemy", "flet", "PIL", "qrcode"]
    script = (
        "import sys, sync.protocol.canonical, sync.protocol.signatures, sync.protocol.errors\n"
        f"print([name for name in {forbidden!r} if name in sys.modules])"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
