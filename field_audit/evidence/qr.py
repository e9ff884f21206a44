"""QR codes as images: the enrolment code an inspector shows at the office, and the code
printed on a GECC certificate (PNG for screens, SVG for print).

The text is usually ``InspectorKey.enrolment_text`` (``GECC-KEY:1:<key>:<fingerprint>``),
which the office scanner checks with ``sync.protocol.signatures.parse_enrolment_text``.
Error correction is level M (15 %), enough for a phone screen photographed at a counter.
"""

from __future__ import annotations

import io

import qrcode
import qrcode.constants
from qrcode.image.pil import PilImage
from qrcode.image.svg import SvgPathFillImage
from qrcode.main import QRCode
from qrcode.util import MODE_ALPHA_NUM, QRData

from sync.protocol.certificates.qr_text import MAX_QR_VERSION


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


def certificate_qr_png(text: str, *, box_size: int = 10, border: int = 4) -> bytes:
    """Return a black-on-white PNG of a certificate's ``GECC1:`` QR text.

    Alphanumeric mode and level Q, as ``sync.protocol.certificates`` specifies; raises
    ``ValueError`` if the text needs a version above ``MAX_QR_VERSION``.
    """
    code = _certificate_code(text, box_size=box_size, border=border)
    buffer = io.BytesIO()
    code.make_image(image_factory=PilImage).save(buffer)
    return buffer.getvalue()


def certificate_qr_svg(text: str, *, border: int = 4) -> bytes:
    """Return an SVG (vector, for print) of a certificate's QR text; see ``certificate_qr_png``."""
    code = _certificate_code(text, box_size=10, border=border)
    buffer = io.BytesIO()
    code.make_image(image_factory=SvgPathFillImage).save(buffer)
    return buffer.getvalue()


def qr_version(text: str) -> int:
    """The QR version (1-40) a certificate's text needs at level Q in alphanumeric mode."""
    return int(_certificate_code(text, box_size=1, border=0, limit=False).version)


def _certificate_code(text: str, *, box_size: int, border: int, limit: bool = True) -> QRCode:
    code = QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_Q, box_size=box_size, border=border
    )
    code.add_data(QRData(text.encode("ascii"), mode=MODE_ALPHA_NUM))
    code.make(fit=True)
    if limit and code.version > MAX_QR_VERSION:
        raise ValueError(f"the text needs QR version {code.version}; at most {MAX_QR_VERSION}")
    return code
