"""The statistics page's charts, drawn on the server as SVG by pygal (its one home): bars of
applicants, visits and certifications, by round, province or kind. No script and nothing from a
CDN in the SVG (pygal's tooltips script is left out); the page shows each chart as an image
with its table beside it, so the figures are readable without the picture."""

from __future__ import annotations

import math
import sys
from typing import Any

import pygal
from pygal.etree import etree
from pygal.style import Style

from sync.server.console.words import say
from sync.server.store.statistics import MEASURES, Figures

# pygal appends an import hook for its map plugins (``pygal.maps.*``, unused here) to
# sys.meta_path; it lacks ``find_spec``, so every later failed import (an optional dependency
# probed by another library) warns. Taken out again: nothing here imports a pygal map.
sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "PluginImportFixer"]

STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1b1f24",
    foreground_strong="#1b1f24",
    foreground_subtle="#4a5360",
    colors=("#1d3766", "#b35c00", "#1a7f37"),
    font_family="Sarabun, 'Noto Sans Thai', Loma, Tahoma, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=14,
    title_font_size=16,
    value_font_size=12,
)


def figures_chart(figures: Figures, *, title: str, lang: str, horizontal: bool = False) -> bytes:
    """A grouped bar chart of the three measures over the figures' keys, as SVG bytes."""
    kind = pygal.HorizontalBar if horizontal else pygal.Bar
    height = max(360, 28 * len(figures.keys) + 140) if horizontal else 420
    chart = kind(
        style=STYLE,
        js=[],  # no tooltips script: nothing to fetch, nothing to run
        width=900,
        height=height,
        title=title,
        legend_at_bottom=True,
        print_values=False,
        show_y_guides=True,
        truncate_label=-1,
        x_label_rotation=0,
    )
    chart.x_labels = [figures.labels[k] for k in figures.keys]
    chart.y_labels = _whole_ticks(
        max((max(c.values(), default=0) for c in figures.counts.values()), default=0)
    )
    for measure in MEASURES:
        chart.add(
            say(f"measure_{measure}", lang), [figures.counts[measure][k] for k in figures.keys]
        )
    return _without_scripts(chart.render_tree())


def _whole_ticks(top: int) -> list[int]:
    """Ticks on whole numbers (counts have no fractions), about eight of them."""
    step = max(1, math.ceil(top / 8))
    return list(range(0, top + step + 1, step))


def _without_scripts(root: Any) -> bytes:
    """The SVG without pygal's inline configuration script (it never runs in an image, and
    the page allows none)."""
    for parent in list(root.iter()):
        for child in list(parent):
            if isinstance(child.tag, str) and child.tag.endswith("script"):
                parent.remove(child)
    svg: str = etree.tostring(root, encoding="unicode")  # Thai as text, not char refs
    return ("<?xml version='1.0' encoding='utf-8'?>\n" + svg).encode("utf-8")
