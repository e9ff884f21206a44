"""The sync screen: the central store's address, the key's passphrase (asked once per
session), the sync button with progress in items and photo bytes, the last sync, and every
outbox item with its state and, when refused, why.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import flet as ft

from field_audit.ui import theme
from field_audit.ui.i18n import tr
from field_audit.ui.state.sync import SyncState, reason_words
from field_audit.ui.state.unlock import SessionKey
from field_audit.ui.views.common import card, chip, heading, muted, own_node
from field_audit.ui.views.exchange_parts import (
    busy_ring,
    human_bytes,
    moment_text,
    page_column,
    passphrase_field,
    said,
)

if TYPE_CHECKING:
    from field_audit.services.syncing import OutboxLine

STATE_LOOK = {  # outbox state -> (text colour, background, icon)
    "waiting": (ft.Colors.AMBER_900, ft.Colors.AMBER_100, ft.Icons.SCHEDULE),
    "sent": (ft.Colors.TEAL_900, ft.Colors.TEAL_100, ft.Icons.CLOUD_DONE),
    "refused": (ft.Colors.RED_900, ft.Colors.RED_100, ft.Icons.BLOCK),
}


@ft.component
def SyncScreen(sync: SyncState, key: SessionKey, lang: str) -> ft.Control:
    parts: list[ft.Control] = [
        heading(tr("sync.title", lang)),
        AddressCard(sync, lang),
        RunCard(sync, key, lang),
        OutboxCard(sync, lang),
    ]
    return page_column(parts)


@ft.component
def AddressCard(sync: SyncState, lang: str) -> ft.Control:
    text, set_text = ft.use_state(sync.address)

    async def save() -> None:
        await sync.save_address(text)

    error = tr(sync.address_error, lang) if sync.address_error else None
    return card(
        ft.ResponsiveRow(
            spacing=10,
            run_spacing=8,
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
            controls=[
                own_node(
                    ft.TextField(
                        label=tr("sync.address", lang),
                        value=text,
                        error=error,
                        prefix_icon=ft.Icons.DNS,
                        keyboard_type=ft.KeyboardType.URL,
                        on_change=lambda e: set_text(e.control.value),
                        on_submit=save,
                    ),
                    col={"xs": 12, "md": 8},
                ),
                ft.Container(
                    col={"xs": 12, "md": 4},
                    alignment=ft.Alignment.CENTER_LEFT,
                    content=ft.OutlinedButton(
                        content=tr("sync.address_save", lang),
                        icon=ft.Icons.SAVE,
                        height=theme.TOUCH,
                        on_click=save,
                    ),
                ),
            ],
        )
    )


@ft.component
def RunCard(sync: SyncState, key: SessionKey, lang: str) -> ft.Control:
    passphrase, set_passphrase = ft.use_state("")

    async def run() -> None:
        await sync.sync(passphrase)
        set_passphrase("")

    async def retry() -> None:
        await sync.retry(passphrase)
        set_passphrase("")

    counts = sync.counts()
    busy = sync.running or key.busy
    buttons: list[ft.Control] = [
        ft.FilledButton(
            content=tr("sync.now", lang),
            icon=ft.Icons.SYNC,
            height=theme.TOUCH,
            disabled=busy,
            on_click=run,
        )
    ]
    if counts["refused"] or counts["deferred"]:
        buttons.append(
            ft.OutlinedButton(
                content=tr("sync.retry", lang),
                icon=ft.Icons.REPLAY,
                height=theme.TOUCH,
                disabled=busy,
                on_click=retry,
            )
        )
    lines: list[ft.Control] = [
        _last_sync(sync, lang),
        *_key_lines(key, lang, passphrase, set_passphrase, run),
    ]
    lines.append(ft.Row(buttons, wrap=True, spacing=10, run_spacing=10))
    if sync.running:
        lines.append(_progress(sync, lang))
    elif key.busy:
        lines.append(busy_ring(tr("sync.running", lang)))
    if sync.said is not None and not sync.running:
        said_key, values = sync.said
        ok = said_key in ("sync.done", "sync.address_saved") and not values.get("refused")
        lines.append(said(tr(said_key, lang, **values), ok=ok))
    return card(ft.Column(lines, spacing=12))


def _last_sync(sync: SyncState, lang: str) -> ft.Control:
    last = sync.last
    if last is None:
        return muted(tr("sync.never", lang), size=15)
    when = moment_text(last.finished_at or last.started_at, lang)
    counts = tr("sync.last_counts", lang, sent=last.sent, refused=last.refused, pulled=last.pulled)
    return ft.Column(
        [
            ft.Text(tr("sync.last", lang, when=when), size=16, font_family=theme.BOLD),
            muted(counts, size=14),
        ],
        spacing=2,
    )


def _key_lines(
    key: SessionKey,
    lang: str,
    passphrase: str,
    set_passphrase: Callable[[str], None],
    run: Callable[[], Awaitable[None]],
) -> list[ft.Control]:
    if key.unlocked:
        return [
            ft.Row(
                [
                    said(tr("sync.unlocked", lang)),
                    ft.TextButton(
                        content=tr("sync.lock", lang), icon=ft.Icons.LOCK, on_click=key.lock
                    ),
                ],
                wrap=True,
            )
        ]
    lines: list[ft.Control] = [
        passphrase_field(tr("sync.passphrase", lang), passphrase, set_passphrase, run, lang),
        muted(tr("sync.passphrase_hint", lang), size=13),
    ]
    if key.error:
        lines.append(said(key.error[1] if lang == "en" else key.error[0], ok=False))
    return lines


def _progress(sync: SyncState, lang: str) -> ft.Control:
    progress = sync.progress
    if progress is None or progress.items_done >= progress.items_total:
        text = tr("sync.pulling", lang) if progress else tr("sync.running", lang)
        return ft.Column(
            [ft.Text(text, size=15), ft.ProgressBar(bar_height=8, semantics_label=text)]
        )
    items = tr("sync.items", lang, done=progress.items_done, total=progress.items_total)
    photos = tr(
        "sync.bytes",
        lang,
        sent=human_bytes(progress.bytes_sent),
        total=human_bytes(progress.bytes_total),
    )
    bytes_share = progress.bytes_sent / progress.bytes_total if progress.bytes_total else 0.0
    return ft.Column(
        spacing=6,
        controls=[
            ft.Text(items, size=15),
            ft.ProgressBar(
                value=progress.items_done / progress.items_total,
                bar_height=8,
                border_radius=ft.BorderRadius.all(4),
                semantics_label=items,
            ),
            ft.Text(photos, size=15),
            ft.ProgressBar(
                value=bytes_share,
                bar_height=8,
                border_radius=ft.BorderRadius.all(4),
                color=ft.Colors.TEAL_600,
                semantics_label=photos,
            ),
        ],
    )


@ft.component
def OutboxCard(sync: SyncState, lang: str) -> ft.Control:
    counts = sync.counts()
    title = tr("sync.outbox", lang, waiting=counts["waiting"], refused=counts["refused"])
    rows: list[ft.Control] = [ft.Text(title, size=18, font_family=theme.BOLD)]
    if not sync.lines:
        rows.append(muted(tr("sync.outbox_empty", lang), size=15))
    rows += [_outbox_row(line, lang) for line in sync.lines]
    return card(ft.Column(rows, spacing=10))


def _outbox_row(line: OutboxLine, lang: str) -> ft.Control:
    fg, bg, icon = STATE_LOOK.get(line.state, STATE_LOOK["waiting"])
    if line.kind == "gecc.committee-result":
        kind = tr("sync.kind_committee", lang)
    else:
        kind = tr("sync.kind_audit", lang, revision=line.revision)
    name = line.lao_en if lang == "en" else line.lao_th
    facts: list[ft.Control] = [ft.Text(f"{kind} · {line.ref[:12]}", size=14, color=theme.MUTED)]
    if line.attempts:
        facts.append(
            ft.Text(tr("sync.attempts", lang, count=line.attempts), size=14, color=theme.MUTED)
        )
    if line.waits_until is not None:
        until = tr("sync.waits_until", lang, time=moment_text(line.waits_until, lang))
        facts.append(ft.Text(until, size=14, color=theme.MUTED))
    details: list[ft.Control] = [
        ft.Text(name, size=16, font_family=theme.BOLD),
        ft.Row(facts, spacing=12, wrap=True),
    ]
    reason = reason_words(line, lang)
    if reason and line.state != "sent":
        refused = line.state == "refused"
        colour = theme.NOT_MET if refused else theme.WARN
        details.append(ft.Text(tr("sync.reason", lang, reason=reason), size=15, color=colour))
        if refused and line.reason_detail:
            details.append(muted(f"{line.reason_code}: {line.reason_detail}", size=12))
    return ft.Container(
        border=ft.Border.only(top=ft.BorderSide(1, theme.CARD_BORDER)),
        padding=ft.Padding.only(top=8),
        content=ft.Row(
            [
                ft.Column(details, spacing=2, expand=True),
                chip(tr(f"sync.state_{line.state}", lang), fg=fg, bg=bg, icon=icon),
            ],
            vertical_alignment=ft.CrossAxisAlignment.START,
        ),
    )
