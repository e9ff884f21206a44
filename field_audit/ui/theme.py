"""Look and feel: the bundled Thai font (Sarabun, SIL OFL), colours and sizes used everywhere.

Flutter draws Thai as empty boxes unless a Thai font is bundled, registered in ``page.fonts``
and set in the theme; Sarabun also has Latin, so one font serves both languages offline.
"""

from __future__ import annotations

from pathlib import Path

import flet as ft

ASSETS_DIR = Path(__file__).resolve().parents[2] / "assets"
FONT_FAMILY = "Sarabun"
FONTS = {
    FONT_FAMILY: "fonts/Sarabun-Regular.ttf",
    "Sarabun Bold": "fonts/Sarabun-Bold.ttf",
}
BOLD = "Sarabun Bold"

SEED = ft.Colors.INDIGO
MET = ft.Colors.GREEN_700
MET_SOFT = ft.Colors.GREEN_50
NOT_MET = ft.Colors.RED_700
NOT_MET_SOFT = ft.Colors.RED_50
WARN = ft.Colors.AMBER_800
WARN_SOFT = ft.Colors.AMBER_50
MUTED = ft.Colors.BLUE_GREY_600
CARD_BORDER = ft.Colors.BLUE_GREY_100
SURFACE = ft.Colors.WHITE
BACKGROUND = ft.Colors.BLUE_GREY_50

TOUCH = 48  # minimum height of anything a finger presses

STATE_COLOURS: dict[str, tuple[str, str]] = {  # state -> (text colour, background)
    "not_started": (ft.Colors.BLUE_GREY_800, ft.Colors.BLUE_GREY_100),
    "in_progress": (ft.Colors.AMBER_900, ft.Colors.AMBER_100),
    "complete": (ft.Colors.GREEN_900, ft.Colors.GREEN_100),
    "sealed": (ft.Colors.INDIGO_900, ft.Colors.INDIGO_100),
    "synced": (ft.Colors.TEAL_900, ft.Colors.TEAL_100),
}


def configure_page(page: ft.Page, title: str) -> None:
    """Fonts, theme and title; call once per session before rendering."""
    page.title = title
    page.fonts = FONTS
    page.theme = ft.Theme(font_family=FONT_FAMILY, color_scheme_seed=SEED)
    page.theme_mode = ft.ThemeMode.LIGHT
    page.bgcolor = BACKGROUND
    page.padding = 0
