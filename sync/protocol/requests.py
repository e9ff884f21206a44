"""Signed HTTP requests: every call the app makes is signed with the inspector's device key.

A strict profile of HTTP Message Signatures (RFC 9421) with Content-Digest (RFC 9530). A
request carries exactly these three headers (one signature, label ``gecc``)::

    Content-Digest:  sha-256=:<base64 SHA-256 of the body>:
    Signature-Input: gecc=("@method" "@path" "@query" "content-digest");created=<unix seconds>;\
keyid="<key id>";nonce="<nonce>";alg="ed25519"
    Signature:       gecc=:<base64 Ed25519 signature of the signature base>:

The signature base (RFC 9421 section 2.5) is these five lines joined by ``\\n``, with no final
newline; ``@query`` is ``?`` followed by the query string (just ``?`` when there is none)::

    "@method": POST
    "@path": /v1/results
    "@query": ?
    "content-digest": sha-256=:47DEQpj8HBSa-...=:
    "@signature-params": ("@method" "@path" "@query" "content-digest");created=...;keyid=...

- The **key id** is the unpadded base64url text of the raw public key (``request_key_id``),
  so the office's enrolment (which knows only the public key) is all the server needs.
- The **nonce** is 16 to 64 base64url characters, fresh for every request (``new_nonce``).
- A body is covered through its digest, so a streamed upload signs the digest of the chunk it
  is about to send (``sign_request(..., body_sha256=...)``) and the receiver checks the bytes
  as they arrive (``check_body``).
- Only this exact spelling is accepted; anything else is ``BadSignature``. Every GET, HEAD and
  empty-bodied request signs the digest of the empty body.

Errors: ``BadSignature`` (missing, malformed or not verifying, or a body that does not match
its digest), ``UnknownKey`` (the lookup has no key for the id), ``ClockSkew`` (``created`` is
more than ``max_skew`` seconds from ``now``). Replayed nonces and revoked keys are the
verifier's business: it remembers nonces and knows revocations.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sync.protocol.errors import BadSignature, ClockSkew, UnknownKey
from sync.protocol.signatures import encode_public_key, verify_signature

LABEL = "gecc"
COMPONENTS = '("@method" "@path" "@query" "content-digest")'
MAX_SKEW_SECONDS = 300
DIGEST_HEADER = "Content-Digest"
INPUT_HEADER = "Signature-Input"
SIGNATURE_HEADER = "Signature"

_INPUT = re.compile(
    rf"{LABEL}=(?P<params>{re.escape(COMPONENTS)};created=(?P<created>[0-9]{{1,12}});"
    r'keyid="(?P<keyid>[A-Za-z0-9_-]{1,128})";nonce="(?P<nonce>[A-Za-z0-9_-]{16,64})";'
    r'alg="ed25519")'
)
_SIGNATURE = re.compile(rf"{LABEL}=:(?P<value>[A-Za-z0-9+/]{{86}}==):")
_DIGEST = re.compile(r"sha-256=:(?P<value>[A-Za-z0-9+/]{43}=):")


@dataclass(frozen=True)
class VerifiedRequest:
    """What a verified signature vouches for: the key, when, the nonce and the body's digest."""

    key_id: str
    public_key: bytes
    created: int
    nonce: str
    body_sha256: bytes


def request_key_id(public_key_bytes: bytes) -> str:
    """The key id a request names: the unpadded base64url text of the raw public key."""
    return encode_public_key(public_key_bytes)


def new_nonce() -> str:
    """A fresh random nonce (24 base64url characters, 144 bits)."""
    return secrets.token_urlsafe(18)


def content_digest(*, body: bytes | None = None, body_sha256: bytes | None = None) -> str:
    """The ``Content-Digest`` value of ``body`` or of a body whose SHA-256 is given."""
    if body is not None and body_sha256 is None:
        digest = hashlib.sha256(body).digest()
    elif body is None and body_sha256 is not None and len(body_sha256) == 32:
        digest = body_sha256
    else:
        raise ValueError("give the body, or its 32-byte SHA-256 digest, but not both")
    return f"sha-256=:{base64.b64encode(digest).decode('ascii')}:"


def sign_request(
    *,
    method: str,
    target: str,
    key_id: str,
    sign: Callable[[bytes], bytes],
    now: int,
    nonce: str,
    body: bytes | None = None,
    body_sha256: bytes | None = None,
) -> dict[str, str]:
    """The three headers that sign a request to ``target`` (path, with ``?query`` if any).

    Give ``body`` (``b""`` for none), or ``body_sha256`` for a body streamed afterwards.
    """
    digest = content_digest(body=body, body_sha256=body_sha256)
    params = f'{COMPONENTS};created={now};keyid="{key_id}";nonce="{nonce}";alg="ed25519"'
    if _INPUT.fullmatch(f"{LABEL}={params}") is None:
        raise ValueError("the key id or the nonce has characters a request cannot carry")
    signature = sign(signature_base(method, target, digest, params))
    return {
        DIGEST_HEADER: digest,
        INPUT_HEADER: f"{LABEL}={params}",
        SIGNATURE_HEADER: f"{LABEL}=:{base64.b64encode(signature).decode('ascii')}:",
    }


def signature_base(method: str, target: str, digest: str, params: str) -> bytes:
    """The bytes that are signed (RFC 9421 section 2.5) for this profile."""
    path, _, query = target.partition("?")
    lines = (
        f'"@method": {method.upper()}',
        f'"@path": {path}',
        f'"@query": ?{query}',
        f'"content-digest": {digest}',
        f'"@signature-params": {params}',
    )
    return "\n".join(lines).encode("utf-8")


def verify_request(
    *,
    method: str,
    target: str,
    headers: Mapping[str, str],
    lookup: Callable[[str], bytes | None],
    now: int,
    body: bytes | None,
    max_skew: int = MAX_SKEW_SECONDS,
) -> VerifiedRequest:
    """Check the request's signature headers; return what they vouch for.

    ``lookup(key_id)`` returns the raw public key, or None for a key it does not know. With
    ``body`` None the body is not checked here: stream it through ``check_body`` afterwards.
    Raises ``BadSignature``, ``UnknownKey`` or ``ClockSkew``.
    """
    digest_text, params_match, signature = _parse(headers)
    public_key = lookup(params_match["keyid"])
    if public_key is None:
        raise UnknownKey(params_match["keyid"])
    base = signature_base(method, target, digest_text, params_match["params"])
    verify_signature(public_key_bytes=public_key, data=base, signature=signature)
    created = int(params_match["created"])
    if abs(now - created) > max_skew:
        raise ClockSkew(created=created, now=now, max_skew=max_skew)
    verified = VerifiedRequest(
        key_id=params_match["keyid"],
        public_key=public_key,
        created=created,
        nonce=params_match["nonce"],
        body_sha256=_digest_bytes(digest_text),
    )
    if body is not None:
        check_body(verified, hashlib.sha256(body).digest())
    return verified


def check_body(verified: VerifiedRequest, body_sha256: bytes) -> None:
    """Raise ``BadSignature`` unless the body received has the digest that was signed."""
    if body_sha256 != verified.body_sha256:
        raise BadSignature("the body does not match its signed Content-Digest")


def _parse(headers: Mapping[str, str]) -> tuple[str, re.Match[str], bytes]:
    digest_text = _header(headers, DIGEST_HEADER)
    if _DIGEST.fullmatch(digest_text) is None:
        raise BadSignature("Content-Digest must be one sha-256=:<base64>: value")
    params_match = _INPUT.fullmatch(_header(headers, INPUT_HEADER))
    if params_match is None:
        raise BadSignature(f"Signature-Input is not this protocol's {LABEL}=(...) profile")
    signature_match = _SIGNATURE.fullmatch(_header(headers, SIGNATURE_HEADER))
    if signature_match is None:
        raise BadSignature(f"Signature must be {LABEL}=:<base64 of 64 bytes>:")
    return digest_text, params_match, _b64(signature_match["value"])


def _header(headers: Mapping[str, str], name: str) -> str:
    value = headers.get(name)
    if value is None:
        value = headers.get(name.lower())
    if value is None:
        raise BadSignature(f"the request has no {name} header")
    return value.strip()


def _digest_bytes(digest_text: str) -> bytes:
    return _b64(digest_text.removeprefix("sha-256=:").removesuffix(":"))


def _b64(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error as error:  # pragma: no cover - the patterns admit only valid text
        raise BadSignature("a signature header holds malformed base64") from error
