"""The theme's text colours against the backgrounds they are drawn on: WCAG AA, 4.5:1."""

from __future__ import annotations

import pytest

from field_audit.ui import theme

# Material Design's palette, for the colours the theme names (Flutter draws these values).
MATERIAL = {
    "white": "#FFFFFF",
    "bluegrey50": "#ECEFF1",
    "bluegrey100": "#CFD8DC",
    "bluegrey700": "#455A64",
    "bluegrey800": "#37474F",
    "green50": "#E8F5E9",
    "green100": "#C8E6C9",
    "green800": "#2E7D32",
    "green900": "#1B5E20",
    "red50": "#FFEBEE",
    "red800": "#C62828",
    "amber50": "#FFF8E1",
    "amber100": "#FFECB3",
    "deeporange900": "#BF360C",
    "brown800": "#4E342E",
    "indigo100": "#C5CAE9",
    "indigo900": "#1A237E",
    "teal100": "#B2DFDB",
    "teal900": "#004D40",
}
AA = 4.5

PAGE = (theme.SURFACE, theme.BACKGROUND)  # cards and the page behind them
PAIRS = [
    *[(theme.MUTED, bg) for bg in (*PAGE, theme.WARN_SOFT, theme.MET_SOFT, theme.NOT_MET_SOFT)],
    *[(theme.MET, bg) for bg in (*PAGE, theme.MET_SOFT)],
    *[(theme.NOT_MET, bg) for bg in (*PAGE, theme.NOT_MET_SOFT)],
    *[(theme.WARN, bg) for bg in (*PAGE, theme.WARN_SOFT)],
    *[(theme.SURFACE, bg) for bg in (theme.MET, theme.NOT_MET)],  # white on filled buttons
    *theme.STATE_COLOURS.values(),
]


def luminance(colour: str) -> float:
    hex_digits = MATERIAL[str(getattr(colour, "value", colour))].lstrip("#")
    channels = [int(hex_digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_formula_matches_wcags_examples() -> None:
    assert contrast("white", "white") == pytest.approx(1.0)
    assert contrast("bluegrey700", "white") == pytest.approx(7.24, abs=0.01)


@pytest.mark.parametrize(("foreground", "background"), PAIRS)
def test_text_colours_reach_aa_on_their_backgrounds(foreground: str, background: str) -> None:
    assert contrast(foreground, background) >= AA, (foreground, background)
