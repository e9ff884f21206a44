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

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sync.protocol.certificates.model import thai_date
from sync.protocol.certificates.trust import TrustedKey, issuing_key_id
from sync.protocol.errors import BadPublicKey
from sync.protocol.passphrase_seal import (
    CHECK_SIZE,
    NONCE_SIZE,
    SALT_SIZE,
    SEALED_SIZE,
    Sealed,
)
from sync.protocol.secret_documents import (
    Malformed,
    bytes_field,
    encode,
    field,
    kdf_params,
    time_field,
    time_text,
)
from sync.protocol.signatures import decode_public_key, encode_public_key, key_fingerprint

FORMAT = "gecc-issuing-keys/1"


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
            "salt": encode(sealed.salt),
        },
        "aead": {"name": "aes-256-gcm", "nonce": encode(sealed.nonce)},
        "check": encode(sealed.check),
        "ciphertext": encode(sealed.ciphertext),
    }


def associated_data_of(keyring: Keyring) -> dict[str, Any]:
    """Everything but the ciphertext: what the AEAD binds the sealed seed to."""
    document = to_document(keyring)
    del document["ciphertext"]
    return document


def from_document(document: object) -> Keyring:
    """Return the keyring a document holds; raise ``Malformed`` unless this version wrote it."""
    if field(document, "format", str) != FORMAT:
        raise Malformed(f"its format is not {FORMAT}")
    kdf, aead = field(document, "kdf", dict), field(document, "aead", dict)
    sealed = Sealed(
        kdf=kdf_params(kdf),
        salt=bytes_field(kdf, "salt", SALT_SIZE),
        nonce=bytes_field(aead, "nonce", NONCE_SIZE),
        check=bytes_field(document, "check", CHECK_SIZE),
        ciphertext=bytes_field(document, "ciphertext", SEALED_SIZE),
    )
    current = _key(field(document, "current", dict), retired=False)
    retired = tuple(_key(item, retired=True) for item in field(document, "retired", list))
    keyring = Keyring(current, retired, sealed)
    if to_document(keyring) != document:
        raise Malformed("it holds fields or spellings this version does not write")
    return keyring


def _key_document(key: IssuingKey) -> dict[str, str]:
    document = {
        "key_id": key.key_id,
        "public_key": encode_public_key(key.public_key),
        "created_at": time_text(key.created_at),
    }
    if key.retired_at is not None:
        document["retired_at"] = time_text(key.retired_at)
    return document


def _key(document: object, *, retired: bool) -> IssuingKey:
    try:
        public_key = decode_public_key(field(document, "public_key", str))
    except BadPublicKey as error:
        raise Malformed(f"a public key is malformed: {error}") from error
    key = IssuingKey(
        key_id=field(document, "key_id", str),
        public_key=public_key,
        created_at=time_field(document, "created_at"),
        retired_at=time_field(document, "retired_at") if retired else None,
    )
    if key.key_id != issuing_key_id(public_key):
        raise Malformed(f"the key id {key.key_id!r} is not the id of its key")
    return key
