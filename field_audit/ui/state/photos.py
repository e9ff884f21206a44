"""Photos on the audit's criteria: thumbnails, attaching picked files with per-photo progress,
the full-size viewer, captions saved as typed, and removal (with a confirm) while draft.

The audit opens with every photo's facts but no thumbnail bytes: ``load_thumbnails`` (called
once the screen is up) reads them all in one pass off the event loop and hands them to the
criteria in edition order, the first few at once and the rest in small steps, so the audit shows
at once and the thumbnails on screen come first (120 of them weigh about 1-2 MB). Attaching runs
in the evidence pipeline's threads (``Services.attach_photos``): each photo's report crosses to
the event loop through an asyncio queue, and only there does a ``CriterionPhotos`` change, so
the card re-renders with "กำลังนำเข้าภาพ 2/5" and each new thumbnail as it lands. After every
change ``on_count(criterion_id, count)`` tells the audit, whose filters and status follow.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import flet as ft

from field_audit.domain.thai_calendar import format_moment
from field_audit.ui.i18n import tr
from field_audit.ui.state.camera import CameraState
from field_audit.ui.state.notices import Notices
from field_audit.ui.state.writer import SerialWriter

if TYPE_CHECKING:  # the database layer loads in the background, after the server is up
    from field_audit.app import Services
    from field_audit.attach import DeviceCapture
    from field_audit.services.onsite import AttachReport, PhotoItem

CountChanged = Callable[[str, int], None]
_DONE = None  # ends an attach's queue of reports
FIRST_THUMBNAILS = 2  # criteria whose thumbnails go out with the first step (those on screen)
THUMBNAIL_STEP = 4  # criteria per later step
STEP_PAUSE_S = 0.03  # between steps: the page paints what it has meanwhile


@dataclass(frozen=True)
class Picked:
    """A file the inspector picked: its name (for the report) and its bytes (None when the
    browser could not read it: reported, never dropped; an empty file is refused by name)."""

    name: str
    data: bytes | None


@dataclass(frozen=True)
class ImportLine:
    """What became of one picked file, in words."""

    name: str
    fate: str  # a services.onsite.Fate value
    reason_th: str = ""
    reason_en: str = ""

    @property
    def refused(self) -> bool:
        return self.fate == "refused"

    def text(self, lang: str) -> str:
        reason = self.reason_en if lang == "en" else self.reason_th
        return tr(f"photos.{self.fate}", lang, name=self.name, reason=reason)


class PhotoTile:
    """One attached photo: its facts, thumbnail bytes and the caption as typed (typing does not
    re-render anything; the token tells the newest typing apart, as for notes). ``loaded``:
    whether ``thumbnail`` was looked for (None then means its file is missing)."""

    def __init__(self, item: PhotoItem, thumbnail: bytes | None, *, loaded: bool = True) -> None:
        self.item = item
        self.thumbnail = thumbnail
        self.loaded = loaded
        self._draft = item.caption
        self._saved = item.caption
        self._typed = 0

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def caption(self) -> str:
        return self._draft

    def type_caption(self, text: str) -> int:
        self._draft = text
        self._typed += 1
        return self._typed

    def unsaved_caption(self, token: int | None) -> str | None:
        if token is not None and token != self._typed:
            return None
        return None if self._draft == self._saved else self._draft

    def caption_saved(self, text: str) -> None:
        self._saved = text


class CriterionPhotos(ft.Observable):
    """The photos of one criterion, the import under way (done, total) and its last report."""

    tiles: tuple[PhotoTile, ...]
    progress: tuple[int, int] | None
    lines: tuple[ImportLine, ...]

    def __init__(self, criterion_id: str, tiles: Sequence[PhotoTile]) -> None:
        self.criterion_id = criterion_id
        self.tiles = tuple(tiles)
        self.progress = None
        self.lines = ()

    def dismiss_report(self) -> None:
        self.lines = ()


class PhotoViewer(ft.Observable):
    """The photo open full size (None: the dialog is closed), and whether removal is asked."""

    tile: PhotoTile | None
    full: bytes | None
    file_missing: bool
    confirming: bool

    def __init__(self) -> None:
        self.tile = None
        self.full = None
        self.file_missing = False
        self.confirming = False


class PhotosState:
    """Every criterion's photos in one audit. Methods take plain values; failures become
    notices in words."""

    def __init__(
        self,
        services: Services,
        audit_id: str,
        criterion_ids: Sequence[str],
        *,
        editable: bool,
        inspector_id: str,
        notices: Notices,
        writer: SerialWriter,
        on_count: CountChanged,
    ) -> None:
        self._services = services
        self._notices = notices
        self._writer = writer
        self._inspector_id = inspector_id
        self._on_count = on_count
        self.audit_id = audit_id
        self.editable = editable
        self.viewer = PhotoViewer()
        self.camera = CameraState(self)
        self._by_criterion = {cid: CriterionPhotos(cid, []) for cid in criterion_ids}
        self._load()

    def _load(self) -> None:
        grouped: dict[str, list[PhotoTile]] = {}
        for item in self._services.photos(self.audit_id):
            grouped.setdefault(item.criterion_id, []).append(PhotoTile(item, None, loaded=False))
        for criterion_id, tiles in grouped.items():
            self.of(criterion_id).tiles = tuple(tiles)

    async def load_thumbnails(self) -> None:
        """Read every thumbnail not loaded yet in one pass (off the event loop) and show them,
        criterion by criterion in edition order: ``FIRST_THUMBNAILS`` at once, then in steps."""
        waiting = [p for p in self._by_criterion.values() if any(not t.loaded for t in p.tiles)]
        if not waiting:
            return
        items = [tile.item for photos in waiting for tile in photos.tiles if not tile.loaded]
        try:
            found = await asyncio.to_thread(self._services.thumbnails, items)
        except Exception as error:
            self._notices.report(error)
            return
        for number, photos in enumerate(waiting):
            for tile in photos.tiles:
                tile.thumbnail, tile.loaded = found.get(tile.item.thumb_sha256), True
            photos.notify()  # type: ignore[no-untyped-call]  # flet leaves it unannotated
            if (
                number + 1 >= FIRST_THUMBNAILS
                and (number + 1 - FIRST_THUMBNAILS) % THUMBNAIL_STEP == 0
            ):
                await asyncio.sleep(STEP_PAUSE_S)

    def report(self, error: Exception) -> None:
        """Say a failure in words (the camera's, for one)."""
        self._notices.report(error)

    def of(self, criterion_id: str) -> CriterionPhotos:
        return self._by_criterion.setdefault(criterion_id, CriterionPhotos(criterion_id, []))

    def count(self) -> int:
        return sum(len(photos.tiles) for photos in self._by_criterion.values())

    def importing(self) -> bool:
        """Whether photos are being taken in for any criterion right now."""
        return any(photos.progress is not None for photos in self._by_criterion.values())

    async def attach_taken(
        self, criterion_id: str, data: bytes, *, position: tuple[float, float] | None
    ) -> None:
        """Take in a photo the app's camera took just now, with the device's time (now) and
        its position if the platform gave one."""
        # the database layer (attach) loads after the server is up, so not at the top
        from field_audit.attach import DeviceCapture  # noqa: PLC0415

        taken = DeviceCapture(at=datetime.now(UTC), position=position)
        name = tr("camera.file_name", "th", at=format_moment(taken.at, "th"))
        await self.attach(criterion_id, [Picked(name, data)], taken=taken)

    async def attach(
        self, criterion_id: str, picked: Sequence[Picked], *, taken: DeviceCapture | None = None
    ) -> None:
        """Take ``picked`` in for one criterion, showing progress and each photo's fate."""
        if not picked:
            return
        if not self.editable:
            self._notices.say("error.locked")
            return
        photos = self.of(criterion_id)
        unreadable = [file for file in picked if file.data is None]
        readable = [file for file in picked if file.data is not None]
        photos.lines = tuple(_unreadable_line(file.name) for file in unreadable)
        photos.progress = (len(photos.lines), len(picked))
        try:
            if readable:
                await self._take_in(photos, readable, taken)
        except Exception as error:
            self._notices.report(error)
        finally:
            photos.progress = None
            self._on_count(criterion_id, len(photos.tiles))

    async def _take_in(
        self, photos: CriterionPhotos, picked: Sequence[Picked], taken: DeviceCapture | None
    ) -> None:
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[AttachReport | None] = asyncio.Queue()
        future = self._services.attach_photos(
            self.audit_id,
            photos.criterion_id,
            [file.data or b"" for file in picked],
            by=self._inspector_id,
            on_report=lambda report: loop.call_soon_threadsafe(queue.put_nowait, report),
            taken=taken,
        )
        future.add_done_callback(lambda _f: loop.call_soon_threadsafe(queue.put_nowait, _DONE))
        while (report := await queue.get()) is not _DONE:
            self._landed(photos, report, picked[report.index].name)
        future.result()  # done by now; raises what stopped the batch, if anything

    def _landed(self, photos: CriterionPhotos, report: AttachReport, name: str) -> None:
        if report.photo is not None:
            photos.tiles = (*photos.tiles, PhotoTile(report.photo, report.thumbnail or None))
            self._on_count(photos.criterion_id, len(photos.tiles))
        line = ImportLine(name, report.fate.value, report.reason_th, report.reason_en)
        photos.lines = (*photos.lines, line)
        total = photos.progress[1] if photos.progress else len(photos.lines)
        photos.progress = (len(photos.lines), total)

    def find(self, photo_id: str) -> PhotoTile | None:
        for photos in self._by_criterion.values():
            for tile in photos.tiles:
                if tile.id == photo_id:
                    return tile
        return None

    async def open(self, photo_id: str) -> None:
        """Show one photo full size: its thumbnail at once, the stored photo once read."""
        tile = self.find(photo_id)
        if tile is None:
            return
        viewer = self.viewer
        viewer.tile, viewer.full, viewer.file_missing, viewer.confirming = tile, None, False, False
        try:
            data = await asyncio.to_thread(self._services.photo_bytes, tile.item.sha256)
        except Exception as error:
            self._notices.report(error)
            return
        if viewer.tile is tile:
            viewer.full, viewer.file_missing = data, data is None

    async def close(self) -> None:
        tile = self.viewer.tile
        self.viewer.tile, self.viewer.full, self.viewer.confirming = None, None, False
        if tile is not None:
            await self.flush_caption(tile.id)
            self.of(tile.item.criterion_id).notify()  # type: ignore[no-untyped-call]  # caption

    def caption_typed(self, photo_id: str, text: str) -> int:
        tile = self.find(photo_id)
        return tile.type_caption(text) if tile else 0

    async def flush_caption(self, photo_id: str, token: int | None = None) -> None:
        """Save the caption unless unchanged or newer typing (a later token) will save it."""
        tile = self.find(photo_id)
        text = tile.unsaved_caption(token) if tile else None
        if tile is None or text is None or not self.editable:
            return
        try:
            await self._writer.run(self._services.set_caption, photo_id, text)
        except Exception as error:
            self._notices.report(error)
            return
        tile.caption_saved(text)

    async def flush_captions(self) -> None:
        for photos in self._by_criterion.values():
            for tile in photos.tiles:
                await self.flush_caption(tile.id)

    def ask_remove(self) -> None:
        if self.editable and self.viewer.tile is not None:
            self.viewer.confirming = True

    def cancel_remove(self) -> None:
        self.viewer.confirming = False

    async def remove(self) -> None:
        """Remove the photo being viewed (after ``ask_remove``) and close the viewer."""
        tile = self.viewer.tile
        if tile is None or not self.viewer.confirming:
            return
        try:
            await self._writer.run(self._services.remove_photo, tile.id)
        except Exception as error:
            self._notices.report(error)
            self.viewer.confirming = False
            return
        photos = self.of(tile.item.criterion_id)
        photos.tiles = tuple(t for t in photos.tiles if t is not tile)
        self.viewer.tile, self.viewer.full, self.viewer.confirming = None, None, False
        self._on_count(photos.criterion_id, len(photos.tiles))


def _unreadable_line(name: str) -> ImportLine:
    return ImportLine(
        name,
        "refused",
        reason_th=tr("photos.unreadable", "th"),
        reason_en=tr("photos.unreadable", "en"),
    )
