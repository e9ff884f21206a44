"""Sealing on screen: the audit's seal or correct action (with its revision), and the seal
summary: score, meets the criteria or not and why, counts, what is still missing (each item
leads to its criterion), then the passphrase and the seal, or a way to create the key first.
"""

from __future__ import annotations

import asyncio

import flet as ft

from field_audit.ui import theme
from field_audit.ui.i18n import tr
from field_audit.ui.state.audit import AuditState
from field_audit.ui.state.sealing import SealState
from field_audit.ui.state.session import AppState
from field_audit.ui.views.common import card, centred, chip, heading, muted, own_node
from field_audit.ui.views.criterion import NOTE_PAUSE_S
from field_audit.ui.views.files import offer_download
from field_audit.ui.views.passphrase import PassphraseField
from field_audit.ui.views.score_panel import ScorePanel

SUMMARY_WIDTH = 900
WARN_TEXT = theme.WARN


@ft.component
def SealBar(audit: AuditState, lang: str) -> ft.Control:
    """The revision, and "seal" while the audit is editable or "correct" once it is sealed."""
    revision = chip(
        tr("audit.revision", lang, number=audit.revision),
        fg=ft.Colors.INDIGO_900,
        bg=ft.Colors.INDIGO_50,
        icon=ft.Icons.HISTORY,
    )
    actions: list[ft.Control]
    if audit.editable:
        actions = [
            ft.FilledButton(
                content=tr("seal.action", lang),
                icon=ft.Icons.LOCK,
                height=theme.TOUCH,
                on_click=audit.open_seal,
            )
        ]
    else:
        actions = [
            ft.OutlinedButton(
                content=tr("audit.correct", lang),
                icon=ft.Icons.EDIT_NOTE,
                height=theme.TOUCH,
                on_click=audit.correct,
            ),
            ReportButton(audit, lang),
        ]
    return ft.Row(
        [revision, *actions],
        spacing=12,
        wrap=True,
        vertical_alignment=ft.CrossAxisAlignment.CENTER,
    )


@ft.component
def ReportButton(audit: AuditState, lang: str) -> ft.Control:
    """The inspector's own report of the sealed audit, as a PDF (saved, and offered to a
    browser's downloads)."""

    async def save() -> None:
        report = await audit.save_report()
        if report is not None:
            await offer_download(report.file_name, report.data)

    return ft.OutlinedButton(
        content=tr("seal.report", lang),
        icon=ft.Icons.PICTURE_AS_PDF,
        height=theme.TOUCH,
        on_click=save,
    )


@ft.component
def SealScreen(seal: SealState, app: AppState, lang: str) -> ft.Control:
    audit = seal.audit
    lao = audit.assignment.lao
    name = lao.name_en if lang == "en" else lao.name_th
    parts: list[ft.Control] = [
        heading(tr("seal.title", lang)),
        muted(f"{name} · {tr('audit.revision', lang, number=audit.revision)}", size=16),
        muted(tr("seal.intro", lang), size=15),
        _summary(seal, lang),
        MissingList(seal, app, lang),
        _overall_recommendation(audit, lang),
    ]
    if seal.ready:
        parts.append(SealForm(seal, lang) if seal.has_key else _no_key(app, lang))
    parts.append(
        ft.Row(
            [
                ft.TextButton(
                    content=tr("seal.back", lang),
                    icon=ft.Icons.ARROW_BACK,
                    height=theme.TOUCH,
                    on_click=lambda: app.back_to_audit(None),
                )
            ]
        )
    )
    column = ft.Column(parts, spacing=14, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
    return ft.ListView(
        expand=True,
        padding=ft.Padding.all(20),
        controls=[centred(column, width=SUMMARY_WIDTH, wide=app.wide)],
    )


def _overall_recommendation(audit: AuditState, lang: str) -> ft.Control:
    """The member's overall recommendation to the LAO, saved as typed and sealed with the audit."""

    async def typed(e: ft.Event[ft.TextField]) -> None:
        token = audit.overall.type(e.control.value)
        await asyncio.sleep(NOTE_PAUSE_S)
        await audit.flush_overall(token)

    field = ft.TextField(
        label=tr("seal.overall_recommendation", lang),
        value=audit.overall.draft,
        multiline=True,
        min_lines=2,
        max_lines=6,
        read_only=not audit.editable,
        on_change=typed,
        on_blur=audit.flush_overall,
    )
    return own_node(field)


def _summary(seal: SealState, lang: str) -> ft.Control:
    """The live score panel beside four counts (stacked on a narrow screen)."""
    counts = seal.counts()
    tiles = [
        _count(counts.met, tr("seal.met", lang), theme.MET),
        _count(counts.not_met, tr("seal.not_met", lang), theme.NOT_MET),
        _count(counts.unanswered, tr("seal.unanswered", lang), theme.WARN),
        _count(counts.photos, tr("seal.photos", lang), ft.Colors.INDIGO_800),
    ]
    self_points = seal.audit.assignment.self_assessment_points
    return ft.ResponsiveRow(
        spacing=14,
        run_spacing=14,
        controls=[
            ft.Container(
                col={"xs": 12, "md": 6},
                content=ScorePanel(seal.audit.score, seal.audit.edition, lang, False, self_points),
            ),
            ft.Container(
                col={"xs": 12, "md": 6},
                content=ft.ResponsiveRow(tiles, spacing=14, run_spacing=14),
            ),
        ],
    )


def _count(number: int, label: str, colour: str) -> ft.Control:
    return ft.Container(
        col={"xs": 6},
        bgcolor=theme.SURFACE,
        border=ft.Border.all(1, theme.CARD_BORDER),
        border_radius=ft.BorderRadius.all(10),
        padding=ft.Padding.symmetric(horizontal=16, vertical=12),
        content=ft.Column(
            spacing=0,
            controls=[
                ft.Text(str(number), size=34, font_family=theme.BOLD, color=colour),
                ft.Text(label, size=15, color=theme.MUTED),
            ],
        ),
    )


@ft.component
def MissingList(seal: SealState, app: AppState, lang: str) -> ft.Control:
    missing = seal.missing
    if missing is None:
        return ft.Row([ft.ProgressRing(width=22, height=22)])
    if not missing:
        return chip(tr("seal.ready", lang), fg=ft.Colors.WHITE, bg=theme.MET, icon=ft.Icons.DONE)
    edition = seal.audit.edition
    items: list[ft.Control] = []
    for item in missing:
        criterion = edition.criterion(item.criterion_id)
        title = criterion.title.in_language(lang) if criterion else ""
        text = f"{item.en if lang == 'en' else item.th} — {title}"
        items.append(_missing_item(item.criterion_id, text, item.what, app))
    return card(
        ft.Column(
            spacing=4,
            controls=[
                ft.Text(
                    tr("seal.missing", lang, count=len(missing)),
                    size=18,
                    font_family=theme.BOLD,
                    color=WARN_TEXT,
                ),
                muted(tr("seal.missing_hint", lang)),
                *items,
            ],
        ),
        bgcolor=theme.WARN_SOFT,
    )


def _missing_item(criterion_id: str, text: str, what: str, app: AppState) -> ft.Control:
    icon = ft.Icons.PHOTO_CAMERA if what == "photo" else ft.Icons.RULE
    return ft.Container(
        ink=True,
        border_radius=ft.BorderRadius.all(6),
        padding=ft.Padding.symmetric(horizontal=6, vertical=14),  # 48 px for a finger
        on_click=lambda: app.back_to_audit(criterion_id),
        content=ft.Row(
            [
                ft.Icon(icon, size=18, color=WARN_TEXT),
                ft.Text(text, size=15, expand=True, max_lines=2, overflow=ft.TextOverflow.ELLIPSIS),
                ft.Icon(ft.Icons.CHEVRON_RIGHT, size=18, color=theme.MUTED),
            ],
            spacing=8,
        ),
    )


@ft.component
def SealForm(seal: SealState, lang: str) -> ft.Control:
    passphrase, set_passphrase = ft.use_state("")

    async def seal_now() -> None:
        await seal.seal(passphrase)

    status: list[ft.Control] = []
    if seal.busy:
        status = [ft.ProgressRing(width=22, height=22), ft.Text(tr("seal.sealing", lang), size=16)]
    return card(
        ft.Column(
            spacing=12,
            controls=[
                PassphraseField(
                    tr("seal.passphrase", lang),
                    passphrase,
                    set_passphrase,
                    seal_now,
                    lang=lang,
                    autofocus=True,
                ),
                *(
                    [ft.Text(seal.error.text(lang), color=theme.NOT_MET, size=16)]
                    if seal.error
                    else []
                ),
                ft.Row(
                    [
                        ft.FilledButton(
                            content=tr("seal.confirm", lang),
                            icon=ft.Icons.LOCK,
                            height=theme.TOUCH,
                            disabled=seal.busy,
                            on_click=seal_now,
                        ),
                        *status,
                    ],
                    spacing=12,
                ),
            ],
        )
    )


def _no_key(app: AppState, lang: str) -> ft.Control:
    return card(
        ft.Column(
            spacing=12,
            controls=[
                ft.Text(tr("seal.no_key", lang), size=16, color=WARN_TEXT),
                ft.Row(
                    [
                        ft.FilledButton(
                            content=tr("seal.make_key", lang),
                            icon=ft.Icons.KEY,
                            height=theme.TOUCH,
                            on_click=lambda: app.open_key("seal"),
                        )
                    ]
                ),
            ],
        ),
        bgcolor=theme.WARN_SOFT,
    )
