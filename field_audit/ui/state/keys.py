"""The inspector's signing key on screen: made once under a passphrase (typed twice), then shown
as its fingerprint (read aloud to the office) and enrolment QR code; and the central store's
address, which is optional.

Making the key spends a fraction of a second in Argon2id, so it runs in a worker thread while
the screen shows a progress indicator. Refusals (a short passphrase, two that differ) are words
on the form, not notices.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import TYPE_CHECKING

import flet as ft

from field_audit.ui.i18n import tr
from field_audit.ui.state.notices import Notices

if TYPE_CHECKING:  # the database layer loads in the background, after the server is up
    from field_audit.app import Services
    from field_audit.services.onsite import KeyInfo

URL_SCHEMES = ("http://", "https://")


@dataclass(frozen=True)
class Words:
    """A message in both languages, shown in the one chosen."""

    th: str
    en: str

    @classmethod
    def of(cls, key: str, **values: object) -> Words:
        return cls(tr(key, "th", **values), tr(key, "en", **values))

    def text(self, language: str) -> str:
        return self.en if language == "en" else self.th


def words_of(error: Exception) -> Words | None:
    """The layer's own words for ``error`` (signing and sealing errors carry them as
    ``message(language)``), or None for any other error."""
    message = getattr(error, "message", None)
    if not callable(message):
        return None
    return Words(str(message("th")), str(message("en")))


class KeyState(ft.Observable):
    """The key screen: ``then`` is where its continue button goes ("assignments", "seal" or
    "audit")."""

    key: KeyInfo | None
    busy: bool
    error: Words | None
    central_url: str
    central_note: Words | None  # whether the address was saved, or why not
    central_ok: bool

    def __init__(self, services: Services, notices: Notices, *, then: str) -> None:
        self._services = services
        self._notices = notices
        self.then = then
        self.busy = False
        self.error = None
        self.central_note, self.central_ok = None, False
        self.key = self._current_key()
        inspector = services.inspector()
        self.central_url = (inspector.central_url if inspector else None) or ""

    def _current_key(self) -> KeyInfo | None:
        try:
            return self._services.signing_key()
        except Exception as error:
            self._notices.report(error)
            return None

    async def create(self, passphrase: str, again: str) -> None:
        """Make the key, unless the passphrase is too short or the two differ."""
        if self.busy or self.key is not None:
            return
        try:
            self._services.check_passphrase(passphrase)
        except Exception as error:
            self.error = words_of(error) or Words.of("error.unexpected")
            return
        if passphrase != again:
            self.error = Words.of("key.mismatch")
            return
        self.error, self.busy = None, True
        try:
            self.key = await asyncio.to_thread(self._services.create_key, passphrase)
        except Exception as error:
            self.error = words_of(error)
            if self.error is None:
                self._notices.report(error)
        finally:
            self.busy = False

    def save_central_url(self, url: str) -> None:
        """Keep the central store's address; blank means none. Only http(s) addresses."""
        url = url.strip()
        if url and not url.startswith(URL_SCHEMES):
            self.central_note, self.central_ok = Words.of("key.central_bad"), False
            return
        try:
            self._services.save_central_url(url or None)
        except Exception as error:
            self._notices.report(error)
            return
        self.central_url = url
        self.central_note, self.central_ok = Words.of("key.central_saved"), True
