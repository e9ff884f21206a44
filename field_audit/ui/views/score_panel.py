"""The live score: points of the maximum, progress, basic and advanced met, and whether the
centre meets the criteria (ผ่านเกณฑ์: a finding, not a certificate), with the reasons in words.
Re-renders on each ``ScoreState`` change.
"""

from __future__ import annotations

import flet as ft

from field_audit.domain.edition import Tier
from field_audit.domain.scoring import Score, Tally
from field_audit.ui import theme
from field_audit.ui.i18n import tr
from field_audit.ui.state.audit import ScoreState, reason_lines
from field_audit.ui.views.common import chip

SHOWN_REASONS = 5


@ft.component
def ScorePanel(state: ScoreState, lang: str, compact: bool, self_points: int | None) -> ft.Control:
    score = state.score
    lines: list[ft.Control] = [
        ft.Text(
            tr("score.points", lang, points=score.points, max=score.max_points),
            size=26 if compact else 30,
            font_family=theme.BOLD,
            color=ft.Colors.INDIGO_900,
        ),
        _progress(score, lang),
        _tier_line(score, Tier.BASIC, "score.basic", lang),
        _tier_line(score, Tier.ADVANCED, "score.advanced", lang),
        _verdict_chip(score, lang),
    ]
    if self_points is not None:
        lines.insert(4, _claims_line(state, self_points, lang))
    reasons = reason_lines(score, lang, limit=2 if compact else SHOWN_REASONS)
    lines += [ft.Text(f"• {text}", size=14, color=ft.Colors.BLUE_GREY_800) for text in reasons]
    if compact:
        return ft.Container(
            bgcolor=theme.SURFACE,
            border=ft.Border.only(bottom=ft.BorderSide(1, theme.CARD_BORDER)),
            padding=ft.Padding.symmetric(horizontal=20, vertical=10),
            content=ft.Column([*lines[:1], ft.Row(lines[1:6], wrap=True, spacing=16), *lines[6:]]),
        )
    return ft.Container(
        bgcolor=theme.SURFACE,
        border=ft.Border.all(1, theme.CARD_BORDER),
        border_radius=ft.BorderRadius.all(10),
        padding=ft.Padding.all(16),
        content=ft.Column(
            spacing=10,
            controls=[ft.Text(tr("score.title", lang), size=16, color=theme.MUTED), *lines],
        ),
    )


def _progress(score: Score, lang: str) -> ft.Control:
    text = tr("audit.progress", lang, answered=score.answered, total=score.total)
    return ft.Column(
        spacing=4,
        width=220,
        controls=[
            ft.Text(text, size=16),
            ft.ProgressBar(
                value=score.answered / score.total if score.total else 0,
                bar_height=8,
                border_radius=ft.BorderRadius.all(4),
                semantics_label=text,
            ),
        ],
    )


def _tier_line(score: Score, tier: Tier, key: str, lang: str) -> ft.Control:
    got = score.by_tier.get(tier, Tally(0, 0, 0, 0, 0))
    return ft.Text(tr(key, lang, met=got.met, total=got.total), size=16)


def _claims_line(state: ScoreState, self_points: int, lang: str) -> ft.Control:
    text = tr("score.self", lang, points=self_points)
    if state.differences:
        text += " · " + tr("score.differences", lang, count=state.differences)
    return ft.Text(text, size=14, color=theme.WARN if state.differences else theme.MUTED)


def _verdict_chip(score: Score, lang: str) -> ft.Control:
    if score.meets_criteria:
        return chip(
            tr("score.meets", lang), fg=ft.Colors.WHITE, bg=theme.MET, icon=ft.Icons.VERIFIED
        )
    return chip(
        tr("score.does_not_meet", lang), fg=theme.WARN, bg=theme.WARN_SOFT, icon=ft.Icons.INFO
    )
