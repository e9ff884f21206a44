"""Taking a photo in the app (flet-camera in the web client, through the browser's camera):
Chromium's fake camera stands in for a tablet's, and the browser reports a position. The photo
is attached at once with the device's time and that position, and says so in its details.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

from field_audit.storage.database import open_database
from field_audit.storage.photos import photos_of
from tests.ui.browser import CHROMIUM, TABLET, RunningApp, Screen, launch_chromium
from tests.ui.test_browser_visit import audit_of, open_audit_of

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="needs Debian's Chromium at /usr/bin/chromium (apt-get install chromium)",
    ),
]

KHON_KAEN = (16.4419, 102.8360)


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Chromium with a fake camera (a test pattern), allowed without asking."""
    chromium = launch_chromium(playwright, fake_camera=True)
    yield chromium
    chromium.close()


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    app = RunningApp(tmp_path_factory.mktemp("camera") / "data").start()
    yield app
    app.stop()


def test_a_photo_taken_in_the_app_keeps_the_devices_time_and_position(
    browser: Browser, running: RunningApp
) -> None:
    screen = Screen.open(
        browser, running.url, TABLET, permissions=("camera", "geolocation"), geolocation=KHON_KAEN
    )
    try:
        open_audit_of(screen, "เทศบาลนครเชียงใหม่")
        before = datetime.now(UTC)
        screen.press("ถ่ายภาพ B02")
        screen.see("ถ่ายภาพประกอบข้อ B02")
        screen.see("ภาพที่ถ่ายจะแนบกับข้อนี้ทันที", timeout=30_000)  # the camera is up
        screen.shot("camera-th-800x1280")
        screen.button("ถ่าย").click()
        screen.see("ถ่ายและแนบแล้ว 1 ภาพ", timeout=30_000)
        after = datetime.now(UTC)
        screen.button("เสร็จ").click()
        screen.see("ภาพถ่ายในแอป")  # the import report names it
        db = open_database(running.data_dir)
        try:
            [photo] = photos_of(db, audit_of(db, "a-cm"), "B02")
        finally:
            db.close()
        assert photo.captured_from == "device"
        assert photo.captured_at is not None
        assert before <= photo.captured_at <= after
        assert (photo.gps_lat, photo.gps_lon) == pytest.approx(KHON_KAEN)
        screen.reveal(screen.button("ภาพ B02 ที่ 1")).click()
        screen.see("ถ่ายในแอป เวลาจากนาฬิกาของเครื่องนี้")
        screen.see("ตำแหน่ง 16.44190, 102.83600")
        screen.shot("camera-photo-details-th-800x1280")
    finally:
        screen.close()


def test_without_a_camera_the_dialog_says_to_pick_files(
    playwright: Playwright, running: RunningApp
) -> None:
    plain = launch_chromium(playwright)  # headless, no camera at all
    screen = Screen.open(plain, running.url, TABLET)
    try:
        open_audit_of(screen, "เทศบาลนครเชียงใหม่")
        screen.press("ถ่ายภาพ B03")
        screen.see("ใช้กล้องไม่ได้", timeout=30_000)
        assert screen.button("ถ่าย").is_disabled()
        screen.button("เสร็จ").click()
        with screen.page.expect_file_chooser() as chooser:
            screen.button("เพิ่มภาพ B03").click()
        # a tablet's browser offers its camera for a chooser that asks for images
        assert chooser.value.element.get_attribute("accept") == "image/*"
        assert chooser.value.is_multiple()
    finally:
        screen.close()
        plain.close()
