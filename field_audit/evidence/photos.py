"""Taking a photo in: from a path or bytes to a normalised, upright, metadata-free JPEG, its
thumbnail, their SHA-256 hashes, and the capture time and position as data.

The pipeline decodes once (JPEGs already scaled down by the decoder), resizes once with a
``reduce()`` first step, turns the small result upright, and makes the thumbnail from it.
"""

from __future__ import annotations

import hashlib
import io
import os

from PIL import Image

from field_audit.evidence.decode import Decoded, decode_photo, fit
from field_audit.evidence.errors import PhotoRefused, RefusalCode
from field_audit.evidence.exif import UPRIGHT, read_capture_time, read_gps, read_orientation
from field_audit.evidence.formats import HEAD_SIZE, PhotoFormat, sniff_format
from field_audit.evidence.model import IngestedPhoto, IngestOptions, PhotoMetadata, PhotoSource
from field_audit.evidence.pixels import flattened, in_srgb, resizable

DEFAULT_OPTIONS = IngestOptions()
_RESAMPLE = Image.Resampling.BICUBIC
_REDUCING_GAP = 2.0  # reduce() by whole factors first while at least 2x the final size remains
_Encoded = tuple[Image.Image, bytes]  # a picture and its JPEG bytes


def ingest_photo(source: PhotoSource, *, options: IngestOptions = DEFAULT_OPTIONS) -> IngestedPhoto:
    """Normalise one photo (a path, or the file's bytes). Pure: writes nothing.

    Raises ``PhotoRefused`` (empty, too_large, cannot_read, not_an_image, unsupported_format,
    truncated, corrupt, too_many_pixels); the caller's store is untouched.
    """
    data = read_source(source, max_bytes=options.max_bytes)
    fmt = sniff_format(data[:HEAD_SIZE])
    decoded = decode_photo(data, fmt, options)
    orientation = read_orientation(decoded.exif)
    upright = _normalised(decoded, options, orientation)
    thumb = upright.resize(
        fit(upright.size, options.thumb_edge), _RESAMPLE, reducing_gap=_REDUCING_GAP
    )
    photo = (upright, _jpeg(upright, options.quality))
    thumbnail = (thumb, _jpeg(thumb, options.thumb_quality))
    metadata = _metadata(decoded, fmt, data, orientation, photo=photo, thumb=thumbnail)
    return IngestedPhoto(metadata=metadata, photo=photo[1], thumbnail=thumbnail[1])


def read_source(source: PhotoSource, *, max_bytes: int) -> bytes:
    """The file's bytes; refuses ``too_large`` (checked before reading) and ``cannot_read``."""
    if isinstance(source, bytes):
        _check_size(len(source), max_bytes)
        return source
    try:
        with open(source, "rb") as file:
            _check_size(os.fstat(file.fileno()).st_size, max_bytes)
            data = file.read(max_bytes + 1)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise PhotoRefused.because(RefusalCode.CANNOT_READ, reason=reason) from exc
    _check_size(len(data), max_bytes)  # the file grew after it was measured
    return data


def _check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise PhotoRefused.because(
            RefusalCode.TOO_LARGE,
            size_mb=round(size / 2**20, 1),
            limit_mb=round(max_bytes / 2**20, 1),
        )


def _normalised(decoded: Decoded, options: IngestOptions, orientation: int) -> Image.Image:
    """The stored picture: at most ``max_edge``, flattened, sRGB, upright, with no metadata."""
    image = resizable(decoded.image)
    if max(image.size) > options.max_edge:
        image = image.resize(
            fit(decoded.size, options.max_edge), _RESAMPLE, reducing_gap=_REDUCING_GAP
        )
    image = in_srgb(flattened(image), decoded.image.info.get("icc_profile"))
    if orientation in UPRIGHT:
        image = image.transpose(UPRIGHT[orientation])
    image.info = {}  # JPEG save would otherwise copy a comment from here
    return image


def _jpeg(image: Image.Image, quality: int) -> bytes:
    """Baseline JPEG with no EXIF, XMP, ICC profile or comment."""
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


def _metadata(
    decoded: Decoded,
    fmt: PhotoFormat,
    data: bytes,
    orientation: int,
    *,
    photo: _Encoded,
    thumb: _Encoded,
) -> PhotoMetadata:
    (photo_image, photo_bytes), (thumb_image, thumb_bytes) = photo, thumb
    width, height = decoded.size if orientation < 5 else decoded.size[::-1]
    captured = read_capture_time(decoded.exif)
    return PhotoMetadata(
        sha256=hashlib.sha256(photo_bytes).hexdigest(),
        byte_size=len(photo_bytes),
        width=photo_image.width,
        height=photo_image.height,
        thumbnail_sha256=hashlib.sha256(thumb_bytes).hexdigest(),
        thumbnail_byte_size=len(thumb_bytes),
        thumbnail_width=thumb_image.width,
        thumbnail_height=thumb_image.height,
        captured_at=captured.moment if captured else None,
        captured_from=captured.source if captured else None,
        gps=read_gps(decoded.exif),
        original_format=fmt,
        original_width=width,
        original_height=height,
        original_byte_size=len(data),
        source_sha256=hashlib.sha256(data).hexdigest(),
    )
