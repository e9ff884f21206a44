"""The public /verify page, in process: by reference as people type it, by an uploaded photo of
the QR code, and every way a check can say no — in Thai by default, in English on request."""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PIL import Image
from sqlalchemy import update

from field_audit.evidence.qr import certificate_qr_png, enrolment_qr_png
from sync.protocol.certificates import (
    decode_qr_text,
    encode_qr_text,
    issue_certificate,
    issuing_key_id,
)
from sync.protocol.certificates.messages import thai_long_date
from sync.protocol.certificates.model import certificate_of
from sync.protocol.signatures import public_key_of
from sync.server.models import CertificateRecord
from sync.server.settings import Settings
from tests.server.certified import issued, revoke, with_issuing_key
from tests.server.helpers import Api, World


@pytest.fixture
def settings(settings: Settings, tmp_path: Path) -> Settings:
    return with_issuing_key(settings, tmp_path)


def page(api: Api, query: str) -> tuple[int, str]:
    answer = api.request("GET", f"/verify?{query}")
    assert answer.headers["content-type"] == "text/html; charset=utf-8"
    return answer.status_code, answer.text


def upload(api: Api, data: bytes, name: str = "photo.png", query: str = "") -> tuple[int, str]:
    files = {"photo": (name, data, "application/octet-stream")}
    answer = api.request("POST", f"/verify{query}", files=files)
    assert answer.headers["content-type"] == "text/html; charset=utf-8"
    return answer.status_code, answer.text


def code_of(html: str) -> str:
    found = re.search(r'data-code="([A-Z_]+)"', html)
    assert found is not None, html
    return found.group(1)


def test_a_valid_certificate_by_its_reference_as_people_type_it(api: Api, world: World) -> None:
    certificate = issued(world)
    issued_on = certificate["certificate"]["issued_on"]
    status, html = page(api, "ref=gecc%20%E0%B9%92%E0%B9%95%E0%B9%96%E0%B9%90-50-1")  # ๒๕๖๐
    assert (status, code_of(html)) == (200, "VALID")
    assert '<html lang="th">' in html
    assert '<meta charset="utf-8">' in html
    assert "ใช้ได้" in html
    assert "✓" in html
    for stated in ("GECC-2560-50-0001", "เทศบาลนครเชียงใหม่", "ศูนย์บริการประชาชน เทศบาลนครเชียงใหม่"):
        assert stated in html
    assert "80 จาก 80 คะแนน" in html
    assert "พ.ศ. 2560" in html
    assert thai_long_date(datetime.fromisoformat(issued_on).date()) in html  # a พ.ศ. date
    assert "<script" not in html.lower()
    status, english = page(api, "ref=GECC-2560-50-0001&lang=en")
    assert (status, code_of(english)) == (200, "VALID")
    assert '<html lang="en">' in english
    assert "Valid" in english
    assert "80 of 80 points" in english
    assert 'href="/verify?lang=th&amp;ref=GECC-2560-50-0001"' in english


def test_a_revoked_certificate_says_why(api: Api, world: World) -> None:
    certificate = issued(world)
    revoke(world, certificate["reference"], "ศูนย์บริการปิดให้บริการ <ถาวร>")
    status, html = page(api, f"ref={certificate['reference']}")
    assert (status, code_of(html)) == (200, "REVOKED")
    assert "ถูกเพิกถอน" in html
    assert "ศูนย์บริการปิดให้บริการ &lt;ถาวร&gt;" in html  # escaped, never markup
    assert "verdict bad" in html


def test_an_expired_certificate_is_genuine_but_expired(api: Api, world: World) -> None:
    certificate = issued(world)
    world.central.clock = lambda: datetime(2040, 1, 1, tzinfo=UTC)
    _status, html = page(api, f"ref={certificate['reference']}")
    assert code_of(html) == "EXPIRED"
    assert "หมดอายุ" in html
    assert "verdict warn" in html


def test_unknown_and_malformed_references_are_refused_in_words(api: Api, world: World) -> None:
    issued(world)
    status, html = page(api, "ref=GECC-2560-50-0999")
    assert (status, code_of(html)) == (404, "NOT_FOUND")
    assert "ไม่พบเลขที่นี้" in html
    assert "GECC-2560-50-0999" in html
    status, html = page(api, "ref=%3Cscript%3Ealert(1)%3C/script%3E&lang=en")
    assert (status, code_of(html)) == (422, "BAD_REFERENCE")
    assert "Not a reference number" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>" not in html
    status, html = page(api, "")
    assert status == 200
    assert "data-code" not in html
    assert 'name="ref"' in html
    assert 'type="file"' in html


def test_a_row_altered_in_the_database_is_not_genuine(api: Api, world: World) -> None:
    certificate = issued(world)
    stated, signature = decode_qr_text(certificate["qr_text"])
    forged = encode_qr_text(dataclasses.replace(stated, points=79), signature)
    with world.central.session() as session:
        session.execute(update(CertificateRecord).values(qr_text=forged))
        session.commit()
    _status, html = page(api, f"ref={certificate['reference']}")
    assert code_of(html) == "BAD_SIGNATURE"
    assert "ไม่ใช่ของจริง" in html
    assert "79" not in html.split('id="verdict"')[1].split("</section>")[0]  # no forged field


def test_an_uploaded_photo_of_the_qr_code(api: Api, world: World) -> None:
    certificate = issued(world)
    status, html = upload(api, certificate_qr_png(certificate["qr_text"]))
    assert (status, code_of(html)) == (200, "VALID")
    assert "ใช้ได้" in html
    assert 'value="GECC-2560-50-0001"' in html  # the reference, to look up again
    status, english = upload(api, certificate_qr_png(certificate["qr_text"]), query="?lang=en")
    assert (status, code_of(english)) == (200, "VALID")
    assert "Valid" in english


def test_a_phone_photo_of_the_printed_certificate(api: Api, world: World) -> None:
    """12 megapixels of JPEG with the code small, turned a little, on grey paper."""
    certificate = issued(world)
    code = Image.open(io.BytesIO(certificate_qr_png(certificate["qr_text"], box_size=8)))
    code = code.convert("L").rotate(7, expand=True, fillcolor=255)
    photo = Image.new("L", (4000, 3000), 200)
    photo.paste(code, (2600, 1700))
    buffer = io.BytesIO()
    photo.convert("RGB").save(buffer, "JPEG", quality=80)
    status, html = upload(api, buffer.getvalue(), "IMG_2041.jpg")
    assert (status, code_of(html)) == (200, "VALID")


def test_pictures_that_hold_no_certificate(api: Api, world: World) -> None:
    issued(world)
    noise = Image.effect_noise((640, 480), 60).convert("RGB")
    buffer = io.BytesIO()
    noise.save(buffer, "JPEG")
    status, html = upload(api, buffer.getvalue(), "photo.jpg")
    assert (status, code_of(html)) == (422, "NO_QR_CODE")
    assert "ไม่พบรหัส QR ในภาพ" in html
    status, html = upload(api, enrolment_qr_png("https://example.org/"))
    assert (status, code_of(html)) == (200, "NOT_GECC")
    assert "ไม่ใช่ใบรับรอง GECC" in html
    status, html = upload(api, "ไม่ใช่รูปภาพ".encode(), "letter.txt")
    assert (status, code_of(html)) == (422, "NOT_AN_IMAGE")
    assert "ไฟล์นี้ไม่ใช่รูปภาพ" in html
    status, html = upload(api, b"", "empty.png")
    assert (status, code_of(html)) == (422, "NO_PICTURE")


def test_a_certificate_signed_by_a_stranger_is_not_recognised(api: Api, world: World) -> None:
    certificate = issued(world)
    stranger = Ed25519PrivateKey.generate()
    stated = certificate_of(certificate["certificate"])
    fields = dataclasses.replace(stated, reference="GECC-2560-50-0777")
    forged = issue_certificate(
        fields, sign=stranger.sign, key_id=issuing_key_id(public_key_of(stranger))
    )
    status, html = upload(api, certificate_qr_png(forged.qr_text))
    assert (status, code_of(html)) == (200, "UNKNOWN_KEY")
    assert "ไม่รู้จักผู้ลงนาม" in html
    assert "GECC-2560-50-0777" not in html  # what a forgery claims is never shown


def test_uploads_are_limited_in_bytes_and_pixels(api: Api, world: World) -> None:
    limit = world.central.settings.max_verify_upload_bytes
    status, html = upload(api, b"\xff" * (limit + 100 * 1024), "huge.jpg")
    assert (status, code_of(html)) == (413, "REQUEST_TOO_LARGE")
    assert "ภาพใหญ่เกินไป" in html
    buffer = io.BytesIO()
    Image.new("L", (8000, 7000), 255).save(buffer, "PNG")
    status, html = upload(api, buffer.getvalue(), "wide.png")
    assert (status, code_of(html)) == (413, "IMAGE_TOO_LARGE")


def test_the_page_allows_no_script_and_is_not_cached(api: Api) -> None:
    answer = api.request("GET", "/verify?lang=en")
    policy = answer.headers["content-security-policy"]
    assert "default-src 'none'" in policy
    assert "script-src" not in policy
    assert answer.headers["cache-control"] == "no-store"
    assert answer.headers["x-content-type-options"] == "nosniff"
