"""The committee and certificate screens in a real browser, on one app start: the chair picks a
member's bundle in the file chooser; the two members still awaited hold back the score and the
seal until the chair records them absent with reasons; the chair sees the dispute, rules with a
reason, sees the committee's score (ผ่านเกณฑ์: a finding, never "certified") and seals it; a
certificate's QR picture is checked (valid, then revoked). Screenshots go to
artifacts/screenshots/ for a person to look at.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator

from field_audit.domain.edition import load_bundled_edition
from field_audit.evidence.qr import certificate_qr_png
from field_audit.evidence.qr_decode import decode_qr_texts
from field_audit.storage.database import DATABASE_FILE
from tests.ui.browser import CHROMIUM, TABLET, RunningApp, Screen
from tests.ui.certificate_samples import REVOKED_REASON, hold_on, make_samples, trust_on
from tests.ui.committee_devices import KEY_PASSPHRASE, chair_device, member_bundle

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="needs Debian's Chromium at /usr/bin/chromium (apt-get install chromium)",
    ),
]


@dataclass(frozen=True)
class Prepared:
    app: RunningApp
    bundle: Path
    valid_png: Path
    revoked_png: Path


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Prepared]:
    """The chair's device (its own audit sealed, the trust list loaded, two LAOs' certificates
    held), a member's bundle, two certificate QR pictures; then one app start for the module."""
    folder = tmp_path_factory.mktemp("committee")
    edition = load_bundled_edition()
    chair = chair_device(folder / "data", edition)
    samples = make_samples(folder / "central")
    trust_on(chair.db, samples)
    hold_on(chair.db, samples)
    bundle = member_bundle(folder / "member", edition, folder / "member-somchai.gecc", chair=chair)
    chair.db.close()
    valid_png, revoked_png = folder / "valid.png", folder / "pattaya.png"
    valid_png.write_bytes(certificate_qr_png(samples.valid.qr_text))
    revoked_png.write_bytes(certificate_qr_png(samples.revoked.qr_text))
    app = RunningApp(folder / "data", demo=False).start()
    yield Prepared(app, bundle, valid_png, revoked_png)
    app.stop()


def bring_to_top(screen: Screen, locator: Locator) -> None:
    """Scroll until ``locator`` is just under the app bar (for a screenshot that shows it)."""
    screen.reveal(locator)
    screen.page.mouse.move(300, 500)
    for _ in range(30):
        box = locator.first.bounding_box()
        if box is None or box["y"] < 140:
            break
        screen.page.mouse.wheel(0, 80)
        screen.page.wait_for_timeout(80)
    screen.page.wait_for_timeout(300)


def settled_shot(screen: Screen, name: str) -> None:
    """A screenshot once the last change has been painted too (the accessibility tree can run
    ahead of the picture when both cores are busy)."""
    screen.page.wait_for_timeout(800)
    screen.shot(name)


def outbox_kinds(data_dir: Path) -> list[str]:
    with sqlite3.connect(data_dir / DATABASE_FILE) as connection:
        rows = connection.execute("SELECT kind FROM outbox ORDER BY id").fetchall()
    return [kind for (kind,) in rows]


def test_the_chair_imports_a_bundle_rules_on_the_dispute_and_seals(
    browser: Browser, prepared: Prepared
) -> None:
    screen = Screen.open(browser, prepared.app.url)
    page = screen.page
    try:
        screen.see("เทศบาลนครเชียงใหม่")
        screen.button("ผลของคณะกรรมการ เทศบาลนครเชียงใหม่").click()
        screen.see("ผลการตรวจของคณะกรรมการ")
        screen.see("ท่านเป็นประธานคณะกรรมการชุดนี้")
        with page.expect_file_chooser() as chooser:
            screen.button("นำเข้าชุดข้อมูลของกรรมการ").click()
        chooser.value.set_files(prepared.bundle)
        screen.see("นำเข้าแล้ว: member-somchai.gecc")
        screen.see("กรรมการ 4 คน: นับผลแล้ว 2 · ไม่มา 0 · รอผล 2")
        screen.see("ยังนับกรรมการไม่ครบ รอผลของ")  # no score and no "all agree" yet
        screen.see("ยังปิดผนึกไม่ได้: ต้องนับกรรมการให้ครบทุกคนก่อน")
        assert screen.page.get_by_text("คะแนนของคณะกรรมการ 78").count() == 0
        bring_to_top(screen, screen.text("กรรมการและผลการตรวจ"))
        settled_shot(screen, "committee-awaited-th-1280x800")

        screen.press("บันทึกว่า นางวราภรณ์ ทองคำ ไม่มา")  # no reason typed
        screen.see("กรุณาระบุเหตุผลที่กรรมการไม่มา")
        for name, why in (("นางวราภรณ์ ทองคำ", "ลาป่วย"), ("นายธนากร วงศ์ไทย", "ติดราชการต่างจังหวัด")):
            field = screen.reveal(screen.textbox(f"เหตุผลที่ {name} ไม่มา"))
            screen.type_into(field, why)
            screen.press(f"บันทึกว่า {name} ไม่มา")
            screen.see(f"ไม่มา — เหตุผล: {why}")
        screen.see("ครบองค์ประชุม: นับผลได้ 2 จาก 4 คน (ต้องมีอย่างน้อย 2 คน)")
        bring_to_top(screen, screen.text("กรรมการและผลการตรวจ"))
        settled_shot(screen, "committee-absent-th-1280x800")
        screen.see("ข้อที่กรรมการเห็นต่างกัน (2 ข้อ)")
        screen.see("นายสมชาย ใจดี: ไม่ผ่าน")  # B07: who said what
        screen.press("A03 วินิจฉัยว่าผ่าน")  # no reason typed
        screen.see("กรุณาระบุเหตุผลของการวินิจฉัย")
        reason = screen.reveal(screen.textbox("เหตุผลของประธาน (B07)"))
        screen.type_into(reason, "ป้ายบอกทางครบทุกจุดตามที่เห็นในวันตรวจ")
        screen.press("B07 วินิจฉัยว่าผ่าน")
        screen.see("ประธานวินิจฉัย: ผ่าน — เหตุผล: ป้ายบอกทางครบทุกจุดตามที่เห็นในวันตรวจ")
        bring_to_top(screen, screen.text("ข้อที่กรรมการเห็นต่างกัน"))
        settled_shot(screen, "committee-dispute-th-1280x800")

        screen.type_into(
            screen.reveal(screen.textbox("เหตุผลของประธาน (A03)")), "ไม่มีแบบสำรวจความต้องการ"
        )
        screen.press("A03 วินิจฉัยว่าไม่ผ่าน")
        screen.see("คะแนน 78/80")
        screen.see("ผ่านเกณฑ์")
        assert screen.page.get_by_text("ผ่านการรับรอง").count() == 0
        screen.type_into(screen.reveal(screen.textbox("รหัสผ่านกุญแจของผู้ตรวจ")), KEY_PASSPHRASE)
        screen.press("ปิดผนึกผลของคณะกรรมการ")
        screen.see("ปิดผนึกผลของคณะกรรมการแล้ว โดย นางสาวพิมพ์ชนก ศรีสวัสดิ์")
        assert outbox_kinds(prepared.app.data_dir) == ["gecc.sealed-audit", "gecc.committee-result"]
        screen.button("ปิดผนึกผลของคณะกรรมการ").wait_for(state="detached")
        settled_shot(screen, "committee-sealed-th-1280x800")

        with page.expect_download() as download:
            screen.press("ส่งออกผลของคณะกรรมการ (.gecc)")
        assert download.value.suggested_filename == "gecc-cm-city-committee-r1.gecc"
        exported = prepared.app.data_dir / "exports" / "gecc-cm-city-committee-r1.gecc"
        screen.see("บันทึกไฟล์แล้วที่")
        assert exported.exists()

        screen.button("Switch to English").click()
        screen.see("Where members disagree (2)")
        bring_to_top(screen, screen.text("Where members disagree"))
        settled_shot(screen, "committee-en-1280x800")
    finally:
        screen.close()


def test_a_certificate_picture_is_checked_valid_then_revoked(
    browser: Browser, prepared: Prepared
) -> None:
    screen = Screen.open(browser, prepared.app.url)
    page = screen.page
    try:
        screen.see("เทศบาลนครเชียงใหม่")
        screen.button("ตรวจใบรับรอง").click()
        screen.see("ตรวจสอบใบรับรองศูนย์ราชการสะดวก")
        with page.expect_file_chooser() as chooser:
            screen.button("เลือกรูปรหัส QR").click()
        chooser.value.set_files(prepared.valid_png)
        screen.see("ใบรับรอง GECC-2570-30-0007 ของศูนย์ราชการสะดวก")
        screen.see("14 มีนาคม 2573")  # valid until, in พ.ศ.
        settled_shot(screen, "certificate-valid-th-1280x800")
        with page.expect_file_chooser() as chooser:
            screen.button("เลือกรูปรหัส QR").click()
        chooser.value.set_files(prepared.revoked_png)
        screen.see("ใบรับรอง GECC-2570-20-0011 ของศูนย์ราชการสะดวก เมืองพัทยา ถูกเพิกถอน")
        screen.see(REVOKED_REASON)
        settled_shot(screen, "certificate-revoked-th-1280x800")
        screen.button("Switch to English").click()
        screen.see("Certificate GECC-2570-20-0011 of ศูนย์ราชการสะดวก เมืองพัทยา was revoked")
        settled_shot(screen, "certificate-revoked-en-1280x800")
    finally:
        screen.close()


def test_the_certificates_of_the_inspectors_laos_show_their_status_and_qr_code(
    browser: Browser, prepared: Prepared
) -> None:
    screen = Screen.open(browser, prepared.app.url)
    try:
        screen.see("เทศบาลนครเชียงใหม่")
        screen.button("ตรวจใบรับรอง").click()
        screen.see("ใบรับรองของ อปท. ที่ได้รับมอบหมาย")
        screen.see("เมืองพัทยา")
        screen.see("ถูกเพิกถอน")
        screen.press("แสดงรหัส QR GECC-2570-30-0007")
        screen.see("ใบรับรองที่ศูนย์ข้อมูลกลางออกให้ อปท. ที่ได้รับมอบหมาย")
        screen.see("ใบรับรอง GECC-2570-30-0007 ของศูนย์ราชการสะดวก")
        screen.reveal(screen.page.get_by_role("img", name="รหัส QR ของใบรับรอง GECC-2570-30-0007"))
        settled_shot(screen, "certificate-held-th-1280x800")
        shown = decode_qr_texts(screen.page.screenshot())
        assert shown == decode_qr_texts(prepared.valid_png.read_bytes())  # its own QR code
    finally:
        screen.close()


def test_the_certificate_screen_fits_a_tablet_in_portrait(
    browser: Browser, prepared: Prepared
) -> None:
    screen = Screen.open(browser, prepared.app.url, TABLET)
    page = screen.page
    try:
        screen.see("เทศบาลนครเชียงใหม่")
        screen.button("ตรวจใบรับรอง").click()
        with page.expect_file_chooser() as chooser:
            screen.button("เลือกรูปรหัส QR").click()
        chooser.value.set_files(prepared.valid_png)
        screen.see("ใบรับรอง GECC-2570-30-0007 ของศูนย์ราชการสะดวก")
        settled_shot(screen, "certificate-valid-th-800x1280")
    finally:
        screen.close()
