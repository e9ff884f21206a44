"""What the central store needs to issue certificates, outside the wire protocol.

- ``keyring``: the issuing key (Ed25519), sealed under a passphrase in a file outside the
  database; create, unlock, rotate, export the trust list for apps.
- ``qr``: the certificate's QR code as SVG (qrcode without Pillow).

Everything a verifier needs (payload, QR text, trust and revocation lists, verdicts) is in
``sync.protocol.certificates``; this package is the issuer's side only.

Errors: ``sync.issuing.errors`` (``IssuingKeyError`` and its codes).
"""

from sync.issuing.document import IssuingKey, Keyring
from sync.issuing.errors import (
    IssuingKeyError,
    KeyringDamaged,
    KeyringExists,
    NoKeyring,
    WeakPassphrase,
    WrongPassphrase,
)
from sync.issuing.keyring import (
    MIN_PASSPHRASE_LENGTH,
    UnlockedIssuingKey,
    create_keyring,
    export_trust_list,
    read_keyring,
    rotate_issuing_key,
    unlock_issuing_key,
)
from sync.protocol.passphrase_seal import DEFAULT_KDF, KdfParams

__all__ = [
    "DEFAULT_KDF",
    "MIN_PASSPHRASE_LENGTH",
    "IssuingKey",
    "IssuingKeyError",
    "KdfParams",
    "Keyring",
    "KeyringDamaged",
    "KeyringExists",
    "NoKeyring",
    "UnlockedIssuingKey",
    "WeakPassphrase",
    "WrongPassphrase",
    "create_keyring",
    "export_trust_list",
    "read_keyring",
    "rotate_issuing_key",
    "unlock_issuing_key",
]
