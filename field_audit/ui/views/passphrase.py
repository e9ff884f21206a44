"""The passphrase field used wherever the key is made or unlocked: hidden as typed, with an eye
button named for screen readers ("แสดงรหัสผ่าน" / "ซ่อนรหัสผ่าน"), 48 px like every control.
Flet's own ``can_reveal_password`` eye has no accessible name, hence this one.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import flet as ft

from field_audit.ui.i18n import tr
from field_audit.ui.views.common import own_node


@ft.component
def PassphraseField(
    label: str,
    value: str,
    set_value: Callable[[str], None],
    submit: Callable[[], Awaitable[None]],
    *,
    lang: str,
    autofocus: bool = False,
) -> ft.Control:
    shown, set_shown = ft.use_state(False)
    word = tr("passphrase.hide" if shown else "passphrase.show", lang)
    eye = ft.IconButton(
        ft.Icon(ft.Icons.VISIBILITY_OFF if shown else ft.Icons.VISIBILITY, semantics_label=word),
        tooltip=word,
        on_click=lambda: set_shown(not shown),
    )
    field = ft.TextField(
        label=label,
        value=value,
        password=not shown,
        autofocus=autofocus,
        suffix_icon=eye,
        on_change=lambda e: set_value(e.control.value),
        on_submit=submit,
    )
    return ft.Row([own_node(field, expand=True)])  # the full width of its column
