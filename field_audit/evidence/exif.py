"""Reading what a photo's EXIF block says about where, when and which way up it was taken.

EXIF is best effort: a missing, malformed or implausible value gives ``None`` (or orientation 1),
never a refused photo.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from typing import Any, NamedTuple

from PIL import ExifTags, Image

from field_audit.evidence.model import GeoPoint

# EXIF orientation -> the transpose that makes the picture upright.
UPRIGHT: dict[int, Image.Transpose] = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def read_orientation(exif: Image.Exif) -> int:
    """The EXIF orientation (1..8); 1 when absent or invalid."""
    value = exif.get(ExifTags.Base.Orientation, 1)
    return value if isinstance(value, int) and value in UPRIGHT else 1


class CaptureTime(NamedTuple):
    """When a photo was taken and which EXIF tag said so (``ORIGINAL`` or ``IFD0_DATETIME``)."""

    moment: datetime
    source: str


ORIGINAL = "exif_datetime_original"  # Exif IFD DateTimeOriginal: when the shutter fired
IFD0_DATETIME = "exif_datetime"  # IFD0 DateTime: when the file was made (no better tag)


def read_capture_time(exif: Image.Exif) -> CaptureTime | None:
    """DateTimeOriginal, else IFD0 DateTime (some cameras and editors write only that), with
    the matching sub-second and offset tags (aware when an offset is given, else naive)."""
    try:
        tags = exif.get_ifd(ExifTags.IFD.Exif)
        original = _stamp(
            tags.get(ExifTags.Base.DateTimeOriginal),
            tags.get(ExifTags.Base.SubsecTimeOriginal),
            tags.get(ExifTags.Base.OffsetTimeOriginal),
        )
        if original is not None:
            return CaptureTime(original, ORIGINAL)
        written = _stamp(
            exif.get(ExifTags.Base.DateTime),
            tags.get(ExifTags.Base.SubsecTime),
            tags.get(ExifTags.Base.OffsetTime),
        )
    except Exception:  # a malformed EXIF block: no capture time
        return None
    return None if written is None else CaptureTime(written, IFD0_DATETIME)


def _stamp(value: object, subsec: object, offset: object) -> datetime | None:
    stamp = _parse_stamp(value)
    if stamp is None:
        return None
    stamp = stamp.replace(microsecond=_parse_subsec(subsec))
    zone = _parse_offset(offset)
    return stamp if zone is None else stamp.replace(tzinfo=zone)


def _parse_stamp(value: object) -> datetime | None:
    text = _text(value)
    try:
        return datetime.strptime(text[:19], "%Y:%m:%d %H:%M:%S") if text else None
    except ValueError:
        return None


def _parse_subsec(value: object) -> int:
    digits = _text(value)[:6]
    return int(digits.ljust(6, "0")) if digits.isdigit() else 0


def _parse_offset(value: object) -> timezone | None:
    text = _text(value)
    if len(text) != 6 or text[0] not in "+-" or text[3] != ":":
        return None
    hours, minutes = text[1:3], text[4:6]
    if not (hours.isdigit() and minutes.isdigit()) or int(hours) > 14 or int(minutes) > 59:
        return None
    delta = timedelta(hours=int(hours), minutes=int(minutes))
    return timezone(-delta if text[0] == "-" else delta)


def _text(value: object) -> str:
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    return value.strip("\x00 ") if isinstance(value, str) else ""


def read_gps(exif: Image.Exif) -> GeoPoint | None:
    """Latitude and longitude in decimal degrees, when both are present and plausible."""
    try:
        tags = exif.get_ifd(ExifTags.IFD.GPSInfo)
        lat = _degrees(tags, ExifTags.GPS.GPSLatitude, ExifTags.GPS.GPSLatitudeRef, "S")
        lon = _degrees(tags, ExifTags.GPS.GPSLongitude, ExifTags.GPS.GPSLongitudeRef, "W")
    except Exception:  # a malformed GPS block: no position
        return None
    if lat is None or lon is None or abs(lat) > 90 or abs(lon) > 180:
        return None
    return GeoPoint(round(lat, 7), round(lon, 7))


def _degrees(tags: Mapping[int, Any], value_tag: int, ref_tag: int, negative: str) -> float | None:
    parts = tags.get(value_tag)
    if not isinstance(parts, tuple) or len(parts) != 3:
        return None
    degrees, minutes, seconds = (float(p) for p in parts)
    total = degrees + minutes / 60 + seconds / 3600
    if not math.isfinite(total):
        return None
    return -total if _text(tags.get(ref_tag)).upper() == negative else total
