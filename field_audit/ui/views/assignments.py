"""The assignments list: search, a state filter and one card per LAO to visit (a page at a
time: more come as the list is scrolled to its end, or on request)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import flet as ft

from field_audit.domain.thai_calendar import format_date
from field_audit.ui import theme
from field_audit.ui.i18n import kind_name, tr
from field_audit.ui.state.assignments import ALL, PAGE, STATES, AssignmentsState
from field_audit.ui.views.common import (
    chip,
    heading,
    muted,
    named_dropdown,
    own_node,
    state_chip,
)

if TYPE_CHECKING:
    from field_audit.app import Inspector
    from field_audit.storage.answering import Progress
    from field_audit.storage.assignments import AssignmentView


@ft.component
def AssignmentsScreen(
    assignments: AssignmentsState,
    inspector: Inspector | None,
    lang: str,
    open_audit: Callable[[str], None],
    open_committee: Callable[[str], Awaitable[None]] | None = None,
) -> ft.Control:
    return ft.Column(
        expand=True,
        spacing=0,
        controls=[
            ft.Container(
                padding=ft.Padding.only(left=20, right=20, top=16, bottom=8),
                content=ft.Column(
                    spacing=8,
                    controls=[
                        heading(tr("assignments.title", lang)),
                        muted(_who(inspector)),
                        search_bar(assignments, lang),
                        muted(
                            tr(
                                "assignments.count",
                                lang,
                                shown=len(assignments.shown()),
                                total=assignments.total,
                            )
                        ),
                    ],
                ),
            ),
            ft.ListView(
                expand=True,
                spacing=10,
                padding=ft.Padding.only(left=20, right=20, bottom=20),
                scroll_interval=100,
                on_scroll=lambda e: assignments.scrolled(e.pixels, e.max_scroll_extent),
                controls=_cards(assignments, lang, open_audit, open_committee),
            ),
        ],
    )


def search_bar(assignments: AssignmentsState, lang: str) -> ft.Control:
    options = [ft.DropdownOption(key=ALL, text=tr("state.all", lang))] + [
        ft.DropdownOption(key=state, text=tr(f"state.{state}", lang)) for state in STATES
    ]
    return ft.ResponsiveRow(
        spacing=12,
        run_spacing=8,
        controls=[
            own_node(
                ft.TextField(
                    label=tr("assignments.search", lang),
                    prefix_icon=ft.Icons.SEARCH,
                    value=assignments.query,
                    on_change=lambda e: assignments.search(e.control.value),
                ),
                col={"xs": 12, "md": 8},
            ),
            named_dropdown(
                ft.Dropdown(
                    label=tr("assignments.filter", lang),
                    value=assignments.state_filter,
                    options=options,
                    on_select=lambda e: assignments.filter_by(e.control.value or ALL),
                ),
                col={"xs": 12, "md": 4},
            ),
        ],
    )


def _cards(
    assignments: AssignmentsState,
    lang: str,
    open_audit: Callable[[str], None],
    open_committee: Callable[[str], Awaitable[None]] | None,
) -> list[ft.Control]:
    cards: list[ft.Control] = [
        AssignmentCard(
            v,
            lang,
            open_audit,
            open_committee,
            progress=assignments.progress_of(v),
            key=v.assignment_id,
        )
        for v in assignments.shown()
    ]
    if not cards:
        return [muted(_empty_text(assignments, lang), size=16)]
    hidden = assignments.hidden()
    if hidden:
        more = tr("assignments.more", lang, count=min(hidden, PAGE), hidden=hidden)
        cards.append(
            ft.Row(
                [
                    ft.OutlinedButton(
                        content=more,
                        icon=ft.Icons.EXPAND_MORE,
                        height=theme.TOUCH,
                        on_click=assignments.show_more,
                    )
                ],
                alignment=ft.MainAxisAlignment.CENTER,
            )
        )
    return cards


@ft.component
def AssignmentCard(
    view: AssignmentView,
    lang: str,
    open_audit: Callable[[str], None],
    open_committee: Callable[[str], Awaitable[None]] | None = None,
    *,
    progress: Progress | None = None,
    key: str | None = None,
) -> ft.Control:
    """``key`` (the assignment id) is taken by ``ft.component`` to keep the card's identity;
    ``progress``: how many criteria the inspector's audit has answered (None: not started)."""
    lao = view.lao
    name = lao.name_en if lang == "en" else lao.name_th
    province = lao.province_en if lang == "en" else lao.province_th
    committee = view.committee.name_en if lang == "en" else view.committee.name_th
    visit = tr("assignments.visit", lang, date=format_date(view.visit_date, lang))
    facts = [
        _fact(ft.Icons.EVENT, visit),
        _fact(ft.Icons.GROUPS, committee),
    ]
    if progress is not None:
        answered = tr(
            "assignments.progress", lang, answered=progress.answered, total=progress.total
        )
        facts.insert(0, _fact(ft.Icons.CHECKLIST, answered))
    if view.self_assessment_points is not None:
        points = tr("assignments.self_points", lang, points=view.self_assessment_points)
        facts.append(_fact(ft.Icons.FACT_CHECK, points))
    if view.outside_window:
        facts.append(
            chip(
                tr("assignments.outside_window", lang),
                fg=theme.WARN,
                bg=theme.WARN_SOFT,
                icon=ft.Icons.EVENT_BUSY,
            )
        )
    return ft.Container(
        bgcolor=theme.SURFACE,
        border=ft.Border.all(1, theme.CARD_BORDER),
        border_radius=ft.BorderRadius.all(10),
        padding=ft.Padding.symmetric(horizontal=16, vertical=12),
        ink=True,
        on_click=lambda: open_audit(view.assignment_id),
        tooltip=tr("assignments.open", lang, name=name),
        content=ft.Row(
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
            controls=[
                ft.Column(
                    expand=True,
                    spacing=2,
                    controls=[
                        ft.Text(name, size=18, font_family=theme.BOLD),
                        ft.Text(f"{kind_name(lao.kind, lang)} · {province}", size=15),
                        ft.Row(facts, wrap=True, spacing=16, run_spacing=2),
                    ],
                ),
                state_chip(view.state, lang),
                *_committee_button(view, name, lang, open_committee),
                ft.Icon(ft.Icons.CHEVRON_RIGHT, color=theme.MUTED),
            ],
        ),
    )


def _committee_button(
    view: AssignmentView,
    name: str,
    lang: str,
    open_committee: Callable[[str], Awaitable[None]] | None,
) -> list[ft.Control]:
    """The visit's committee screen (members' results, disputes, the chair's seal)."""
    if open_committee is None:
        return []
    label = tr("committee.open_label", lang, name=name)

    async def open_it() -> None:
        await open_committee(view.assignment_id)

    return [
        ft.TextButton(
            content=ft.Text(tr("committee.open", lang), size=15, semantics_label=label),
            icon=ft.Icons.GROUPS,
            tooltip=label,
            height=theme.TOUCH,
            on_click=open_it,
        )
    ]


def _fact(icon: ft.IconData, text: str) -> ft.Control:
    return ft.Row(
        [ft.Icon(icon, size=16, color=theme.MUTED), ft.Text(text, size=14, color=theme.MUTED)],
        spacing=4,
        tight=True,
    )


def _who(inspector: Inspector | None) -> str:
    if inspector is None:
        return ""
    return f"{inspector.name} · {inspector.position}" if inspector.position else inspector.name


def _empty_text(assignments: AssignmentsState, lang: str) -> str:
    return tr("assignments.no_match" if assignments.total else "assignments.empty", lang)
