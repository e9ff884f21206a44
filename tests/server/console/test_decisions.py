"""Decisions and certificates in the console: the approver records the decision on the
meeting's record; one officer prepares the certificate and a second confirms it (the same
officer cannot do both); it verifies at /verify, downloads as PDF and QR, shows among those
expiring within six months near its end, and is revoked with a reason."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest

from sync.server.central import Central
from sync.server.models import CertificateRecord
from sync.server.settings import Settings
from tests.server.certified import certify, with_issuing_key
from tests.server.console.office import Office, flash_of
from tests.server.helpers import Api, World


@pytest.fixture
def settings(settings: Settings, tmp_path: Path) -> Settings:
    return with_issuing_key(settings, tmp_path)


def test_four_eyes_from_decision_to_a_verified_certificate(
    world: World, office: Callable[[str], Office], central: Central, api: Api
) -> None:
    certify(world, "cm-city", decide=False)
    approver, second, clerk = office("approver"), office("approver2"), office("clerk")
    url = "/office/rounds/fy2560"
    decision = {
        "certify": "yes",
        "basis": "มติคณะกรรมการอำนวยการ ครั้งที่ 2/2560",
        "decided_on": "2017-03-28",
    }
    assert clerk.post(f"{url}/decisions/cm-city", decision).status_code == 403
    assert flash_of(approver, approver.post(f"{url}/decisions/cm-city", decision)).startswith("ok")
    page = approver.get(f"{url}/decisions")
    assert "มติคณะกรรมการอำนวยการ ครั้งที่ 2/2560" in page.text
    assert "นายอนุมัติ ลงนาม" in page.text  # decided by: the approver's name by default

    done = flash_of(approver, approver.post(f"{url}/certificates/cm-city/preparation"))
    assert done.startswith("ok")
    waiting = approver.get(f"{url}/decisions").text
    assert "จัดเตรียมโดย นายอนุมัติ ลงนาม" in waiting  # the officer's name, not the username
    same = flash_of(approver, approver.post(f"{url}/certificates/cm-city/confirmation"))
    assert same.startswith("error")
    assert "ผู้จัดเตรียมใบรับรองยืนยันเองไม่ได้" in same
    issued = flash_of(second, second.post(f"{url}/certificates/cm-city/confirmation"))
    assert issued.startswith("ok")
    reference = re.search(r"GECC-2560-50-\d{4}", issued)
    assert reference is not None
    with central.session() as session:
        record = session.get(CertificateRecord, reference.group())
        assert record is not None
        assert record.issued_by == "approver2"

    certificate = second.get(f"/office/certificates/{reference.group()}")
    assert "ศูนย์บริการประชาชน เทศบาลนครเชียงใหม่" in certificate.text
    pdf = second.get(f"/office/certificates/{reference.group()}/certificate.pdf")
    assert pdf.content.startswith(b"%PDF-")
    qr = second.get(f"/office/certificates/{reference.group()}/qr.svg")
    assert qr.text.startswith("<svg")
    assert 'data-code="VALID"' in api.request("GET", f"/verify?ref={reference.group()}").text

    assert reference.group() not in second.get("/office/certificates").text.split("ทั้งหมด")[0]
    started = central.clock()
    near_the_end = datetime.combine(record.valid_until - timedelta(days=100), time(5), UTC)
    central.clock = lambda: near_the_end
    assert second.log_in("approver2").status_code == 303  # three years on: a new session
    soon = second.get("/office/certificates").text.split("ใบรับรองทั้งหมด")[0]
    assert reference.group() in soon
    central.clock = lambda: started
    assert approver.log_in("approver").status_code == 303

    form = {"reason": "ศูนย์บริการปิดปรับปรุง"}
    revoked = flash_of(
        approver, approver.post(f"/office/certificates/{reference.group()}/revocation", form)
    )
    assert revoked.startswith("ok")
    assert 'data-code="REVOKED"' in api.request("GET", f"/verify?ref={reference.group()}").text
