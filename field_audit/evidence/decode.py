"""Decoding a sniffed photo once, already shrunk as far as the decoder can shrink it.

Each format is opened by its own Pillow plugin class (or pillow-heif), not ``Image.open``: the
format was already recognised from the bytes, and the pixel limit is ours. Pillow's process-wide
``MAX_IMAGE_PIXELS`` only *warns* between its value and twice that; here the header's size is
checked against ``IngestOptions.max_pixels`` before a single pixel is decoded, and a photo over it
raises ``PhotoRefused(too_many_pixels)``. No global Pillow state is read or changed, so decoding is
safe on several threads at once.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO

import pillow_heif
from PIL import Image, ImageFile, JpegImagePlugin, PngImagePlugin, WebPImagePlugin

from field_audit.evidence.errors import PhotoRefused, RefusalCode
from field_audit.evidence.formats import PhotoFormat, looks_cut_short
from field_audit.evidence.model import IngestOptions

_OPENERS: dict[PhotoFormat, Callable[[IO[bytes]], ImageFile.ImageFile]] = {
    PhotoFormat.JPEG: JpegImagePlugin.JpegImageFile,
    PhotoFormat.PNG: PngImagePlugin.PngImageFile,
    PhotoFormat.WEBP: WebPImagePlugin.WebPImageFile,
}

# What Pillow and pillow-heif raise for data they cannot decode.
_DECODER_ERRORS = (OSError, ValueError, SyntaxError, EOFError, RuntimeError, struct.error)


@dataclass(frozen=True, slots=True)
class Decoded:
    """A decoded photo: ``image`` is loaded (maybe decoder-scaled), ``size`` is the file's own."""

    image: Image.Image
    exif: Image.Exif
    size: tuple[int, int]


def fit(size: tuple[int, int], edge: int) -> tuple[int, int]:
    """``size`` scaled so its long side is at most ``edge`` (never enlarged, never below 1)."""
    width, height = size
    if max(width, height) <= edge:
        return size
    scale = edge / max(width, height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def decode_photo(data: bytes, fmt: PhotoFormat, options: IngestOptions) -> Decoded:
    """Decode ``data`` (known to start like ``fmt``), JPEGs at the smallest DCT scale that still
    covers ``options.max_edge`` (or within ``edge_slack`` of it).

    Raises ``PhotoRefused``: ``too_many_pixels`` before decoding; ``truncated`` or ``corrupt``
    when the decoder fails.
    """
    with _refusing_bad_data(fmt, data):
        if fmt is PhotoFormat.HEIF:
            return _decode_heif(data, options)
        return _decode_pillow(data, fmt, options)


@contextmanager
def _refusing_bad_data(fmt: PhotoFormat, data: bytes) -> Iterator[None]:
    try:
        yield
    except _DECODER_ERRORS as exc:
        code = RefusalCode.TRUNCATED if looks_cut_short(fmt, data) else RefusalCode.CORRUPT
        raise PhotoRefused.because(code) from exc


def _check_pixels(size: tuple[int, int], limit: int) -> None:
    pixels = size[0] * size[1]
    if pixels > limit:
        raise PhotoRefused.because(
            RefusalCode.TOO_MANY_PIXELS,
            megapixels=round(pixels / 1e6, 1),
            limit_megapixels=round(limit / 1e6, 1),
        )


def _decode_pillow(data: bytes, fmt: PhotoFormat, options: IngestOptions) -> Decoded:
    image = _OPENERS[fmt](io.BytesIO(data))
    _check_pixels(image.size, options.max_pixels)
    size = image.size
    if fmt is PhotoFormat.JPEG:
        image.draft(None, draft_size(size, options))
    image.load()
    return Decoded(image, _read_exif(image), size)


def draft_size(size: tuple[int, int], options: IngestOptions) -> tuple[int, int]:
    """The size to ask the JPEG decoder for: it picks the smallest 1/2, 1/4 or 1/8 scale that
    is at least this size. With ``edge_slack``, a scale landing just under ``max_edge`` is asked
    for, so no resize follows."""
    width, height = size
    lowest = options.max_edge * (1 - options.edge_slack)
    for scale in (8, 4, 2):
        if lowest <= -(-max(width, height) // scale) <= options.max_edge:
            return width // scale, height // scale
    return fit(size, options.max_edge)


def _decode_heif(data: bytes, options: IngestOptions) -> Decoded:
    heif = pillow_heif.open_heif(data, convert_hdr_to_8bit=True)
    size: tuple[int, int] = heif.size
    _check_pixels(size, options.max_pixels)
    image = heif.to_pillow()  # libheif has applied the rotation; EXIF orientation reads 1
    return Decoded(image, _read_exif(image), size)


def _read_exif(image: Image.Image) -> Image.Exif:
    """The photo's EXIF; empty when it is malformed (metadata never refuses a photo)."""
    try:
        return image.getexif()
    except Exception:
        return Image.Exif()
