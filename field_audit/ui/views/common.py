"""Small building blocks the screens share: headings, chips and labelled text."""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec, TypeVar, cast

import flet as ft

from field_audit.ui import theme
from field_audit.ui.i18n import tr

P = ParamSpec("P")
R = TypeVar("R")


def memo(component: Callable[P, R]) -> Callable[P, R]:
    """``ft.memo`` with its type kept: the component skips re-rendering for unchanged props."""
    return cast(Callable[P, R], ft.memo(component))  # type: ignore[no-untyped-call]


def own_node(
    field: ft.TextField,
    *,
    label: str = "",
    col: dict[str | ft.ResponsiveRowBreakpoint, int | float] | int = 12,
    expand: bool | None = None,
) -> ft.Semantics:
    """``field`` as a node of its own in the accessibility tree. Flutter merges a text field
    with no other field beside it into the node around it (its card, or the whole screen): a
    screen reader then reads one text box named with every text there, and the field cannot be
    found by its name. ``label`` names a group around the field (none by default: an empty
    one, as Flet 1.0 draws an error box for a semantics container without a label); ``col``
    and ``expand`` place it as they would place the field."""
    return ft.Semantics(content=field, container=True, label=label, col=col, expand=expand)


def heading(text: str, *, size: int = 22) -> ft.Text:
    return ft.Text(text, size=size, font_family=theme.BOLD, semantics_label=text)


def muted(text: str, *, size: int = 14) -> ft.Text:
    return ft.Text(text, size=size, color=theme.MUTED)


def chip(text: str, *, fg: str, bg: str, icon: ft.IconData | None = None) -> ft.Container:
    """A coloured, non-interactive tag (states, warnings)."""
    parts: list[ft.Control] = [ft.Text(text, size=13, color=fg, font_family=theme.BOLD)]
    if icon is not None:
        parts.insert(0, ft.Icon(icon, size=16, color=fg))
    return ft.Container(
        content=ft.Row(parts, spacing=4, tight=True),
        bgcolor=bg,
        border_radius=ft.BorderRadius.all(12),
        padding=ft.Padding.symmetric(horizontal=10, vertical=3),
    )


def state_chip(state: str, language: str) -> ft.Container:
    fg, bg = theme.STATE_COLOURS.get(state, theme.STATE_COLOURS["not_started"])
    return chip(tr(f"state.{state}", language), fg=fg, bg=bg)


def card(content: ft.Control, *, bgcolor: str = theme.SURFACE) -> ft.Container:
    return ft.Container(
        content=content,
        bgcolor=bgcolor,
        border=ft.Border.all(1, theme.CARD_BORDER),
        border_radius=ft.BorderRadius.all(10),
        padding=ft.Padding.all(14),
    )


def centred(content: ft.Control, *, width: int, wide: bool) -> ft.Control:
    """``content`` at most ``width`` wide, centred, on a wide screen; the full width on a
    narrow one (a tablet in portrait), so nothing runs off its right edge."""
    if not wide:
        return content
    return ft.Row(
        [ft.Container(width=width, content=content)], alignment=ft.MainAxisAlignment.CENTER
    )


def named_dropdown(dropdown: ft.Dropdown, col: ft.ResponsiveNumber = 12) -> ft.Dropdown:
    """A dropdown whose menu button is named by its label (Flutter gives it none; a tooltip
    names it for screen readers)."""
    if isinstance(dropdown.label, str):
        dropdown.tooltip = dropdown.label
    dropdown.col = col
    return dropdown
