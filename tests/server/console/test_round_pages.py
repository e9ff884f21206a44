"""A clerk runs a round in the console: opens it, imports LAOs, records each one's facts and
screening, its documents and self-assessment; plans committees and visits (clashes flagged);
enrols inspectors' keys with the fingerprint read back."""

from __future__ import annotations

import re
from collections.abc import Callable

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.protocol.signatures import enrolment_text, key_fingerprint, public_key_of
from sync.server.central import Central
from sync.server.models import ApplicationRecord
from tests.server.console.office import Office, flash_of
from tests.server.helpers import IN_ORDER, World

LAOS = (
    "lao_id,name_th,kind,province_code,province_th,latitude,longitude\n"
    "lampang,เทศบาลนครลำปาง,เทศบาลนคร,52,ลำปาง,18.2888,99.4908\n"
    "evil,<script>alert(1)</script>,เทศบาลเมือง,52,ลำปาง,,\n"
)


def open_round(clerk: Office) -> None:
    form = {
        "round_id": "fy2570",
        "fiscal_year_be": "2570",
        "deadline": "2027-01-31",
        "briefing_on": "2026-12-15",
        "visits_from": "2027-02-15",
        "visits_until": "2027-03-31",
        "edition": "gecc-2560",
    }
    assert flash_of(clerk, clerk.post("/office/rounds", form)).startswith("ok")
    files = {"file": ("laos.csv", ("\ufeff" + LAOS).encode(), "text/csv")}
    answer = clerk.post("/office/rounds/fy2570/laos", files=files)
    assert "2" in flash_of(clerk, answer)


def test_a_clerk_opens_a_round_and_sees_it_at_a_glance(
    office: Callable[[str], Office], central: Central
) -> None:
    clerk = office("clerk")
    open_round(clerk)
    page = clerk.get("/office/rounds/fy2570")
    assert page.status_code == 200
    assert "เทศบาลนครลำปาง" in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "<script>" not in page.text
    assert "2570" in page.text  # the Buddhist-era year, not 2027
    assert "31 มกราคม 2570" in page.text
    step_one = re.search(r"<strong>(\d+)</strong><span>ขั้นที่ 1:", page.text)
    assert step_one is not None
    assert step_one.group(1) == "2"
    filtered = clerk.get("/office/rounds/fy2570?q=ลำปาง")
    assert "เทศบาลนครลำปาง" in filtered.text
    assert "alert(1)" not in filtered.text
    lao = clerk.get("/office/rounds/fy2570/laos/evil")
    assert "&lt;script&gt;" in lao.text
    assert "<script>" not in lao.text


def test_a_clerk_records_the_steps_documents_and_self_assessment(
    office: Callable[[str], Office], central: Central, world: World
) -> None:
    clerk = office("clerk")
    facts = {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in IN_ORDER.items()}
    facts = {**facts, "word": "on", "pdf": "on"}
    facts.pop("self_assessment_points")
    url = "/office/rounds/fy2560/laos/pattaya"
    assert flash_of(clerk, clerk.post(f"{url}/pipeline", facts)).startswith("ok")
    claims = {f"claim-{c}": "met" for c in world.edition.criterion_ids}
    assert flash_of(clerk, clerk.post(f"{url}/self-assessment", claims)).startswith("ok")
    with central.session() as session:
        record = session.get(ApplicationRecord, ("fy2560", "pattaya"))
        assert record is not None
        assert record.self_assessment_points == 80
        assert record.posted_on is not None
        assert record.word
    refused = flash_of(clerk, clerk.post(f"{url}/screening", {"passed": "no"}))
    assert refused.startswith("error")
    upload = {"file": ("ใบสมัคร.pdf", b"%PDF-1.7 the application", "application/pdf")}
    data = {"round_id": "fy2560", "lao_id": "pattaya"}
    assert flash_of(clerk, clerk.post("/office/documents", data, files=upload)).startswith("ok")
    page = clerk.get(url)
    link = re.search(r'href="(/office/documents/[^"]+)">ใบสมัคร.pdf</a>', page.text)
    assert link is not None
    download = clerk.get(link.group(1))
    assert download.content == b"%PDF-1.7 the application"
    assert download.headers["content-type"] == "application/pdf"
    assert "attachment" in download.headers["content-disposition"]


def test_committees_visits_and_clashes(office: Callable[[str], Office], world: World) -> None:
    clerk = office("clerk")
    form = {
        "committee_id": "c3",
        "name_th": "คณะอนุกรรมการภาคใต้",
        "chair": "insp-chair:นางสาวพิมพ์ชนก ศรีสวัสดิ์",
        "members": "insp-z:นายใหม่ ใจดี:member",
    }
    assert flash_of(clerk, clerk.post("/office/rounds/fy2560/committees", form)).startswith("ok")
    page = clerk.get("/office/rounds/fy2560/committees")
    assert "ประธานกรรมการ" in page.text
    assert "คณะอนุกรรมการภาคใต้" in page.text
    # the chair of c1 (cm-city on 14 March) is now also due at krabi-town that day with c3
    visit = {"lao_id": "krabi-town", "committee_id": "c3", "visit_date": "2017-03-14"}
    assert flash_of(clerk, clerk.post("/office/rounds/fy2560/visits", visit)).startswith("ok")
    page = clerk.get("/office/rounds/fy2560/committees")
    assert page.text.count("มีกำหนดตรวจประเมินมากกว่าหนึ่งแห่งในวันเดียวกัน") == 2
    outside = {"lao_id": "pattaya", "committee_id": "c1", "visit_date": "2017-05-01"}
    refused = flash_of(clerk, clerk.post("/office/rounds/fy2560/visits", outside))
    assert refused.startswith("error")


def test_a_key_is_enrolled_with_its_fingerprint_read_back(
    office: Callable[[str], Office], world: World
) -> None:
    clerk = office("clerk")
    public = public_key_of(Ed25519PrivateKey.generate())
    form = {
        "inspector_id": "insp-new",
        "name": "นายใหม่ ใจดี",
        "enrolment_text": enrolment_text(public),
        "fingerprint": "1" * 30,
    }
    assert flash_of(clerk, clerk.post("/office/keys", form)).startswith("error")
    form["fingerprint"] = key_fingerprint(public)
    said = flash_of(clerk, clerk.post("/office/keys", form))
    assert said.startswith("ok")
    assert key_fingerprint(public).split()[0] in said
    assert key_fingerprint(public) in clerk.get("/office/keys").text
