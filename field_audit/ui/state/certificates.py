"""The certificate screen: the certificates issued to this inspector's LAOs, a certificate
checked offline from a picture of its QR code or from its text, and the device's trust list in
numbers. Decoding and drawing run off the event loop.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

import flet as ft

from field_audit.ui.state.notices import Notices

if TYPE_CHECKING:  # the database layer loads in the background, after the server is up
    from field_audit.app import Services
    from field_audit.services.certificates import (
        CertificateCheck,
        CertificateDesk,
        HeldCheck,
        TrustState,
    )

HELD = "held"  # ``source`` of a check of a certificate held for one of the inspector's LAOs


class CertificateState(ft.Observable):
    check: CertificateCheck | None
    source: str | None  # the picked picture's file name, HELD, or None for pasted text
    busy: bool
    trust: TrustState
    held: list[HeldCheck]

    def __init__(self, services: Services, *, notices: Notices) -> None:
        self._desk: CertificateDesk = services.certificate_desk()
        self._notices = notices
        self.check = None
        self.source = None
        self.busy = False
        self.trust = self._desk.trust()
        self.held = self._desk.held()

    async def show_held(self, held: HeldCheck) -> None:
        """Show a held certificate in full, with its QR code drawn."""
        await self._run(HELD, functools.partial(self._desk.check_text, held.qr_text))

    async def check_picture(self, file_name: str, data: bytes) -> None:
        """Find the certificate's QR code in a picked picture and check it."""
        await self._run(file_name, functools.partial(self._desk.check_picture, data))

    async def check_text(self, text: str) -> None:
        """Check a typed or pasted QR text, and draw its QR code."""
        await self._run(None, functools.partial(self._desk.check_text, text))

    async def _run(self, source: str | None, work: Callable[[], CertificateCheck]) -> None:
        self.busy = True
        try:
            result = await asyncio.to_thread(work)
        except Exception as error:
            self._notices.report(error)
            return
        finally:
            self.busy = False
        self.trust = self._desk.trust()
        self.source, self.check = source, result
