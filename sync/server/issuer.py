"""The issuing key as the running central store holds it: unlocked on first need, then kept.

``Issuer`` wraps the keyring file (``GECC_CENTRAL_ISSUING_KEY_FILE``, made by ``gecc-central
issuing-key create``) and its passphrase (``GECC_CENTRAL_ISSUING_KEY_PASSPHRASE``). It lives in
the ``Central`` (one per process, never a module global):

- ``trust_list()`` needs no passphrase; the keyring's public parts are read again only when
  the file changes (a rotation replaces it), so serving ``/verify`` costs one ``stat``.
- ``signing_key()`` unlocks the current key on first use (Argon2id: a fraction of a second)
  and keeps it; when the file's current key is another one (rotated by a command, or on another
  machine and copied here) it unlocks that one instead, so nothing is signed with a retired key.

Refusals: ``Unavailable`` with NO_ISSUING_KEY (no file configured, or none at the path) or
ISSUING_KEY_UNAVAILABLE (no passphrase, a wrong one, or a damaged file; ``details.reason``).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from sync.issuing import (
    IssuingKeyError,
    Keyring,
    NoKeyring,
    UnlockedIssuingKey,
    read_keyring,
    unlock_issuing_key,
)
from sync.protocol.certificates import TrustedKey
from sync.server.errors import Unavailable

_FileState = tuple[int, int, int]
NO_ISSUING_KEY = "NO_ISSUING_KEY"


class Issuer:
    """The central store's issuing keyring and, once unlocked, its current key."""

    def __init__(self, path: Path | None, passphrase: str | None) -> None:
        self.path = path
        self._passphrase = passphrase
        self._lock = threading.Lock()  # guards the cached keyring: held for moments only
        self._unlocking = threading.Lock()  # one unlock at a time; readers never wait on it
        self._keyring: tuple[_FileState, Keyring, dict[str, TrustedKey]] | None = None
        self._unlocked: UnlockedIssuingKey | None = None

    def __repr__(self) -> str:
        return f"Issuer(path={self.path!r})"

    def keyring(self) -> Keyring:
        """The keyring's public parts as the file now holds them; refuses as the module says."""
        return self._current()[1]

    def trust_list(self) -> dict[str, TrustedKey]:
        """Every issuing key by id, with the dates it issued on; empty when there is no keyring
        (a damaged one is refused: it must not make every certificate look unknown)."""
        if self.path is None:
            return {}
        try:
            return dict(self._current()[2])
        except Unavailable as error:
            if error.code == NO_ISSUING_KEY:
                return {}
            raise

    def signing_key(self) -> UnlockedIssuingKey:
        """The current issuing key, unlocked (once per key); refuses as the module says."""
        current = self.keyring().current.key_id
        with self._unlocking:
            unlocked = self._unlocked
            if unlocked is None or unlocked.key_id != current:
                unlocked = self._unlocked = self._unlock()
            return unlocked

    def forget(self) -> None:
        """Drop the unlocked key (the ``Central`` closes)."""
        with self._unlocking:
            self._unlocked = None

    def _current(self) -> tuple[_FileState, Keyring, dict[str, TrustedKey]]:
        path = self._path()
        try:
            state = _file_state(path)
        except FileNotFoundError:
            raise _no_keyring(path) from None
        with self._lock:
            cached = self._keyring
        if cached is not None and cached[0] == state:
            return cached
        keyring = self._read(path)
        fresh = (state, keyring, {key.key_id: key.trusted() for key in keyring.keys})
        with self._lock:
            self._keyring = fresh
        return fresh

    def _path(self) -> Path:
        if self.path is None:
            raise Unavailable(
                "the central store has no issuing key: set GECC_CENTRAL_ISSUING_KEY_FILE"
                " (made by `gecc-central issuing-key create`)"
            )
        return self.path

    def _read(self, path: Path) -> Keyring:
        try:
            return read_keyring(path)
        except NoKeyring:
            raise _no_keyring(path) from None
        except IssuingKeyError as error:
            raise _unavailable(error) from error

    def _unlock(self) -> UnlockedIssuingKey:
        path = self._path()
        if not self._passphrase:
            raise Unavailable(
                "the issuing key is locked: set GECC_CENTRAL_ISSUING_KEY_PASSPHRASE",
                code="ISSUING_KEY_UNAVAILABLE",
                reason="NO_PASSPHRASE",
            )
        try:
            return unlock_issuing_key(path, self._passphrase)
        except NoKeyring:
            raise _no_keyring(path) from None
        except IssuingKeyError as error:
            raise _unavailable(error) from error


def _file_state(path: Path) -> _FileState:
    status = os.stat(path)
    return status.st_ino, status.st_size, status.st_mtime_ns


def _no_keyring(path: Path) -> Unavailable:
    return Unavailable(
        f"there is no issuing keyring at {path}: make one with `gecc-central issuing-key create`"
    )


def _unavailable(error: IssuingKeyError) -> Unavailable:
    return Unavailable(str(error), code="ISSUING_KEY_UNAVAILABLE", reason=error.code)
