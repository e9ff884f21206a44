"""The list of criteria on the audit screen and the bar above it that moves about it: the next
unanswered criterion, the next still needing a photo, an index of criterion ids, the compact
mode. The list keeps the inspector's place (``ListPlace``): it reports each item's laid-out
size and its scroll offset, and scrolls the criterion the place asks for to the top.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import flet as ft

from field_audit.domain.answers import Answer
from field_audit.domain.edition import Category, Edition
from field_audit.ui import theme
from field_audit.ui.flet_fixes import is_control_gone
from field_audit.ui.i18n import tr
from field_audit.ui.state.audit import AuditState
from field_audit.ui.state.criterion_row import CriterionRow, ScoreState
from field_audit.ui.state.place import SPACING, ListPlace, Scroll
from field_audit.ui.views.common import memo, muted
from field_audit.ui.views.criterion import CriterionCard
from field_audit.ui.views.criterion_answer import answer_colour

MemoCriterionCard = memo(CriterionCard)
CACHE_PX = 2500  # cards built beyond the view: a jump's estimate may miss by this much
Jump = Callable[[str], Awaitable[None]]


@ft.component
def CriteriaList(audit: AuditState, lang: str) -> ft.Control:
    """Re-renders when the filter (or the compact mode) changes; each card re-renders alone
    when its row changes."""
    live: Any = ft.use_ref(None)  # the list as last rendered: the control the page holds
    place = audit.place

    async def scroll(step: Scroll | None) -> None:
        """Follow the place's steps: to an estimated offset, then to the card by its key."""
        while step is not None and live.current is not None:
            try:
                if step.key is not None:
                    await live.current.scroll_to(scroll_key=step.key)
                    step = place.arrived()
                else:
                    await live.current.scroll_to(offset=step.offset)
                    step = place.landed()
            except RuntimeError as error:
                if not is_control_gone(error):
                    raise
                place.lost()  # a new layout replaced the list: it takes the place up
                return

    async def jump(criterion_id: str) -> None:
        await scroll(audit.go_to(criterion_id))
        await audit.keep_place()

    async def sized(key: str, e: ft.LayoutSizeChangeEvent[Any]) -> None:
        await scroll(place.measured(key, e.width, e.height))

    async def scrolled(e: ft.OnScrollEvent) -> None:
        if place.scrolled(e.pixels):
            await audit.keep_place()

    items, listed = _items(audit, lang, sized)
    place.listed(listed)
    column = ft.ListView(
        key=f"criteria-{place.generation}",  # a new list (filter, compact) starts laid out anew
        expand=True,
        spacing=SPACING,
        cache_extent=CACHE_PX,
        padding=ft.Padding.only(left=20, right=20, bottom=24),
        scroll_interval=100,
        on_scroll=scrolled,
        controls=items or [muted(tr("audit.nothing_here", lang), size=16)],
    )
    live.current = column
    return ft.Column(
        expand=True,
        spacing=0,
        controls=[
            QuickBar(audit, audit.score, place, lang, jump),
            column,
        ],
    )


def _items(
    audit: AuditState, lang: str, sized: Callable[[str, Any], Awaitable[None]]
) -> tuple[list[ft.Control], list[tuple[str, bool]]]:
    """The list's items (group titles and cards), each reporting its size, and their keys."""
    items: list[ft.Control] = []
    listed: list[tuple[str, bool]] = []

    def add(key: str, content: ft.Control, is_criterion: bool) -> None:
        async def laid_out(e: ft.LayoutSizeChangeEvent[Any]) -> None:
            await sized(key, e)

        items.append(
            ft.Container(
                key=ft.ScrollKey(key),  # type: ignore[call-arg]  # flet's decorator hides it
                content=content,
                on_size_change=laid_out,
            )
        )
        listed.append((key, is_criterion))

    for (block, category), rows in audit.groups():
        key = f"group-{block}-{category.value}"
        add(key, _group_title(audit.edition, block, category, rows, lang), False)
        for row in rows:
            card = MemoCriterionCard(
                row,
                audit.actions,
                lang,
                not audit.covers(row.id),
                compact=audit.compact,
                key=row.id,
            )
            add(row.id, card, True)
    return items, listed


@ft.component
def QuickBar(
    audit: AuditState, score: ScoreState, place: ListPlace, lang: str, jump: Jump
) -> ft.Control:
    """Re-renders with the score (so on every answer) and with the place (the index's mark)."""
    show_index, set_show_index = ft.use_state(False)

    async def next_of(want: str) -> None:
        target = audit.next_wanted(want)
        if target is not None:
            await jump(target)

    async def go(criterion_id: str) -> None:
        set_show_index(False)
        await jump(criterion_id)

    def flip_index() -> None:
        set_show_index(not show_index)

    async def compact() -> None:
        await audit.set_compact(not audit.compact)

    unanswered, photos = audit.wanted_count("unanswered"), audit.wanted_count("needs_photo")
    controls: list[ft.Control] = [
        _next_button("unanswered", unanswered, ft.Icons.SKIP_NEXT, lang, next_of),
        _next_button("needs_photo", photos, ft.Icons.ADD_A_PHOTO, lang, next_of),
        _toggle(
            "quick.index",
            ft.Icons.GRID_VIEW,
            show_index,
            lang,
            lambda: set_show_index(not show_index),
        ),
        _toggle("quick.compact", ft.Icons.UNFOLD_LESS, audit.compact, lang, compact),
    ]
    if place.current is not None:
        controls.append(muted(tr("quick.at", lang, id=place.current), size=15))
    bar = ft.Row(
        controls,
        wrap=True,
        spacing=8,
        run_spacing=4,
        vertical_alignment=ft.CrossAxisAlignment.CENTER,
    )
    body: list[ft.Control] = [bar]
    if show_index:
        body.append(_index(audit, place, lang, go))
    return ft.Container(
        padding=ft.Padding.only(left=20, right=20, bottom=8),
        content=ft.Column(body, spacing=8, tight=True),
    )


def _next_button(
    want: str, left: int, icon: ft.IconData, lang: str, next_of: Callable[[str], Awaitable[None]]
) -> ft.Control:
    key = "quick.next_unanswered" if want == "unanswered" else "quick.next_photo"
    label = tr(f"{key}_label", lang, count=left)

    async def click() -> None:
        await next_of(want)

    return ft.OutlinedButton(
        content=ft.Text(f"{tr(key, lang)} ({left})", size=15, semantics_label=label),
        icon=icon,
        tooltip=label,
        height=theme.TOUCH,
        disabled=left == 0,
        on_click=click,
    )


def _toggle(
    key: str, icon: ft.IconData, on: bool, lang: str, click: Callable[[], object]
) -> ft.Control:
    """A button that shows whether its mode is on (filled) or off (outlined), and says so."""
    label = f"{tr(f'{key}_label', lang)} ({tr('quick.on' if on else 'quick.off', lang)})"
    text = ft.Text(tr(key, lang), size=15, semantics_label=label)
    if on:
        return ft.FilledButton(
            content=text, icon=icon, tooltip=label, height=theme.TOUCH, on_click=click
        )
    return ft.OutlinedButton(
        content=text, icon=icon, tooltip=label, height=theme.TOUCH, on_click=click
    )


def _index(audit: AuditState, place: ListPlace, lang: str, go: Jump) -> ft.Control:
    """Every criterion id of the share as a button, coloured by its answer."""
    buttons = [
        _index_button(row, audit.edition, row.id == place.current, lang, go)
        for row in audit.rows
        if audit.covers(row.id)
    ]
    return ft.Column(
        spacing=6,
        tight=True,
        controls=[
            muted(tr("quick.index_title", lang)),
            ft.Row(buttons, wrap=True, spacing=6, run_spacing=6),
        ],
    )


def _index_button(
    row: CriterionRow, edition: Edition, here: bool, lang: str, go: Jump
) -> ft.Control:
    verdict: Answer | None = row.verdict
    if verdict is None:
        state = "quick.state_photo" if row.needs_photo else "quick.state_unanswered"
        fg, bg = theme.MUTED, theme.SURFACE
    else:
        state = "quick.state_answered"
        fg = answer_colour(row.criterion, verdict)
        bg = {theme.MET: theme.MET_SOFT, theme.NOT_MET: theme.NOT_MET_SOFT}.get(fg, theme.WARN_SOFT)
    label = tr("quick.index_item", lang, id=row.id, state=tr(state, lang))

    async def click() -> None:
        await go(row.id)

    return ft.OutlinedButton(
        content=ft.Text(row.id, size=15, font_family=theme.BOLD, color=fg, semantics_label=label),
        tooltip=label,
        height=theme.TOUCH,
        width=72,
        style=ft.ButtonStyle(
            bgcolor=bg,
            side=ft.BorderSide(3 if here else 1, ft.Colors.INDIGO_700 if here else fg),
            padding=ft.Padding.symmetric(horizontal=4),
        ),
        on_click=click,
    )


def _group_title(
    edition: Edition, block_id: str, category: Category, rows: list[CriterionRow], lang: str
) -> ft.Control:
    block = edition.block(block_id)
    block_name = block.title.in_language(lang) if block else block_id
    category_name = tr(f"category.{category.value}", lang)
    if category_name.lower() in block_name.lower():  # "ด้านผลลัพธ์ · ด้านผลลัพธ์" says it twice
        text = tr("audit.group_block", lang, block=block_name, count=len(rows))
    else:
        text = tr("audit.group", lang, block=block_name, category=category_name, count=len(rows))
    return ft.Container(
        padding=ft.Padding.only(top=10),
        content=ft.Text(text, size=17, font_family=theme.BOLD, color=ft.Colors.INDIGO_800),
    )
