"""The certificate's QR code as SVG, for the central store's pages and printouts.

Why here and not in ``field_audit.evidence`` (the app's one home for qrcode): the central store
must not import the app, and it needs to draw the code too. This module imports qrcode only to
lay out the modules, and writes the SVG itself, so the server side needs no Pillow. The app
draws the same code as PNG or SVG in ``field_audit.evidence.qr``; both follow the format's
parameters in ``sync.protocol.certificates`` (alphanumeric mode, level Q, version <= 15).
"""

from __future__ import annotations

import qrcode
import qrcode.constants
import qrcode.util

from sync.protocol.certificates import MAX_QR_TEXT_LENGTH, MAX_QR_VERSION, CertificateTooLarge

QUIET_ZONE = 4
"""Modules of white border the QR standard asks for."""


def certificate_qr_matrix(text: str) -> list[list[bool]]:
    """The modules (True = dark) of the QR code of a ``GECC1:`` text, quiet zone included.

    Alphanumeric mode, level Q; raises ``CertificateTooLarge`` above version 15.
    """
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_Q, border=QUIET_ZONE)
    code.add_data(qrcode.util.QRData(text.encode("ascii"), mode=qrcode.util.MODE_ALPHA_NUM))
    code.make(fit=True)
    if code.version > MAX_QR_VERSION:
        raise CertificateTooLarge(length=len(text), limit=MAX_QR_TEXT_LENGTH)
    return [[bool(module) for module in row] for row in code.get_matrix()]


def certificate_qr_svg(text: str, *, size_mm: float = 35.0) -> str:
    """A black-on-white SVG of the certificate's QR code, ``size_mm`` wide when printed."""
    matrix = certificate_qr_matrix(text)
    count = len(matrix)
    path = "".join(
        f"M{x},{y}h1v1h-1z" for y, row in enumerate(matrix) for x, dark in enumerate(row) if dark
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size_mm}mm" height="{size_mm}mm"'
        f' viewBox="0 0 {count} {count}" shape-rendering="crispEdges">'
        f'<rect width="{count}" height="{count}" fill="#fff"/>'
        f'<path d="{path}" fill="#000"/></svg>'
    )
