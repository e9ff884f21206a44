"""Ingest: formats by content, sizes, orientation, metadata as data and never in the file."""

from __future__ import annotations

import hashlib
import io
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PIL import ExifTags, Image, ImageCms, ImageOps

from field_audit.evidence import GeoPoint, IngestOptions, PhotoFormat, ingest_photo
from field_audit.evidence.exif import IFD0_DATETIME, ORIGINAL
from tests.evidence.conftest import (
    BLUE,
    GREEN,
    RED,
    SMALL,
    YELLOW,
    Tags,
    adobe_rgb_profile,
    close_to,
    encode,
    encode_heic,
    noisy,
    quadrant_colours,
    quadrants,
)

UPRIGHT = [RED, GREEN, YELLOW, BLUE]
BANGKOK = Tags(
    captured="2025:03:14 09:26:53",
    offset="+07:00",
    subsec="25",
    gps=("N", (13.0, 45.0, 30.0), "E", (100.0, 30.0, 15.0)),
)


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_each_pillow_format_is_recognised_by_content_and_stored_as_jpeg(fmt: str) -> None:
    photo = ingest_photo(encode(quadrants(), fmt, lossless=True))  # only WebP reads "lossless"

    assert photo.metadata.original_format == PhotoFormat(fmt.lower())
    assert opened(photo.photo).format == "JPEG"
    assert opened(photo.thumbnail).format == "JPEG"
    assert all(map(close_to, quadrant_colours(opened(photo.photo)), UPRIGHT))


def test_a_misnamed_file_is_read_by_its_content(tmp_path: Path) -> None:
    path = tmp_path / "looks-like.jpg"
    path.write_bytes(encode(quadrants(), "PNG"))

    assert ingest_photo(path).metadata.original_format is PhotoFormat.PNG
    assert ingest_photo(str(path)).metadata.original_format is PhotoFormat.PNG


def test_hashes_and_sizes_describe_the_stored_bytes() -> None:
    source = encode(noisy((200, 150)))
    photo = ingest_photo(source, options=SMALL)
    meta = photo.metadata

    assert meta.sha256 == hashlib.sha256(photo.photo).hexdigest()
    assert meta.byte_size == len(photo.photo)
    assert meta.thumbnail_sha256 == hashlib.sha256(photo.thumbnail).hexdigest()
    assert meta.thumbnail_byte_size == len(photo.thumbnail)
    assert meta.source_sha256 == hashlib.sha256(source).hexdigest()
    assert meta.original_byte_size == len(source)
    assert (meta.original_width, meta.original_height) == (200, 150)


def test_the_long_edge_is_capped_and_the_thumbnail_made(tmp_path: Path) -> None:
    photo = ingest_photo(encode(noisy((200, 150))), options=SMALL)

    assert (photo.metadata.width, photo.metadata.height) == (64, 48)
    assert opened(photo.photo).size == (64, 48)
    assert (photo.metadata.thumbnail_width, photo.metadata.thumbnail_height) == (16, 12)
    assert opened(photo.thumbnail).size == (16, 12)


def test_a_large_jpeg_is_decoded_at_a_reduced_scale_and_still_comes_out_exact() -> None:
    options = IngestOptions(max_edge=104, thumb_edge=20)

    photo = ingest_photo(encode(noisy((800, 600))), options=options)

    assert opened(photo.photo).size == (104, 78)


def test_edge_slack_keeps_the_decoders_own_scale() -> None:
    options = IngestOptions(max_edge=104, thumb_edge=20, edge_slack=0.05)

    photo = ingest_photo(encode(noisy((800, 600))), options=options)

    assert opened(photo.photo).size == (100, 75)  # 1/8 scale, within 5 % under 104


def test_a_small_photo_is_not_enlarged() -> None:
    photo = ingest_photo(encode(quadrants((30, 20))))

    assert (photo.metadata.width, photo.metadata.height) == (30, 20)


def test_the_same_photo_gives_the_same_bytes(tmp_path: Path) -> None:
    data = encode(noisy((120, 90)))
    path = tmp_path / "photo"
    path.write_bytes(data)

    assert ingest_photo(data, options=SMALL) == ingest_photo(path, options=SMALL)


def stored_as_oriented(orientation: int) -> Image.Image:
    """The pixels a camera stores when the upright picture must be turned by ``orientation``:
    6 means "turn 90 degrees clockwise to view", 8 "turn 90 degrees counter-clockwise"."""
    turn = {6: 90, 8: -90}[orientation]  # Image.rotate turns counter-clockwise
    return quadrants().rotate(turn, expand=True)


@pytest.mark.parametrize("orientation", [6, 8])
@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_exif_orientation_is_applied(orientation: int, fmt: str) -> None:
    source = encode(stored_as_oriented(orientation), fmt, tags=Tags(orientation=orientation))
    assert all(map(close_to, quadrant_colours(ImageOps.exif_transpose(opened(source))), UPRIGHT))

    photo = ingest_photo(source)

    assert all(map(close_to, quadrant_colours(opened(photo.photo)), UPRIGHT))
    assert all(map(close_to, quadrant_colours(opened(photo.thumbnail)), UPRIGHT))
    assert (photo.metadata.width, photo.metadata.height) == (60, 40)
    assert (photo.metadata.original_width, photo.metadata.original_height) == (60, 40)


def test_capture_time_and_position_are_returned_as_data() -> None:
    meta = ingest_photo(encode(quadrants(), tags=BANGKOK)).metadata

    bangkok = timezone(timedelta(hours=7))
    assert meta.captured_at == datetime(2025, 3, 14, 9, 26, 53, 250000, tzinfo=bangkok)
    assert meta.gps == GeoPoint(lat=13.7583333, lon=100.5041667)


def test_without_an_offset_the_capture_time_is_the_cameras_local_clock() -> None:
    meta = ingest_photo(encode(quadrants(), tags=Tags(captured="2024:12:31 23:59:59"))).metadata

    assert meta.captured_at == datetime(2024, 12, 31, 23, 59, 59)
    assert meta.gps is None


def test_only_ifd0_datetime_gives_the_capture_time_and_says_so() -> None:
    tags = Tags(extra={ExifTags.Base.DateTime: "2026:12:04 10:15:00"})

    meta = ingest_photo(encode(quadrants(), tags=tags)).metadata

    assert meta.captured_at == datetime(2026, 12, 4, 10, 15)
    assert meta.captured_from == IFD0_DATETIME


def test_datetime_original_wins_over_ifd0_datetime() -> None:
    tags = Tags(
        captured="2026:12:04 09:00:00", extra={ExifTags.Base.DateTime: "2026:12:05 18:00:00"}
    )

    meta = ingest_photo(encode(quadrants(), tags=tags)).metadata

    assert meta.captured_at == datetime(2026, 12, 4, 9)
    assert meta.captured_from == ORIGINAL


def test_no_time_tag_says_nothing_about_where_the_time_came_from() -> None:
    meta = ingest_photo(encode(quadrants())).metadata

    assert (meta.captured_at, meta.captured_from) == (None, None)


def test_south_and_west_are_negative() -> None:
    tags = Tags(gps=("S", (33.0, 52.0, 4.0), "W", (70.0, 40.0, 0.0)))

    meta = ingest_photo(encode(quadrants(), tags=tags)).metadata

    assert meta.gps == GeoPoint(lat=-33.8677778, lon=-70.6666667)


@pytest.mark.parametrize(
    "tags",
    [
        Tags(captured="0000:00:00 00:00:00", offset="+07:00"),
        Tags(captured="    :  :     :  :  "),
        Tags(captured="2025:03:14 09:26:53", offset="garbage"),
        Tags(gps=("N", (13.0, 0.0, 0.0), "E", (400.0, 0.0, 0.0))),
        Tags(extra={0x0112: 99}),
    ],
)
def test_implausible_metadata_is_dropped_not_refused(tags: Tags) -> None:
    meta = ingest_photo(encode(quadrants(), tags=tags)).metadata

    assert meta.gps is None
    assert meta.captured_at in (None, datetime(2025, 3, 14, 9, 26, 53))


def test_no_photo_metadata_is_left_in_the_stored_files() -> None:
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>'
    tags = Tags(
        orientation=1,
        captured="2025:03:14 09:26:53",
        gps=BANGKOK.gps,
        extra={0x010F: "PhoneMaker", 0x0110: "Model X", 0x013B: "Somchai"},
    )
    source = encode(quadrants(), tags=tags, icc_profile=srgb, comment=b"secret", xmp=xmp)

    photo = ingest_photo(source)

    for stored in (photo.photo, photo.thumbnail):
        image = opened(stored)
        assert not image.getexif()
        assert not {"exif", "icc_profile", "comment", "xmp"} & set(image.info)
        for marker in (b"Exif", b"PhoneMaker", b"Somchai", b"secret", b"xmpmeta", b"ICC_PROFILE"):
            assert marker not in stored
    assert photo.metadata.gps is not None
    assert photo.metadata.captured_at is not None


def test_heic_is_taken_in_with_its_metadata() -> None:
    source = encode_heic(quadrants(), BANGKOK)

    photo = ingest_photo(source)

    assert photo.metadata.original_format is PhotoFormat.HEIF
    assert opened(photo.photo).format == "JPEG"
    assert all(map(close_to, quadrant_colours(opened(photo.photo)), UPRIGHT))
    assert photo.metadata.gps == GeoPoint(lat=13.7583333, lon=100.5041667)
    assert photo.metadata.captured_at is not None
    assert b"Exif" not in photo.photo


def test_heic_with_a_rotation_comes_out_upright() -> None:
    source = encode_heic(stored_as_oriented(6), Tags(orientation=6))

    photo = ingest_photo(source)

    assert all(map(close_to, quadrant_colours(opened(photo.photo)), UPRIGHT))
    assert (photo.metadata.width, photo.metadata.height) == (60, 40)


def test_transparency_is_laid_on_white() -> None:
    image = quadrants().convert("RGBA")
    image.putalpha(0)

    photo = ingest_photo(encode(image, "PNG"))

    assert all(close_to(c, (255, 255, 255), 8) for c in quadrant_colours(opened(photo.photo)))


@pytest.mark.parametrize(
    ("mode", "fmt"),
    [("L", "JPEG"), ("P", "PNG"), ("I;16", "PNG"), ("1", "PNG"), ("CMYK", "JPEG"), ("LA", "PNG")],
)
def test_other_pixel_modes_are_normalised(mode: str, fmt: str) -> None:
    image = quadrants().convert(mode) if mode != "I;16" else Image.new("I;16", (60, 40), 40000)

    photo = ingest_photo(encode(image, fmt))

    assert opened(photo.photo).mode in ("RGB", "L")
    assert opened(photo.photo).size == (60, 40)


def test_an_srgb_or_unreadable_profile_leaves_the_colours() -> None:
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()

    for profile in (srgb, b"\x00" * 200):
        photo = ingest_photo(encode(quadrants(), icc_profile=profile))
        assert all(map(close_to, quadrant_colours(opened(photo.photo)), UPRIGHT))


def test_a_wide_gamut_photo_is_converted_to_srgb_not_just_stripped() -> None:
    green = Image.new("RGB", (40, 30), (40, 160, 40))

    photo = ingest_photo(encode(green, icc_profile=adobe_rgb_profile()))

    pixel = opened(photo.photo).getpixel((20, 15))
    assert isinstance(pixel, tuple)
    assert not close_to(pixel, (40, 160, 40), 12)  # Adobe RGB's green is more saturated
    assert pixel[1] > 150


def test_options_refuse_unsafe_values() -> None:
    with pytest.raises(ValueError, match="thumb_edge"):
        IngestOptions(max_edge=100, thumb_edge=200)
    with pytest.raises(ValueError, match="quality"):
        IngestOptions(quality=0)
