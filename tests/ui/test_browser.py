"""The real app in a real browser: ``field-audit app --web`` driven by Playwright on Debian's
Chromium, offline (every request off this machine is refused), through the accessibility tree.
Each test saves screenshots under artifacts/screenshots/ for a person to look at.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from field_audit.device import open_device
from field_audit.domain.edition import load_bundled_edition
from field_audit.storage.audits import store_edition
from field_audit.storage.database import DATABASE_FILE
from field_audit.storage.demo import load_demo_data
from field_audit.ui.state.assignments import PAGE, first_page
from scripts.bench.year import add_middle_round_and_laos
from tests.ui.browser import CHROMIUM, LAPTOP, TABLET, RunningApp, Screen

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="needs Debian's Chromium at /usr/bin/chromium (apt-get install chromium)",
    ),
]


@pytest.fixture
def screen(browser: Browser, running: RunningApp) -> Iterator[Screen]:
    opened = Screen.open(browser, running.url)
    yield opened
    opened.close()


def saved(data_dir: Path) -> dict[str, tuple[str | None, str]]:
    """Criterion id -> (verdict, note) of the Chiang Mai audit, read straight from the file."""
    with sqlite3.connect(data_dir / DATABASE_FILE) as connection:
        rows = connection.execute(
            "SELECT f.criterion_id, f.verdict, f.note FROM finding f "
            "JOIN audit a ON a.id = f.audit_id WHERE a.assignment_id = 'a-cm'"
        ).fetchall()
    return {cid: (verdict, note) for cid, verdict, note in rows}


def open_chiang_mai(screen: Screen) -> None:
    screen.to_assignments()  # a new tab reopens the audit the inspector was on
    screen.text("เทศบาลนครเชียงใหม่").click()
    screen.see("ประเมินแล้ว")
    screen.button("B01 ผ่าน", exact=False).first.wait_for()


def test_first_run_asks_the_inspectors_name_and_position(browser: Browser, tmp_path: Path) -> None:
    app = RunningApp(tmp_path / "fresh", demo=False).start()
    screen = Screen.open(browser, app.url)
    try:
        screen.see("ยินดีต้อนรับ")
        screen.type_into(screen.textbox("ชื่อ-นามสกุล"), "นางสาวกานดา มีสุข")
        screen.type_into(screen.textbox("ตำแหน่ง"), "นักวิเคราะห์นโยบายและแผน")
        screen.shot("start-th-1280x800")
        screen.button("เริ่มใช้งาน").click()
        screen.see("กุญแจลงนามของผู้ตรวจประเมิน")  # then the signing key, made here
        passphrase = "ลานจอดรถ-2569"
        for name in ("รหัสผ่าน", "ยืนยันรหัสผ่านอีกครั้ง"):
            screen.type_into(screen.page.locator(f'input[aria-label="{name}"]'), passphrase)
        screen.button("สร้างกุญแจ").click()
        screen.see("ลายนิ้วมือกุญแจ", timeout=30_000)
        screen.type_into(screen.textbox("ที่อยู่ศูนย์ข้อมูลกลาง (ไม่บังคับ)"), "https://gecc.example")
        screen.button("บันทึกที่อยู่").click()
        screen.see("บันทึกที่อยู่แล้ว")
        screen.page.mouse.move(1, 400)
        screen.shot("key-first-run-th-1280x800")
        screen.button("ไปยังงานที่ได้รับมอบหมาย").click()
        screen.see("ยังไม่มีงานที่ได้รับมอบหมายในเครื่องนี้")
        screen.see("นางสาวกานดา มีสุข · นักวิเคราะห์นโยบายและแผน")
        with sqlite3.connect(tmp_path / "fresh" / DATABASE_FILE) as connection:
            stored = connection.execute(
                "SELECT name, position, central_url FROM inspector_profile"
            ).fetchall()
        assert stored == [("นางสาวกานดา มีสุข", "นักวิเคราะห์นโยบายและแผน", "https://gecc.example")]
        assert (tmp_path / "fresh" / "keys").is_dir()
    finally:
        screen.close()
        app.stop()


def test_the_assignments_appear_in_thai_and_can_be_searched(screen: Screen) -> None:
    screen.see("งานตรวจประเมินที่ได้รับมอบหมาย")
    for name in ("เทศบาลนครเชียงใหม่", "เมืองพัทยา", "เทศบาลเมืองกระบี่"):
        screen.see(name)
    screen.see("วันตรวจ 1 ธันวาคม 2569")  # Buddhist-era dates
    screen.see("ยังไม่เริ่ม")
    screen.see("ออฟไลน์")
    screen.shot("assignments-th-1280x800")
    screen.type_into(screen.textbox("ค้นหาชื่อ อปท. หรือจังหวัด"), "ขอนแก่น")
    screen.see("1 จาก 7 รายการ")
    screen.see("เทศบาลนครขอนแก่น")
    assert screen.page.get_by_text("เทศบาลนครเชียงใหม่").count() == 0
    assert all(not url.startswith("http://127.0.0.1") for url in screen.outside_requests)


def test_a_long_list_shows_what_fits_and_more_as_it_is_scrolled(
    browser: Browser, tmp_path: Path
) -> None:
    device = open_device(tmp_path / "long")
    load_demo_data(device.db, load_bundled_edition("gecc-2560"))
    middle = load_bundled_edition("gecc-2563")
    store_edition(device.db, middle)
    add_middle_round_and_laos(device.db, middle, audits=30)
    device.close()
    app = RunningApp(tmp_path / "long").start()
    screen = Screen.open(browser, app.url)
    try:
        height = LAPTOP[1]  # the screen's window
        first = first_page(height)
        screen.see(f"{first} จาก 30 รายการ")
        assert screen.page.get_by_text("เทศบาลนครเชียงใหม่").count() == 0  # on a later page
        more = screen.button(f"แสดงอีก {PAGE} รายการ (ยังไม่แสดง {30 - first})")
        box = more.bounding_box() if more.count() else None
        assert box is None or box["y"] >= height  # the first page fills the window
        screen.shot("assignments-first-page-th-1280x800")
        screen.reveal(screen.text("เทศบาลนครเชียงใหม่")).click()  # scrolling brings the rest
        screen.see("ประเมินแล้ว 0/60")
    finally:
        screen.close()
        app.stop()


def test_verdicts_move_the_score_and_english_is_one_switch_away(
    screen: Screen, running: RunningApp
) -> None:
    open_chiang_mai(screen)
    screen.see("ประเมินแล้ว 0/60")
    screen.shot("audit-th-1280x800")
    screen.button("B01 ผ่าน").click()
    screen.see("คะแนน 1/80")
    screen.see("ประเมินแล้ว 1/60")
    screen.button("B01 ผ่าน (เลือกแล้ว)").wait_for()
    screen.button("B02 ไม่ผ่าน").click()
    screen.see("ประเมินแล้ว 2/60")
    screen.see("ไม่ตรงกับผลของผู้ตรวจ")  # Chiang Mai claimed B02 met
    screen.see("คะแนน 1/80")
    screen.shot("audit-answered-th-1280x800")
    assert saved(running.data_dir) == {"B01": ("met", ""), "B02": ("not_met", "")}
    screen.button("Switch to English").click()
    screen.see("Score 1/80")
    screen.see("answered 2/60")
    screen.see("differs from your verdict")
    screen.button("B01 met (chosen)").wait_for()
    screen.press("B03 met")
    screen.see("Score 2/80")
    screen.shot("audit-en-1280x800")
    screen.button("เปลี่ยนเป็นภาษาไทย").click()
    screen.see("คะแนน 2/80")


def test_the_filters_show_what_is_left_to_do(screen: Screen) -> None:
    open_chiang_mai(screen)
    screen.button("B01 ไม่ผ่าน").click()
    screen.see("ไม่ผ่าน 1")
    screen.page.get_by_role("checkbox", name="ไม่ผ่าน 1").click()
    screen.button("B02 ผ่าน").wait_for(state="detached")
    assert screen.button("B01 ไม่ผ่าน (เลือกแล้ว)").count() == 1
    screen.page.get_by_role("checkbox", name="ต้องเพิ่มภาพ").click()
    screen.button("B02 ผ่าน").wait_for()
    assert screen.button("B01 ผ่าน").count() == 0  # B01 needs no photo


def test_every_answer_survives_a_killed_app(
    browser: Browser, running: RunningApp, screen: Screen
) -> None:
    open_chiang_mai(screen)
    answers = {"B01": "ผ่าน", "B02": "ไม่ผ่าน", "B03": "ผ่าน", "B04": "ผ่าน"}
    for criterion_id, word in answers.items():
        screen.press(f"{criterion_id} {word}")
        screen.button(f"{criterion_id} {word} (เลือกแล้ว)").wait_for()
        if criterion_id == "B01":  # while its card is on screen (cards below push it away)
            screen.type_into(screen.note_field("B01"), "มีรถสองแถวผ่านหน้าสำนักงาน")
    screen.see("คะแนน 3/80")
    # A verdict shows at once and is committed a moment later (one writer, in order; the note
    # after its pause): the kill comes once the file holds them all, as it does within moments.
    expected = {"B01": "met", "B02": "not_met", "B03": "met", "B04": "met"}
    wait_for(lambda: {cid: v for cid, (v, _note) in saved(running.data_dir).items()} == expected)
    wait_for(lambda: saved(running.data_dir)["B01"][1] != "")
    running.kill()
    assert {cid: v for cid, (v, _note) in saved(running.data_dir).items()} == expected
    assert saved(running.data_dir)["B01"][1] == "มีรถสองแถวผ่านหน้าสำนักงาน"
    screen.close()

    again = RunningApp(running.data_dir, port=running.port).start()
    reopened = Screen.open(browser, again.url)
    try:
        reopened.see("กำลังประเมิน")
        open_chiang_mai(reopened)
        reopened.see("คะแนน 3/80")
        reopened.see("ประเมินแล้ว 4/60")
        note = reopened.field_text(reopened.note_field("B01"))
        assert note == "มีรถสองแถวผ่านหน้าสำนักงาน"
        for criterion_id, word in answers.items():
            reopened.reveal(reopened.button(f"{criterion_id} {word} (เลือกแล้ว)"))
    finally:
        reopened.close()
        again.stop()


def test_errors_are_shown_in_words(screen: Screen, running: RunningApp) -> None:
    open_chiang_mai(screen)
    screen.press("B03 ผ่าน")
    screen.see("คะแนน 1/80")
    with sqlite3.connect(running.data_dir / DATABASE_FILE) as connection:
        connection.execute("UPDATE audit SET status = 'sealed'")  # sealed behind the app's back
    screen.press("B02 ผ่าน")
    screen.see("ผลการตรวจนี้ปิดผนึกแล้ว จึงแก้ไขไม่ได้")
    screen.see("คะแนน 1/80")  # the refused verdict is taken back
    assert screen.page.get_by_text("Traceback").count() == 0
    screen.shot("error-th-1280x800")
    screen.button("ปิดข้อความ").click()
    screen.page.get_by_text("ผลการตรวจนี้ปิดผนึกแล้ว").wait_for(state="detached")


def test_a_tablet_in_portrait_gets_the_score_above_the_criteria(
    browser: Browser, running: RunningApp
) -> None:
    screen = Screen.open(browser, running.url, TABLET)
    try:
        screen.see("เทศบาลนครเชียงใหม่")
        screen.shot("assignments-th-800x1280")
        open_chiang_mai(screen)
        score = screen.text("คะแนน 0/80").bounding_box()
        first = screen.button("B01 ผ่าน").bounding_box()
        assert score is not None
        assert first is not None
        assert score["y"] < first["y"]
        assert first["x"] + first["width"] <= TABLET[0]
        screen.button("B01 ผ่าน").click()
        screen.see("คะแนน 1/80")
        screen.shot("audit-th-800x1280")
        screen.page.set_viewport_size({"width": LAPTOP[0], "height": LAPTOP[1]})
        wait_for(lambda: beside(screen, "คะแนน 1/80", "B01 ผ่าน (เลือกแล้ว)"))
    finally:
        screen.close()


def beside(screen: Screen, score_text: str, button: str) -> bool:
    """Whether the score panel stands to the right of the criteria (the wide layout)."""
    score = screen.text(score_text).bounding_box()
    first = screen.button(button).bounding_box()
    return bool(score and first and score["x"] > first["x"] + first["width"])


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError("condition not met in time")
