"""The in-app camera on one criterion: ``CameraState`` says for which criterion it is open
(None: closed); its ``shots`` say whether the camera is starting, ready, taking a photo or
unavailable (no camera, or the inspector refused it), and how many were taken.

The two are separate observables on purpose: the dialog (and the camera control in it) is
rebuilt only when the camera opens or closes, never while a photo is being taken, since the
client answers a camera call only to the control it was made on.

The view owns the camera control and hands its calls in (``shoot(take, locate)``), so this
state holds plain values only. A photo taken here is attached with the device's time and, when
the platform gives it, the device's position (``PhotosState.attach_taken``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import flet as ft

if TYPE_CHECKING:  # the photos' state makes its camera
    from field_audit.ui.state.photos import PhotosState

Position = tuple[float, float]
STARTING, READY, TAKING, UNAVAILABLE = "starting", "ready", "taking", "unavailable"


class CameraShots(ft.Observable):
    """What the open camera is doing, and how many photos it took since it opened."""

    phase: str
    taken: int

    def __init__(self) -> None:
        self.phase = STARTING
        self.taken = 0


class CameraState(ft.Observable):
    criterion_id: str | None

    def __init__(self, photos: PhotosState) -> None:
        self._photos = photos
        self.criterion_id = None
        self.shots = CameraShots()

    def open(self, criterion_id: str) -> None:
        self.shots.phase, self.shots.taken = STARTING, 0
        self.criterion_id = criterion_id

    def close(self) -> None:
        self.criterion_id = None

    def started(self, ok: bool) -> None:
        """The camera came up (``ok``), or there is none the app may use."""
        if self.criterion_id is not None:
            self.shots.phase = READY if ok else UNAVAILABLE

    async def shoot(
        self,
        take: Callable[[], Awaitable[bytes]],
        locate: Callable[[], Awaitable[Position | None]],
    ) -> None:
        """Take one photo and attach it to the open criterion with the device's time and
        position; a failed shot leaves the camera ready and says why."""
        criterion_id, shots = self.criterion_id, self.shots
        if criterion_id is None or shots.phase != READY:
            return
        shots.phase = TAKING
        try:
            data = await take()
        except Exception as error:
            shots.phase = READY
            self._photos.report(error)
            return
        position = await locate()
        shots.phase, shots.taken = READY, shots.taken + 1
        await self._photos.attach_taken(criterion_id, data, position=position)
