"""One criterion on the audit screen: what to look for, the verdict buttons, the LAO's own claim
and the inspector's note. It re-renders on its own when its ``CriterionRow`` changes.
"""

from __future__ import annotations

import asyncio

import flet as ft

from field_audit.domain.scoring import Verdict
from field_audit.ui import theme
from field_audit.ui.i18n import tr
from field_audit.ui.state.audit import AuditActions, CriterionRow
from field_audit.ui.views.common import chip
from field_audit.ui.views.photos import PhotoStrip

NOTE_PAUSE_S = 0.8  # a note is saved this long after the last keystroke, or on leaving the field

VERDICT_LOOK = {  # verdict -> (translation key, icon, strong colour, soft colour)
    Verdict.MET: ("audit.met", ft.Icons.CHECK_CIRCLE, theme.MET, theme.MET_SOFT),
    Verdict.NOT_MET: ("audit.not_met", ft.Icons.CANCEL, theme.NOT_MET, theme.NOT_MET_SOFT),
}


@ft.component
def CriterionCard(
    row: CriterionRow, audit: AuditActions, lang: str, key: str | None = None
) -> ft.Control:
    """``key`` (the criterion id) is taken by ``ft.component``: it keeps each card's identity
    in the list when the filter changes."""
    criterion = row.criterion
    return ft.Container(
        bgcolor=theme.SURFACE,
        border=ft.Border.all(1, _border_colour(row)),
        border_radius=ft.BorderRadius.all(10),
        padding=ft.Padding.all(14),
        content=ft.Column(
            spacing=8,
            controls=[
                _title_line(row, lang),
                ft.Text(
                    f"{tr('audit.look_for', lang)}: {criterion.look_for.in_language(lang)}",
                    size=15,
                    color=ft.Colors.BLUE_GREY_800,
                ),
                _evidence_line(row, lang),
                ft.ResponsiveRow(
                    spacing=12,
                    run_spacing=8,
                    vertical_alignment=ft.CrossAxisAlignment.START,
                    controls=[
                        ft.Row(
                            col={"xs": 12, "md": 5},
                            spacing=8,
                            controls=[
                                verdict_button(row, Verdict.MET, audit, lang),
                                verdict_button(row, Verdict.NOT_MET, audit, lang),
                            ],
                        ),
                        ft.Container(col={"xs": 12, "md": 7}, content=note_field(row, audit, lang)),
                    ],
                ),
                PhotoStrip(audit.photos.of(row.id), audit.photos, lang),
            ],
        ),
    )


def _title_line(row: CriterionRow, lang: str) -> ft.Control:
    criterion = row.criterion
    tags: list[ft.Control] = [
        chip(criterion.id, fg=ft.Colors.INDIGO_900, bg=ft.Colors.INDIGO_50),
        ft.Text(_points(criterion.points, lang), size=13, color=theme.MUTED),
    ]
    if criterion.mandatory:
        tags.append(ft.Text(tr("audit.mandatory", lang), size=13, color=theme.MUTED))
    return ft.Column(
        spacing=4,
        controls=[
            ft.Row(tags, spacing=8, wrap=True),
            ft.Text(criterion.title.in_language(lang), size=18, font_family=theme.BOLD),
        ],
    )


def _points(points: int, lang: str) -> str:
    return tr("audit.point" if points == 1 else "audit.points", lang, points=points)


def _evidence_line(row: CriterionRow, lang: str) -> ft.Control:
    criterion = row.criterion
    kinds = ", ".join(tr(f"evidence.{kind.value}", lang) for kind in criterion.evidence)
    parts: list[ft.Control] = [
        ft.Text(f"{tr('audit.evidence', lang)}: {kinds}", size=14, color=theme.MUTED)
    ]
    if criterion.photo_required:
        parts.append(_photo_tag(row, lang))
    parts.append(_claim_tag(row, lang))
    return ft.Row(parts, spacing=10, wrap=True, run_spacing=6)


def _photo_tag(row: CriterionRow, lang: str) -> ft.Control:
    if row.needs_photo:
        return chip(
            tr("audit.photo_required", lang),
            fg=theme.WARN,
            bg=theme.WARN_SOFT,
            icon=ft.Icons.PHOTO_CAMERA,
        )
    return chip(
        tr("audit.photos", lang, count=row.photo_count),
        fg=theme.MUTED,
        bg=theme.BACKGROUND,
        icon=ft.Icons.PHOTO_LIBRARY,
    )


def _claim_tag(row: CriterionRow, lang: str) -> ft.Control:
    if row.claim is None:
        return ft.Text(tr("audit.claim_none", lang), size=14, color=theme.MUTED)
    claim = tr(VERDICT_LOOK[row.claim][0], lang)
    text = tr("audit.claim", lang, claim=claim)
    if row.differs_from_claim:
        return chip(
            f"{text} — {tr('audit.differs', lang)}",
            fg=theme.WARN,
            bg=theme.WARN_SOFT,
            icon=ft.Icons.WARNING_AMBER,
        )
    return ft.Text(text, size=14, color=theme.MUTED)


def _border_colour(row: CriterionRow) -> str:
    if row.verdict is None:
        return theme.CARD_BORDER
    return VERDICT_LOOK[row.verdict][2]


def verdict_button(
    row: CriterionRow, verdict: Verdict, audit: AuditActions, lang: str
) -> ft.Control:
    """A large button; the chosen one is filled and says so to screen readers."""
    word_key, icon, strong, soft = VERDICT_LOOK[verdict]

    async def choose() -> None:
        await audit.choose(row.id, verdict)

    chosen = row.verdict is verdict
    word = tr(word_key, lang)
    label = f"{row.id} {word}"
    return ft.Button(
        content=ft.Text(
            word,
            size=17,
            font_family=theme.BOLD,
            semantics_label=f"{label} ({tr('audit.chosen', lang)})" if chosen else label,
        ),
        icon=icon if chosen else None,
        color=ft.Colors.WHITE if chosen else strong,
        bgcolor=strong if chosen else soft,
        elevation=0,
        height=theme.TOUCH,
        width=140,
        disabled=not audit.editable,
        on_click=choose,
    )


def note_field(row: CriterionRow, audit: AuditActions, lang: str) -> ft.Control:
    """The note is saved a moment after typing stops, and when the field loses focus."""

    async def typed(e: ft.Event[ft.TextField]) -> None:
        token = audit.note_typed(row.id, e.control.value)
        await asyncio.sleep(NOTE_PAUSE_S)
        await audit.flush_note(row.id, token)

    async def left() -> None:
        await audit.flush_note(row.id)

    return ft.Semantics(
        label=tr("audit.note_label", lang, id=row.id),
        container=True,
        content=ft.TextField(
            label=tr("audit.note", lang),
            value=row.draft,
            multiline=True,
            min_lines=1,
            max_lines=4,
            dense=True,
            read_only=not audit.editable,
            on_change=typed,
            on_blur=left,
        ),
    )
