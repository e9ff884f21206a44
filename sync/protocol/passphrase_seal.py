"""A 32-byte private seed sealed under a passphrase: Argon2id, then AES-256-GCM.

Shared by the inspector's key file (``field_audit.signing.keyfile``) and the central store's
issuing keyring (``sync.issuing``), so both seal their secrets the same way. Argon2id turns the
passphrase (NFC, then UTF-8) and a random salt into a master key; HMAC-SHA256 splits it into an
encryption key and a check value, so a wrong passphrase (``check`` differs) is told apart from
an altered file (the AEAD tag fails). ``associated_data`` binds the ciphertext to the rest of
the document.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

SALT_SIZE = 16
NONCE_SIZE = 12
CHECK_SIZE = 32
SEALED_SIZE = 32 + 16  # the seed and the GCM tag


@dataclass(frozen=True)
class KdfParams:
    """Argon2id costs: passes over memory, parallel lanes, and memory in KiB."""

    iterations: int
    lanes: int
    memory_kib: int

    def __post_init__(self) -> None:
        if self.iterations < 1 or self.lanes < 1 or self.memory_kib < 8 * self.lanes:
            raise ValueError(f"Argon2id needs iterations, lanes >= 1, 8 KiB a lane: {self}")

    def within(self, limit: KdfParams) -> bool:
        """Whether no cost exceeds ``limit``'s (an altered file must not exhaust the server)."""
        mine = (self.iterations, self.lanes, self.memory_kib)
        most = (limit.iterations, limit.lanes, limit.memory_kib)
        return all(a <= b for a, b in zip(mine, most, strict=True))


DEFAULT_KDF = KdfParams(iterations=7, lanes=4, memory_kib=64 * 1024)
"""64 MiB and about 0.3-0.4 s on a laptop of the 2020s; raise ``iterations`` as devices speed up."""

MAX_KDF = KdfParams(iterations=64, lanes=64, memory_kib=2 * 1024 * 1024)
"""The most a sealed file may ask for; a larger request is treated as damage."""


@dataclass(frozen=True)
class Sealed:
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    check: bytes
    ciphertext: bytes


class OpenFailed(Exception):
    """``wrong_passphrase`` tells a wrong passphrase from damage."""

    def __init__(self, *, wrong_passphrase: bool) -> None:
        super().__init__("wrong passphrase" if wrong_passphrase else "the sealed key is altered")
        self.wrong_passphrase = wrong_passphrase


def new_salt_and_nonce() -> tuple[bytes, bytes]:
    return secrets.token_bytes(SALT_SIZE), secrets.token_bytes(NONCE_SIZE)


def derive(passphrase: str, salt: bytes, kdf: KdfParams, *, label: str) -> tuple[bytes, bytes]:
    """Return (encryption key, check value) for a passphrase; ``label`` names the format."""
    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    master = Argon2id(
        salt=salt, length=32, iterations=kdf.iterations, lanes=kdf.lanes, memory_cost=kdf.memory_kib
    ).derive(secret)
    return _subkey(master, label, b"encryption"), _subkey(master, label, b"check")


def encrypt(encryption_key: bytes, nonce: bytes, seed: bytes, associated_data: bytes) -> bytes:
    return AESGCM(encryption_key).encrypt(nonce, seed, associated_data)


def open_sealed(sealed: Sealed, passphrase: str, *, label: str, associated_data: bytes) -> bytes:
    """Return the seed; raise ``OpenFailed``."""
    encryption_key, check = derive(passphrase, sealed.salt, sealed.kdf, label=label)
    if not hmac.compare_digest(check, sealed.check):
        raise OpenFailed(wrong_passphrase=True)
    try:
        return AESGCM(encryption_key).decrypt(sealed.nonce, sealed.ciphertext, associated_data)
    except InvalidTag as error:
        raise OpenFailed(wrong_passphrase=False) from error


def _subkey(master: bytes, label: str, purpose: bytes) -> bytes:
    return hmac.new(master, label.encode() + b" " + purpose, hashlib.sha256).digest()
