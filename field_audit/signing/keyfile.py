"""The key file: the current private key sealed under a passphrase, and the retired public keys.

One small canonical-JSON document, ``inspector-key.json`` (format ``gecc-inspector-key/1``)::

    {"format": "gecc-inspector-key/1",
     "key": {"key_id", "public_key" (base64url), "created_at"},
     "retired": [{"key_id", "public_key", "created_at", "retired_at"}, ...],   newest first
     "kdf": {"name": "argon2id", "iterations", "lanes", "memory_kib", "salt"},
     "aead": {"name": "aes-256-gcm", "nonce"},
     "check": base64url, "ciphertext": base64url}

Sealing: Argon2id turns the passphrase (NFC-normalised, so the order in which Thai marks were
typed does not matter, then UTF-8) and a fresh random salt into a master key; HMAC-SHA256
splits that into an encryption key and a check value. The check tells a wrong passphrase
(``WrongPassphrase``) from an altered file (``KeyFileDamaged``) without helping a guesser, who
pays for Argon2id per guess either way. AES-256-GCM encrypts the 32-byte private seed with every
other field of the document as associated data, so altering the public key, the key id, the
history or the parameters makes opening fail. A file that is not exactly what this version
writes (extra fields, other spellings) is refused as damaged.

The KDF parameters travel in each file, so raising ``DEFAULT_KDF`` never locks out an older
file; ``change_passphrase`` re-seals with the new defaults. Parameters read from a file are
bounded by ``MAX_KDF`` so an altered file cannot make unlocking exhaust the device.

Writes are atomic (temporary file, fsync, ``os.replace``, fsync of the folder); the file is
created with mode 0o600, so it is never readable by others even for a moment, in a 0o700 folder.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from field_audit.signing.errors import KeyFileDamaged, WrongPassphrase
from sync.protocol.canonical import canonical_json, parse_canonical
from sync.protocol.errors import NotCanonical, ProtocolError
from sync.protocol.passphrase_seal import (
    CHECK_SIZE,
    MAX_KDF,
    NONCE_SIZE,
    SALT_SIZE,
    KdfParams,
    OpenFailed,
    Sealed,
    derive,
    encrypt,
    new_salt_and_nonce,
    open_sealed,
)
from sync.protocol.private_files import make_private_dir, write_private
from sync.protocol.signatures import (
    decode_public_key,
    encode_public_key,
    enrolment_text,
    key_fingerprint,
)

FORMAT = "gecc-inspector-key/1"
KEY_FILE_NAME = "inspector-key.json"
SEED_SIZE = 32
TAG_SIZE = 16
_TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
_T = TypeVar("_T")


@dataclass(frozen=True)
class InspectorKey:
    """The public side of an inspector key: the current one, or a retired one (``retired_at``)."""

    key_id: str
    public_key: bytes
    created_at: datetime
    retired_at: datetime | None = None

    @property
    def fingerprint(self) -> str:
        """Six groups of five digits, to compare by voice (see ``sync.protocol.signatures``)."""
        return key_fingerprint(self.public_key)

    @property
    def enrolment_text(self) -> str:
        """``GECC-KEY:1:...``, the text the office scans from this key's QR code."""
        return enrolment_text(self.public_key)


@dataclass(frozen=True)
class KeyFile:
    current: InspectorKey
    retired: tuple[InspectorKey, ...]
    sealed: Sealed


class _Malformed(Exception):
    """A key document that this version did not write; caught and reported as damage."""


def key_file_path(keys_dir: Path) -> Path:
    return keys_dir / KEY_FILE_NAME


def seal(
    seed: bytes,
    passphrase: str,
    *,
    current: InspectorKey,
    retired: tuple[InspectorKey, ...],
    kdf: KdfParams,
) -> KeyFile:
    """Return a key file holding ``seed`` encrypted under ``passphrase`` with fresh randomness."""
    salt, nonce = new_salt_and_nonce()
    encryption_key, check = derive(passphrase, salt, kdf, label=FORMAT)
    draft = KeyFile(current, retired, Sealed(kdf, salt, nonce, check, ciphertext=b""))
    ciphertext = encrypt(encryption_key, nonce, seed, _associated_data(draft))
    return replace(draft, sealed=replace(draft.sealed, ciphertext=ciphertext))


def open_seed(key_file: KeyFile, passphrase: str, path: Path) -> bytes:
    """Return the private seed; raise ``WrongPassphrase`` or ``KeyFileDamaged``."""
    aad = _associated_data(key_file)
    try:
        return open_sealed(key_file.sealed, passphrase, label=FORMAT, associated_data=aad)
    except OpenFailed as failed:
        if failed.wrong_passphrase:
            raise WrongPassphrase(path) from None
        raise KeyFileDamaged(path, "the sealed key does not match the rest of the file") from None


def read_key_file(path: Path) -> KeyFile | None:
    """Return the key file at ``path``, ``None`` if there is none; raise ``KeyFileDamaged``."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        document = parse_canonical(data)
    except NotCanonical as error:
        raise KeyFileDamaged(path, f"not canonical JSON: {error}") from error
    try:
        return from_document(document)
    except _Malformed as error:
        raise KeyFileDamaged(path, str(error)) from error


def write_key_file(path: Path, key_file: KeyFile) -> None:
    """Replace the key file at ``path`` atomically, creating its 0o700 folder if needed."""
    make_private_dir(path.parent)
    write_private(path, canonical_json(to_document(key_file)))


def to_document(key_file: KeyFile) -> dict[str, Any]:
    sealed = key_file.sealed
    return {
        "format": FORMAT,
        "key": _key_document(key_file.current),
        "retired": [_key_document(key) for key in key_file.retired],
        "kdf": {"name": "argon2id", **asdict(sealed.kdf), "salt": _encode(sealed.salt)},
        "aead": {"name": "aes-256-gcm", "nonce": _encode(sealed.nonce)},
        "check": _encode(sealed.check),
        "ciphertext": _encode(sealed.ciphertext),
    }


def from_document(document: object) -> KeyFile:
    """Return the key file a document holds; raise ``_Malformed`` unless written by us."""
    if _field(document, "format", str) != FORMAT:
        raise _Malformed(f"its format is not {FORMAT}")
    kdf, aead = _field(document, "kdf", dict), _field(document, "aead", dict)
    sealed = Sealed(
        kdf=_kdf_params(kdf),
        salt=_bytes_field(kdf, "salt", SALT_SIZE),
        nonce=_bytes_field(aead, "nonce", NONCE_SIZE),
        check=_bytes_field(document, "check", CHECK_SIZE),
        ciphertext=_bytes_field(document, "ciphertext", SEED_SIZE + TAG_SIZE),
    )
    current = _key_record(_field(document, "key", dict), retired=False)
    retired = tuple(_key_record(item, retired=True) for item in _field(document, "retired", list))
    key_file = KeyFile(current, retired, sealed)
    if to_document(key_file) != document:
        raise _Malformed("it holds fields or spellings this version does not write")
    return key_file


def _associated_data(key_file: KeyFile) -> bytes:
    document = to_document(key_file)
    del document["ciphertext"]
    return canonical_json(document)


def _key_document(key: InspectorKey) -> dict[str, str]:
    document = {
        "key_id": key.key_id,
        "public_key": encode_public_key(key.public_key),
        "created_at": key.created_at.astimezone(UTC).strftime(_TIME_FORMAT),
    }
    if key.retired_at is not None:
        document["retired_at"] = key.retired_at.astimezone(UTC).strftime(_TIME_FORMAT)
    return document


def _key_record(document: object, *, retired: bool) -> InspectorKey:
    """Return a key record; a retired one must say when, the current one must not."""
    try:
        public_key = decode_public_key(_field(document, "public_key", str))
    except ProtocolError as error:
        raise _Malformed(f"a public key is malformed: {error}") from error
    retired_at = _time_field(document, "retired_at") if retired else None
    return InspectorKey(
        key_id=_field(document, "key_id", str),
        public_key=public_key,
        created_at=_time_field(document, "created_at"),
        retired_at=retired_at,
    )


def _kdf_params(document: dict[str, Any]) -> KdfParams:
    if document.get("name") != "argon2id":
        raise _Malformed("its key derivation is not argon2id")
    try:
        kdf = KdfParams(
            iterations=_field(document, "iterations", int),
            lanes=_field(document, "lanes", int),
            memory_kib=_field(document, "memory_kib", int),
        )
    except ValueError as error:
        raise _Malformed(str(error)) from error
    if not kdf.within(MAX_KDF):
        raise _Malformed(f"it asks for more work than {MAX_KDF}")
    return kdf


def _field(document: object, name: str, kind: type[_T]) -> _T:
    if not isinstance(document, dict) or name not in document:
        raise _Malformed(f"the field {name!r} is missing")
    value = document[name]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _Malformed(f"the field {name!r} is not a {kind.__name__}")
    return value


def _bytes_field(document: object, name: str, size: int) -> bytes:
    text = _field(document, name, str)
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as error:
        raise _Malformed(f"the field {name!r} is not base64url") from error
    if len(raw) != size:
        raise _Malformed(f"the field {name!r} holds {len(raw)} bytes, not {size}")
    return raw


def _time_field(document: object, name: str) -> datetime:
    text = _field(document, name, str)
    try:
        return datetime.strptime(text, _TIME_FORMAT).replace(tzinfo=UTC)
    except ValueError as error:
        raise _Malformed(f"the field {name!r} is not a time like 2025-01-31T08:30:00Z") from error


def _encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")
