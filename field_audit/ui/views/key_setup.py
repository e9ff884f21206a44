"""The signing key screen: a passphrase typed twice makes the key; then its fingerprint (large,
six groups of five digits, for reading aloud to the office) and its enrolment QR code; and the
central store's address, which may be left blank.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import flet as ft

from field_audit.domain.thai_calendar import format_date
from field_audit.ui import theme
from field_audit.ui.i18n import tr
from field_audit.ui.state.keys import KeyState
from field_audit.ui.views.common import card, centred, heading, muted, own_node
from field_audit.ui.views.passphrase import PassphraseField

if TYPE_CHECKING:  # the device layers load in the background, after the server is up
    from field_audit.services.onsite import KeyInfo

QR_SIZE = 240
KEY_WIDTH = 760  # on a wide screen; the full width on a tablet in portrait
CONTINUE_KEYS = {"seal": "key.back_to_seal", "audit": "seal.back"}


@ft.component
def KeyScreen(
    key: KeyState, lang: str, leave: Callable[[], Awaitable[None]], wide: bool = True
) -> ft.Control:
    parts: list[ft.Control] = [heading(tr("key.title", lang))]
    if key.key is None:
        parts.append(PassphraseForm(key, lang))
    else:
        parts += [
            _fingerprint(key.key, lang),
            CentralAddress(key, lang),
            _continue(key, lang, leave),
        ]
    return ft.ListView(
        expand=True,
        padding=ft.Padding.all(24),
        controls=[
            centred(
                card(
                    ft.Column(
                        parts,
                        spacing=18,
                        tight=True,
                        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
                    )
                ),
                width=KEY_WIDTH,
                wide=wide,
            )
        ],
    )


@ft.component
def PassphraseForm(key: KeyState, lang: str) -> ft.Control:
    first, set_first = ft.use_state("")
    again, set_again = ft.use_state("")

    async def create() -> None:
        await key.create(first, again)

    status: list[ft.Control] = []
    if key.busy:
        status = [ft.ProgressRing(width=22, height=22), ft.Text(tr("key.creating", lang), size=16)]
    return ft.Column(
        spacing=14,
        tight=True,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        controls=[
            muted(tr("key.intro", lang), size=16),
            PassphraseField(
                tr("key.passphrase", lang), first, set_first, create, lang=lang, autofocus=True
            ),
            PassphraseField(tr("key.again", lang), again, set_again, create, lang=lang),
            *([ft.Text(key.error.text(lang), color=theme.NOT_MET, size=16)] if key.error else []),
            ft.Row(
                [
                    ft.FilledButton(
                        content=tr("key.create", lang),
                        icon=ft.Icons.KEY,
                        height=theme.TOUCH,
                        disabled=key.busy,
                        on_click=create,
                    ),
                    *status,
                ],
                spacing=12,
            ),
        ],
    )


def _fingerprint(info: KeyInfo, lang: str) -> ft.Control:
    groups = info.fingerprint.split()
    spoken = "\n".join((" ".join(groups[:3]), " ".join(groups[3:])))
    words = ft.Column(
        col={"xs": 12, "md": 7},
        spacing=8,
        controls=[
            ft.Text(tr("key.fingerprint", lang), size=16, color=theme.MUTED),
            ft.Text(
                spoken,
                size=40,
                font_family=theme.BOLD,
                color=ft.Colors.INDIGO_900,
                semantics_label=f"{tr('key.fingerprint', lang)} {info.fingerprint}",
            ),
            muted(tr("key.read_aloud", lang), size=15),
            muted(tr("key.made_on", lang, date=format_date(info.created_at.date(), lang))),
        ],
    )
    qr = ft.Container(
        col={"xs": 12, "md": 5},
        alignment=ft.Alignment.CENTER,
        content=ft.Image(
            src=info.qr_png,
            width=QR_SIZE,
            height=QR_SIZE,
            filter_quality=ft.FilterQuality.NONE,  # crisp modules, no smoothing
            semantics_label=tr("key.qr_label", lang),
        ),
    )
    return ft.ResponsiveRow([words, qr], spacing=16, run_spacing=16)


@ft.component
def CentralAddress(key: KeyState, lang: str) -> ft.Control:
    url, set_url = ft.use_state(key.central_url)
    note = key.central_note
    return ft.Column(
        spacing=8,
        tight=True,
        controls=[
            ft.Row(
                vertical_alignment=ft.CrossAxisAlignment.START,
                controls=[
                    own_node(
                        ft.TextField(
                            label=tr("key.central", lang),
                            helper=tr("key.central_help", lang),
                            value=url,
                            keyboard_type=ft.KeyboardType.URL,
                            on_change=lambda e: set_url(e.control.value),
                            on_submit=lambda: key.save_central_url(url),
                        ),
                        expand=True,
                    ),
                    ft.OutlinedButton(
                        content=tr("key.central_save", lang),
                        height=theme.TOUCH,
                        on_click=lambda: key.save_central_url(url),
                    ),
                ],
            ),
            *([_note(note.text(lang), ok=key.central_ok)] if note else []),
        ],
    )


def _note(text: str, *, ok: bool) -> ft.Control:
    return ft.Text(text, size=15, color=theme.MET if ok else theme.NOT_MET)


def _continue(key: KeyState, lang: str, leave: Callable[[], Awaitable[None]]) -> ft.Control:
    word = tr(CONTINUE_KEYS.get(key.then, "key.continue"), lang)
    return ft.Row(
        [
            ft.FilledButton(
                content=word, icon=ft.Icons.ARROW_FORWARD, height=theme.TOUCH, on_click=leave
            )
        ]
    )
