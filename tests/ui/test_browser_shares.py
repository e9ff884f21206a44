"""A committee that shares the work, in a real browser, on the later standard (the demo's
current round): the chair, the expert and the OPDC representative each assess their share of
the visit to Pattaya. The chair answers the graded outcome items of their own share on screen,
records an interview (the PDPA refusal first), a recommendation, and seals the share; imports
the two members' sealed shares from their bundles; records the joint secretary absent; writes
the committee's recommendation and seals the committee's result. Screenshots in Thai (one in
English) go to artifacts/screenshots/ for a person to look at.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import Browser
from sqlmodel import delete, select

from field_audit.domain.edition import load_bundled_edition
from field_audit.domain.shares import share_of
from field_audit.seal.bundles import export_bundle
from field_audit.seal.sealing import seal_audit
from field_audit.storage.database import open_database
from field_audit.storage.demo import DEMO_INSPECTOR_ID
from field_audit.storage.models import InspectorProfile, SealedResultRecord, now_utc
from sync.protocol.sealed import CommitteeResult, parse_result
from tests.seal.conftest import PASSPHRASE, attach_fake_photo, complete_audit
from tests.seal.test_bundles import Device
from tests.ui.browser import CHROMIUM, RunningApp, Screen

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="needs Debian's Chromium at /usr/bin/chromium (apt-get install chromium)",
    ),
]

LATER = load_bundled_edition("gecc-2563")
VISIT = "a-pattaya"
CHAIR = ("insp-pimchanok", "นางสาวพิมพ์ชนก ศรีสวัสดิ์")
OPDC = ("insp-waraporn", "นางวราภรณ์ ทองคำ")
SECRETARY = "นายธนากร วงศ์ไทย"
OUTCOMES = tuple(f"O{i}" for i in range(1, 7))
VALID_ID = "1101700203450"  # made up; its check digit agrees, so it reads as an ID number


@dataclass(frozen=True)
class Prepared:
    app: RunningApp
    bundles: list[Path]


def picture(seed: int) -> bytes:
    """A small real JPEG, so that the thumbnails on screen are pictures."""
    image = Image.new("RGB", (640, 480), (40 + 11 * seed % 200, 120, 200 - 7 * seed % 150))
    draw = ImageDraw.Draw(image)
    draw.rectangle((40 + seed * 9 % 300, 60, 300 + seed * 7 % 200, 300), fill=(230, 200, 90))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def become(device: Device, inspector: tuple[str, str]) -> None:
    with device.db.session() as session:
        session.exec(delete(InspectorProfile))
        session.add(InspectorProfile(id=inspector[0], name=inspector[1], created_at=now_utc()))
        session.commit()


def member_share_bundle(folder: Path, inspector: tuple[str, str], chair: Device) -> Path:
    """A member's device seals their share of the visit and exports it."""
    device = Device(folder / inspector[0], LATER)
    if inspector[0] != DEMO_INSPECTOR_ID:
        become(device, inspector)
    chair.enrol(inspector[0], device.key.public_key)
    audit_id = complete_audit(
        device.db, LATER, VISIT, store=device.store, inspector_id=inspector[0]
    )
    signed = seal_audit(device.db, audit_id, device.key)
    bundle = export_bundle(device.db, device.store, signed.hash, folder / f"{inspector[0]}.gecc")
    device.db.close()
    return bundle


def chairs_device(folder: Path) -> Device:
    """The chair's device: the demo on the later standard, the chair's profile and key, and
    the physical checklist of the chair's share already answered with pictures; the graded
    outcome items are left for the test."""
    chair = Device(folder, LATER)
    become(chair, CHAIR)
    chair.enrol(CHAIR[0], chair.key.public_key)
    audit_id = complete_audit(
        chair.db, LATER, VISIT, inspector_id=CHAIR[0], unanswered=OUTCOMES, store=chair.store
    )
    with chair.db.session() as session:  # real pictures in place of the helper's bytes
        from field_audit.storage.models import PhotoRecord

        session.exec(delete(PhotoRecord).where(PhotoRecord.audit_id == audit_id))
        session.commit()
    for seed, criterion in enumerate(c for c in LATER.criteria if c.photo_required):
        if criterion.block in ("physical", "outcome"):
            attach_fake_photo(chair.db, audit_id, criterion.id, picture(seed), chair.store)
    return chair


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Prepared]:
    folder = tmp_path_factory.mktemp("shares")
    chair = chairs_device(folder / "data")
    bundles = [
        member_share_bundle(folder, (DEMO_INSPECTOR_ID, "นายสมชาย ใจดี"), chair),
        member_share_bundle(folder, OPDC, chair),
    ]
    chair.db.close()
    app = RunningApp(folder / "data", demo=False, demo_edition="gecc-2563").start()
    yield Prepared(app, bundles)
    app.stop()


def settled_shot(screen: Screen, name: str) -> None:
    screen.page.wait_for_timeout(800)
    screen.shot(name)


def secret(screen: Screen, name: str):  # type: ignore[no-untyped-def]
    return screen.page.locator(f'flt-semantics-host input[aria-label="{name}"]')


def test_a_committee_that_shares_the_work_seals_the_committees_result(
    browser: Browser, prepared: Prepared
) -> None:
    screen = Screen.open(browser, prepared.app.url)
    try:
        the_chair_sees_their_share(screen)
        the_chair_answers_the_graded_items(screen)
        the_chair_records_an_interview_and_a_recommendation(screen)
        the_chair_seals_the_share(screen)
        the_committee_puts_the_shares_together(screen, prepared)
        the_committee_result_counts_every_share(prepared.app.data_dir)
    finally:
        screen.close()


def the_chair_sees_their_share(screen: Screen) -> None:
    screen.see("เมืองพัทยา")
    screen.text("เมืองพัทยา").click()
    screen.see("ส่วนที่ท่านประเมิน 20 จาก 62 ข้อ (ตามที่ประธานแบ่งงาน)")
    screen.see("ประเมินแล้ว 14/20")
    screen.see("รายการตรวจด้านกายภาพ")
    assert screen.button("Q01 ผ่าน").count() == 0  # the expert's share is not listed
    settled_shot(screen, "share-audit-th-1280x800")


def the_chair_answers_the_graded_items(screen: Screen) -> None:
    screen.page.get_by_role("checkbox", name="ยังไม่ประเมิน 6").click()
    screen.see("ให้คะแนนตามระดับ 0–5")
    screen.press("O1 ได้ 4 คะแนน")
    screen.button("O1 ได้ 4 คะแนน (เลือกแล้ว)").wait_for()
    settled_shot(screen, "share-graded-th-1280x800")
    for criterion_id in OUTCOMES[1:]:
        screen.press(f"{criterion_id} ได้ 5 คะแนน")
    screen.see("ด้านผลลัพธ์ 29/30 คะแนน")
    screen.see("ประเมินแล้ว 20/20")


def to_top(screen: Screen) -> None:
    """Scroll the criteria back to the first (``Screen.reveal`` only scrolls down)."""
    screen.page.mouse.move(300, 500)
    for _ in range(20):
        screen.page.mouse.wheel(0, -3_000)
        screen.page.wait_for_timeout(50)
    screen.page.wait_for_timeout(600)


def the_chair_records_an_interview_and_a_recommendation(screen: Screen) -> None:
    screen.page.get_by_role("checkbox", name="ทั้งหมด 20").click()
    to_top(screen)
    screen.press("บันทึกการสัมภาษณ์ข้อ O1")
    screen.see("บันทึกการสัมภาษณ์ ข้อ O1")
    summary = screen.textbox("สรุปการสัมภาษณ์")
    screen.type_into(summary, f"ผู้รับบริการเลขประจำตัว {VALID_ID} พอใจมาก")
    screen.button("บันทึก").click()
    screen.see("ซึ่งเป็นข้อมูลส่วนบุคคล")  # refused in the dialog, nothing written
    settled_shot(screen, "share-interview-pdpa-th-1280x800")
    screen.type_into(summary, "ผู้รับบริการพอใจ รอคิวไม่เกิน 10 นาที")
    screen.button("บันทึก").click()
    screen.see("ประชาชนผู้รับบริการ: ผู้รับบริการพอใจ รอคิวไม่เกิน 10 นาที")
    field = screen.reveal(
        screen.page.get_by_role("group", name="O1 ข้อเสนอแนะ").get_by_role("textbox")
    )
    screen.type_into(field, "ควรสำรวจความพึงพอใจทุกไตรมาส")
    settled_shot(screen, "share-records-th-1280x800")


def the_chair_seals_the_share(screen: Screen) -> None:
    screen.button("ปิดผนึกผลการประเมิน").click()
    screen.see("ผลรวมของศูนย์จะได้เมื่อคณะกรรมการรวมผลของทุกคน")
    overall = screen.textbox("ข้อเสนอแนะโดยรวมต่อ อปท.")
    screen.type_into(overall, "ควรพัฒนาระบบคิวออนไลน์ให้ใช้ได้ทุกงานบริการ")
    screen.type_into(secret(screen, "รหัสผ่านกุญแจลงนาม"), PASSPHRASE)
    screen.button("ปิดผนึก").click()
    screen.see("ผลการตรวจนี้ปิดผนึกแล้ว แก้ไขไม่ได้", timeout=30_000)


def the_committee_puts_the_shares_together(screen: Screen, prepared: Prepared) -> None:
    screen.button("กลับไปหน้ารายการ").click()
    screen.button("ผลของคณะกรรมการ เมืองพัทยา").click()
    screen.see("ท่านเป็นประธานคณะกรรมการชุดนี้")
    with screen.page.expect_file_chooser() as chooser:
        screen.button("นำเข้าชุดข้อมูลของกรรมการ").click()
    chooser.value.set_files([str(path) for path in prepared.bundles])
    screen.see("กรรมการ 4 คน: นับผลแล้ว 3 · ไม่มา 0 · รอผล 1")
    screen.see("ประเมินตามส่วนที่ได้รับ 20 ข้อ")
    screen.see("ผู้แทนสำนักงาน ก.พ.ร.")
    field = screen.reveal(screen.textbox(f"เหตุผลที่ {SECRETARY} ไม่มา"))
    screen.type_into(field, "ติดราชการต่างจังหวัด")
    screen.press(f"บันทึกว่า {SECRETARY} ไม่มา")
    screen.see("ครบองค์ประชุม: นับผลได้ 3 จาก 4 คน")
    screen.see("คะแนน 99/100")
    screen.see("ผ่านเกณฑ์ · ระดับเป็นเลิศ (สีทอง)")
    screen.see("ควรพัฒนาระบบคิวออนไลน์ให้ใช้ได้ทุกงานบริการ")  # the chair's own, as suggested
    overall = screen.reveal(screen.textbox("ข้อเสนอแนะของคณะกรรมการ ข้อเสนอแนะโดยรวม"))
    screen.type_into(overall, "ควรพัฒนาระบบคิวออนไลน์และสำรวจความพึงพอใจทุกไตรมาส")
    screen.page.keyboard.press("Tab")  # leaving the field saves it
    settled_shot(screen, "committee-shares-th-1280x800")
    screen.type_into(screen.reveal(screen.textbox("รหัสผ่านกุญแจของผู้ตรวจ")), PASSPHRASE)
    screen.press("ปิดผนึกผลของคณะกรรมการ")
    screen.see("ปิดผนึกผลของคณะกรรมการแล้ว โดย นางสาวพิมพ์ชนก ศรีสวัสดิ์", timeout=30_000)
    settled_shot(screen, "committee-shares-sealed-th-1280x800")
    screen.button("Switch to English").click()
    screen.see("Recommendations to the LAO")
    settled_shot(screen, "committee-shares-en-1280x800")


def the_committee_result_counts_every_share(data_dir: Path) -> None:
    db = open_database(data_dir)
    try:
        with db.session() as session:
            rows = session.exec(
                select(SealedResultRecord).where(SealedResultRecord.kind == "gecc.committee-result")
            ).all()
    finally:
        db.close()
    [row] = rows
    result = parse_result(row.payload)
    assert isinstance(result, CommitteeResult)
    assert len(result.counted) == 3
    assert [m.name for m in result.members if m.status == "absent"] == [SECRETARY]
    assert set(result.verdicts) == set(LATER.criterion_ids)
    assert result.verdicts["O1"] == 4
    assert (result.score.points, result.score.meets_criteria, result.score.level) == (
        99,
        True,
        "gold",
    )
    assert "ทุกไตรมาส" in result.recommendation
    assert share_of(LATER, blocks=["physical", "outcome"])  # the chair's share exists
