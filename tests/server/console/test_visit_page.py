"""The results inbox and the visit page: each criterion with the committee's and each member's
verdict, the photos with the plausibility checks no peer tool makes (a photo taken another day,
far from the LAO, or also in another LAO's results), and the secretary's review."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from sync.server.central import Central
from sync.server.store.laos import set_location
from sync.server.store.reviews import ReviewState, review_state
from tests.server.console.office import Office, flash_of
from tests.server.helpers import World, all_met, audit_payload, committee_payload

CHIANG_MAI = {"lat_e6": 18_788_300, "lon_e6": 98_985_300}
BANGKOK = {"lat_e6": 13_756_300, "lon_e6": 100_501_800}


def _photographed(payload: dict[str, Any], criterion: str, **photo: Any) -> None:
    finding = next(f for f in payload["findings"] if f["criterion"] == criterion)
    finding["photos"][0].update(photo)


def visit_with_evidence(world: World) -> str:
    """The committee of cm-city sends its audits (one photo taken the day before in Bangkok,
    one on the day in Chiang Mai) and its result; krabi-town's chair sends the same photo."""
    with world.central.session() as session:
        set_location(session, "cm-city", latitude="18.7883", longitude="98.9853", actor="clerk")
    audits = {}
    for device in (world.chair, world.member_a, world.member_b):
        payload = audit_payload(world, device)
        _photographed(payload, "B02", captured_at="2017-03-13T02:00:00Z", gps=BANGKOK)
        _photographed(payload, "B03", captured_at="2017-03-14T03:00:00Z", gps=CHIANG_MAI)
        if device is world.member_b:
            next(f for f in payload["findings"] if f["criterion"] == "A01")["note"] = "ไม่พบหลักฐาน"
        signed = device.seal(payload)
        assert device.upload_result(signed).status_code == 201
        audits[device.inspector_id] = signed
    chair = world.chair.seal(
        committee_payload(world, world.chair, audits, verdicts=all_met(world.edition))
    )
    assert world.chair.upload_result(chair).status_code == 201
    other = world.other_chair.seal(audit_payload(world, world.other_chair, lao="krabi-town"))
    assert world.other_chair.upload_result(other).status_code == 201
    return chair.hash


def test_the_visit_page_shows_verdicts_side_by_side_and_flags_photos(
    world: World, office: Callable[[str], Office], central: Central
) -> None:
    committee_hash = visit_with_evidence(world)
    secretary = office("secretary")
    inbox = secretary.get("/office/results?round=fy2560")
    assert inbox.status_code == 200
    assert inbox.text.count("เทศบาลนครเชียงใหม่") == 4
    assert "ผลของคณะกรรมการ" in inbox.text
    page = secretary.get(f"/office/visits/{world.assignments['cm-city']}")
    assert page.status_code == 200
    assert "ผ่านเกณฑ์" in page.text
    assert "80 จาก 80 คะแนน" in page.text
    assert "ไม่พบหลักฐาน" in page.text  # a member's note beside the verdicts
    assert "ถ่ายคนละวันกับวันตรวจ" in page.text
    assert "ถ่ายห่างจากที่ตั้ง อปท. เกิน 2 กม." in page.text
    assert "ภาพเดียวกันนี้อยู่ในผลของ อปท. อื่น" in page.text
    assert "krabi-town" in page.text
    near = re.findall(r"ห่างจากที่ตั้ง ([0-9.]+) กม.", page.text)
    assert "0.3" in near or "0.0" in near or any(float(km) < 1 for km in near)
    assert any(float(km) > 500 for km in near)  # Bangkok is about 580 km away
    photo = secretary.get(re.findall(r'href="(/office/photos/[0-9a-f]{64})"', page.text)[0])
    assert photo.status_code == 200
    assert photo.headers["content-type"] == "image/jpeg"

    form = {"state": "has_issues", "comment": ""}
    refused = flash_of(secretary, secretary.post(f"/office/results/{committee_hash}/review", form))
    assert refused.startswith("error")
    form = {"state": "approved", "comment": "ครบถ้วน"}
    said = flash_of(secretary, secretary.post(f"/office/results/{committee_hash}/review", form))
    assert said.startswith("ok")
    with central.session() as session:
        assert review_state(session, committee_hash) is ReviewState.APPROVED
    viewer = office("viewer")
    assert "ครบถ้วน" in viewer.get(f"/office/visits/{world.assignments['cm-city']}").text
    assert viewer.post(f"/office/results/{committee_hash}/review", form).status_code == 403
