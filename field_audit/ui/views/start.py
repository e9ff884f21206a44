"""First run: the inspector's name and position, kept on the device."""

from __future__ import annotations

import flet as ft

from field_audit.ui import theme
from field_audit.ui.i18n import tr
from field_audit.ui.state.session import AppState
from field_audit.ui.views.common import card, heading, muted, own_node


@ft.component
def StartScreen(app: AppState) -> ft.Control:
    lang = app.language
    name, set_name = ft.use_state("")
    position, set_position = ft.use_state("")
    error = tr(app.profile_error, lang) if app.profile_error else None

    def save() -> None:
        app.save_profile(name, position)

    return ft.Container(
        alignment=ft.Alignment.TOP_CENTER,
        padding=ft.Padding.all(24),
        content=ft.Container(
            width=560,
            content=card(
                ft.Column(
                    spacing=16,
                    tight=True,
                    horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
                    controls=[
                        heading(tr("start.title", lang)),
                        muted(tr("start.intro", lang), size=16),
                        own_node(
                            ft.TextField(
                                label=tr("start.name", lang),
                                value=name,
                                error=error,
                                autofocus=True,
                                on_change=lambda e: set_name(e.control.value),
                                on_submit=save,
                            )
                        ),
                        own_node(
                            ft.TextField(
                                label=tr("start.position", lang),
                                value=position,
                                on_change=lambda e: set_position(e.control.value),
                                on_submit=save,
                            )
                        ),
                        ft.Row(
                            [
                                ft.FilledButton(
                                    content=tr("start.save", lang),
                                    icon=ft.Icons.ARROW_FORWARD,
                                    height=theme.TOUCH,
                                    on_click=save,
                                )
                            ]
                        ),
                    ],
                )
            ),
        ),
    )
