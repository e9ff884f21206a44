"""The values the evidence layer takes and gives: ingest options, a photo's metadata (what a
caller records in its own tables) and an ingested photo (the bytes to store). Standard library only.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import NamedTuple

from field_audit.evidence.formats import PhotoFormat

PhotoSource = str | os.PathLike[str] | bytes
"""A photo to ingest: a file path (``str`` or ``PathLike``), or the file's content as ``bytes``."""

STORED_MEDIA_TYPE = "image/jpeg"  # every stored photo and thumbnail is a baseline JPEG


class Outcome(StrEnum):
    """What became of a photo: stored anew, already stored (nothing written), or refused."""

    STORED = "stored"
    DUPLICATE = "duplicate"
    REFUSED = "refused"


class GeoPoint(NamedTuple):
    """A position in decimal degrees, WGS 84 (north and east positive)."""

    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """How photos are normalised and what is refused; the defaults suit phone photos.

    ``max_edge``/``thumb_edge``: longest side, in pixels, of the stored copy and the thumbnail
    (smaller photos are not enlarged). ``max_bytes``: larger files are refused before decoding.
    ``max_pixels``: more pixels are refused before decoding (a 48-MP phone photo passes).
    ``edge_slack``: a JPEG may come out up to this fraction below ``max_edge`` when that lets
    the decoder scale by 1/2, 1/4 or 1/8 with no resize (0.05 turns 4000 px into 2000 px at
    about five times the speed); 0 means the long edge is exactly ``max_edge`` when larger.
    """

    max_edge: int = 2048
    thumb_edge: int = 320
    quality: int = 82
    thumb_quality: int = 80
    max_bytes: int = 40 * 1024 * 1024
    max_pixels: int = 80_000_000
    edge_slack: float = 0.0

    def __post_init__(self) -> None:
        problems = [name for name, ok in self._checks() if not ok]
        if problems:
            raise ValueError(f"invalid IngestOptions: {', '.join(problems)}")

    def _checks(self) -> list[tuple[str, bool]]:
        return [
            ("thumb_edge must be 16..max_edge", 16 <= self.thumb_edge <= self.max_edge),
            ("quality must be 1..95", 1 <= self.quality <= 95),
            ("thumb_quality must be 1..95", 1 <= self.thumb_quality <= 95),
            ("max_bytes must be positive", self.max_bytes > 0),
            ("max_pixels must be positive", self.max_pixels > 0),
            ("edge_slack must be 0..0.5", 0.0 <= self.edge_slack <= 0.5),
        ]


@dataclass(frozen=True, slots=True)
class PhotoMetadata:
    """Everything a caller needs to record a photo row.

    ``sha256``/``byte_size``/``width``/``height`` describe the stored copy, and the
    ``thumbnail_*`` fields its thumbnail; both are JPEG (``STORED_MEDIA_TYPE``) and upright.
    ``original_*`` describe the file as given (dimensions upright too); ``source_sha256``
    hashes its bytes. ``captured_at`` is EXIF DateTimeOriginal, else IFD0 DateTime (which one:
    ``captured_from``, ``exif.ORIGINAL`` or ``exif.IFD0_DATETIME``; None with no time):
    timezone-aware when the camera wrote the matching offset tag, otherwise naive (the
    camera's local clock).
    """

    sha256: str
    byte_size: int
    width: int
    height: int
    thumbnail_sha256: str
    thumbnail_byte_size: int
    thumbnail_width: int
    thumbnail_height: int
    captured_at: datetime | None
    gps: GeoPoint | None
    original_format: PhotoFormat
    original_width: int
    original_height: int
    original_byte_size: int
    source_sha256: str
    captured_from: str | None = None


@dataclass(frozen=True, slots=True, repr=False)
class IngestedPhoto:
    """A normalised photo and its thumbnail, ready for ``PhotoStore.put``.

    Invariant (kept by ``ingest_photo``): ``metadata.sha256`` hashes ``photo`` and
    ``metadata.thumbnail_sha256`` hashes ``thumbnail``.
    """

    metadata: PhotoMetadata
    photo: bytes
    thumbnail: bytes

    def __repr__(self) -> str:
        return f"IngestedPhoto({self.metadata.sha256[:12]}…, {len(self.photo)} bytes)"
