"""Photos on the audit screen's state: attached with per-photo progress and words for each
photo's fate, thumbnails, the full-size viewer, captions saved as typed, removal while draft,
and the filters and status following along. Real SQLite and a real photo store; no page.
"""

from __future__ import annotations

import io
import threading
from datetime import datetime
from pathlib import Path

import pytest
import uvicorn
from PIL import ExifTags, Image, ImageDraw

from field_audit.app import Services
from field_audit.domain.audit import AuditStatus
from field_audit.domain.edition import Edition
from field_audit.evidence.store import Kind
from field_audit.services import onsite
from field_audit.services.onsite import Fate, PhotoDamaged
from field_audit.storage.database import Database
from field_audit.storage.demo import load_demo_data
from field_audit.storage.models import AuditRecord
from field_audit.storage.photos import photos_of
from field_audit.ui.run import WEBSOCKET_MAX_BYTES, let_picked_photos_through
from field_audit.ui.state.audit import AuditState
from field_audit.ui.state.notices import Notices
from field_audit.ui.state.photos import CriterionPhotos, ImportLine, Picked
from field_audit.ui.state.session import AppState
from field_audit.ui.state.writer import SerialWriter
from tests.seal.conftest import CHEAP
from tests.ui.conftest import run


def picture(seed: int, *, kind: str = "JPEG", size: tuple[int, int] = (640, 480)) -> bytes:
    """A small photo made here, distinct per ``seed`` and the same every time."""
    image = Image.new("RGB", size, (40 * seed % 256, 120, 200))
    draw = ImageDraw.Draw(image)
    top = 10 + 13 * seed % 300
    for step in range(6):
        box = (20 + 60 * step, top, 90 + 60 * step, top + 90 + 7 * step)
        draw.ellipse(box, fill=(30 * step % 256, 17 * seed % 256, 90))
    buffer = io.BytesIO()
    image.save(buffer, kind)
    return buffer.getvalue()


def files(*seeds: int) -> list[Picked]:
    return [Picked(f"IMG_{seed:04}.jpg", picture(seed)) for seed in seeds]


@pytest.fixture
def site(db: Database, edition: Edition) -> Services:
    load_demo_data(db, edition)
    return Services(db, edition, central_url=None, kdf=CHEAP)


@pytest.fixture
def audit(site: Services, writer: SerialWriter) -> AuditState:
    app = AppState(site, Notices(), writer)
    app.open_audit("a-cm")
    assert app.audit is not None
    return app.audit


def test_photos_are_attached_one_by_one_with_progress_and_words(audit: AuditState) -> None:
    b02 = audit.photos.of("B02")
    seen: list[tuple[tuple[int, int] | None, int]] = []
    threads: set[str] = set()

    def listener(_sender: object, field: str | None) -> None:
        threads.add(threading.current_thread().name)
        if field == "progress":
            seen.append((b02.progress, len(b02.tiles)))

    b02.subscribe(listener)  # held here: Flet keeps listeners weakly
    broken = Picked("broken.jpg", b"\xff\xd8\xff\xe0 not really a jpeg")
    run(audit.photos.attach("B02", [*files(1, 2), broken, *files(3)]))
    assert seen[0] == ((0, 4), 0)
    assert seen[-1] == (None, 3)
    assert [progress for progress, _ in seen[1:-1]] == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert threads == {threading.main_thread().name}  # observables change on the event loop
    assert [line.text("th") for line in b02.lines[:2]] == [
        "IMG_0001.jpg: บันทึกแล้ว",
        "IMG_0002.jpg: บันทึกแล้ว",
    ]
    refused = b02.lines[2]
    assert refused.refused
    assert refused.text("th").startswith("broken.jpg: ไม่รับภาพนี้ — ไฟล์ภาพไม่สมบูรณ์")
    assert refused.text("en").startswith("broken.jpg: not accepted — The picture is incomplete")
    assert all(tile.thumbnail and tile.thumbnail[:2] == b"\xff\xd8" for tile in b02.tiles)


def test_empty_and_unreadable_files_are_always_listed_with_the_reason(
    audit: AuditState, site: Services
) -> None:
    b03 = audit.photos.of("B03")
    empty, unread = Picked("empty.jpg", b""), Picked("cloud.heic", None)
    run(audit.photos.attach("B03", [empty, *files(4), unread]))
    by_name = {line.name: line for line in b03.lines}
    assert set(by_name) == {"empty.jpg", "IMG_0004.jpg", "cloud.heic"}
    assert by_name["empty.jpg"].refused
    assert by_name["empty.jpg"].text("th") == "empty.jpg: ไม่รับภาพนี้ — ไฟล์ว่างเปล่า ไม่มีข้อมูลภาพ"
    assert by_name["empty.jpg"].text("en") == "empty.jpg: not accepted — The file is empty."
    assert by_name["cloud.heic"].refused
    assert "อ่านไฟล์ไม่ได้" in by_name["cloud.heic"].text("th")
    assert "could not be read" in by_name["cloud.heic"].text("en")
    assert by_name["IMG_0004.jpg"].fate == "stored"
    assert b03.progress is None
    assert len(site.photos(audit.audit_id)) == 1


def test_a_photo_with_only_ifd0_datetime_keeps_that_time_and_says_which(
    audit: AuditState, site: Services
) -> None:
    image = Image.open(io.BytesIO(picture(9)))
    exif = Image.Exif()
    exif[ExifTags.Base.DateTime] = "2026:12:04 10:15:00"
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes())
    run(audit.photos.attach("B04", [Picked("scan.jpg", buffer.getvalue())]))
    [item] = site.photos(audit.audit_id)
    assert item.captured_from == "exif_datetime"
    assert item.captured_at == datetime(2026, 12, 4, 10, 15).astimezone()  # the device's zone


def test_the_row_filters_and_status_follow_the_photos(audit: AuditState, site: Services) -> None:
    b02 = next(row for row in audit.rows if row.id == "B02")
    needing = audit.filter_counts()["needs_photo"]
    assert b02.needs_photo
    run(audit.photos.attach("B02", files(1)))
    assert (b02.photo_count, b02.needs_photo) == (1, False)
    assert audit.filter_counts()["needs_photo"] == needing - 1
    assert len(photos_of(site.db, audit.audit_id, "B02")) == 1
    assert audit.status is AuditStatus.DRAFT


def test_a_photo_already_on_the_criterion_is_not_attached_twice(
    audit: AuditState, site: Services
) -> None:
    same = files(5)
    run(audit.photos.attach("B03", same))
    run(audit.photos.attach("B03", [*same, *same]))
    assert [line.fate for line in audit.photos.of("B03").lines] == ["already_here"] * 2
    run(audit.photos.attach("B04", same))  # the same photo for another criterion
    assert [line.fate for line in audit.photos.of("B04").lines] == ["duplicate"]
    assert "เก็บไว้ชุดเดียว" in audit.photos.of("B04").lines[0].text("th")
    assert len(photos_of(site.db, audit.audit_id, "B03")) == 1
    assert len(photos_of(site.db, audit.audit_id, "B04")) == 1
    assert len(list(site.photo_store.hashes())) == 1


def test_png_and_jpeg_are_both_taken_and_stored_as_jpeg(audit: AuditState) -> None:
    png = Picked("แผนผัง.png", picture(7, kind="PNG"))
    run(audit.photos.attach("B05", [png, *files(8)]))
    tiles = audit.photos.of("B05").tiles
    assert len(tiles) == 2
    assert tiles[0].item.width == 640


def test_a_photo_opens_full_size_from_the_store(audit: AuditState) -> None:
    run(audit.photos.attach("B06", files(1, 2)))
    second = audit.photos.of("B06").tiles[1]
    run(audit.photos.open(second.id))
    viewer = audit.photos.viewer
    assert viewer.tile is second
    assert viewer.full is not None
    assert viewer.full[:2] == b"\xff\xd8"  # the normalised JPEG, not the thumbnail
    assert viewer.full != second.thumbnail
    run(audit.photos.close())
    assert viewer.tile is None


def flip_a_byte(path: Path) -> None:
    """Damage a stored file in place, as a failing card or disk would."""
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


def test_a_damaged_photo_is_not_shown_full_size_but_said_in_words(
    audit: AuditState, site: Services
) -> None:
    run(audit.photos.attach("B11", files(4)))
    item = audit.photos.of("B11").tiles[0].item
    flip_a_byte(site.photo_store.path(item.sha256))
    with pytest.raises(PhotoDamaged) as caught:
        onsite.read_photo(site.photo_store, item.sha256)
    notices = Notices()
    notices.report(caught.value)
    assert notices.current is not None
    assert f"ไฟล์ภาพ {item.sha256[:12]} ในเครื่องนี้เสียหาย" in notices.current.th
    assert f"photo {item.sha256[:12]} is damaged" in notices.current.en


def test_a_damaged_thumbnail_is_left_out_like_a_missing_one(
    site: Services, writer: SerialWriter
) -> None:
    app = AppState(site, Notices(), writer)
    app.open_audit("a-cm")
    assert app.audit is not None
    run(app.audit.photos.attach("B12", files(5, 6)))
    damaged = app.audit.photos.of("B12").tiles[0].item
    flip_a_byte(site.photo_store.path(damaged.thumb_sha256, kind=Kind.THUMBNAIL))
    run(app.back_to_assignments())
    app.open_audit("a-cm")
    run(app.audit.photos.load_thumbnails())
    first, second = app.audit.photos.of("B12").tiles
    assert first.loaded
    assert first.thumbnail is None
    assert second.thumbnail is not None


def test_captions_are_saved_as_typed(audit: AuditState, site: Services) -> None:
    run(audit.photos.attach("B07", files(1)))
    tile = audit.photos.of("B07").tiles[0]
    first = audit.photos.caption_typed(tile.id, "ป้าย")
    second = audit.photos.caption_typed(tile.id, "ป้ายชื่อศูนย์ด้านหน้า")
    run(audit.photos.flush_caption(tile.id, first))  # superseded: nothing written
    assert photos_of(site.db, audit.audit_id, "B07")[0].caption == ""
    run(audit.photos.flush_caption(tile.id, second))
    assert photos_of(site.db, audit.audit_id, "B07")[0].caption == "ป้ายชื่อศูนย์ด้านหน้า"


def test_removal_asks_first_then_collects_the_files(audit: AuditState, site: Services) -> None:
    run(audit.photos.attach("B08", files(1)))
    tile = audit.photos.of("B08").tiles[0]
    run(audit.photos.open(tile.id))
    run(audit.photos.remove())  # not confirmed: nothing happens
    assert len(audit.photos.of("B08").tiles) == 1
    audit.photos.ask_remove()
    assert audit.photos.viewer.confirming
    run(audit.photos.remove())
    assert audit.photos.of("B08").tiles == ()
    assert audit.photos.viewer.tile is None
    assert photos_of(site.db, audit.audit_id, "B08") == []
    assert not site.photo_store.contains(tile.item.sha256)
    assert not site.photo_store.contains(tile.item.thumb_sha256, kind=Kind.THUMBNAIL)
    row = next(row for row in audit.rows if row.id == "B08")
    assert row.needs_photo


def test_reopening_shows_every_photo_with_its_thumbnail(
    site: Services, writer: SerialWriter
) -> None:
    app = AppState(site, Notices(), writer)
    app.open_audit("a-cm")
    assert app.audit is not None
    run(app.audit.photos.attach("B09", files(1, 2, 3)))
    run(app.back_to_assignments())
    app.open_audit("a-cm")
    photos: CriterionPhotos = app.audit.photos.of("B09")
    assert len(photos.tiles) == 3
    assert not any(tile.loaded for tile in photos.tiles)  # the audit shows before its thumbnails
    run(app.audit.photos.load_thumbnails())
    assert all(tile.loaded and tile.thumbnail for tile in photos.tiles)
    row = next(row for row in app.audit.rows if row.id == "B09")
    assert row.photo_count == 3


def test_sealed_behind_the_screen_refuses_photos_in_words(
    audit: AuditState, site: Services
) -> None:
    with site.db.session() as session:
        record = session.get(AuditRecord, audit.audit_id)
        assert record is not None
        record.status = "sealed"
        session.add(record)
        session.commit()
    run(audit.photos.attach("B10", files(1)))
    lines = audit.photos.of("B10").lines
    assert [line.fate for line in lines] == ["refused"]
    assert audit.photos.of("B10").tiles == ()
    assert audit.photos.of("B10").progress is None


def test_thumbnails_load_in_edition_order_and_a_missing_file_is_said(
    site: Services, writer: SerialWriter
) -> None:
    app = AppState(site, Notices(), writer)
    app.open_audit("a-cm")
    assert app.audit is not None
    for criterion_id in ("B13", "B02", "A04"):
        run(app.audit.photos.attach(criterion_id, files(len(criterion_id) + ord(criterion_id[-1]))))
    gone = app.audit.photos.of("B13").tiles[0].item
    site.photo_store.delete(gone.thumb_sha256, kind=Kind.THUMBNAIL)
    run(app.back_to_assignments())
    app.open_audit("a-cm")
    order: list[str] = []

    def listener(sender: object, _field: str | None) -> None:
        assert isinstance(sender, CriterionPhotos)
        order.append(sender.criterion_id)

    photos = app.audit.photos
    for criterion_id in ("B02", "B13", "A04"):
        photos.of(criterion_id).subscribe(listener)
    run(photos.load_thumbnails())
    assert order == ["B02", "B13", "A04"]
    missing = photos.of("B13").tiles[0]
    assert missing.loaded
    assert missing.thumbnail is None
    run(photos.load_thumbnails())  # nothing left to load: no change
    assert order == ["B02", "B13", "A04"]


def test_the_web_server_takes_several_phone_photos_in_one_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(uvicorn, "Config", uvicorn.Config)  # put back after the test
    default = uvicorn.Config(app=None).ws_max_size
    let_picked_photos_through()
    let_picked_photos_through()  # once is enough: no class on a class
    assert default == 16 * 1024 * 1024
    assert uvicorn.Config(app=None).ws_max_size == WEBSOCKET_MAX_BYTES
    assert uvicorn.Config(app=None, ws_max_size=1024).ws_max_size == 1024
    assert uvicorn.Config.__mro__[2] is not uvicorn.Config  # wrapped once, not twice


def test_every_fate_of_a_photo_has_words() -> None:
    for fate in Fate:
        line = ImportLine("IMG_0001.jpg", fate.value, "เหตุผล", "reason")
        assert line.text("th").startswith("IMG_0001.jpg: ")
        assert line.text("en").startswith("IMG_0001.jpg: ")
