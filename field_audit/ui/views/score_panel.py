"""The live score: points of the maximum, progress, each block of the edition (met, or points
where the block needs points), and whether the centre meets the criteria (ผ่านเกณฑ์: a finding,
not a certificate), with the reasons in words. A member assessing a share sees the share's
progress and no finding: that is the committee's. Re-renders on each ``ScoreState`` change.
"""

from __future__ import annotations

import flet as ft

from field_audit.domain.edition import Block, Edition
from field_audit.domain.scoring import Score, Tally
from field_audit.ui import theme
from field_audit.ui.i18n import tr
from field_audit.ui.state.audit import reason_lines
from field_audit.ui.state.criterion_row import ScoreState
from field_audit.ui.views.common import chip

SHOWN_REASONS = 5


@ft.component
def ScorePanel(
    state: ScoreState, edition: Edition, lang: str, compact: bool, self_points: int | None
) -> ft.Control:
    score = state.score
    head = ft.Text(
        tr("score.points", lang, points=score.points, max=score.max_points),
        size=26 if compact else 30,
        font_family=theme.BOLD,
        color=ft.Colors.INDIGO_900,
    )
    facts: list[ft.Control] = [_progress(score, state.share, lang)]
    facts += [_block_line(score, block, lang) for block in edition.blocks]
    if self_points is not None:
        facts.append(_claims_line(state, self_points, lang))
    facts.append(_finding(state, lang))
    reasons = (
        [] if state.share else reason_lines(score, lang, limit=2 if compact else SHOWN_REASONS)
    )
    tail = [ft.Text(f"• {text}", size=14, color=ft.Colors.BLUE_GREY_800) for text in reasons]
    if compact:
        return ft.Container(
            bgcolor=theme.SURFACE,
            border=ft.Border.only(bottom=ft.BorderSide(1, theme.CARD_BORDER)),
            padding=ft.Padding.symmetric(horizontal=20, vertical=10),
            content=ft.Column([head, ft.Row(facts, wrap=True, spacing=16), *tail]),
        )
    return ft.Container(
        bgcolor=theme.SURFACE,
        border=ft.Border.all(1, theme.CARD_BORDER),
        border_radius=ft.BorderRadius.all(10),
        padding=ft.Padding.all(16),
        content=ft.Column(
            spacing=10,
            controls=[
                ft.Text(tr("score.title", lang), size=16, color=theme.MUTED),
                head,
                *facts,
                *tail,
            ],
        ),
    )


def _progress(score: Score, share: tuple[int, int] | None, lang: str) -> ft.Control:
    """Answered of the audit's scope: every criterion, or the member's share."""
    total = share[0] if share else score.total
    text = tr("audit.progress", lang, answered=score.answered, total=total)
    return ft.Column(
        spacing=4,
        width=220,
        controls=[
            ft.Text(text, size=16),
            ft.ProgressBar(
                value=score.answered / total if total else 0,
                bar_height=8,
                border_radius=ft.BorderRadius.all(4),
                semantics_label=text,
            ),
        ],
    )


def _block_line(score: Score, block: Block, lang: str) -> ft.Control:
    """Points where the block needs points (or is graded), else how many are met."""
    got = score.by_block.get(block.id, Tally(0, 0, 0, 0, 0))
    name = block.title.in_language(lang)
    if block.min_points is not None:
        text = tr("score.block_points", lang, block=name, points=got.points, max=got.max_points)
    else:
        text = tr("score.block", lang, block=name, met=got.met, total=got.total)
    return ft.Text(text, size=16)


def _claims_line(state: ScoreState, self_points: int, lang: str) -> ft.Control:
    text = tr("score.self", lang, points=self_points)
    if state.differences:
        text += " · " + tr("score.differences", lang, count=state.differences)
    return ft.Text(text, size=14, color=theme.WARN if state.differences else theme.MUTED)


def _finding(state: ScoreState, lang: str) -> ft.Control:
    if state.share is not None:
        return ft.Text(tr("score.share_note", lang), size=14, color=theme.MUTED)
    return verdict_chip(state.score, lang)


def verdict_chip(score: Score, lang: str) -> ft.Control:
    """Meets the criteria or not; with the level where the edition has levels."""
    if score.meets_criteria:
        text = tr("score.meets", lang)
        if score.level is not None:
            text += f" · {score.level.title.in_language(lang)}"
        return chip(text, fg=ft.Colors.WHITE, bg=theme.MET, icon=ft.Icons.VERIFIED)
    return chip(
        tr("score.does_not_meet", lang), fg=theme.WARN, bg=theme.WARN_SOFT, icon=ft.Icons.INFO
    )
