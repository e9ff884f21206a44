"""The QR code as printed: drawn, rendered in the PDF, read by a real decoder, then verified."""

from __future__ import annotations

import io
from pathlib import Path

import zxingcpp
from PIL import Image

from field_audit.documents import certificate_pdf
from field_audit.evidence.qr import certificate_qr_png, certificate_qr_svg
from field_audit.evidence.qr_decode import decode_qr_texts
from sync.issuing.qr import certificate_qr_matrix
from sync.issuing.qr import certificate_qr_svg as issuer_svg
from sync.protocol.certificates import SignedCertificate, Status, verify_certificate
from tests.certificates.conftest import LEVELLED, Issuer, fields
from tests.certificates.rendering import keep_artifact, needs_pdftoppm, render_page
from tests.certificates.test_verify import TODAY


def verified(text: str, issuer: Issuer) -> Status:
    return verify_certificate(
        text, trust_list=issuer.trust_list(), revocations={}, today=TODAY
    ).status


def test_the_png_decodes_to_the_text_and_verifies(
    issuer: Issuer, signed: SignedCertificate
) -> None:
    png = certificate_qr_png(signed.qr_text)
    assert decode_qr_texts(png) == [signed.qr_text]
    assert verified(decode_qr_texts(png)[0], issuer) is Status.VALID


def test_the_qr_is_alphanumeric_mode_level_q(signed: SignedCertificate) -> None:
    with Image.open(io.BytesIO(certificate_qr_png(signed.qr_text))) as image:
        found = zxingcpp.read_barcodes(image)
    assert found[0].ec_level == "Q"
    assert found[0].symbology_identifier == "]Q1"  # model 2, no ECI: plain alphanumeric text


@needs_pdftoppm
def test_the_certificate_pdf_rendered_to_an_image_decodes_and_verifies(
    issuer: Issuer, tmp_path: Path
) -> None:
    signed = issuer.issue(fields(**LEVELLED))
    pdf = certificate_pdf(signed.certificate, qr_image=certificate_qr_svg(signed.qr_text))
    assert pdf.startswith(b"%PDF")
    page = render_page(pdf, tmp_path, dpi=150)
    texts = decode_qr_texts(page)
    assert texts == [signed.qr_text]
    assert verified(texts[0], issuer) is Status.VALID
    keep_artifact("certificate.png", render_page(pdf, tmp_path, dpi=60))


@needs_pdftoppm
def test_the_pdf_with_a_png_qr_decodes_too(
    issuer: Issuer, signed: SignedCertificate, tmp_path: Path
) -> None:
    pdf = certificate_pdf(signed.certificate, qr_image=certificate_qr_png(signed.qr_text))
    assert decode_qr_texts(render_page(pdf, tmp_path, dpi=150)) == [signed.qr_text]


def test_the_issuers_svg_draws_the_same_code(signed: SignedCertificate) -> None:
    matrix = certificate_qr_matrix(signed.qr_text)
    scale = 6
    image = Image.new("L", (len(matrix) * scale, len(matrix) * scale), 255)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                image.paste(0, (x * scale, y * scale, (x + 1) * scale, (y + 1) * scale))
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [signed.qr_text]
    svg = issuer_svg(signed.qr_text)
    assert svg.startswith("<svg")
    assert 'width="35.0mm"' in svg


def test_a_picture_without_a_qr_code_gives_no_text() -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (200, 200), "white").save(buffer, "PNG")
    assert decode_qr_texts(buffer.getvalue()) == []
