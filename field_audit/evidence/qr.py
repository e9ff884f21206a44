"""QR codes as PNG bytes: the enrolment code an inspector shows at the office.

The text is usually ``InspectorKey.enrolment_text`` (``GECC-KEY:1:<key>:<fingerprint>``),
which the office scanner checks with ``sync.protocol.signatures.parse_enrolment_text``.
Error correction is level M (15 %), enough for a phone screen photographed at a counter.
"""

from __future__ import annotations

import io

import qrcode
import qrcode.constants
from qrcode.image.pil import PilImage


def enrolment_qr_png(enrolment_text: str, *, box_size: int = 8, border: int = 4) -> bytes:
    """Return a black-on-white PNG QR code of ``enrolment_text`` (``border`` in modules)."""
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        box_size=box_size,
        border=border,
        image_factory=PilImage,
    )
    code.add_data(enrolment_text)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image().save(buffer)
    return buffer.getvalue()
