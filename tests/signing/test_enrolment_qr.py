"""The enrolment QR code: the office scans it and gets the inspector's exact public key."""

from __future__ import annotations

import io
from pathlib import Path

import zxingcpp
from PIL import Image

from field_audit.evidence.qr import enrolment_qr_png
from field_audit.signing import KdfParams, create_identity
from sync.protocol.signatures import parse_enrolment_text


def test_the_qr_png_decodes_to_the_enrolment_text_and_the_key(
    keys_dir: Path, passphrase: str, cheap_kdf: KdfParams
) -> None:
    key = create_identity(keys_dir, passphrase, kdf=cheap_kdf)
    png = enrolment_qr_png(key.enrolment_text)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(io.BytesIO(png)) as image:
        results = zxingcpp.read_barcodes(image)
    assert [result.text for result in results] == [key.enrolment_text]
    assert parse_enrolment_text(results[0].text) == key.public_key
    assert key.fingerprint.replace(" ", "") in results[0].text


def test_the_qr_png_decodes_at_a_small_size() -> None:
    text = "GECC-KEY:1:11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo:021454404366322310517000837623"
    with Image.open(io.BytesIO(enrolment_qr_png(text, box_size=3, border=4))) as image:
        assert [result.text for result in zxingcpp.read_barcodes(image)] == [text]
