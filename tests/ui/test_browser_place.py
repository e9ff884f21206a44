"""The inspector's place and quicker answering in the real app and a real browser (Playwright
on Debian's Chromium, offline), at laptop (1280×800) and tablet (800×1280) sizes: a rotation
keeps the criterion at the top, a filter opens at its first item, a closed tab and a restart
reopen the same audit at the same criterion; next unanswered / next needing a photo, the
compact mode, the index, answered/total in the assignments and the note phrases written
before. Screenshots go to artifacts/screenshots/ for a person to look at.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from field_audit.storage.database import DATABASE_FILE
from tests.ui.browser import CHROMIUM, LAPTOP, TABLET, RunningApp, Screen

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="needs Debian's Chromium at /usr/bin/chromium (apt-get install chromium)",
    ),
]

SIZES = {"1280x800": LAPTOP, "800x1280": TABLET}
NOTE = "มีรถสองแถวผ่านหน้าสำนักงาน"
INDEX = "เปิดหรือปิดสารบัญรหัสข้อ"  # the index button, named with its state


def opened(browser: Browser, app: RunningApp, size: tuple[int, int]) -> Screen:
    return Screen.open(browser, app.url, size)


def open_audit(screen: Screen, name: str = "เทศบาลนครเชียงใหม่") -> None:
    screen.to_assignments()
    screen.text(name).click()
    screen.button(INDEX, exact=False).first.wait_for()


def place(screen: Screen) -> str | None:
    """The criterion the bar says the inspector is at."""
    found = re.search(r"อยู่ที่ข้อ (\w+)", screen.semantics_text())
    return found.group(1) if found else None


def on_top(screen: Screen, criterion_id: str) -> bool:
    """Whether this criterion's card is the first in view, just below the bar of jumps."""
    bar = screen.button(INDEX, exact=False).first.bounding_box()
    answer = screen.button(f"{criterion_id} ผ่าน", exact=False)
    box = answer.first.bounding_box() if answer.count() else None
    return bool(bar and box and bar["y"] < box["y"] < bar["y"] + bar["height"] + 260)


def wait_for(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    """Poll a condition on the page or the device (never a fixed pause)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


def setting(data_dir: Path, name: str) -> str | None:
    with sqlite3.connect(data_dir / DATABASE_FILE) as connection:
        row = connection.execute(
            "SELECT value FROM device_setting WHERE name = ?", (name,)
        ).fetchone()
    return row[0] if row else None


def note_of(data_dir: Path, assignment_id: str, criterion_id: str) -> str | None:
    with sqlite3.connect(data_dir / DATABASE_FILE) as connection:
        row = connection.execute(
            "SELECT f.note FROM finding f JOIN audit a ON a.id = f.audit_id "
            "WHERE a.assignment_id = ? AND f.criterion_id = ?",
            (assignment_id, criterion_id),
        ).fetchone()
    return row[0] if row else None


def wide(screen: Screen) -> bool:
    """The score panel beside the criteria (laptop) rather than above them (tablet)."""
    score = screen.text("คะแนน").bounding_box()
    bar = screen.button(INDEX, exact=False).first.bounding_box()
    return bool(score and bar and score["x"] > bar["x"] + 400)


@pytest.mark.parametrize(("start", "turned"), [("800x1280", "1280x800"), ("1280x800", "800x1280")])
def test_a_rotation_keeps_the_criterion_at_the_top(
    browser: Browser, running: RunningApp, start: str, turned: str
) -> None:
    screen = opened(browser, running, SIZES[start])
    try:
        open_audit(screen)
        screen.reveal(screen.button("B14 ผ่าน"))  # scrolled down by hand, as a finger would
        wait_for(lambda: place(screen) not in (None, "B01"))
        here = place(screen)
        assert here is not None  # the first card in view, perhaps partly scrolled off
        screen.shot(f"place-before-rotation-th-{start}")
        width, height = SIZES[turned]
        screen.page.set_viewport_size({"width": width, "height": height})
        wait_for(lambda: wide(screen) == (turned == "1280x800"))
        wait_for(lambda: on_top(screen, here))
        assert place(screen) == here
        assert screen.button("B01 ผ่าน").count() == 0 or not on_top(screen, "B01")
        screen.shot(f"place-after-rotation-th-{turned}")
    finally:
        screen.close()


@pytest.mark.parametrize("size", SIZES)
def test_a_filter_opens_at_its_first_item(browser: Browser, running: RunningApp, size: str) -> None:
    screen = opened(browser, running, SIZES[size])
    try:
        open_audit(screen)
        screen.button("B01 ผ่าน").click()
        screen.see("ยังไม่ประเมิน 59")
        screen.reveal(screen.button("B16 ผ่าน"))
        wait_for(lambda: place(screen) not in (None, "B01"))
        screen.page.get_by_role("checkbox", name="ยังไม่ประเมิน 59").click()
        wait_for(lambda: on_top(screen, "B02"))
        assert place(screen) == "B02"
        screen.shot(f"place-filter-unanswered-th-{size}")
        screen.page.get_by_role("checkbox", name="ต้องเพิ่มภาพ 24").click()
        wait_for(lambda: on_top(screen, "B02"))
        screen.reveal(screen.button("B09 ผ่าน"))
        screen.page.get_by_role("checkbox", name="ทั้งหมด 60").click()
        wait_for(lambda: on_top(screen, "B01"))
        assert place(screen) == "B01"
    finally:
        screen.close()


def test_a_closed_tab_and_a_restart_reopen_the_same_criterion(
    browser: Browser, running: RunningApp
) -> None:
    screen = opened(browser, running, TABLET)
    try:
        open_audit(screen)
        screen.button("เปิดหรือปิดสารบัญรหัสข้อ (ปิดอยู่)").click()
        screen.button("ไปที่ข้อ A05 (", exact=False).click()
        wait_for(lambda: on_top(screen, "A05"))
        wait_for(
            lambda: (
                setting(running.data_dir, "place") == '{"assignment": "a-cm", "criterion": "A05"}'
            )
        )
    finally:
        screen.close()
    reopened = opened(browser, running, LAPTOP)
    try:
        wait_for(lambda: reopened.button("A05 ผ่าน").count() > 0 and on_top(reopened, "A05"), 40)
        assert place(reopened) == "A05"
        reopened.shot("place-reopened-tab-th-1280x800")
    finally:
        reopened.close()
    running.stop()
    again = RunningApp(running.data_dir, port=running.port).start()
    restarted = opened(browser, again, TABLET)
    try:
        wait_for(lambda: restarted.button("A05 ผ่าน").count() > 0 and on_top(restarted, "A05"), 40)
        restarted.see("เทศบาลนครเชียงใหม่")
        restarted.shot("place-restarted-th-800x1280")
        restarted.button("กลับไปหน้ารายการ").click()
        restarted.see("งานตรวจประเมินที่ได้รับมอบหมาย")
        wait_for(lambda: setting(running.data_dir, "place") is None)
    finally:
        restarted.close()
        again.stop()


@pytest.mark.parametrize("size", SIZES)
def test_next_unanswered_next_photo_the_index_and_the_compact_mode(
    browser: Browser, running: RunningApp, size: str
) -> None:
    screen = opened(browser, running, SIZES[size])
    try:
        open_audit(screen)
        screen.button("B01 ผ่าน").click()
        screen.button("B01 ผ่าน (เลือกแล้ว)").wait_for()
        screen.button("ไปยังข้อถัดไปที่ยังไม่ประเมิน (เหลือ 59 ข้อ)").click()
        wait_for(lambda: place(screen) == "B02" and on_top(screen, "B02"))
        screen.button("B02 ไม่ผ่าน").click()
        screen.button("ไปยังข้อถัดไปที่ยังไม่ประเมิน (เหลือ 58 ข้อ)").click()
        wait_for(lambda: place(screen) == "B03" and on_top(screen, "B03"))
        screen.button("ไปยังข้อถัดไปที่ยังต้องเพิ่มภาพถ่าย (เหลือ 24 ข้อ)").click()
        wait_for(lambda: place(screen) == "B04" and on_top(screen, "B04"))
        screen.shot(f"quick-next-th-{size}")

        screen.button("เปิดหรือปิดสารบัญรหัสข้อ (ปิดอยู่)").click()
        screen.button("ไปที่ข้อ B01 (ประเมินแล้ว)").wait_for()
        screen.button("ไปที่ข้อ A12 (ยังไม่ประเมิน)").wait_for()
        screen.shot(f"quick-index-th-{size}")
        screen.button("ไปที่ข้อ A12 (ยังไม่ประเมิน)").click()
        wait_for(lambda: place(screen) == "A12" and on_top(screen, "A12"))
        assert screen.button("ไปที่ข้อ B01 (ประเมินแล้ว)").count() == 0  # the index folds away

        tall = screen.button("A12 ผ่าน").bounding_box()
        screen.button("แสดงแบบย่อ: สิ่งที่ตรวจเหลือบรรทัดเดียว (ปิดอยู่)").click()
        screen.button("แสดงแบบย่อ: สิ่งที่ตรวจเหลือบรรทัดเดียว (เปิดอยู่)").wait_for()
        wait_for(lambda: setting(running.data_dir, "audit.compact") == "on")
        wait_for(lambda: on_top(screen, "A12"))
        assert place(screen) == "A12"
        short = screen.button("A12 ผ่าน").bounding_box()
        assert tall is not None
        assert short is not None
        screen.shot(f"quick-compact-th-{size}")
    finally:
        screen.close()


@pytest.mark.parametrize("size", SIZES)
def test_answered_of_total_in_the_assignments_and_phrases_written_before(
    browser: Browser, running: RunningApp, size: str
) -> None:
    screen = opened(browser, running, SIZES[size])
    try:
        open_audit(screen)
        screen.button("B01 ผ่าน").click()
        screen.button("B02 ไม่ผ่าน").click()
        screen.see("ประเมินแล้ว 2/60")
        screen.type_into(screen.note_field("B01"), NOTE)
        wait_for(lambda: note_of(running.data_dir, "a-cm", "B01") == NOTE)
        screen.button("กลับไปหน้ารายการ").click()
        screen.see("ประเมินแล้ว 2/60 ข้อ")
        screen.shot(f"assignments-answered-th-{size}")

        open_audit(screen, "เทศบาลนครขอนแก่น")
        phrase = screen.button(f"B01 แทรกข้อความ: {NOTE}")
        phrase.wait_for()
        screen.page.mouse.move(1, 400)
        screen.shot(f"note-phrase-offered-th-{size}")
        phrase.click()
        wait_for(lambda: note_of(running.data_dir, "a-kk", "B01") == NOTE)
        screen.button(f"B01 แทรกข้อความ: {NOTE}").wait_for(state="detached")
        assert screen.field_text(screen.note_field("B01")) == NOTE
        screen.page.mouse.move(1, 400)
        screen.shot(f"note-phrase-inserted-th-{size}")
        screen.button("Switch to English").click()
        screen.see("Next unanswered")
        screen.shot(f"quick-en-{size}")
    finally:
        screen.close()


def test_a_restart_finds_the_criterion_below_cards_taller_than_the_rest(
    browser: Browser, running: RunningApp
) -> None:
    """Cards with evidence records are taller than the first one measured: the first estimate
    falls short, and the list finds the criterion from a card built on the way."""
    screen = opened(browser, running, LAPTOP)
    try:
        open_audit(screen)
    finally:
        screen.close()
    running.stop()
    with sqlite3.connect(running.data_dir / DATABASE_FILE) as connection:
        (audit_id,) = connection.execute("SELECT id FROM audit").fetchone()
        connection.executemany(
            "INSERT INTO evidence_record (id, audit_id, criterion_id, kind, text, position, "
            "recorded_by, recorded_at) VALUES (?, ?, ?, 'observation', ?, ?, 'insp', "
            "'2026-12-01T03:00:00+00:00')",
            [
                (f"r-{n}-{i}", audit_id, f"B{n:02}", f"ข้อสังเกตที่ {i} ของข้อ B{n:02}", i)
                for n in range(2, 41)
                for i in range(4)
            ],
        )
        connection.execute(
            "UPDATE device_setting SET value = ? WHERE name = 'place'",
            ('{"assignment": "a-cm", "criterion": "A10"}',),
        )
    again = RunningApp(running.data_dir, port=running.port).start()
    restarted = opened(browser, again, TABLET)
    try:
        wait_for(lambda: restarted.button("A10 ผ่าน").count() > 0 and on_top(restarted, "A10"), 40)
        assert place(restarted) == "A10"
        restarted.shot("place-restarted-tall-cards-th-800x1280")
    finally:
        restarted.close()
        again.stop()
