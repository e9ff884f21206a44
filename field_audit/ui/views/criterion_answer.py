"""How an inspector answers one criterion: two large buttons (met / not met), or, on a graded
criterion, one button per step of its scale with what that step means."""

from __future__ import annotations

import flet as ft

from field_audit.domain.answers import Answer, Grade, Verdict, is_met
from field_audit.domain.edition import Criterion, ScaleStep
from field_audit.ui import theme
from field_audit.ui.i18n import tr
from field_audit.ui.state.audit import AuditActions
from field_audit.ui.state.criterion_row import CriterionRow

VERDICT_LOOK = {  # verdict -> (translation key, icon, strong colour, soft colour)
    Verdict.MET: ("audit.met", ft.Icons.CHECK_CIRCLE, theme.MET, theme.MET_SOFT),
    Verdict.NOT_MET: ("audit.not_met", ft.Icons.CANCEL, theme.NOT_MET, theme.NOT_MET_SOFT),
}


def answer_words(answer: Answer, lang: str) -> str:
    if isinstance(answer, Grade):
        return tr("answer.points", lang, points=answer.points)
    return tr(VERDICT_LOOK[answer][0], lang)


SOFT = {theme.MET: theme.MET_SOFT, theme.NOT_MET: theme.NOT_MET_SOFT, theme.WARN: theme.WARN_SOFT}


def answer_colour(criterion: Criterion, answer: Answer | None) -> ft.Colors:
    """Green when met (full points), red when not met (no points), amber in between."""
    if answer is None:
        return theme.CARD_BORDER
    if is_met(criterion, answer):
        return theme.MET
    if isinstance(answer, Grade) and answer.points > 0:
        return theme.WARN
    return theme.NOT_MET


def answer_controls(row: CriterionRow, audit: AuditActions, lang: str) -> ft.Control:
    if row.criterion.graded:
        return _scale(row, audit, lang)
    return ft.Row(
        spacing=8,
        wrap=True,
        controls=[
            _button(row, Verdict.MET, audit, lang, width=140),
            _button(row, Verdict.NOT_MET, audit, lang, width=140),
        ],
    )


def _scale(row: CriterionRow, audit: AuditActions, lang: str) -> ft.Control:
    criterion = row.criterion
    buttons = [_button(row, Grade(step.points), audit, lang, width=64) for step in criterion.scale]
    chosen = next(
        (s for s in criterion.scale if row.verdict == Grade(s.points)),
        None,
    )
    lines: list[ft.Control] = [
        ft.Text(tr("answer.scale", lang, max=criterion.points), size=14, color=theme.MUTED),
        ft.Row(buttons, spacing=8, wrap=True, run_spacing=8),
    ]
    lines += [_step_line(step, chosen is step, lang) for step in criterion.scale]
    return ft.Column(lines, spacing=6, tight=True)


def _step_line(step: ScaleStep, chosen: bool, lang: str) -> ft.Control:
    return ft.Text(
        f"{step.points} — {step.title.in_language(lang)}",
        size=14,
        color=ft.Colors.BLUE_GREY_900 if chosen else theme.MUTED,
        font_family=theme.BOLD if chosen else None,
    )


def _button(
    row: CriterionRow, answer: Answer, audit: AuditActions, lang: str, *, width: int
) -> ft.Control:
    """A large button; the chosen one is filled and says so to screen readers."""
    strong = answer_colour(row.criterion, answer)
    soft = SOFT.get(strong, theme.WARN_SOFT)

    async def choose() -> None:
        await audit.choose(row.id, answer)

    chosen = row.verdict == answer
    word = str(answer) if isinstance(answer, Grade) else answer_words(answer, lang)
    label = (
        tr("answer.step_label", lang, id=row.id, points=answer.points)
        if isinstance(answer, Grade)
        else f"{row.id} {word}"
    )
    icon = VERDICT_LOOK[answer][1] if isinstance(answer, Verdict) and chosen else None
    return ft.Button(
        content=ft.Text(
            word,
            size=17,
            font_family=theme.BOLD,
            semantics_label=f"{label} ({tr('audit.chosen', lang)})" if chosen else label,
        ),
        icon=icon,
        color=ft.Colors.WHITE if chosen else strong,
        bgcolor=strong if chosen else soft,
        elevation=0,
        height=theme.TOUCH,
        width=width,
        disabled=not audit.editable,
        on_click=choose,
    )
