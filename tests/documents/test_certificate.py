"""The certificate as an office signs it: the issuing body and its emblem, the signatory, the
reference near the title, Thai digits, the verification address beside a QR code that reads
from the printed page, the identifiers on one line, and no empty half-page."""

from __future__ import annotations

from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from field_audit.documents import certificate_pdf
from field_audit.documents.views import Office
from sync.issuing import create_keyring
from sync.issuing.qr import certificate_qr_png, certificate_qr_svg
from sync.protocol.certificates import SignedCertificate, verify_certificate
from tests.certificates.conftest import CHEAP_KDF, CREATED, LEVELLED, PASSPHRASE, Issuer, fields
from tests.documents.rendering import (
    ink_share,
    keep_artifact,
    needs_pdftoppm,
    pdf_text,
    render_page,
)

PAGE_DPI = 150


@pytest.fixture
def signed(tmp_path: Path) -> tuple[SignedCertificate, Issuer]:
    path = tmp_path / "keys" / "issuing-keys.json"
    create_keyring(path, PASSPHRASE, kdf=CHEAP_KDF, now=CREATED)
    issuer = Issuer(path)
    return issuer.issue(fields(**LEVELLED)), issuer


def read_qr(png: bytes, work: Path) -> list[str]:
    (work / "page.png").write_bytes(png)
    with Image.open(work / "page.png") as image:
        return [code.text for code in zxingcpp.read_barcodes(image) if code.valid]


@needs_pdftoppm
def test_the_certificate_names_its_issuer_signatory_and_where_to_verify_it(
    signed: tuple[SignedCertificate, Issuer], office: Office, tmp_path: Path
) -> None:
    certificate, issuer = signed
    qr = certificate_qr_svg(certificate.qr_text).encode()
    pdf = certificate_pdf(certificate.certificate, qr_image=qr, office=office)
    page = render_page(pdf, tmp_path, dpi=PAGE_DPI)
    keep_artifact("certificate.png", page)
    text = pdf_text(pdf, tmp_path, layout=True)

    for expected in (
        "กรมส่งเสริมการปกครองท้องถิ่น\n",  # the issuing body, on its own line above the title
        "ให้ไว้เพื่อแสดงว่า",
        "(นายสมศักดิ์ ตัวอย่าง)",
        "อธิบดีกรมส่งเสริมการปกครองท้องถิ่น",
        "https://gecc.example.go.th/verify",
        "เลขที่ GECC-๒๕๗๐-๓๐-๐๐๐๗",  # Thai digits in the reference too
        "ให้ไว้ ณ วันที่ ๑๕ มีนาคม พ.ศ. ๒๕๗๐",
        "๗๒ คะแนน จากคะแนนเต็ม ๘๐ คะแนน ระดับก้าวหน้า",
        "รหัส อปท. ๓๓๐๐๑๐๑",
    ):
        assert expected in text
    assert "ยังไม่ได้กำหนด" not in text  # every part is set: no placeholder
    lines = text.splitlines()
    title = next(i for i, line in enumerate(lines) if "ใบรับรองมาตรฐานศูนย์ราชการสะดวก" in line)
    assert any("เลขที่ GECC-" in line for line in lines[title : title + 4])  # near the title
    [trace] = [line for line in lines if certificate.certificate.result_hash in line]
    assert certificate.certificate.key_id in trace  # with the hash, on one small line
    assert "gecc-2560" in trace
    [read] = read_qr(page, tmp_path)
    verdict = verify_certificate(
        read,
        trust_list=issuer.trust_list(),
        revocations={},
        today=certificate.certificate.issued_on,
    )
    assert verdict.code == "VALID"


@needs_pdftoppm
def test_the_lower_half_is_used_on_both_sides(
    signed: tuple[SignedCertificate, Issuer], office: Office, tmp_path: Path
) -> None:
    certificate, _ = signed
    png = certificate_qr_png(certificate.qr_text)
    pdf = certificate_pdf(certificate.certificate, qr_image=png, office=office)
    page = render_page(pdf, tmp_path, dpi=60)
    assert ink_share(page, (0.06, 0.62, 0.45, 0.9)) > 0.05  # the QR code and its address
    assert ink_share(page, (0.55, 0.62, 0.94, 0.9)) > 0.01  # the dates and the signature
    assert ink_share(page, (0.4, 0.05, 0.6, 0.2)) > 0.05  # the emblem, drawn


@needs_pdftoppm
def test_without_office_settings_the_certificate_says_what_is_missing(
    signed: tuple[SignedCertificate, Issuer], tmp_path: Path
) -> None:
    certificate, _ = signed
    pdf = certificate_pdf(
        certificate.certificate, qr_image=certificate_qr_png(certificate.qr_text), office=Office()
    )
    keep_artifact("certificate-unset.png", render_page(pdf, tmp_path, dpi=80))
    text = pdf_text(pdf, tmp_path)
    for placeholder in (
        "ยังไม่ได้กำหนด",  # the emblem's box says it, in Thai
        "(ยังไม่ได้กำหนดชื่อหน่วยงานผู้ออกใบรับรอง)",
        "(ยังไม่ได้กำหนดผู้ลงนาม)",
        "(ยังไม่ได้กำหนดที่อยู่เว็บไซต์ตรวจสอบ)",
    ):
        assert placeholder in text
