"""The member's share of the committee's work on the audit screen: a line saying what this
audit covers (with "change" and "show the others' criteria"), and the dialog that ticks the
criteria by block, by kind of evidence or item by item."""

from __future__ import annotations

import flet as ft

from field_audit.domain.edition import Category
from field_audit.domain.shares import share_of
from field_audit.ui import theme
from field_audit.ui.i18n import tr
from field_audit.ui.state.audit import AuditState
from field_audit.ui.state.share_editor import ShareEditor

DIALOG_W = 620


@ft.component
def ShareBar(audit: AuditState, lang: str) -> ft.Control:
    total = len(audit.rows)
    if audit.scope is None:
        text = tr("share.all", lang, total=total)
    else:
        text = tr("share.part", lang, mine=len(audit.scope), total=total)
        if audit.planned is not None and audit.scope == audit.planned:
            text += f" ({tr('share.planned', lang)})"
    controls: list[ft.Control] = [
        ft.Icon(ft.Icons.GROUPS, size=20, color=ft.Colors.INDIGO_700),
        ft.Text(text, size=15, color=ft.Colors.BLUE_GREY_800),
    ]
    if audit.editable:
        controls.append(
            ft.TextButton(
                content=ft.Text(tr("share.change", lang), size=15),
                height=theme.TOUCH,
                on_click=lambda: audit.share_editor.start(audit.scope),
            )
        )
    if audit.scope is not None:
        key = "share.hide_outside" if audit.show_outside else "share.show_outside"
        controls.append(
            ft.TextButton(
                content=ft.Text(tr(key, lang), size=15),
                height=theme.TOUCH,
                on_click=audit.toggle_outside,
            )
        )
    return ft.Row(controls, wrap=True, spacing=8, vertical_alignment=ft.CrossAxisAlignment.CENTER)


@ft.component
def ShareDialogHost(editor: ShareEditor, audit: AuditState, lang: str) -> ft.Control:
    ft.use_dialog(_dialog(editor, audit, lang) if editor.chosen is not None else None)
    return ft.Container(width=0, height=0)


def _dialog(editor: ShareEditor, audit: AuditState, lang: str) -> ft.AlertDialog:
    chosen = editor.chosen or frozenset()

    async def save() -> None:
        if not chosen:
            return
        await audit.set_scope(editor.result())
        editor.close()

    body: list[ft.Control] = [
        _section(tr("share.by_block", lang), _block_chips(editor, lang)),
        _section(tr("share.by_category", lang), _category_chips(editor, lang)),
        _section(tr("share.by_item", lang), _item_chips(editor)),
        ft.Text(
            tr("share.count", lang, count=len(chosen)) if chosen else tr("share.empty", lang),
            size=15,
            color=theme.MUTED if chosen else theme.NOT_MET,
        ),
    ]
    return ft.AlertDialog(
        title=ft.Text(tr("share.dialog", lang), size=20),
        content=ft.Column(body, spacing=12, tight=True, width=DIALOG_W, scroll=ft.ScrollMode.AUTO),
        actions=[
            ft.TextButton(content=tr("share.everything", lang), on_click=editor.everything),
            ft.TextButton(content=tr("share.cancel", lang), on_click=editor.close),
            ft.FilledButton(content=tr("share.save", lang), on_click=save, disabled=not chosen),
        ],
        on_dismiss=editor.close,
    )


def _section(title: str, chips: list[ft.Control]) -> ft.Control:
    return ft.Column(
        [
            ft.Text(title, size=15, font_family=theme.BOLD),
            ft.Row(chips, wrap=True, spacing=8, run_spacing=8),
        ],
        spacing=6,
        tight=True,
    )


def _block_chips(editor: ShareEditor, lang: str) -> list[ft.Control]:
    return [
        _chip(
            block.title.in_language(lang),
            editor.all_of(share_of(editor.edition, blocks=[block.id])),
            lambda block_id=block.id: editor.toggle_block(block_id),
        )
        for block in editor.edition.blocks
    ]


def _category_chips(editor: ShareEditor, lang: str) -> list[ft.Control]:
    present = {c.category for c in editor.edition.criteria}
    return [
        _chip(
            tr(f"category.{category.value}", lang),
            editor.all_of(share_of(editor.edition, categories=[category.value])),
            lambda value=category.value: editor.toggle_category(value),
        )
        for category in Category
        if category in present
    ]


def _item_chips(editor: ShareEditor) -> list[ft.Control]:
    chosen = editor.chosen or frozenset()
    return [
        _chip(c.id, c.id in chosen, lambda cid=c.id: editor.toggle_item(cid))
        for c in editor.edition.criteria
    ]


def _chip(label: str, selected: bool, toggle: object) -> ft.Control:
    return ft.Chip(
        label=ft.Text(label, size=15),
        selected=selected,
        show_checkmark=True,
        height=theme.TOUCH,
        on_select=lambda _e: toggle(),  # type: ignore[operator]
    )
