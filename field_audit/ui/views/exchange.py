"""What the committee, sync and certificate screens add to the frame: their app bar buttons,
the screen to show, and the small pieces they share (the passphrase field, Thai times).
"""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from field_audit.ui import theme
from field_audit.ui.i18n import tr
from field_audit.ui.state.connectivity import Connectivity
from field_audit.ui.state.exchange import EXCHANGE_SCREENS
from field_audit.ui.state.session import AppState
from field_audit.ui.views.certificates import CertificateScreen
from field_audit.ui.views.committee import CommitteeScreen
from field_audit.ui.views.sync import SyncScreen


def exchange_buttons(app: AppState, connectivity: Connectivity) -> list[ft.Control]:
    """The committee button (on the audit screen), then sync and certificates."""
    if app.inspector is None or app.screen == "start":
        return []
    lang = app.language
    buttons: list[ft.Control] = []
    if app.screen == "audit" and app.audit is not None:
        assignment_id = app.audit.assignment.assignment_id

        async def committee() -> None:
            await app.open_committee(assignment_id)

        buttons.append(bar_button(tr("committee.open", lang), ft.Icons.GROUPS, committee, app))
    if app.screen != "sync":
        buttons.append(
            bar_button(
                tr("sync.open", lang), ft.Icons.SYNC, lambda: app.open_sync(connectivity), app
            )
        )
    if app.screen != "certificates":
        buttons.append(
            bar_button(tr("cert.open", lang), ft.Icons.VERIFIED, app.open_certificates, app)
        )
    return buttons


def bar_button(
    word: str, icon: ft.IconData, on_click: Callable[[], object], app: AppState
) -> ft.Control:
    """An app bar button: icon and word when wide, the icon alone (named) when narrow."""
    if not app.wide:
        return ft.IconButton(
            ft.Icon(icon, color=ft.Colors.WHITE, semantics_label=word),
            tooltip=word,
            on_click=on_click,
        )
    return ft.TextButton(
        content=ft.Text(word, size=16, color=ft.Colors.WHITE, semantics_label=word),
        icon=icon,
        icon_color=ft.Colors.WHITE,
        tooltip=word,
        height=theme.TOUCH,
        on_click=on_click,
    )


def exchange_screen(app: AppState) -> ft.Control | None:
    """The committee, sync or certificate screen, if one is showing."""
    lang = app.language
    if app.screen not in EXCHANGE_SCREENS:
        return None
    if app.screen == "committee" and app.committee is not None:
        return CommitteeScreen(app.committee, app.committee.key, lang, app.wide)
    if app.screen == "sync" and app.sync is not None:
        return SyncScreen(app.sync, app.sync.key, lang)
    if app.screen == "certificates" and app.certificates is not None:
        return CertificateScreen(app.certificates, lang, app.wide)
    return None
