"""One criterion on the audit screen: what to look for, the answer (met / not met, or points on
a graded criterion's scale), the LAO's own claim, the inspector's note and recommendation,
photos and other evidence records. It re-renders on its own when its ``CriterionRow`` changes.
"""

from __future__ import annotations

import asyncio

import flet as ft

from field_audit.ui import theme
from field_audit.ui.i18n import tr
from field_audit.ui.state.audit import AuditActions
from field_audit.ui.state.criterion_row import CriterionRow
from field_audit.ui.views.common import chip, own_node
from field_audit.ui.views.criterion_answer import answer_colour, answer_controls, answer_words
from field_audit.ui.views.criterion_records import records_section
from field_audit.ui.views.photos import PhotoStrip

NOTE_PAUSE_S = 0.8  # a note is saved this long after the last keystroke, or on leaving the field


@ft.component
def CriterionCard(
    row: CriterionRow,
    audit: AuditActions,
    lang: str,
    outside: bool,
    *,
    compact: bool = False,
    key: str | None = None,
) -> ft.Control:
    """``key`` (the criterion id) is taken by ``ft.component``: it keeps each card's identity
    in the list when the filter changes. ``outside``: not in the member's share; ``compact``:
    what to look for in one line."""
    criterion = row.criterion
    answer_width: dict[str | ft.ResponsiveRowBreakpoint, int | float] = {
        "xs": 12,
        "md": 12 if criterion.graded else 5,
    }
    return ft.Container(
        bgcolor=theme.BACKGROUND if outside else theme.SURFACE,
        border=ft.Border.all(1, answer_colour(criterion, row.verdict)),
        border_radius=ft.BorderRadius.all(10),
        padding=ft.Padding.all(14),
        content=ft.Column(
            spacing=8,
            controls=[
                _title_line(row, lang, outside),
                _look_for(row, lang, compact),
                _evidence_line(row, lang),
                ft.ResponsiveRow(
                    spacing=12,
                    run_spacing=8,
                    vertical_alignment=ft.CrossAxisAlignment.START,
                    controls=[
                        ft.Container(col=answer_width, content=answer_controls(row, audit, lang)),
                        ft.Container(
                            col={"xs": 12, "md": 12 if criterion.graded else 7},
                            content=ft.Column(
                                [text_field(row, audit, "note", lang), *phrases(row, audit, lang)],
                                spacing=6,
                                tight=True,
                            ),
                        ),
                    ],
                ),
                ft.ResponsiveRow(
                    [ft.Container(col=12, content=text_field(row, audit, "recommendation", lang))]
                ),
                PhotoStrip(audit.photos.of(row.id), audit.photos, lang),
                records_section(row, audit, lang),
            ],
        ),
    )


def _title_line(row: CriterionRow, lang: str, outside: bool) -> ft.Control:
    criterion = row.criterion
    tags: list[ft.Control] = [
        chip(criterion.id, fg=ft.Colors.INDIGO_900, bg=ft.Colors.INDIGO_50),
        ft.Text(_points(criterion.points, criterion.graded, lang), size=13, color=theme.MUTED),
    ]
    if criterion.mandatory:
        tags.append(ft.Text(tr("audit.mandatory", lang), size=13, color=theme.MUTED))
    if outside:
        tags.append(chip(tr("share.outside", lang), fg=theme.MUTED, bg=theme.SURFACE))
    return ft.Column(
        spacing=4,
        controls=[
            ft.Row(tags, spacing=8, wrap=True),
            ft.Text(criterion.title.in_language(lang), size=18, font_family=theme.BOLD),
        ],
    )


def _look_for(row: CriterionRow, lang: str, compact: bool) -> ft.Control:
    """What to look for; in the compact mode one line (the whole text in its tooltip)."""
    text = f"{tr('audit.look_for', lang)}: {row.criterion.look_for.in_language(lang)}"
    if not compact:
        return ft.Text(text, size=15, color=ft.Colors.BLUE_GREY_800)
    return ft.Text(
        text,
        size=15,
        color=ft.Colors.BLUE_GREY_800,
        max_lines=1,
        overflow=ft.TextOverflow.ELLIPSIS,
        tooltip=text,
    )


def phrases(row: CriterionRow, audit: AuditActions, lang: str) -> list[ft.Control]:
    """Lines the inspector wrote in this criterion's notes before, each added with one tap."""
    offered = audit.phrases_for(row.id) if audit.editable else []
    if not offered:
        return []

    def button(phrase: str) -> ft.Control:
        label = tr("phrases.insert", lang, id=row.id, phrase=phrase)

        async def insert() -> None:
            await audit.insert_phrase(row.id, phrase)

        return ft.OutlinedButton(
            content=ft.Text(
                phrase,
                size=14,
                max_lines=1,
                overflow=ft.TextOverflow.ELLIPSIS,
                semantics_label=label,
            ),
            icon=ft.Icons.ADD,
            tooltip=label,
            height=theme.TOUCH,
            on_click=insert,
        )

    title = ft.Text(tr("phrases.title", lang), size=14, color=theme.MUTED)
    return [ft.Row([title, *map(button, offered)], wrap=True, spacing=6, run_spacing=4)]


def _points(points: int, graded: bool, lang: str) -> str:
    if graded:
        return tr("audit.points_scale", lang, points=points)
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
    claim = answer_words(row.claim, lang)
    text = tr("audit.claim", lang, claim=claim)
    if row.differs_from_claim:
        return chip(
            f"{text} — {tr('audit.differs', lang)}",
            fg=theme.WARN,
            bg=theme.WARN_SOFT,
            icon=ft.Icons.WARNING_AMBER,
        )
    return ft.Text(text, size=14, color=theme.MUTED)


def text_field(row: CriterionRow, audit: AuditActions, field: str, lang: str) -> ft.Control:
    """The note (or recommendation) is saved a moment after typing stops, and when the field
    loses focus."""

    async def typed(e: ft.Event[ft.TextField]) -> None:
        token = audit.text_typed(row.id, field, e.control.value)
        await asyncio.sleep(NOTE_PAUSE_S)
        await audit.flush_text(row.id, field, token)

    async def left() -> None:
        await audit.flush_text(row.id, field)

    box = ft.TextField(
        label=tr(f"audit.{field}", lang),
        value=row.texts[field].draft,
        multiline=True,
        min_lines=1,
        max_lines=4,
        dense=True,
        content_padding=ft.Padding.symmetric(horizontal=12, vertical=16),  # 48 px: a finger
        read_only=not audit.editable,
        on_change=typed,
        on_blur=left,
    )
    return own_node(box, label=tr(f"audit.{field}_label", lang, id=row.id))
