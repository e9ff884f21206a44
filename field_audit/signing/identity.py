"""The inspector's device identity: one Ed25519 key pair whose private half is passphrase-sealed.

Lifecycle: ``create_identity`` on first run; ``unlock`` each session to get an ``UnlockedKey``
that signs canonical bytes; ``change_passphrase`` re-seals the same key; ``replace_key`` makes a
new key pair when the old one is lost, exposed, or its passphrase forgotten, and keeps the old
PUBLIC key in the file's history so results it sealed still verify.

``replace_key`` does not ask for the old passphrase, since forgetting it is one reason to
replace. That gives nothing away: a new key signs nothing the office accepts until the office
has enrolled it from its QR code. ``public_keys`` reads the file without a passphrase, so its
history is what the device holds, not proof; the office's enrolment record is the authority.

A new passphrase needs ``MIN_PASSPHRASE_LENGTH`` characters (counted after NFC normalisation).
Errors: see ``field_audit.signing.errors``.
"""

from __future__ import annotations

import unicodedata
import uuid
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from field_audit.signing.errors import IdentityExists, KeyFileDamaged, NoIdentity, WeakPassphrase
from field_audit.signing.keyfile import (
    InspectorKey,
    KeyFile,
    key_file_path,
    open_seed,
    read_key_file,
    seal,
    write_key_file,
)
from sync.protocol.passphrase_seal import DEFAULT_KDF, KdfParams
from sync.protocol.signatures import public_key_of, sign_bytes

MIN_PASSPHRASE_LENGTH = 8
KEYS_FOLDER = "keys"


class UnlockedKey:
    """The current key, unlocked for this session: it signs bytes. Its repr hides the secret."""

    __slots__ = ("_private_key", "identity")

    def __init__(self, identity: InspectorKey, private_key: Ed25519PrivateKey) -> None:
        self.identity = identity
        self._private_key = private_key

    @property
    def key_id(self) -> str:
        return self.identity.key_id

    @property
    def public_key(self) -> bytes:
        return self.identity.public_key

    @property
    def fingerprint(self) -> str:
        return self.identity.fingerprint

    def sign(self, data: bytes) -> bytes:
        """Return the 64-byte Ed25519 signature of ``data`` (canonical JSON bytes)."""
        return sign_bytes(self._private_key, data)

    def __repr__(self) -> str:
        return f"UnlockedKey(key_id={self.key_id!r}, fingerprint={self.fingerprint!r})"


def keys_dir_in(data_dir: Path) -> Path:
    """Return the folder that holds the key file inside the app's data folder."""
    return data_dir / KEYS_FOLDER


def find_identity(keys_dir: Path) -> InspectorKey | None:
    """Return the current public key, or ``None`` before ``create_identity``."""
    key_file = read_key_file(key_file_path(keys_dir))
    return None if key_file is None else key_file.current


def create_identity(
    keys_dir: Path, passphrase: str, *, kdf: KdfParams = DEFAULT_KDF, now: datetime | None = None
) -> InspectorKey:
    """Make the device's key pair and seal it; raise ``IdentityExists`` if there is one."""
    check_passphrase(passphrase)
    path = key_file_path(keys_dir)
    if path.exists():
        raise IdentityExists(path)
    key_file = _new_key_file(passphrase, retired=(), kdf=kdf, now=now)
    write_key_file(path, key_file)
    return key_file.current


def unlock(keys_dir: Path, passphrase: str) -> UnlockedKey:
    """Open the current key; raise ``NoIdentity``, ``WrongPassphrase`` or ``KeyFileDamaged``."""
    path = key_file_path(keys_dir)
    key_file = _existing(path)
    return UnlockedKey(key_file.current, _open_private_key(key_file, passphrase, path))


def change_passphrase(
    keys_dir: Path, *, old: str, new: str, kdf: KdfParams = DEFAULT_KDF
) -> InspectorKey:
    """Re-seal the same key under ``new``; afterwards ``old`` no longer opens it."""
    check_passphrase(new)
    path = key_file_path(keys_dir)
    key_file = _existing(path)
    seed = _open_private_key(key_file, old, path).private_bytes_raw()
    resealed = seal(seed, new, current=key_file.current, retired=key_file.retired, kdf=kdf)
    write_key_file(path, resealed)
    return key_file.current


def replace_key(
    keys_dir: Path, passphrase: str, *, kdf: KdfParams = DEFAULT_KDF, now: datetime | None = None
) -> InspectorKey:
    """Make a new key pair sealed under ``passphrase``; retire the old public key into history.

    Needs only the file's public parts, so it also rescues a file whose sealed key is damaged.
    """
    check_passphrase(passphrase)
    path = key_file_path(keys_dir)
    old = _existing(path)
    moment = _moment(now)
    retired = (replace(old.current, retired_at=moment), *old.retired)
    key_file = _new_key_file(passphrase, retired=retired, kdf=kdf, now=moment)
    write_key_file(path, key_file)
    return key_file.current


def public_keys(keys_dir: Path) -> list[InspectorKey]:
    """Return the current public key, then the retired ones, newest first."""
    key_file = _existing(key_file_path(keys_dir))
    return [key_file.current, *key_file.retired]


def check_passphrase(passphrase: str) -> None:
    """Raise ``WeakPassphrase`` unless ``passphrase`` is long enough for a new seal."""
    length = len(unicodedata.normalize("NFC", passphrase))
    if length < MIN_PASSPHRASE_LENGTH:
        raise WeakPassphrase(length=length, min_length=MIN_PASSPHRASE_LENGTH)


def _existing(path: Path) -> KeyFile:
    key_file = read_key_file(path)
    if key_file is None:
        raise NoIdentity(path)
    return key_file


def _open_private_key(key_file: KeyFile, passphrase: str, path: Path) -> Ed25519PrivateKey:
    private_key = Ed25519PrivateKey.from_private_bytes(open_seed(key_file, passphrase, path))
    if public_key_of(private_key) != key_file.current.public_key:
        raise KeyFileDamaged(path, "the sealed private key does not belong to the public key")
    return private_key


def _new_key_file(
    passphrase: str, *, retired: tuple[InspectorKey, ...], kdf: KdfParams, now: datetime | None
) -> KeyFile:
    private_key = Ed25519PrivateKey.generate()
    current = InspectorKey(
        key_id=str(uuid.uuid4()), public_key=public_key_of(private_key), created_at=_moment(now)
    )
    seed = private_key.private_bytes_raw()
    return seal(seed, passphrase, current=current, retired=retired, kdf=kdf)


def _moment(now: datetime | None) -> datetime:
    """Return ``now`` (or the clock) in UTC to the second, as the key file stores it."""
    return (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
