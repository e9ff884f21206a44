"""Signed requests (RFC 9421 profile with RFC 9530 Content-Digest), without any framework."""

from __future__ import annotations

import base64
import hashlib

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.protocol.errors import BadSignature, ClockSkew, UnknownKey
from sync.protocol.requests import (
    check_body,
    content_digest,
    request_key_id,
    sign_request,
    signature_base,
    verify_request,
)
from sync.protocol.signatures import public_key_of

NOW = 1_700_000_000
KEY = Ed25519PrivateKey.generate()
KEY_ID = request_key_id(public_key_of(KEY))
NONCE = "n0nce-n0nce-n0nce-123"


def signed(
    body: bytes = b'{"a":1}', target: str = "/v1/results", **options: object
) -> dict[str, str]:
    return sign_request(
        method="POST",
        target=target,
        key_id=KEY_ID,
        sign=KEY.sign,
        now=NOW,
        nonce=NONCE,
        body=body,
        **options,  # type: ignore[arg-type]
    )


def verify(headers: dict[str, str], body: bytes | None = b'{"a":1}', **options: object) -> object:
    settings: dict[str, object] = {"method": "POST", "target": "/v1/results", "now": NOW}
    settings.update(options)
    lookup = {KEY_ID: public_key_of(KEY)}.get
    return verify_request(headers=headers, body=body, lookup=lookup, **settings)  # type: ignore[arg-type]


def test_the_headers_spell_the_rfc_9421_profile() -> None:
    headers = signed(b"")
    empty = base64.b64encode(hashlib.sha256(b"").digest()).decode()
    assert headers["Content-Digest"] == f"sha-256=:{empty}:"
    assert headers["Signature-Input"] == (
        'gecc=("@method" "@path" "@query" "content-digest");'
        f'created={NOW};keyid="{KEY_ID}";nonce="{NONCE}";alg="ed25519"'
    )
    assert headers["Signature"].startswith("gecc=:")
    assert headers["Signature"].endswith(":")


def test_the_signature_base_has_one_line_per_component() -> None:
    base = signature_base("get", "/v1/assignments?since=4", "sha-256=:x:", "(...)")
    assert base.decode().split("\n") == [
        '"@method": GET',
        '"@path": /v1/assignments',
        '"@query": ?since=4',
        '"content-digest": sha-256=:x:',
        '"@signature-params": (...)',
    ]


def test_a_signed_request_verifies_and_says_who_signed() -> None:
    verified = verify(signed())
    assert (verified.key_id, verified.created, verified.nonce) == (KEY_ID, NOW, NONCE)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"body": b'{"a":2}'}, BadSignature),
        ({"method": "PUT"}, BadSignature),
        ({"target": "/v1/results?x=1"}, BadSignature),
        ({"now": NOW + 301}, ClockSkew),
        ({"now": NOW - 301}, ClockSkew),
        ({"lookup_missing": True}, UnknownKey),
    ],
)
def test_any_change_is_refused(change: dict[str, object], error: type[Exception]) -> None:
    options = dict(change)
    if options.pop("lookup_missing", False):
        with pytest.raises(error):
            verify_request(
                method="POST",
                target="/v1/results",
                headers=signed(),
                body=b'{"a":1}',
                lookup=lambda _k: None,
                now=NOW,
            )
        return
    with pytest.raises(error):
        verify(signed(), **options)


@pytest.mark.parametrize("header", ["Content-Digest", "Signature-Input", "Signature"])
def test_missing_or_malformed_headers_are_bad_signatures(header: str) -> None:
    headers = signed()
    with pytest.raises(BadSignature):
        verify({k: v for k, v in headers.items() if k != header})
    headers[header] = headers[header].replace("gecc=", "sig1=").replace("sha-256", "sha-512")
    with pytest.raises(BadSignature):
        verify(headers)


def test_a_streamed_body_signs_its_digest_and_is_checked_as_it_arrives() -> None:
    chunk = b"\xff\xd8" * 1000
    headers = signed(body=None, body_sha256=hashlib.sha256(chunk).digest())
    verified = verify(headers, body=None)
    check_body(verified, hashlib.sha256(chunk).digest())  # type: ignore[arg-type]
    with pytest.raises(BadSignature):
        check_body(verified, hashlib.sha256(chunk[1:]).digest())  # type: ignore[arg-type]


def test_the_digest_needs_exactly_one_of_body_or_digest() -> None:
    with pytest.raises(ValueError, match="not both"):
        content_digest(body=b"", body_sha256=b"\0" * 32)
    with pytest.raises(ValueError, match="not both"):
        content_digest(body_sha256=b"short")


def test_a_header_lookup_ignores_case() -> None:
    lowered = {k.lower(): v for k, v in signed().items()}
    assert verify(lowered) is not None
