"""The certificate document refuses to be made without its Thai font (the documents' own
tests are in tests/documents)."""

from __future__ import annotations

from pathlib import Path

import pytest

from field_audit.documents import FontMissing, certificate_pdf
from field_audit.evidence.qr import certificate_qr_png
from sync.protocol.certificates import SignedCertificate


def test_without_the_thai_font_no_document_is_made(
    signed: SignedCertificate, tmp_path: Path
) -> None:
    with pytest.raises(FontMissing) as refused:
        certificate_pdf(
            signed.certificate, qr_image=certificate_qr_png(signed.qr_text), font_dir=tmp_path
        )
    assert "ฟอนต์" in refused.value.message_th
