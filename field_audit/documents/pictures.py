"""Photos brought to the size they are printed at, for the PDF and Word documents alike.

Why Pillow here: the central store holds each photo as the device normalised it (up to
2048 px), and a report embeds dozens of them; at print size (about 85 mm at 200 dpi) each needs
a sixth of the pixels, and a Word file would otherwise carry every original. fpdf2 and
python-docx embed what they are given. The photos come from the project's own stores, already
normalised and hash-checked; only JPEG and PNG are opened, and a picture that does not open is
answered as None (the document then says the photo could not be shown).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

PRINT_EDGE_PX = 900
FORMATS = ("JPEG", "PNG")
MAX_PIXELS = 60_000_000


@dataclass(frozen=True)
class PrintImage:
    """A JPEG at print size, with its pixel size (for its aspect ratio on the page)."""

    data: bytes
    width: int
    height: int


def print_image(data: bytes, *, edge_px: int = PRINT_EDGE_PX) -> PrintImage | None:
    """``data`` as a JPEG whose long edge is at most ``edge_px``; None if it does not open."""
    try:
        with Image.open(io.BytesIO(data), formats=FORMATS) as image:
            if image.width * image.height > MAX_PIXELS:
                return None
            image.thumbnail((edge_px, edge_px))
            rgb = image.convert("RGB")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None
    out = io.BytesIO()
    rgb.save(out, "JPEG", quality=82, optimize=True)
    return PrintImage(out.getvalue(), rgb.width, rgb.height)
