"""The committee screen of one visit: the roll of members (counted, absent, awaited), sharing
bundles, where the counted members disagree (the disputed ones highlighted, the chair's ruling
under each), the committee's score once every member is accounted for and nothing is disputed,
and the chair's seal. While a member is awaited there is no score and no "all agree".
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import flet as ft

from field_audit.domain.thai_calendar import format_date
from field_audit.domain.wording import listed
from field_audit.ui import theme
from field_audit.ui.i18n import tr
from field_audit.ui.state.audit import reason_lines
from field_audit.ui.state.committee import CommitteeState, import_line
from field_audit.ui.state.unlock import SessionKey
from field_audit.ui.views.committee_disputes import disagreements_card, words_of
from field_audit.ui.views.committee_recommendations import RecommendationsCard
from field_audit.ui.views.committee_roll import RollCard
from field_audit.ui.views.common import card, heading, muted
from field_audit.ui.views.exchange_parts import (
    busy_ring,
    moment_text,
    page_column,
    passphrase_field,
    said,
)
from field_audit.ui.views.files import offer_download, pick_files
from field_audit.ui.views.score_panel import verdict_chip

if TYPE_CHECKING:
    from field_audit.services.committee_snapshot import CommitteeSnapshot


@ft.component
def CommitteeScreen(
    committee: CommitteeState, key: SessionKey, lang: str, wide: bool
) -> ft.Control:
    snapshot = committee.snapshot
    parts: list[ft.Control] = [
        _header(committee, lang),
        RollCard(committee, lang),
        ShareCard(committee, lang),
    ]
    if snapshot.problem is not None and snapshot.members:
        reason = snapshot.problem.message(lang)
        parts.append(card(said(tr("committee.problem", lang, reason=reason), ok=False)))
    elif not snapshot.roll.accounted:
        parts.append(_awaiting_card(snapshot, lang))
    elif snapshot.consolidated is not None:
        parts.append(disagreements_card(committee, lang))
        parts.append(_score_card(snapshot, lang))
        parts.append(RecommendationsCard(committee, lang))
    if committee.is_chair or snapshot.sealed is not None:
        parts.append(SealCard(committee, key, lang))
    return page_column(parts, narrow_padding=not wide)


def _header(committee: CommitteeState, lang: str) -> ft.Control:
    view, snapshot = committee.assignment, committee.snapshot
    name = view.lao.name_en if lang == "en" else view.lao.name_th
    group = view.committee.name_en if lang == "en" else view.committee.name_th
    visit = tr("assignments.visit", lang, date=format_date(view.visit_date, lang))
    role = tr("committee.you_chair" if committee.is_chair else "committee.you_member", lang)
    lines: list[ft.Control] = [
        heading(tr("committee.title", lang)),
        ft.Text(name, size=20, font_family=theme.BOLD),
    ]
    lines.append(muted(f"{group} · {visit}", size=15))
    if snapshot.chair_name and not committee.is_chair:
        lines.append(muted(tr("committee.chair_is", lang, name=snapshot.chair_name), size=15))
    lines.append(ft.Text(role, size=15, color=ft.Colors.INDIGO_800))
    return ft.Column(lines, spacing=4)


def _awaiting_card(snapshot: CommitteeSnapshot, lang: str) -> ft.Control:
    names = listed([a.seat.name for a in snapshot.roll.awaited], lang)
    lines: list[ft.Control] = [
        ft.Text(tr("committee.score", lang), size=18, font_family=theme.BOLD),
        ft.Text(tr("committee.awaiting_members", lang, names=names), size=16, color=theme.WARN),
    ]
    return card(ft.Column(lines, spacing=10))


@ft.component
def ShareCard(committee: CommitteeState, lang: str) -> ft.Control:
    snapshot = committee.snapshot

    async def import_bundles() -> None:
        await committee.import_files(await pick_files(extensions=["gecc"], multiple=True))

    async def export_own() -> None:
        bundle = await committee.export_own()
        if bundle is not None:
            await offer_download(bundle.file_name, bundle.data)

    async def export_committee() -> None:
        bundle = await committee.export_committee()
        if bundle is not None:
            await offer_download(bundle.file_name, bundle.data)

    buttons: list[ft.Control] = [
        ft.FilledButton(
            content=tr("committee.import", lang),
            icon=ft.Icons.FILE_OPEN,
            height=theme.TOUCH,
            disabled=committee.busy,
            on_click=import_bundles,
        )
    ]
    if snapshot.member(committee.inspector.id) is not None:
        buttons.append(_outlined(tr("committee.export_own", lang), export_own, committee.busy))
    if snapshot.sealed is not None:
        word = tr("committee.export_committee", lang)
        buttons.append(_outlined(word, export_committee, committee.busy))
    lines: list[ft.Control] = [
        ft.Text(tr("committee.share", lang), size=18, font_family=theme.BOLD),
        muted(tr("committee.share_hint", lang), size=14),
        ft.Row(buttons, wrap=True, spacing=10, run_spacing=10),
    ]
    if committee.busy:
        lines.append(busy_ring(tr("committee.importing", lang)))
    aid = snapshot.assignment_id
    lines += [said(import_line(o, aid, lang), ok=o.imported) for o in committee.imports]
    if "export" in committee.refusals:
        lines.append(said(words_of(committee.refusals["export"], lang), ok=False))
    if committee.exported:
        lines.append(said(tr("committee.exported", lang, path=committee.exported)))
    return card(ft.Column(lines, spacing=10))


def _outlined(word: str, on_click: Callable[[], Awaitable[None]], busy: bool) -> ft.Control:
    return ft.OutlinedButton(
        content=word,
        icon=ft.Icons.SAVE_ALT,
        height=theme.TOUCH,
        disabled=busy,
        on_click=on_click,
    )


def _score_card(snapshot: CommitteeSnapshot, lang: str) -> ft.Control:
    result = snapshot.consolidated
    assert result is not None
    lines: list[ft.Control] = [
        ft.Text(tr("committee.score", lang), size=18, font_family=theme.BOLD)
    ]
    score = result.score
    if result.unassessed:
        ids = listed(list(result.unassessed), lang)
        lines.append(ft.Text(tr("committee.unassessed", lang, ids=ids), size=16, color=theme.WARN))
        return card(ft.Column(lines, spacing=10))
    if score is None:
        ids = listed(list(result.unresolved), lang)
        text = tr("committee.waiting_ruling", lang, count=len(result.unresolved), ids=ids)
        lines.append(ft.Text(text, size=16, color=theme.WARN))
        return card(ft.Column(lines, spacing=10))
    lines.append(
        ft.Text(
            tr("score.points", lang, points=score.points, max=score.max_points),
            size=26,
            font_family=theme.BOLD,
            color=ft.Colors.INDIGO_900,
        )
    )
    lines.append(verdict_chip(score, lang))
    lines += [ft.Text(f"• {t}", size=14) for t in reason_lines(score, lang, limit=6)]
    return card(ft.Column(lines, spacing=10, horizontal_alignment=ft.CrossAxisAlignment.START))


@ft.component
def SealCard(committee: CommitteeState, key: SessionKey, lang: str) -> ft.Control:
    passphrase, set_passphrase = ft.use_state("")
    snapshot = committee.snapshot
    sealed = snapshot.sealed
    title = ft.Text(tr("committee.seal_title", lang), size=18, font_family=theme.BOLD)
    lines: list[ft.Control] = [title]
    if sealed is not None:
        when = moment_text(sealed.sealed_at, lang)
        lines.append(said(tr("committee.sealed", lang, name=sealed.signer_name, when=when)))
        if not snapshot.stale:
            return card(ft.Column(lines, spacing=10))
        lines.append(ft.Text(tr("committee.stale", lang), size=15, color=theme.WARN))

    async def seal() -> None:
        if await committee.seal(passphrase):
            set_passphrase("")

    ready = snapshot.ready_to_seal
    lines.append(muted(tr("committee.seal_hint", lang), size=14))
    if not ready:
        lines.append(ft.Text(_blocked(snapshot, lang), size=15, color=theme.WARN))
    elif key.unlocked:
        lines.append(said(tr("sync.unlocked", lang)))
    else:
        lines.append(
            passphrase_field(tr("sync.passphrase", lang), passphrase, set_passphrase, seal, lang)
        )
    lines.append(
        ft.Row(
            [
                ft.FilledButton(
                    content=tr("committee.seal", lang),
                    icon=ft.Icons.LOCK,
                    height=theme.TOUCH,
                    disabled=not ready or committee.busy or key.busy,
                    on_click=seal,
                ),
                *([busy_ring("")] if key.busy else []),
            ],
            spacing=12,
        )
    )
    if "seal" in committee.refusals:
        lines.append(said(words_of(committee.refusals["seal"], lang), ok=False))
    return card(ft.Column(lines, spacing=10))


def _blocked(snapshot: CommitteeSnapshot, lang: str) -> str:
    """Why the seal is not offered yet, the first thing to do first."""
    roll = snapshot.roll
    if roll.awaited:
        names = listed([a.seat.name for a in roll.awaited], lang)
        return tr("committee.seal_blocked_awaited", lang, names=names)
    if not roll.quorum_met:
        return tr(
            "committee.seal_blocked_quorum", lang, counted=len(roll.counted), needed=roll.needed
        )
    if snapshot.key_problems:
        return snapshot.key_problems[0].text.in_language(lang)
    result = snapshot.consolidated
    if result is not None and result.unassessed:
        ids = listed(list(result.unassessed), lang)
        return tr("committee.seal_blocked_unassessed", lang, ids=ids)
    return tr("committee.seal_blocked", lang)
