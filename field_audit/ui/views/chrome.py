"""The frame around every screen: the app bar (back, title, online state, language) and the
banner that shows a notice in words.
"""

from __future__ import annotations

import flet as ft

from field_audit.ui import theme
from field_audit.ui.i18n import tr
from field_audit.ui.state.connectivity import Connectivity
from field_audit.ui.state.exchange import EXCHANGE_SCREENS
from field_audit.ui.state.notices import Notices
from field_audit.ui.state.session import AppState
from field_audit.ui.views.common import chip
from field_audit.ui.views.exchange import exchange_buttons


@ft.component
def AppBar(app: AppState, connectivity: Connectivity) -> ft.Control:
    lang = app.language
    leading: list[ft.Control] = []
    if app.screen in ("audit", "key", "seal", *EXCHANGE_SCREENS) and app.inspector is not None:
        back = tr("app.back" if app.screen == "audit" else "app.back_short", lang)
        leading.append(
            ft.IconButton(
                ft.Icon(ft.Icons.ARROW_BACK, color=ft.Colors.WHITE, semantics_label=back),
                tooltip=back,
                on_click=app.leave_exchange if app.screen in EXCHANGE_SCREENS else app.go_back,
            )
        )
    return ft.Container(
        bgcolor=ft.Colors.INDIGO_700,
        padding=ft.Padding.symmetric(horizontal=12, vertical=6),
        content=ft.Row(
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
            controls=[
                *leading,
                ft.Text(
                    tr("app.title", lang),
                    size=20,
                    color=ft.Colors.WHITE,
                    font_family=theme.BOLD,
                    expand=True,
                    no_wrap=True,
                    overflow=ft.TextOverflow.ELLIPSIS,
                ),
                OnlineIndicator(connectivity, lang),
                *exchange_buttons(app, connectivity),
                *key_button(app, lang),
                ft.TextButton(
                    content=ft.Text(
                        tr("app.switch_language", lang),
                        size=16,
                        color=ft.Colors.WHITE,
                        font_family=theme.BOLD,
                        semantics_label=tr("app.switch_language_label", lang),
                    ),
                    tooltip=tr("app.switch_language_label", lang),
                    height=theme.TOUCH,
                    on_click=app.toggle_language,
                ),
            ],
        ),
    )


def key_button(app: AppState, lang: str) -> list[ft.Control]:
    """The "My key" button (fingerprint, QR, creation), once the inspector is known."""
    if app.inspector is None or app.screen in ("start", "key"):
        return []
    word = tr("key.menu", lang)
    if not app.wide:  # a tablet in portrait: the icon alone, named for screen readers
        icon = ft.Icon(ft.Icons.KEY, color=ft.Colors.WHITE, semantics_label=word)
        return [ft.IconButton(icon, tooltip=word, on_click=lambda: app.open_key(None))]
    return [
        ft.TextButton(
            content=ft.Text(word, size=16, color=ft.Colors.WHITE, semantics_label=word),
            icon=ft.Icons.KEY,
            icon_color=ft.Colors.WHITE,
            tooltip=word,
            height=theme.TOUCH,
            on_click=lambda: app.open_key(None),
        )
    ]


@ft.component
def OnlineIndicator(connectivity: Connectivity, lang: str) -> ft.Control:
    online = connectivity.online
    label = tr("app.online_label" if online else "app.offline_label", lang)
    return ft.Semantics(
        label=label,
        container=True,
        content=ft.Container(
            tooltip=label,
            content=chip(
                tr("app.online" if online else "app.offline", lang),
                fg=ft.Colors.GREEN_900 if online else ft.Colors.BLUE_GREY_800,
                bg=ft.Colors.GREEN_100 if online else ft.Colors.BLUE_GREY_100,
                icon=ft.Icons.CLOUD_DONE if online else ft.Icons.CLOUD_OFF,
            ),
        ),
    )


@ft.component
def NoticeBanner(notices: Notices, lang: str) -> ft.Control:
    notice = notices.current
    if notice is None:
        return ft.Container(height=0)
    text = notice.text(lang)
    return ft.Semantics(
        live_region=True,
        container=True,
        content=ft.Container(
            bgcolor=theme.NOT_MET_SOFT,
            border=ft.Border.only(bottom=ft.BorderSide(1, theme.NOT_MET)),
            padding=ft.Padding.symmetric(horizontal=16, vertical=8),
            content=ft.Row(
                controls=[
                    ft.Icon(ft.Icons.ERROR_OUTLINE, color=theme.NOT_MET),
                    ft.Text(text, color=ft.Colors.RED_900, size=16, expand=True),
                    ft.IconButton(
                        ft.Icon(ft.Icons.CLOSE, semantics_label=tr("app.close_notice", lang)),
                        tooltip=tr("app.close_notice", lang),
                        on_click=notices.dismiss,
                    ),
                ],
            ),
        ),
    )
