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

from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from field_audit.signing.errors import KeyFileDamaged, WrongPassphrase
from sync.protocol.canonical import canonical_json, parse_canonical
from sync.protocol.errors import NotCanonical, ProtocolError
from sync.protocol.passphrase_seal import (
    CHECK_SIZE,
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
from sync.protocol.secret_documents import (
    Malformed,
    bytes_field,
    encode,
    field,
    kdf_params,
    time_field,
    time_text,
)
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
    except Malformed as error:
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
        "kdf": {"name": "argon2id", **asdict(sealed.kdf), "salt": encode(sealed.salt)},
        "aead": {"name": "aes-256-gcm", "nonce": encode(sealed.nonce)},
        "check": encode(sealed.check),
        "ciphertext": encode(sealed.ciphertext),
    }


def from_document(document: object) -> KeyFile:
    """Return the key file a document holds; raise ``Malformed`` unless written by us."""
    if field(document, "format", str) != FORMAT:
        raise Malformed(f"its format is not {FORMAT}")
    kdf, aead = field(document, "kdf", dict), field(document, "aead", dict)
    sealed = Sealed(
        kdf=kdf_params(kdf),
        salt=bytes_field(kdf, "salt", SALT_SIZE),
        nonce=bytes_field(aead, "nonce", NONCE_SIZE),
        check=bytes_field(document, "check", CHECK_SIZE),
        ciphertext=bytes_field(document, "ciphertext", SEED_SIZE + TAG_SIZE),
    )
    current = _key_record(field(document, "key", dict), retired=False)
    retired = tuple(_key_record(item, retired=True) for item in field(document, "retired", list))
    key_file = KeyFile(current, retired, sealed)
    if to_document(key_file) != document:
        raise Malformed("it holds fields or spellings this version does not write")
    return key_file


def _associated_data(key_file: KeyFile) -> bytes:
    document = to_document(key_file)
    del document["ciphertext"]
    return canonical_json(document)


def _key_document(key: InspectorKey) -> dict[str, str]:
    document = {
        "key_id": key.key_id,
        "public_key": encode_public_key(key.public_key),
        "created_at": time_text(key.created_at),
    }
    if key.retired_at is not None:
        document["retired_at"] = time_text(key.retired_at)
    return document


def _key_record(document: object, *, retired: bool) -> InspectorKey:
    """Return a key record; a retired one must say when, the current one must not."""
    try:
        public_key = decode_public_key(field(document, "public_key", str))
    except ProtocolError as error:
        raise Malformed(f"a public key is malformed: {error}") from error
    retired_at = time_field(document, "retired_at") if retired else None
    return InspectorKey(
        key_id=field(document, "key_id", str),
        public_key=public_key,
        created_at=time_field(document, "created_at"),
        retired_at=retired_at,
    )
