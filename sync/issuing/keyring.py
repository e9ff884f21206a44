"""The central store's issuing keyring: one current Ed25519 key, sealed, and the retired ones.

The keyring is a file outside the database (``GECC_CENTRAL_ISSUING_KEY_FILE``), its private
seed encrypted under a passphrase (``sealing``), so a copy of the database or of a backup
holds no key that could issue a certificate.

Lifecycle::

    create_keyring(path, passphrase)                 first key; refuses to overwrite
    unlock_issuing_key(path, passphrase)             -> UnlockedIssuingKey (.sign, .key_id)
    rotate_issuing_key(path, passphrase)             new current key; the old one retired at
                                                     ``now`` and kept as a public key
    read_keyring(path) / export_trust_list(path, now=...)    no passphrase needed

Rotation needs the current passphrase: whoever rotates shows they hold the key. Certificates
signed by a retired key still verify: the trust list keeps it, valid until its retirement day.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.issuing.document import (
    FORMAT,
    IssuingKey,
    Keyring,
    associated_data_of,
    from_document,
    to_document,
)
from sync.issuing.errors import (
    KeyringDamaged,
    KeyringExists,
    NoKeyring,
    WeakPassphrase,
    WrongPassphrase,
)
from sync.protocol.canonical import canonical_json, parse_canonical
from sync.protocol.certificates.trust import issuing_key_id, trust_list_document
from sync.protocol.errors import NotCanonical
from sync.protocol.passphrase_seal import (
    DEFAULT_KDF,
    KdfParams,
    OpenFailed,
    Sealed,
    derive,
    encrypt,
    new_salt_and_nonce,
    open_sealed,
)
from sync.protocol.private_files import write_private
from sync.protocol.secret_documents import Malformed
from sync.protocol.signatures import public_key_of, sign_bytes

MIN_PASSPHRASE_LENGTH = 12
MIN_PASSPHRASE_DISTINCT = 6  # as production asks (sync.server.settings)


class UnlockedIssuingKey:
    """The current issuing key, unlocked: it signs bytes. Its repr hides the secret."""

    __slots__ = ("_private_key", "key")

    def __init__(self, key: IssuingKey, private_key: Ed25519PrivateKey) -> None:
        self.key = key
        self._private_key = private_key

    @property
    def key_id(self) -> str:
        return self.key.key_id

    @property
    def public_key(self) -> bytes:
        return self.key.public_key

    def sign(self, data: bytes) -> bytes:
        """The 64-byte Ed25519 signature of ``data`` (canonical JSON bytes)."""
        return sign_bytes(self._private_key, data)

    def __repr__(self) -> str:
        return f"UnlockedIssuingKey(key_id={self.key_id!r})"


def create_keyring(
    path: Path, passphrase: str, *, kdf: KdfParams = DEFAULT_KDF, now: datetime | None = None
) -> IssuingKey:
    """Make the first issuing key and seal it at ``path``; raise ``KeyringExists``."""
    _check_passphrase(path, passphrase)
    if path.exists():
        raise KeyringExists(path)
    keyring = _new_keyring(passphrase, retired=(), kdf=kdf, now=_moment(now))
    write_private(path, canonical_json(to_document(keyring)))
    return keyring.current


def read_keyring(path: Path) -> Keyring:
    """The keyring at ``path`` (public parts readable without a passphrase).

    Raises ``NoKeyring`` or ``KeyringDamaged``.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise NoKeyring(path) from None
    try:
        return from_document(parse_canonical(data))
    except (NotCanonical, Malformed) as error:
        raise KeyringDamaged(path, str(error)) from error


def unlock_issuing_key(path: Path, passphrase: str) -> UnlockedIssuingKey:
    """Open the current key; raise ``NoKeyring``, ``WrongPassphrase`` or ``KeyringDamaged``."""
    keyring = read_keyring(path)
    return UnlockedIssuingKey(keyring.current, _private_key(path, keyring, passphrase))


def rotate_issuing_key(
    path: Path,
    passphrase: str,
    *,
    new_passphrase: str | None = None,
    kdf: KdfParams = DEFAULT_KDF,
    now: datetime | None = None,
) -> IssuingKey:
    """Make a new current key (sealed under ``new_passphrase``, or the same one) and retire
    the old one at ``now``, keeping its public key. Needs the current passphrase."""
    sealing_passphrase = passphrase if new_passphrase is None else new_passphrase
    _check_passphrase(path, sealing_passphrase)
    old = read_keyring(path)
    _private_key(path, old, passphrase)  # proves custody before anything changes
    moment = _moment(now)
    retired = (replace(old.current, retired_at=moment), *old.retired)
    keyring = _new_keyring(sealing_passphrase, retired=retired, kdf=kdf, now=moment)
    write_private(path, canonical_json(to_document(keyring)))
    return keyring.current


def export_trust_list(path: Path, *, now: datetime | None = None) -> dict[str, Any]:
    """The trust list document (``gecc-trust-list/1``) of every key in the keyring."""
    keyring = read_keyring(path)
    return trust_list_document([key.trusted() for key in keyring.keys], exported_at=_moment(now))


def _private_key(path: Path, keyring: Keyring, passphrase: str) -> Ed25519PrivateKey:
    aad = canonical_json(associated_data_of(keyring))
    try:
        seed = open_sealed(keyring.sealed, passphrase, label=FORMAT, associated_data=aad)
    except OpenFailed as error:
        if error.wrong_passphrase:
            raise WrongPassphrase(path) from None
        raise KeyringDamaged(path, str(error)) from error
    private_key = Ed25519PrivateKey.from_private_bytes(seed)
    if public_key_of(private_key) != keyring.current.public_key:
        raise KeyringDamaged(path, "the sealed key does not belong to the current public key")
    return private_key


def _new_keyring(
    passphrase: str, *, retired: tuple[IssuingKey, ...], kdf: KdfParams, now: datetime
) -> Keyring:
    private_key = Ed25519PrivateKey.generate()
    public_key = public_key_of(private_key)
    current = IssuingKey(issuing_key_id(public_key), public_key, created_at=now)
    salt, nonce = new_salt_and_nonce()
    encryption_key, check = derive(passphrase, salt, kdf, label=FORMAT)
    draft = Keyring(current, retired, Sealed(kdf, salt, nonce, check, ciphertext=b""))
    aad = canonical_json(associated_data_of(draft))
    ciphertext = encrypt(encryption_key, nonce, private_key.private_bytes_raw(), aad)
    return replace(draft, sealed=replace(draft.sealed, ciphertext=ciphertext))


def _check_passphrase(path: Path, passphrase: str) -> None:
    text = unicodedata.normalize("NFC", passphrase)
    length, distinct = len(text), len(set(text))
    if length < MIN_PASSPHRASE_LENGTH or distinct < MIN_PASSPHRASE_DISTINCT:
        raise WeakPassphrase(
            path,
            length=length,
            min_length=MIN_PASSPHRASE_LENGTH,
            distinct=distinct,
            min_distinct=MIN_PASSPHRASE_DISTINCT,
        )


def _moment(now: datetime | None) -> datetime:
    return (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
