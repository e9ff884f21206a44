"""The inspector's key, unlocked once for this session to sign sync requests and seals.

The unlocked key lives only in this object, in memory; nothing of it is written anywhere, and
it is gone when the session ends or ``lock`` is called. Unlocking (Argon2id, a fraction of a
second) runs off the event loop.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Protocol

import flet as ft

from field_audit.ui.i18n import tr

if TYPE_CHECKING:  # the signing layer loads in the background, after the server is up
    from field_audit.signing import UnlockedKey


class KeyOwner(Protocol):
    def unlock_key(self, passphrase: str) -> UnlockedKey: ...


class SessionKey(ft.Observable):
    """``unlocked`` says whether a key is held; ``error`` is why the last unlock failed
    (Thai, English)."""

    unlocked: bool
    busy: bool
    error: tuple[str, str] | None

    def __init__(self, owner: KeyOwner) -> None:
        self._owner = owner
        self._key: UnlockedKey | None = None
        self.unlocked = False
        self.busy = False
        self.error = None

    @property
    def key(self) -> UnlockedKey | None:
        return self._key

    async def unlock(self, passphrase: str) -> UnlockedKey | None:
        """Unlock with ``passphrase``; on failure ``error`` says why in words."""
        if self._key is not None:
            return self._key
        if not passphrase:
            self.error = (tr("unlock.missing", "th"), tr("unlock.missing", "en"))
            return None
        self.busy = True
        try:
            key = await asyncio.to_thread(self._owner.unlock_key, passphrase)
        except Exception as error:
            self.error = worded(error) or (
                tr("error.unexpected", "th"),
                tr("error.unexpected", "en"),
            )
            return None
        finally:
            self.busy = False
        self._key, self.error = key, None
        self.unlocked = True
        return key

    def lock(self) -> None:
        """Forget the unlocked key."""
        self._key = None
        self.unlocked = False


def worded(error: BaseException) -> tuple[str, str] | None:
    """(Thai, English) of an error that carries its own words (``message(language)``), as the
    signing, sealing and committee errors do; None for any other error."""
    message = getattr(error, "message", None)
    if not callable(message):
        return None
    return str(message("th")), str(message("en"))
