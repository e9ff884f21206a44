"""The certificate's QR code as SVG and PNG, for the central store's pages and printouts.

Why here and not in ``field_audit.evidence`` (the app's one home for qrcode): the central store
must not import the app, and it needs to draw the code too. This module imports qrcode only to
lay out the modules, and writes the SVG and the PNG (zlib) itself, so the server side needs
no Pillow. The app draws the same code as PNG or SVG in ``field_audit.evidence.qr``; both
follow the format's parameters in ``sync.protocol.certificates`` (alphanumeric mode, level Q,
version <= 15).
"""

from __future__ import annotations

import struct
import zlib

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


def certificate_qr_png(text: str, *, module_px: int = 12) -> bytes:
    """A black-on-white PNG of the certificate's QR code, ``module_px`` pixels a module (12:
    about 600 px, sharp at 35 mm for a print shop or on a web page). Written here with zlib,
    as the SVG is, so the issuer needs no imaging library."""
    matrix = certificate_qr_matrix(text)
    rows = []
    for row in matrix:
        pixels = bytes(0 if dark else 255 for dark in row for _ in range(module_px))
        rows += [b"\x00" + pixels] * module_px  # filter type 0 before each scanline
    size = len(matrix) * module_px
    header = struct.pack(">IIBBBBB", size, size, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return b"".join(
        (
            b"\x89PNG\r\n\x1a\n",
            _chunk(b"IHDR", header),
            _chunk(b"IDAT", zlib.compress(b"".join(rows), 9)),
            _chunk(b"IEND", b""),
        )
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)
