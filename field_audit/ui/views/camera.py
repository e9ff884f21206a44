"""Taking a photo in the app: the "take a photo" button on a criterion card and the camera
dialog (a live preview, a shutter, "done"). Flet's camera control (flet-camera) runs in the web
client too, through the browser's camera (getUserMedia), and in a ``flet build`` app through
the platform's. Each photo is attached at once with the device's time and, when the browser or
platform gives it (flet-geolocator), the device's position.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import flet as ft
import flet_camera as fc
import flet_geolocator as fg

from field_audit.ui import theme
from field_audit.ui.i18n import tr
from field_audit.ui.state.camera import (
    READY,
    STARTING,
    TAKING,
    CameraShots,
    CameraState,
    Position,
)
from field_audit.ui.views.common import muted

PREVIEW_W, PREVIEW_H = 560, 420  # fits a portrait tablet's dialog (800 px wide) with margins
LOCATE_S = 6.0  # longest wait for a position at a shot; without one the photo is kept anyway


def take_button(criterion_id: str, camera: CameraState, *, busy: bool, lang: str) -> ft.Control:
    return ft.OutlinedButton(
        content=ft.Text(
            tr("camera.take", lang),
            size=16,
            semantics_label=tr("camera.take_label", lang, id=criterion_id),
        ),
        icon=ft.Icons.PHOTO_CAMERA,
        height=theme.TOUCH,
        disabled=busy,
        on_click=lambda: camera.open(criterion_id),
    )


@ft.component
def CameraHost(camera: CameraState, lang: str) -> ft.Control:
    """Nothing in place: portals the camera dialog while it is open and starts the camera."""
    criterion_id = camera.criterion_id
    preview = ft.use_memo(
        lambda: fc.Camera(width=PREVIEW_W, height=PREVIEW_H, expand=False),
        dependencies=[criterion_id],
    )
    locator = ft.use_memo(fg.Geolocator, dependencies=[])

    async def start() -> None:
        if criterion_id is not None:
            camera.started(await _started(preview))

    ft.use_effect(start, dependencies=[criterion_id])
    dialog = _dialog(camera, preview, locator, lang) if criterion_id is not None else None
    ft.use_dialog(dialog)
    return ft.Container(width=0, height=0)


async def _started(preview: fc.Camera) -> bool:
    """Bind the preview to the back camera (else the first); False when there is none the app
    may use (none fitted, or the inspector or browser refused it)."""
    try:
        cameras = await preview.get_available_cameras()
        if not cameras:
            return False
        back = [c for c in cameras if c.lens_direction == fc.CameraLensDirection.BACK]
        await preview.initialize(
            (back or cameras)[0], fc.ResolutionPreset.VERY_HIGH, enable_audio=False
        )
    except Exception:  # no permission, no device, a platform without a camera plugin
        return False
    return True


def _dialog(
    camera: CameraState, preview: fc.Camera, locator: fg.Geolocator, lang: str
) -> ft.AlertDialog:
    criterion_id = camera.criterion_id or ""

    async def locate() -> Position | None:
        try:
            where = await asyncio.wait_for(locator.get_current_position(), LOCATE_S)
        except Exception:  # no permission or no fix in time: the photo is kept without one
            return None
        if where.latitude is None or where.longitude is None:
            return None
        return (float(where.latitude), float(where.longitude))

    async def shoot() -> None:
        await camera.shoot(preview.take_picture, locate)

    return ft.AlertDialog(
        modal=True,
        title=ft.Text(tr("camera.title", lang, id=criterion_id), size=20, font_family=theme.BOLD),
        content=ft.Column(
            [preview, CameraPanel(camera.shots, shoot, camera.close, lang)],
            spacing=10,
            tight=True,
            width=PREVIEW_W,
        ),
    )


@ft.component
def CameraPanel(
    shots: CameraShots,
    shoot: Callable[[], Awaitable[None]],
    close: Callable[[], None],
    lang: str,
) -> ft.Control:
    """What the camera is doing, the shutter and "done": re-renders alone as photos are taken."""
    buttons = ft.Row(
        [
            ft.FilledButton(
                content=ft.Text(tr("camera.shutter", lang), size=16),
                icon=ft.Icons.CAMERA,
                height=theme.TOUCH,
                disabled=shots.phase != READY,
                on_click=shoot,
            ),
            ft.OutlinedButton(
                content=ft.Text(tr("camera.done", lang), size=16),
                height=theme.TOUCH,
                on_click=close,
            ),
        ],
        alignment=ft.MainAxisAlignment.END,
        spacing=12,
    )
    return ft.Column([_status(shots, lang), buttons], spacing=10, tight=True)


def _status(shots: CameraShots, lang: str) -> ft.Control:
    if shots.phase == STARTING:
        return muted(tr("camera.starting", lang))
    if shots.phase == TAKING:
        return muted(tr("camera.taking", lang))
    if shots.phase != READY:
        return ft.Text(tr("camera.unavailable", lang), size=16, color=theme.NOT_MET)
    if shots.taken:
        return ft.Text(tr("camera.taken", lang, count=shots.taken), size=16, color=theme.MET)
    return muted(tr("camera.hint", lang))
