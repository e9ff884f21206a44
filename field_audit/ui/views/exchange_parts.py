"""Small pieces the committee, sync and certificate screens share."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

import flet as ft

from field_audit.domain.thai_calendar import format_moment
from field_audit.ui import theme
from field_audit.ui.views.passphrase import PassphraseField


def passphrase_field(
    label: str,
    value: str,
    set_value: Callable[[str], None],
    submit: Callable[[], Awaitable[None]],
    lang: str,
) -> ft.Control:
    return PassphraseField(label, value, set_value, submit, lang=lang)


def moment_text(moment: datetime, lang: str) -> str:
    """A stored (UTC) time as the inspector reads it: Thailand's clock, พ.ศ. year in Thai."""
    return format_moment(moment, lang)


def page_column(parts: list[ft.Control], *, narrow_padding: bool = False) -> ft.Control:
    """The screen's cards in one scrolling column, full width on a tablet and at most about
    1000 px wide (centred) on a laptop."""
    return ft.ListView(
        expand=True,
        padding=ft.Padding.symmetric(horizontal=12 if narrow_padding else 16, vertical=16),
        controls=[
            ft.ResponsiveRow(
                alignment=ft.MainAxisAlignment.CENTER,
                controls=[
                    ft.Column(
                        parts,
                        col={"xs": 12, "lg": 10, "xl": 9},
                        spacing=14,
                        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
                    )
                ],
            )
        ],
    )


def said(text: str, *, ok: bool = True) -> ft.Control:
    """A one-line outcome: green with a tick, or red with a cross."""
    colour = theme.MET if ok else theme.NOT_MET
    return ft.Row(
        [
            ft.Icon(ft.Icons.CHECK_CIRCLE if ok else ft.Icons.ERROR_OUTLINE, color=colour, size=20),
            ft.Text(text, size=15, color=colour, expand=True),
        ],
        spacing=8,
        vertical_alignment=ft.CrossAxisAlignment.START,
    )


def busy_ring(text: str) -> ft.Control:
    return ft.Row(
        [ft.ProgressRing(width=22, height=22), ft.Text(text, size=16)],
        spacing=10,
        tight=True,
    )


def human_bytes(count: int) -> str:
    if count < 1024 * 1024:
        return f"{count / 1024:.0f} KB"
    return f"{count / (1024 * 1024):.1f} MB"
