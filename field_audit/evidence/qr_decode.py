"""Reading QR codes from a picture (a photo of a certificate, a scan, a rendered page).

Uses zxing-cpp, a real decoder, on the picture as Pillow opens it; the app's scanner and the
``field-audit certificate verify --image`` command call ``decode_qr_texts``.
"""

from __future__ import annotations

import io

import zxingcpp
from PIL import Image, UnidentifiedImageError

from field_audit.evidence.errors import PhotoRefused, RefusalCode


def decode_qr_texts(image_bytes: bytes) -> list[str]:
    """The texts of every QR code found in the picture, in the decoder's order (maybe none).

    Raises ``PhotoRefused`` (``not_an_image``) for bytes that are not a picture Pillow reads.
    """
    try:
        with Image.open(io.BytesIO(image_bytes)) as image:
            grey = image.convert("L")
    except (UnidentifiedImageError, OSError) as error:
        raise PhotoRefused.because(RefusalCode.NOT_AN_IMAGE) from error
    found = zxingcpp.read_barcodes(grey)
    return [b.text for b in found if b.valid and b.format == zxingcpp.BarcodeFormat.QRCode]
