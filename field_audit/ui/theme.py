"""Look and feel: the bundled Thai font (Sarabun, SIL OFL), colours and sizes used everywhere.

Flutter draws Thai as empty boxes unless a Thai font is bundled, registered and set in the
theme; Sarabun also has Latin, so one font serves both languages offline. In a browser the
web client registers ``FONTS`` itself (``web_client``), as it boots; elsewhere ``page.fonts``.
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

# Text colours are chosen for WCAG AA (4.5:1) on white, the page background and their soft
# backgrounds; tests/ui/test_theme.py computes every pair.
SEED = ft.Colors.INDIGO
MET = ft.Colors.GREEN_900
MET_SOFT = ft.Colors.GREEN_50
NOT_MET = ft.Colors.RED_800
NOT_MET_SOFT = ft.Colors.RED_50
WARN = ft.Colors.DEEP_ORANGE_900  # amber itself is too faint for text
WARN_SOFT = ft.Colors.AMBER_50
MUTED = ft.Colors.BLUE_GREY_700  # secondary text ("what to look for", facts, hints)
CARD_BORDER = ft.Colors.BLUE_GREY_100
SURFACE = ft.Colors.WHITE
BACKGROUND = ft.Colors.BLUE_GREY_50

TOUCH = 48  # minimum height (and width) of anything a finger presses
ICON_BUTTON_PADDING = 12  # a 24 px icon in a 48 px button (Flutter's default pads to 40)

STATE_COLOURS: dict[str, tuple[str, str]] = {  # state -> (text colour, background)
    "not_started": (ft.Colors.BLUE_GREY_800, ft.Colors.BLUE_GREY_100),
    "in_progress": (ft.Colors.BROWN_800, ft.Colors.AMBER_100),
    "complete": (ft.Colors.GREEN_900, ft.Colors.GREEN_100),
    "sealed": (ft.Colors.INDIGO_900, ft.Colors.INDIGO_100),
    "synced": (ft.Colors.TEAL_900, ft.Colors.TEAL_100),
}


def configure_page(page: ft.Page, title: str) -> None:
    """Fonts, theme and title; call once per session before rendering."""
    page.title = title
    if not page.web:  # the web client already has them (see the module's doc)
        page.fonts = FONTS
    page.theme = ft.Theme(
        font_family=FONT_FAMILY,
        color_scheme_seed=SEED,
        # a desktop browser would get Flutter's compact density (32 px buttons): the tablet's
        visual_density=ft.VisualDensity.STANDARD,
        icon_button_theme=ft.IconButtonTheme(
            style=ft.ButtonStyle(padding=ICON_BUTTON_PADDING)  # 48 px, passphrase eyes too
        ),
        # Flutter's buttons are 40 px tall on a desktop browser: padded to 48 everywhere.
        text_button_theme=ft.TextButtonTheme(style=_button_style(16)),
        filled_button_theme=ft.FilledButtonTheme(style=_button_style(24)),
        outlined_button_theme=ft.OutlinedButtonTheme(style=_button_style(24)),
        button_theme=ft.ButtonTheme(style=_button_style(24)),
    )
    page.theme_mode = ft.ThemeMode.LIGHT
    page.bgcolor = BACKGROUND
    page.padding = 0


def _button_style(horizontal: int) -> ft.ButtonStyle:
    """A button at least ``TOUCH`` tall: one line of text (about 20 px) and 14 px above and
    below."""
    return ft.ButtonStyle(padding=ft.Padding.symmetric(horizontal=horizontal, vertical=14))
