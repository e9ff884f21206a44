"""Photos on a criterion card: thumbnails, "add photos" through the file picker (several at
once, with their bytes, so it works in a browser), the import's progress and each photo's fate;
and the dialog that shows one photo full size with its caption and, while draft, removal.
"""

from __future__ import annotations

import asyncio
from datetime import datetime

import flet as ft

from field_audit.domain.thai_calendar import format_moment
from field_audit.ui import theme
from field_audit.ui.i18n import tr
from field_audit.ui.state.photos import (
    CriterionPhotos,
    ImportLine,
    PhotosState,
    PhotoTile,
    PhotoViewer,
    Picked,
)
from field_audit.ui.views.camera import CameraHost, take_button
from field_audit.ui.views.common import muted, own_node

THUMB_W, THUMB_H = 120, 90
FULL_W, FULL_H = 600, 400  # the dialog fits a tablet in portrait (800 px) with its margins
CAPTION_PAUSE_S = 0.8  # as for notes: saved this long after the last keystroke, or on leaving

FATE_LOOK = {  # fate -> (icon, colour)
    "stored": (ft.Icons.CHECK_CIRCLE, theme.MET),
    "duplicate": (ft.Icons.COPY_ALL, theme.MUTED),
    "already_here": (ft.Icons.INFO_OUTLINE, theme.MUTED),
    "refused": (ft.Icons.ERROR_OUTLINE, theme.NOT_MET),
}


@ft.component
def PhotoStrip(photos: CriterionPhotos, state: PhotosState, lang: str) -> ft.Control:
    """Re-renders on its own when this criterion's photos or import change."""
    criterion_id = photos.criterion_id
    items: list[ft.Control] = [
        _thumbnail(tile, number, criterion_id, state, lang)
        for number, tile in enumerate(photos.tiles, start=1)
    ]
    if state.editable:
        busy = photos.progress is not None
        items.append(_add_button(criterion_id, state, busy=busy, lang=lang))
        items.append(take_button(criterion_id, state.camera, busy=busy, lang=lang))
    strip = ft.Row(
        items,
        wrap=True,
        spacing=10,
        run_spacing=10,
        vertical_alignment=ft.CrossAxisAlignment.START,
    )
    rows: list[ft.Control] = [strip] if items else []
    if photos.progress is not None:
        rows.append(_progress(*photos.progress, lang=lang))
    if photos.lines and photos.progress is None:
        rows.append(_report(photos, lang))
    return ft.Column(rows, spacing=8, tight=True)


def _thumbnail(
    tile: PhotoTile, number: int, criterion_id: str, state: PhotosState, lang: str
) -> ft.Control:
    """A button named "ภาพ B02 ที่ 1" (then its caption): the picture (an image of that name)
    once its bytes are here, a plain box while they load, a broken-image sign if it is gone."""
    label = tr("photos.thumb_label", lang, id=criterion_id, number=number)

    async def open_it() -> None:
        await state.open(tile.id)

    content = _picture(tile, label)
    if tile.caption:
        caption = ft.Text(
            tile.caption, size=12, color=theme.MUTED, max_lines=1, overflow=ft.TextOverflow.ELLIPSIS
        )
        content = ft.Column([content, caption], spacing=2, tight=True)
    return ft.Semantics(
        label=label,
        button=True,
        container=True,
        content=ft.Container(
            width=THUMB_W,
            on_click=open_it,
            ink=True,
            border_radius=ft.BorderRadius.all(8),
            content=content,
        ),
    )


def _picture(tile: PhotoTile, label: str) -> ft.Control:
    if tile.loaded and tile.thumbnail is not None:
        return ft.Image(
            src=tile.thumbnail,
            width=THUMB_W,
            height=THUMB_H,
            fit=ft.BoxFit.COVER,
            border_radius=ft.BorderRadius.all(8),
            gapless_playback=True,
            semantics_label=label,
        )
    return ft.Container(
        width=THUMB_W,
        height=THUMB_H,
        bgcolor=theme.CARD_BORDER if tile.loaded else theme.BACKGROUND,
        border_radius=ft.BorderRadius.all(8),
        alignment=ft.Alignment.CENTER,
        content=ft.Icon(ft.Icons.BROKEN_IMAGE, color=theme.MUTED) if tile.loaded else None,
    )


def _add_button(criterion_id: str, state: PhotosState, *, busy: bool, lang: str) -> ft.Control:
    async def pick() -> None:
        files = await ft.FilePicker().pick_files(
            allow_multiple=True,
            with_data=True,
            file_type=ft.FilePickerFileType.IMAGE,
            cancel_upload_on_window_blur=False,  # a slow machine must not lose the selection
        )
        await state.attach(criterion_id, [Picked(f.name, f.bytes) for f in files])

    word = tr("photos.add", lang)
    return ft.OutlinedButton(
        content=ft.Text(
            word, size=16, semantics_label=tr("photos.add_label", lang, id=criterion_id)
        ),
        icon=ft.Icons.ADD_A_PHOTO,
        height=theme.TOUCH,
        disabled=busy,
        on_click=pick,
    )


def _progress(done: int, total: int, *, lang: str) -> ft.Control:
    text = tr("photos.importing", lang, done=done, total=total)
    return ft.Column(
        spacing=4,
        width=320,
        controls=[
            ft.Row(
                [ft.ProgressRing(width=18, height=18, stroke_width=3), ft.Text(text, size=15)],
                spacing=8,
            ),
            ft.ProgressBar(
                value=done / total if total else 0,
                bar_height=6,
                border_radius=ft.BorderRadius.all(3),
                semantics_label=text,
            ),
        ],
    )


def _report(photos: CriterionPhotos, lang: str) -> ft.Control:
    lines = [_line(line, lang) for line in photos.lines]
    return ft.Container(
        bgcolor=theme.BACKGROUND,
        border_radius=ft.BorderRadius.all(8),
        padding=ft.Padding.only(left=10, top=4, bottom=4),
        content=ft.Row(
            vertical_alignment=ft.CrossAxisAlignment.START,
            controls=[
                ft.Column(lines, spacing=2, expand=True),
                ft.IconButton(
                    ft.Icon(ft.Icons.CLOSE, size=18, semantics_label=tr("photos.dismiss", lang)),
                    tooltip=tr("photos.dismiss", lang),
                    on_click=photos.dismiss_report,
                ),
            ],
        ),
    )


def _line(line: ImportLine, lang: str) -> ft.Control:
    icon, colour = FATE_LOOK.get(line.fate, FATE_LOOK["refused"])
    return ft.Row(
        [
            ft.Icon(icon, size=16, color=colour),
            ft.Text(
                line.text(lang),
                size=14,
                color=theme.NOT_MET if line.refused else ft.Colors.BLUE_GREY_800,
                expand=True,
            ),
        ],
        spacing=6,
        vertical_alignment=ft.CrossAxisAlignment.START,
    )


@ft.component
def PhotosHost(viewer: PhotoViewer, state: PhotosState, lang: str) -> ft.Control:
    """Nothing in place: loads the thumbnails once the audit is on screen (so it shows without
    waiting for them; again for each audit opened in its place), and portals the open photo's
    dialog to the page."""
    ft.use_effect(state.load_thumbnails, dependencies=[state])
    tile = viewer.tile
    ft.use_dialog(_dialog(viewer, tile, state, lang) if tile is not None else None)
    return ft.Container(width=0, height=0, content=CameraHost(state.camera, lang))


def _dialog(viewer: PhotoViewer, tile: PhotoTile, state: PhotosState, lang: str) -> ft.AlertDialog:
    criterion_id = tile.item.criterion_id
    tiles = state.of(criterion_id).tiles
    number = next((i for i, t in enumerate(tiles, start=1) if t is tile), 1)
    title = tr("photos.title", lang, id=criterion_id, number=number, count=len(tiles))
    body: list[ft.Control] = [_full_picture(viewer, tile, title), muted(_facts(tile, lang))]
    if viewer.file_missing:
        body.append(ft.Text(tr("photos.file_missing", lang), color=theme.WARN, size=14))
    body.append(_caption(tile, state, lang))
    if viewer.confirming:
        body.append(_confirm_removal(criterion_id, state, lang))

    async def close() -> None:
        await state.close()

    actions: list[ft.Control] = []
    if state.editable and not viewer.confirming:
        actions.append(
            ft.TextButton(
                content=ft.Text(tr("photos.remove", lang), color=theme.NOT_MET, size=16),
                icon=ft.Icons.DELETE_OUTLINE,
                icon_color=theme.NOT_MET,
                height=theme.TOUCH,
                on_click=state.ask_remove,
            )
        )
    actions.append(
        ft.FilledButton(
            content=ft.Text(tr("photos.close", lang), size=16), height=theme.TOUCH, on_click=close
        )
    )
    return ft.AlertDialog(
        title=ft.Text(title, size=20, font_family=theme.BOLD),
        content=ft.Column(
            body,
            spacing=10,
            tight=True,
            width=FULL_W,
            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        ),
        actions=actions,
        on_dismiss=close,
    )


def _full_picture(viewer: PhotoViewer, tile: PhotoTile, label: str) -> ft.Control:
    source = viewer.full or tile.thumbnail
    if source is None:
        return ft.Container(
            width=FULL_W, height=FULL_H, alignment=ft.Alignment.CENTER, content=ft.ProgressRing()
        )
    return ft.Image(
        src=source,
        width=FULL_W,
        height=FULL_H,
        fit=ft.BoxFit.CONTAIN,
        gapless_playback=True,
        semantics_label=label,
    )


def _facts(tile: PhotoTile, lang: str) -> str:
    item = tile.item
    facts = [tr("photos.size", lang, width=item.width, height=item.height)]
    if item.captured_at is None:
        facts.append(tr("photos.no_time", lang))
    else:
        facts.append(tr("photos.taken", lang, when=_when(item.captured_at, lang)))
        if item.captured_from:
            facts.append(tr(f"photos.time_from.{item.captured_from}", lang))
    if item.position is not None:
        lat, lon = item.position
        facts.append(tr("photos.position", lang, lat=f"{lat:.5f}", lon=f"{lon:.5f}"))
    return " · ".join(facts)


def _when(moment: datetime, lang: str) -> str:
    return format_moment(moment, lang)


def _caption(tile: PhotoTile, state: PhotosState, lang: str) -> ft.Control:
    if not state.editable:
        return ft.Text(tile.caption or tr("photos.no_caption", lang), size=16)

    async def typed(e: ft.Event[ft.TextField]) -> None:
        token = state.caption_typed(tile.id, e.control.value)
        await asyncio.sleep(CAPTION_PAUSE_S)
        await state.flush_caption(tile.id, token)

    async def left() -> None:
        await state.flush_caption(tile.id)

    field = ft.TextField(
        label=tr("photos.caption", lang),
        value=tile.caption,
        multiline=True,
        min_lines=1,
        max_lines=3,
        on_change=typed,
        on_blur=left,
    )
    return own_node(field)


def _confirm_removal(criterion_id: str, state: PhotosState, lang: str) -> ft.Control:
    return ft.Container(
        bgcolor=theme.NOT_MET_SOFT,
        border_radius=ft.BorderRadius.all(8),
        padding=ft.Padding.all(12),
        content=ft.Column(
            spacing=8,
            controls=[
                ft.Text(tr("photos.remove_ask", lang, id=criterion_id), size=16),
                ft.Row(
                    [
                        ft.FilledButton(
                            content=tr("photos.remove_yes", lang),
                            icon=ft.Icons.DELETE,
                            bgcolor=theme.NOT_MET,
                            height=theme.TOUCH,
                            on_click=state.remove,
                        ),
                        ft.TextButton(
                            content=tr("photos.cancel", lang),
                            height=theme.TOUCH,
                            on_click=state.cancel_remove,
                        ),
                    ],
                    spacing=12,
                ),
            ],
        ),
    )
