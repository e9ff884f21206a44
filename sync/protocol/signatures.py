"""Ed25519 signatures over canonical bytes, and the forms in which public keys travel.

Sign bytes, never objects: what is signed is ``canonical_json(payload)``, on both sides.

- A public key is its raw 32 bytes; as text it is unpadded base64url (43 characters), and only
  the one canonical spelling of each key is accepted. A signature is 64 bytes (86 characters).
- A **fingerprint** is what an inspector and an office clerk compare by voice or by eye:
  30 decimal digits in six groups of five, ``"05213 88170 42096 31557 90418 66302"``. Group
  ``i`` is bytes ``5i..5i+4`` of SHA-256(raw public key), read big-endian, modulo 100 000 (as
  Signal's safety numbers are built). Digits, because they are spoken the same way in Thai and
  English and there are no letters to mishear (b/d/e, m/n); six pauses keep the place. The
  ~99.7 bits make a different key with the same fingerprint out of reach.
- An **enrolment text** is what the office scans from the inspector's QR code:
  ``GECC-KEY:1:<base64url public key>:<fingerprint digits without spaces>``. The fingerprint in
  it is checked against the key, so a mistyped or damaged text is refused, not enrolled.

Malformed keys and enrolment texts raise ``BadPublicKey``; signatures that are malformed or do
not verify raise ``BadSignature``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from sync.protocol.errors import BadPublicKey, BadSignature

PUBLIC_KEY_SIZE = 32
SIGNATURE_SIZE = 64
FINGERPRINT_GROUPS = 6
ENROLMENT_PREFIX = "GECC-KEY:1:"

_BASE64URL = re.compile(r"[A-Za-z0-9_-]*")
_ENROLMENT = re.compile(r"GECC-KEY:1:([A-Za-z0-9_-]{43}):([0-9]{30})")


def sign_bytes(private_key: Ed25519PrivateKey, data: bytes) -> bytes:
    """Return the 64-byte Ed25519 signature of ``data``."""
    return private_key.sign(data)


def verify_signature(*, public_key_bytes: bytes, data: bytes, signature: bytes) -> None:
    """Return if ``signature`` is ``public_key_bytes``'s signature of ``data``; else raise.

    Raises ``BadPublicKey`` for a key that is not 32 bytes, ``BadSignature`` otherwise.
    """
    public_key = _load_public_key(public_key_bytes)
    if len(signature) != SIGNATURE_SIZE:
        raise BadSignature(f"a signature is {SIGNATURE_SIZE} bytes, not {len(signature)}")
    try:
        public_key.verify(signature, data)
    except InvalidSignature as error:
        raise BadSignature("the signature does not match the data and the public key") from error


def public_key_of(private_key: Ed25519PrivateKey) -> bytes:
    """Return the raw 32-byte public key of ``private_key``."""
    return private_key.public_key().public_bytes_raw()


def key_fingerprint(public_key_bytes: bytes) -> str:
    """Return the spoken fingerprint of a raw public key: six groups of five digits."""
    _check_size(public_key_bytes)
    digest = hashlib.sha256(public_key_bytes).digest()
    chunks = (digest[5 * i : 5 * i + 5] for i in range(FINGERPRINT_GROUPS))
    return " ".join(f"{int.from_bytes(chunk, 'big') % 100_000:05d}" for chunk in chunks)


def encode_public_key(public_key_bytes: bytes) -> str:
    """Return the unpadded base64url text of a raw 32-byte public key."""
    _check_size(public_key_bytes)
    return _encode_base64url(public_key_bytes)


def decode_public_key(text: str) -> bytes:
    """Return the raw public key that ``text`` spells; raise ``BadPublicKey`` otherwise."""
    raw = _decode_base64url(text, PUBLIC_KEY_SIZE)
    if raw is None:
        raise BadPublicKey(f"{text[:60]!r} is not the base64url text of a 32-byte public key")
    return raw


def encode_signature(signature: bytes) -> str:
    """Return the unpadded base64url text of a 64-byte signature."""
    if len(signature) != SIGNATURE_SIZE:
        raise BadSignature(f"a signature is {SIGNATURE_SIZE} bytes, not {len(signature)}")
    return _encode_base64url(signature)


def decode_signature(text: str) -> bytes:
    """Return the raw signature that ``text`` spells; raise ``BadSignature`` otherwise."""
    raw = _decode_base64url(text, SIGNATURE_SIZE)
    if raw is None:
        raise BadSignature(f"{text[:100]!r} is not the base64url text of a 64-byte signature")
    return raw


def enrolment_text(public_key_bytes: bytes) -> str:
    """Return ``GECC-KEY:1:<base64url key>:<fingerprint digits>`` for the office's QR scan."""
    digits = key_fingerprint(public_key_bytes).replace(" ", "")
    return f"{ENROLMENT_PREFIX}{encode_public_key(public_key_bytes)}:{digits}"


def parse_enrolment_text(text: str) -> bytes:
    """Return the raw public key in an enrolment text whose fingerprint matches it.

    Raises ``BadPublicKey`` when the text is malformed or its fingerprint is not the key's.
    """
    match = _ENROLMENT.fullmatch(text.strip())
    if match is None:
        raise BadPublicKey(f"{text[:120]!r} is not a {ENROLMENT_PREFIX}<key>:<digits> text")
    public_key_bytes = decode_public_key(match[1])
    if key_fingerprint(public_key_bytes).replace(" ", "") != match[2]:
        raise BadPublicKey("the fingerprint in the enrolment text does not match its key")
    return public_key_bytes


def _load_public_key(public_key_bytes: bytes) -> Ed25519PublicKey:
    _check_size(public_key_bytes)
    try:
        return Ed25519PublicKey.from_public_bytes(public_key_bytes)
    except ValueError as error:
        raise BadPublicKey(f"not an Ed25519 public key ({error})") from error


def _check_size(public_key_bytes: bytes) -> None:
    if len(public_key_bytes) != PUBLIC_KEY_SIZE:
        size = len(public_key_bytes)
        raise BadPublicKey(f"a public key is {PUBLIC_KEY_SIZE} raw bytes, not {size}")


def _encode_base64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _decode_base64url(text: str, size: int) -> bytes | None:
    """Return the ``size`` bytes that ``text`` canonically spells, or ``None``."""
    if not _BASE64URL.fullmatch(text):
        return None
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except binascii.Error:
        return None
    if len(raw) != size or _encode_base64url(raw) != text:
        return None
    return raw
