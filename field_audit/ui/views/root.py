"""The root component: the app bar, the notice banner and the current screen."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from field_audit.ui import theme
from field_audit.ui.i18n import tr
from field_audit.ui.state.connectivity import Connectivity, watch_central
from field_audit.ui.state.notices import Notices, describe
from field_audit.ui.state.session import AppState
from field_audit.ui.views.assignments import AssignmentsScreen
from field_audit.ui.views.audit import AuditScreen
from field_audit.ui.views.chrome import AppBar, NoticeBanner
from field_audit.ui.views.exchange import exchange_screen
from field_audit.ui.views.key_setup import KeyScreen
from field_audit.ui.views.seal import SealScreen
from field_audit.ui.views.start import StartScreen


@ft.component
def Root(
    app: AppState,
    notices: Notices,
    connectivity: Connectivity,
    central_reachable: Callable[[], bool],
) -> ft.Control:
    async def watch() -> None:
        await watch_central(central_reachable, connectivity)

    ft.on_mounted(watch)  # cancelled when the session's tree unmounts
    return ft.SafeArea(
        expand=True,
        content=ft.Column(
            expand=True,
            spacing=0,
            controls=[
                AppBar(app, connectivity),
                NoticeBanner(notices, app.language),
                ft.Container(expand=True, content=_screen(app)),
            ],
        ),
    )


def _screen(app: AppState) -> ft.Control:
    lang = app.language
    exchange = exchange_screen(app)  # committee, sync or certificates
    if exchange is not None:
        return exchange
    if app.screen == "audit" and app.audit is not None:
        return AuditScreen(app.audit, lang, app.wide)
    if app.screen == "assignments" and app.assignments is not None:
        return AssignmentsScreen(
            app.assignments, app.inspector, lang, app.open_audit, app.open_committee
        )
    if app.screen == "key" and app.key is not None:
        return KeyScreen(app.key, lang, app.leave_key, app.wide)
    if app.screen == "seal" and app.seal is not None:
        return SealScreen(app.seal, app, lang)
    return StartScreen(app)


@ft.component
def StartupFailed(error: Exception) -> ft.Control:
    """The device could not be opened: say so in both languages, since no one has chosen yet."""
    key, values = describe(error)
    return ft.Container(
        padding=ft.Padding.all(32),
        content=ft.Column(
            spacing=12,
            controls=[
                ft.Icon(ft.Icons.ERROR_OUTLINE, color=theme.NOT_MET, size=40),
                ft.Text(tr(key, "th", **values), size=20, font_family=theme.BOLD),
                ft.Text(tr(key, "en", **values), size=16, color=theme.MUTED),
            ],
        ),
    )
