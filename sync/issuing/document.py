"""The keyring file's document: canonical JSON, format ``gecc-issuing-keys/1``::

    {"format": "gecc-issuing-keys/1",
     "current": {"key_id", "public_key" (base64url), "created_at"},
     "retired": [{"key_id", "public_key", "created_at", "retired_at"}, ...],   newest first
     "kdf": {"name": "argon2id", "iterations", "lanes", "memory_kib", "salt"},
     "aead": {"name": "aes-256-gcm", "nonce"},
     "check": base64url, "ciphertext": base64url}

Only the current key's private seed is kept (sealed); a rotated-out key stays as its public
key, so its certificates still verify and it can sign nothing more. A document that is not
exactly what this version writes is refused (``Malformed``).
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from sync.protocol.certificates.model import thai_date
from sync.protocol.certificates.trust import TrustedKey, issuing_key_id
from sync.protocol.errors import BadPublicKey
from sync.protocol.passphrase_seal import (
    CHECK_SIZE,
    MAX_KDF,
    NONCE_SIZE,
    SALT_SIZE,
    SEALED_SIZE,
    KdfParams,
    Sealed,
)
from sync.protocol.signatures import decode_public_key, encode_public_key, key_fingerprint

FORMAT = "gecc-issuing-keys/1"
_TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
_T = TypeVar("_T")


class Malformed(Exception):
    """A keyring document this version did not write; reported as damage."""


@dataclass(frozen=True)
class IssuingKey:
    """The public side of an issuing key: the current one, or a rotated-out one."""

    key_id: str
    public_key: bytes
    created_at: datetime
    retired_at: datetime | None = None

    @property
    def fingerprint(self) -> str:
        """Six groups of five digits, to compare by voice (``sync.protocol.signatures``)."""
        return key_fingerprint(self.public_key)

    def trusted(self) -> TrustedKey:
        """This key as a trust list states it: the Thai dates on which it issued."""
        until = None if self.retired_at is None else thai_date(self.retired_at)
        return TrustedKey(self.key_id, self.public_key, thai_date(self.created_at), until)


@dataclass(frozen=True)
class Keyring:
    current: IssuingKey
    retired: tuple[IssuingKey, ...]
    sealed: Sealed

    @property
    def keys(self) -> tuple[IssuingKey, ...]:
        """Every key, current first, then the rotated-out ones, newest first."""
        return (self.current, *self.retired)


def to_document(keyring: Keyring) -> dict[str, Any]:
    sealed, kdf = keyring.sealed, keyring.sealed.kdf
    return {
        "format": FORMAT,
        "current": _key_document(keyring.current),
        "retired": [_key_document(key) for key in keyring.retired],
        "kdf": {
            "name": "argon2id",
            "iterations": kdf.iterations,
            "lanes": kdf.lanes,
            "memory_kib": kdf.memory_kib,
            "salt": _encode(sealed.salt),
        },
        "aead": {"name": "aes-256-gcm", "nonce": _encode(sealed.nonce)},
        "check": _encode(sealed.check),
        "ciphertext": _encode(sealed.ciphertext),
    }


def associated_data_of(keyring: Keyring) -> dict[str, Any]:
    """Everything but the ciphertext: what the AEAD binds the sealed seed to."""
    document = to_document(keyring)
    del document["ciphertext"]
    return document


def from_document(document: object) -> Keyring:
    """Return the keyring a document holds; raise ``Malformed`` unless this version wrote it."""
    if _field(document, "format", str) != FORMAT:
        raise Malformed(f"its format is not {FORMAT}")
    kdf, aead = _field(document, "kdf", dict), _field(document, "aead", dict)
    sealed = Sealed(
        kdf=_kdf(kdf),
        salt=_bytes(kdf, "salt", SALT_SIZE),
        nonce=_bytes(aead, "nonce", NONCE_SIZE),
        check=_bytes(document, "check", CHECK_SIZE),
        ciphertext=_bytes(document, "ciphertext", SEALED_SIZE),
    )
    current = _key(_field(document, "current", dict), retired=False)
    retired = tuple(_key(item, retired=True) for item in _field(document, "retired", list))
    keyring = Keyring(current, retired, sealed)
    if to_document(keyring) != document:
        raise Malformed("it holds fields or spellings this version does not write")
    return keyring


def _key_document(key: IssuingKey) -> dict[str, str]:
    document = {
        "key_id": key.key_id,
        "public_key": encode_public_key(key.public_key),
        "created_at": _time(key.created_at),
    }
    if key.retired_at is not None:
        document["retired_at"] = _time(key.retired_at)
    return document


def _key(document: object, *, retired: bool) -> IssuingKey:
    try:
        public_key = decode_public_key(_field(document, "public_key", str))
    except BadPublicKey as error:
        raise Malformed(f"a public key is malformed: {error}") from error
    key = IssuingKey(
        key_id=_field(document, "key_id", str),
        public_key=public_key,
        created_at=_time_field(document, "created_at"),
        retired_at=_time_field(document, "retired_at") if retired else None,
    )
    if key.key_id != issuing_key_id(public_key):
        raise Malformed(f"the key id {key.key_id!r} is not the id of its key")
    return key


def _kdf(document: dict[str, Any]) -> KdfParams:
    if document.get("name") != "argon2id":
        raise Malformed("its key derivation is not argon2id")
    try:
        kdf = KdfParams(
            _field(document, "iterations", int),
            _field(document, "lanes", int),
            _field(document, "memory_kib", int),
        )
    except ValueError as error:
        raise Malformed(str(error)) from error
    if not kdf.within(MAX_KDF):
        raise Malformed(f"it asks for more work than {MAX_KDF}")
    return kdf


def _field(document: object, name: str, kind: type[_T]) -> _T:
    if not isinstance(document, dict) or name not in document:
        raise Malformed(f"the field {name!r} is missing")
    value = document[name]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise Malformed(f"the field {name!r} is not a {kind.__name__}")
    return value


def _bytes(document: object, name: str, size: int) -> bytes:
    text = _field(document, name, str)
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as error:
        raise Malformed(f"the field {name!r} is not base64url") from error
    if len(raw) != size:
        raise Malformed(f"the field {name!r} holds {len(raw)} bytes, not {size}")
    return raw


def _time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(_TIME_FORMAT)


def _time_field(document: object, name: str) -> datetime:
    text = _field(document, name, str)
    try:
        return datetime.strptime(text, _TIME_FORMAT).replace(tzinfo=UTC)
    except ValueError as error:
        raise Malformed(f"the field {name!r} is not a time like 2027-01-31T08:30:00Z") from error


def _encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")
