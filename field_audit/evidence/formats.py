"""Recognising a photo's format from its first bytes (never from its name), and telling a file
that was cut short from one that is otherwise damaged. Standard library only.
"""

from __future__ import annotations

from enum import StrEnum

from field_audit.evidence.errors import PhotoRefused, RefusalCode

HEAD_SIZE = 32  # bytes of the file that ``sniff_format`` needs

_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}
_AVIF_BRANDS = {b"avif", b"avis"}

# Pictures we recognise but do not accept, by signature.
_OTHER_IMAGES: tuple[tuple[bytes, str], ...] = (
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"BM", "BMP"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"8BPS", "PSD"),
    (b"\x00\x00\x01\x00", "ICO"),
    (b"\xff\x0a", "JPEG XL"),
    (b"\x00\x00\x00\x0cjP  ", "JPEG 2000"),
    (b"\x00\x00\x00\x0cJXL ", "JPEG XL"),
    (b"\x00\x00\x00\x0cjXL ", "JPEG XL"),
)


class PhotoFormat(StrEnum):
    """A format we accept, by its stable lower-case name."""

    JPEG = "jpeg"
    PNG = "png"
    WEBP = "webp"
    HEIF = "heif"


def sniff_format(head: bytes) -> PhotoFormat:
    """The accepted format whose signature ``head`` starts with.

    Raises ``PhotoRefused`` with ``empty``, ``unsupported_format`` (a picture of another
    kind, e.g. GIF or AVIF) or ``not_an_image``.
    """
    if not head:
        raise PhotoRefused.because(RefusalCode.EMPTY)
    found = _accepted(head)
    if found is not None:
        return found
    other = _other_image(head)
    if other is not None:
        raise PhotoRefused.because(RefusalCode.UNSUPPORTED_FORMAT, format=other)
    raise PhotoRefused.because(RefusalCode.NOT_AN_IMAGE)


def _accepted(head: bytes) -> PhotoFormat | None:
    if head.startswith(b"\xff\xd8\xff"):
        return PhotoFormat.JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PhotoFormat.PNG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return PhotoFormat.WEBP
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS and not _is_avif(head):
        return PhotoFormat.HEIF
    return None


def _is_avif(head: bytes) -> bool:
    """A ``mif1`` file whose compatible brands name AVIF is AVIF, not HEIC."""
    size = int.from_bytes(head[:4], "big")
    brands = head[16 : min(size, len(head))]
    return any(brands[i : i + 4] in _AVIF_BRANDS for i in range(0, len(brands), 4))


def _other_image(head: bytes) -> str | None:
    if head[4:8] == b"ftyp":
        return "AVIF" if head[8:12] in _AVIF_BRANDS or _is_avif(head) else "ISO media"
    if head[:4] == b"RIFF":
        return None
    return next((name for sig, name in _OTHER_IMAGES if head.startswith(sig)), None)


def looks_cut_short(fmt: PhotoFormat, data: bytes) -> bool:
    """Whether ``data``, which failed to decode as ``fmt``, ends before its format says it
    should (a copy or upload that stopped early) rather than being damaged inside."""
    if fmt is PhotoFormat.JPEG:
        return b"\xff\xd9" not in data[-4096:]
    if fmt is PhotoFormat.PNG:
        return b"IEND" not in data[-64:]
    if fmt is PhotoFormat.WEBP:
        return int.from_bytes(data[4:8], "little") + 8 > len(data)
    return _boxes_overrun(data)


def _boxes_overrun(data: bytes) -> bool:
    """Whether the last top-level ISO-BMFF box (HEIF) claims more bytes than remain."""
    at = 0
    while at + 8 <= len(data):
        size = int.from_bytes(data[at : at + 4], "big")
        if size == 1 and at + 16 <= len(data):
            size = int.from_bytes(data[at + 8 : at + 16], "big")
        if size == 0:
            return False
        if size < 8:
            return True
        at += size
    return at != len(data)
