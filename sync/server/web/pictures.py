"""Reading the QR codes in a picture someone sends to the verification page.

Why Pillow and zxing-cpp here: the app's home for them is ``field_audit.evidence``, which the
central store must not import, and zxing-cpp needs decoded pixels. This module is their only
home in ``sync`` (an import-linter contract allows exactly this module); it decodes a picture
into grey pixels and hands them to zxing-cpp, nothing more.

Only JPEG, PNG, WebP, GIF and BMP are opened (Pillow's other readers are never tried on
untrusted bytes), a picture over ``max_pixels`` is refused from its header before any pixel is
decoded, and a large JPEG is decoded at a reduced scale (still several pixels per QR module).
"""

from __future__ import annotations

import io
import struct

import zxingcpp
from PIL import Image, UnidentifiedImageError

from sync.server.errors import TooLarge, Unprocessable

FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "BMP")
MAX_PIXELS = 50_000_000
DECODE_EDGE = 3000
"""Long edge a JPEG is decoded at (at least): the QR printed 35 mm wide on A4 keeps >= 4 px a
module when the whole certificate fills the photo."""

QR_ONLY = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
_DECODER_ERRORS = (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError, struct.error)


def qr_texts_in(picture: bytes, *, max_pixels: int = MAX_PIXELS) -> list[str]:
    """The texts of the QR codes found in ``picture``, in the decoder's order (maybe none).

    Refuses NOT_AN_IMAGE (not a picture of an accepted format, or damaged) and
    IMAGE_TOO_LARGE (more than ``max_pixels`` pixels).
    """
    grey = _grey_pixels(picture, max_pixels)
    found = zxingcpp.read_barcodes(grey, formats=QR_ONLY)
    return [code.text for code in found if code.valid]


def _grey_pixels(picture: bytes, max_pixels: int) -> Image.Image:
    try:
        with Image.open(io.BytesIO(picture), formats=FORMATS) as image:
            width, height = image.size
            if width * height > max_pixels:
                raise TooLarge(
                    f"the picture has {width * height} pixels; at most {max_pixels}",
                    code="IMAGE_TOO_LARGE",
                    pixels=width * height,
                    limit=max_pixels,
                )
            if image.format == "JPEG" and max(width, height) > DECODE_EDGE:
                scale = DECODE_EDGE / max(width, height)
                image.draft("L", (round(width * scale), round(height * scale)))
            return image.convert("L")
    except Image.DecompressionBombError as error:
        raise TooLarge(str(error), code="IMAGE_TOO_LARGE", limit=max_pixels) from error
    except _DECODER_ERRORS as error:
        raise Unprocessable(
            "the file is not a picture this page can read (JPEG, PNG, WebP)",
            code="NOT_AN_IMAGE",
        ) from error
