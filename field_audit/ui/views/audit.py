"""The audit screen: the LAO, the member's share, the filters, the criteria grouped by block
and category, and the live score beside them (wide) or above them (narrow, tablet portrait).
"""

from __future__ import annotations

import flet as ft

from field_audit.domain.thai_calendar import format_date
from field_audit.ui import theme
from field_audit.ui.i18n import tr
from field_audit.ui.state.audit import FILTERS, AuditState
from field_audit.ui.state.criterion_row import ScoreState
from field_audit.ui.views.common import heading, muted, state_chip
from field_audit.ui.views.criteria_list import CriteriaList
from field_audit.ui.views.criterion_records import RecordDialogHost
from field_audit.ui.views.photos import PhotosHost
from field_audit.ui.views.score_panel import ScorePanel
from field_audit.ui.views.seal import SealBar
from field_audit.ui.views.share import ShareBar, ShareDialogHost

SCORE_PANEL_WIDTH = 340


@ft.component
def AuditScreen(audit: AuditState, lang: str, wide: bool) -> ft.Control:
    self_points = audit.assignment.self_assessment_points
    if not wide:
        return ft.Column(
            expand=True,
            spacing=0,
            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
            controls=[
                AuditHeader(audit, lang),
                ScorePanel(audit.score, audit.edition, lang, True, self_points),
                FilterBar(audit, audit.score, lang),
                CriteriaList(audit, lang),
            ],
        )
    criteria = ft.Column(
        expand=True,
        spacing=0,
        controls=[
            AuditHeader(audit, lang),
            FilterBar(audit, audit.score, lang),
            CriteriaList(audit, lang),
        ],
    )
    return ft.Row(
        expand=True,
        spacing=0,
        vertical_alignment=ft.CrossAxisAlignment.START,
        controls=[
            criteria,
            ft.Container(
                width=SCORE_PANEL_WIDTH,
                padding=ft.Padding.only(top=16, right=16, bottom=16),
                content=ScorePanel(audit.score, audit.edition, lang, False, self_points),
            ),
        ],
    )


@ft.component
def AuditHeader(audit: AuditState, lang: str) -> ft.Control:
    lao = audit.assignment.lao
    name = lao.name_en if lang == "en" else lao.name_th
    province = lao.province_en if lang == "en" else lao.province_th
    note = tr("audit.autosave" if audit.editable else "audit.read_only", lang)
    state = "in_progress" if audit.status.value == "draft" else audit.status.value
    working = audit.edition.wording == "working"
    visit = tr("assignments.visit", lang, date=format_date(audit.assignment.visit_date, lang))
    return ft.Container(
        padding=ft.Padding.only(left=20, right=20, top=14, bottom=4),
        content=ft.Column(
            spacing=4,
            controls=[
                ft.Row([heading(name), state_chip(state, lang)], wrap=True, spacing=12),
                muted(f"{province} · {visit} · {audit.edition.title.in_language(lang)}"),
                *([muted(tr("audit.working_wording", lang))] if working else []),
                muted(note),
                SealBar(audit, lang),
                ShareBar(audit, lang),
                PhotosHost(audit.photos.viewer, audit.photos, lang),
                RecordDialogHost(audit.record_editor, audit.actions, lang),
                ShareDialogHost(audit.share_editor, audit, lang),
            ],
        ),
    )


@ft.component
def FilterBar(audit: AuditState, score: ScoreState, lang: str) -> ft.Control:
    """Filter chips with live counts; re-renders with the score (so on every verdict)."""
    counts = audit.filter_counts()
    return ft.Container(
        padding=ft.Padding.symmetric(horizontal=20, vertical=8),
        content=ft.Row(
            wrap=True,
            spacing=8,
            run_spacing=8,
            controls=[
                ft.Chip(
                    label=ft.Text(tr(f"filter.{name}", lang, count=counts[name]), size=15),
                    selected=audit.filter == name and audit.only is None,
                    show_checkmark=True,
                    height=theme.TOUCH,
                    on_select=lambda _e, name=name: audit.set_filter(name),
                )
                for name in FILTERS
            ]
            + ([_only_chip(audit, audit.only, lang)] if audit.only else []),
        ),
    )


def _only_chip(audit: AuditState, criterion_id: str, lang: str) -> ft.Control:
    """Shown after a jump from the seal summary: one criterion only; deleting shows them all."""
    return ft.Chip(
        label=ft.Text(tr("audit.only", lang, id=criterion_id), size=15),
        selected=True,
        height=theme.TOUCH,
        on_delete=lambda: audit.set_filter(audit.filter),
    )
