"""A whole site visit in the real app and a real browser (Playwright on Debian's Chromium,
offline): every criterion answered, photos attached through the file chooser, the key made at
first need, the audit sealed with the passphrase and its sealed result verified in the device
database; then photos that survive a killed app. One app start serves the module (the last test
kills it and starts it again). Screenshots go to artifacts/screenshots/ for a person to look at.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import Browser, Locator

from field_audit.domain.edition import load_bundled_edition
from field_audit.storage.assignments import list_assignments
from field_audit.storage.audits import get_audit
from field_audit.storage.database import Database, open_database
from field_audit.storage.demo import DEMO_INSPECTOR_ID
from field_audit.storage.photos import photos_of
from field_audit.storage.sealed import SEALED_AUDIT, get_sealed
from sync.protocol.sealed import Envelope, from_envelope, verify_result
from tests.ui.browser import CHROMIUM, TABLET, RunningApp, Screen

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="needs Debian's Chromium at /usr/bin/chromium (apt-get install chromium)",
    ),
]

PASSPHRASE = "ลานจอดรถ-2569"
NOT_MET = ("A01", "A02")  # 40 basic + 18 advanced: 76 points, certified


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    app = RunningApp(tmp_path_factory.mktemp("visit") / "data").start()
    yield app
    app.stop()


@pytest.fixture(scope="module")
def photos(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Phone-like JPEGs (and one broken file, last) made here with Pillow."""
    folder = tmp_path_factory.mktemp("photos")
    made = []
    for seed in range(6):
        image = Image.new("RGB", (1600, 1200), (30 + 35 * seed, 110, 190 - 20 * seed))
        draw = ImageDraw.Draw(image)
        for step in range(25):
            x, y = (97 * step * (seed + 1)) % 1500, (61 * step + 40 * seed) % 1100
            draw.rectangle(
                (x, y, x + 140, y + 90), fill=(23 * step % 256, 9 * seed * step % 256, 80)
            )
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=85)
        made.append(folder / f"IMG_{seed + 1:04}.jpg")
        made[-1].write_bytes(buffer.getvalue())
    broken = folder / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    return [*made, broken]


@pytest.fixture(scope="module")
def phone_photos(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Four 6-megapixel JPEGs of about 5 MB each: more than 16 MiB picked at once."""
    folder = tmp_path_factory.mktemp("phone")
    made = []
    for seed in range(4):
        noise = Image.effect_noise((3000, 2000), 50 + seed)
        ramp = Image.linear_gradient("L").resize((3000, 2000))
        made.append(folder / f"DSC_{seed + 1:04}.jpg")
        Image.merge("RGB", (noise, ramp, noise)).save(made[-1], "JPEG", quality=95)
    assert sum(path.stat().st_size for path in made) > 16 * 1024 * 1024
    return made


def device(running: RunningApp) -> Database:
    return open_database(running.data_dir)


def secret(screen: Screen, name: str) -> Locator:
    """A passphrase field (Flutter writes it as an <input type=password> with its label)."""
    return screen.page.locator(f'flt-semantics-host input[aria-label="{name}"]')


def attach(screen: Screen, criterion_id: str, files: list[Path]) -> None:
    button = screen.reveal(screen.button(f"เพิ่มภาพ {criterion_id}"))
    with screen.page.expect_file_chooser() as chooser:
        button.click()
    chooser.value.set_files([str(path) for path in files])
    screen.see(f"{files[-1].name}:", timeout=30_000)


def to_top(screen: Screen) -> None:
    """Scroll the criteria back to the first (``Screen.reveal`` only scrolls down), then let
    the scrolling settle so that a tap is a tap."""
    screen.page.mouse.move(300, 500)
    for _ in range(20):
        screen.page.mouse.wheel(0, -3_000)
        screen.page.wait_for_timeout(50)
    screen.page.wait_for_timeout(600)


def open_audit_of(screen: Screen, name: str) -> None:
    screen.to_assignments()  # a new tab reopens the audit the inspector was on
    screen.text(name).click()
    screen.see("ประเมินแล้ว")


def wait_for(condition: Callable[[], bool], timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("condition not met in time")


def test_a_whole_site_visit_ends_in_a_verified_seal(
    browser: Browser, running: RunningApp, photos: list[Path]
) -> None:
    screen = Screen.open(browser, running.url)
    try:
        open_audit_of(screen, "เทศบาลนครเชียงใหม่")
        the_seal_summary_names_what_is_missing(screen)
        photos_with_progress_words_and_a_dialog(screen, running, photos)
        every_criterion_answered(screen, photos)
        sealed_with_a_key_made_at_first_need(screen)
        the_sealed_result_verifies(running)
        the_sealed_audit_is_read_only(browser, screen, running)
        screen.button("แก้ไข (เปิดฉบับแก้ไข)").click()
        screen.see("ฉบับที่ 2")
        screen.see("บันทึกอัตโนมัติทุกครั้งที่เปลี่ยน")  # a draft again
        assert screen.page.get_by_text("Traceback").count() == 0
        assert all(not url.startswith("http://127.0.0.1") for url in screen.outside_requests)
    finally:
        screen.close()


def the_seal_summary_names_what_is_missing(screen: Screen) -> None:
    screen.button("B01 ผ่าน").click()
    screen.see("คะแนน 1/80")
    screen.button("ปิดผนึกผลการประเมิน").click()
    screen.see("ยังปิดผนึกไม่ได้ ยังขาดอีก 83 รายการ")
    screen.see("ข้อ B02: ต้องมีภาพถ่ายประกอบอย่างน้อย 1 ภาพ")
    screen.page.mouse.move(1, 400)
    screen.shot("seal-missing-th-1280x800")
    screen.text("ข้อ B03: ต้องมีภาพถ่ายประกอบอย่างน้อย 1 ภาพ").click()  # jump to B03
    screen.see("แสดงเฉพาะข้อ B03")
    screen.button("B03 ผ่าน").wait_for()
    assert screen.button("B02 ผ่าน").count() == 0
    screen.page.get_by_role("checkbox", name="ทั้งหมด 60").click()
    screen.button("B02 ผ่าน").wait_for()


def photos_with_progress_words_and_a_dialog(
    screen: Screen, running: RunningApp, photos: list[Path]
) -> None:
    screen.press("B02 ผ่าน")
    attach(screen, "B02", [*photos[:4], photos[-1]])  # four photos and a broken file at once
    for name in ("IMG_0001.jpg", "IMG_0004.jpg"):
        screen.see(f"{name}: บันทึกแล้ว")
    screen.see("broken.jpg: ไม่รับภาพนี้ — ไฟล์ภาพไม่สมบูรณ์")
    screen.see("ภาพถ่าย 4 ภาพ")
    screen.see("ต้องเพิ่มภาพ 23")  # the filter's count follows
    screen.page.mouse.move(1, 400)
    screen.shot("audit-photos-th-1280x800")
    screen.reveal(screen.button("ภาพ B02 ที่ 4")).click()
    screen.see("ภาพประกอบข้อ B02 (4/4)")
    screen.button("ลบภาพ").click()
    screen.button("ยืนยันลบภาพ").click()
    screen.see("ภาพถ่าย 3 ภาพ")
    screen.button("Switch to English").click()
    to_top(screen)
    screen.reveal(screen.button("B02 photo 1")).click()
    screen.see("Photo for B02 (1/3)")
    screen.type_into(screen.textbox("Caption"), "ลานจอดรถด้านหน้า ประมาณ 40 คัน")
    wait_for(lambda: caption_of(running, "B02") == "ลานจอดรถด้านหน้า ประมาณ 40 คัน")
    screen.shot("photo-dialog-en-1280x800")
    screen.button("Close").click()
    screen.button("เปลี่ยนเป็นภาษาไทย").click()
    screen.see("ลานจอดรถด้านหน้า ประมาณ 40 คัน")  # under its thumbnail


def caption_of(running: RunningApp, criterion_id: str) -> str:
    db = device(running)
    try:
        audit_id = audit_of(db, "a-cm")
        return photos_of(db, audit_id, criterion_id)[0].caption
    finally:
        db.close()


def audit_of(db: Database, assignment_id: str) -> str:
    views = list_assignments(db, inspector_id=DEMO_INSPECTOR_ID)
    audit_id = next(v.audit_id for v in views if v.assignment_id == assignment_id)
    assert audit_id is not None
    return audit_id


def every_criterion_answered(screen: Screen, photos: list[Path]) -> None:
    edition = load_bundled_edition()
    points = 2  # B01 and B02 are met already
    for number, criterion in enumerate(edition.criteria):
        if criterion.id in ("B01", "B02"):
            continue
        word = "ไม่ผ่าน" if criterion.id in NOT_MET else "ผ่าน"
        screen.press(f"{criterion.id} {word}")
        screen.button(f"{criterion.id} {word} (เลือกแล้ว)").wait_for()
        points += 0 if criterion.id in NOT_MET else criterion.points
        if criterion.photo_required:
            attach(screen, criterion.id, [photos[number % 4]])
        if number % 15 == 0:
            screen.see(f"คะแนน {points}/80")
    screen.see("คะแนน 76/80")
    screen.see("ผ่านเกณฑ์")
    screen.see("ต้องเพิ่มภาพ 0")
    screen.see("ประเมินครบ")


def sealed_with_a_key_made_at_first_need(screen: Screen) -> None:
    screen.button("ปิดผนึกผลการประเมิน").click()
    screen.see("ประเมินครบทุกข้อแล้ว พร้อมปิดผนึก")
    screen.see("ยังไม่มีกุญแจลงนามในเครื่องนี้")  # the demo device has a profile, no key
    screen.button("สร้างกุญแจ").click()
    screen.type_into(secret(screen, "รหัสผ่าน"), "สั้นไป")
    screen.type_into(secret(screen, "ยืนยันรหัสผ่านอีกครั้ง"), "สั้นไป")
    screen.button("สร้างกุญแจ").click()
    screen.see("รหัสผ่านต้องยาวอย่างน้อย 8 ตัวอักษร")
    screen.type_into(secret(screen, "รหัสผ่าน"), PASSPHRASE)
    screen.type_into(secret(screen, "ยืนยันรหัสผ่านอีกครั้ง"), PASSPHRASE)
    screen.button("สร้างกุญแจ").click()
    screen.see("ลายนิ้วมือกุญแจ", timeout=30_000)
    screen.page.get_by_role("img", name="คิวอาร์โค้ดลงทะเบียนกุญแจ").wait_for()
    screen.page.mouse.move(1, 400)
    screen.shot("key-th-1280x800")
    screen.button("กลับไปปิดผนึกผลการประเมิน").click()
    screen.type_into(secret(screen, "รหัสผ่านกุญแจลงนาม"), "ผิดรหัส-12345")
    screen.button("ปิดผนึก").click()
    screen.see("รหัสผ่านไม่ถูกต้อง", timeout=30_000)
    screen.type_into(secret(screen, "รหัสผ่านกุญแจลงนาม"), PASSPHRASE)
    screen.button("ปิดผนึก").click()
    screen.see("ผลการตรวจนี้ปิดผนึกแล้ว แก้ไขไม่ได้", timeout=30_000)


def the_sealed_result_verifies(running: RunningApp) -> None:
    db = device(running)
    try:
        record = get_audit(db, audit_of(db, "a-cm"))
        assert record is not None
        assert record.status == "sealed"
        assert record.sealed_hash is not None
        stored = get_sealed(db, record.sealed_hash)
        assert stored is not None
        envelope = Envelope(signature=stored.signature, public_key=stored.public_key)
        audit = verify_result(from_envelope(stored.payload, envelope), expected_type=SEALED_AUDIT)
        assert audit.assignment_id == "a-cm"
        assert len(photos_of(db, record.id)) == 3 + 23
    finally:
        db.close()


def the_sealed_audit_is_read_only(browser: Browser, screen: Screen, running: RunningApp) -> None:
    screen.see("ปิดผนึกแล้ว")
    screen.see("ฉบับที่ 1")
    screen.see("รายงานผลการประเมินของท่าน (PDF)")  # the inspector's own report of the sealed audit
    assert screen.button("เพิ่มภาพ B02", exact=False).count() == 0
    to_top(screen)
    screen.reveal(screen.button("ภาพ B02 ที่ 1", exact=False)).click()  # its caption follows
    screen.see("ลานจอดรถด้านหน้า ประมาณ 40 คัน")
    assert screen.button("ลบภาพ").count() == 0
    screen.button("ปิด").click()
    screen.page.mouse.move(1, 400)
    screen.shot("audit-sealed-th-1280x800")
    tablet = Screen.open(browser, running.url, TABLET)
    try:
        open_audit_of(tablet, "เทศบาลนครเชียงใหม่")
        tablet.see("ผลการตรวจนี้ปิดผนึกแล้ว แก้ไขไม่ได้")
        tablet.reveal(tablet.button("ภาพ B02 ที่ 1", exact=False))
        tablet.page.mouse.move(1, 600)
        tablet.shot("audit-sealed-th-800x1280")
    finally:
        tablet.close()


def test_phone_photos_picked_at_once_survive_a_killed_app(
    browser: Browser, running: RunningApp, phone_photos: list[Path]
) -> None:
    screen = Screen.open(browser, running.url)
    try:
        open_audit_of(screen, "เทศบาลนครขอนแก่น")
        attach(screen, "B02", phone_photos)  # over 16 MiB in one go
        screen.see("ภาพถ่าย 4 ภาพ")
        db = device(running)
        try:
            audit_id = audit_of(db, "a-kk")
            wait_for(lambda: len(photos_of(db, audit_id, "B02")) == 4)
        finally:
            db.close()
    finally:
        screen.close()
    running.kill()
    again = RunningApp(running.data_dir, port=running.port).start()
    reopened = Screen.open(browser, again.url)
    try:
        open_audit_of(reopened, "เทศบาลนครขอนแก่น")
        reopened.see("ภาพถ่าย 4 ภาพ")
        for number in (1, 2, 3, 4):
            reopened.reveal(reopened.page.get_by_role("img", name=f"ภาพ B02 ที่ {number}"))
        reopened.button("ภาพ B02 ที่ 4").click()
        reopened.see("ภาพประกอบข้อ B02 (4/4)")
        reopened.see("2048×1365 พิกเซล")  # normalised: long edge 2048
    finally:
        reopened.close()
        again.stop()
