"""Errors of the central store's issuing keyring, each with a stable ``code``.

IssuingKeyError          ISSUING_KEY_ERROR   base; ``path`` names the keyring file
├── NoKeyring            NO_KEYRING          there is no keyring file at ``path`` yet
├── KeyringExists        KEYRING_EXISTS      creating would overwrite a keyring
├── WrongPassphrase      WRONG_PASSPHRASE    the passphrase does not open the current key
├── WeakPassphrase       WEAK_PASSPHRASE     a new passphrase is shorter than the minimum, or
│                                            has too few different characters
└── KeyringDamaged       KEYRING_DAMAGED     unreadable, malformed or altered (``reason``)
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar


class IssuingKeyError(Exception):
    """Base of every refusal about the issuing keyring."""

    code: ClassVar[str] = "ISSUING_KEY_ERROR"

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path = path


class NoKeyring(IssuingKeyError):
    code: ClassVar[str] = "NO_KEYRING"

    def __init__(self, path: Path) -> None:
        super().__init__(path, f"there is no issuing keyring at {path}; create one first")


class KeyringExists(IssuingKeyError):
    code: ClassVar[str] = "KEYRING_EXISTS"

    def __init__(self, path: Path) -> None:
        super().__init__(path, f"an issuing keyring already exists at {path}; rotate instead")


class WrongPassphrase(IssuingKeyError):
    code: ClassVar[str] = "WRONG_PASSPHRASE"

    def __init__(self, path: Path) -> None:
        super().__init__(path, f"the passphrase does not open the issuing key in {path}")


class WeakPassphrase(IssuingKeyError):
    code: ClassVar[str] = "WEAK_PASSPHRASE"

    def __init__(
        self, path: Path, *, length: int, min_length: int, distinct: int, min_distinct: int
    ) -> None:
        super().__init__(
            path,
            f"an issuing key's passphrase needs {min_length} characters, {min_distinct} of them"
            f" different; not {length}, {distinct} different",
        )
        self.length = length
        self.min_length = min_length


class KeyringDamaged(IssuingKeyError):
    code: ClassVar[str] = "KEYRING_DAMAGED"

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(path, f"the issuing keyring {path} is damaged or altered ({reason})")
        self.reason = reason
