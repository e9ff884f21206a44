"""Files in and out of the app through Flet's ``FilePicker`` service: picking files with their
bytes (which works in a browser too, where there is no path), and offering a file to save.
"""

from __future__ import annotations

import flet as ft


async def pick_files(
    *, extensions: list[str] | None = None, images: bool = False, multiple: bool = False
) -> list[tuple[str, bytes]]:
    """The picked files as (name, bytes); empty if the inspector cancelled."""
    if images:
        kind = ft.FilePickerFileType.IMAGE
    else:
        kind = ft.FilePickerFileType.CUSTOM if extensions else ft.FilePickerFileType.ANY
    picked = await ft.FilePicker().pick_files(
        file_type=kind,
        allowed_extensions=extensions if kind == ft.FilePickerFileType.CUSTOM else None,
        allow_multiple=multiple,
        with_data=True,
    )
    return [(f.name, f.bytes) for f in picked if f.bytes is not None]


async def offer_download(file_name: str, data: bytes) -> None:
    """In a browser, hand the file to the browser's downloads; in a window the file is already
    in the exports folder (whose path the screen shows), so nothing more is asked."""
    if not ft.context.page.web:
        return
    await ft.FilePicker().save_file(file_name=file_name, src_bytes=data)
