"""The inspector's device key: made once, sealed under a passphrase, used to sign results.

Public API (everything else in this package is internal)::

    create_identity(keys_dir, passphrase, *, kdf=DEFAULT_KDF, now=None) -> InspectorKey
    unlock(keys_dir, passphrase) -> UnlockedKey              .sign(data) -> 64-byte signature
    change_passphrase(keys_dir, *, old, new, kdf=DEFAULT_KDF) -> InspectorKey
    replace_key(keys_dir, passphrase, *, kdf=DEFAULT_KDF, now=None) -> InspectorKey
    public_keys(keys_dir) -> list[InspectorKey]              current first, then retired
    find_identity(keys_dir) -> InspectorKey | None
    keys_dir_in(data_dir) -> Path

Errors (``field_audit.signing.errors``), each with ``message_th`` and ``message_en``::

    SigningError
    ├── WrongPassphrase   the passphrase does not open the key file
    ├── NoIdentity        there is no key file yet
    ├── IdentityExists    a key file is already there
    ├── WeakPassphrase    a new passphrase is too short
    └── KeyFileDamaged    the key file is unreadable, malformed or altered

The QR code for enrolment is drawn by ``field_audit.evidence.qr`` from
``InspectorKey.enrolment_text``; this package does not import qrcode.
"""

from field_audit.signing.errors import (
    IdentityExists,
    KeyFileDamaged,
    NoIdentity,
    SigningError,
    WeakPassphrase,
    WrongPassphrase,
)
from field_audit.signing.identity import (
    MIN_PASSPHRASE_LENGTH,
    UnlockedKey,
    change_passphrase,
    check_passphrase,
    create_identity,
    find_identity,
    keys_dir_in,
    public_keys,
    replace_key,
    unlock,
)
from field_audit.signing.keyfile import InspectorKey
from sync.protocol.passphrase_seal import DEFAULT_KDF, KdfParams

__all__ = [
    "DEFAULT_KDF",
    "MIN_PASSPHRASE_LENGTH",
    "IdentityExists",
    "InspectorKey",
    "KdfParams",
    "KeyFileDamaged",
    "NoIdentity",
    "SigningError",
    "UnlockedKey",
    "WeakPassphrase",
    "WrongPassphrase",
    "change_passphrase",
    "check_passphrase",
    "create_identity",
    "find_identity",
    "keys_dir_in",
    "public_keys",
    "replace_key",
    "unlock",
]
