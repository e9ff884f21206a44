"""Bad input: each kind is refused with its code and a Thai and an English message."""

from __future__ import annotations

import contextlib
import pickle
import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from field_audit.evidence import (
    DamagedPhoto,
    IngestOptions,
    PhotoRefused,
    Refusal,
    RefusalCode,
    StorageFull,
    ingest_photo,
)
from field_audit.evidence.errors import MESSAGES
from field_audit.evidence.formats import sniff_format
from tests.evidence.conftest import encode, noisy, quadrants

THAI = range(0x0E00, 0x0E80)


def refusal_of(source: bytes | Path, options: IngestOptions | None = None) -> RefusalCode:
    with pytest.raises(PhotoRefused) as caught:
        ingest_photo(source, options=options or IngestOptions())
    return caught.value.code


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims ``width`` x ``height`` but holds almost no data: a decompression bomb
    as far as the header goes."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")

    assert refusal_of(b"") is RefusalCode.EMPTY
    assert refusal_of(empty) is RefusalCode.EMPTY


def test_a_file_that_is_not_a_picture_is_refused() -> None:
    assert refusal_of(b"%PDF-1.7\n" + b"x" * 500) is RefusalCode.NOT_AN_IMAGE
    assert refusal_of(b"RIFF\x10\x00\x00\x00WAVEfmt ") is RefusalCode.NOT_AN_IMAGE


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF"])
def test_pictures_of_other_formats_are_refused_as_unsupported(fmt: str) -> None:
    with pytest.raises(PhotoRefused) as caught:
        ingest_photo(encode(quadrants(), fmt))

    assert caught.value.code is RefusalCode.UNSUPPORTED_FORMAT
    assert fmt in caught.value.refusal.english
    assert fmt in caught.value.refusal.thai


def test_avif_is_recognised_as_unsupported() -> None:
    head = b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf"

    with pytest.raises(PhotoRefused, match="AVIF"):
        sniff_format(head)


@pytest.mark.parametrize(
    "source",
    [
        encode(noisy((200, 150))),
        encode(noisy((200, 150)), "PNG"),
        encode(noisy((200, 150)), "WEBP"),
    ],
    ids=["jpeg", "png", "webp"],
)
def test_a_file_cut_short_is_refused_as_truncated(source: bytes) -> None:
    assert refusal_of(source[: len(source) * 2 // 3]) is RefusalCode.TRUNCATED


def test_a_heic_cut_short_is_refused_as_truncated() -> None:
    from tests.evidence.conftest import encode_heic

    source = encode_heic(noisy((200, 150)))

    assert refusal_of(source[: len(source) * 2 // 3]) is RefusalCode.TRUNCATED


def test_a_complete_file_with_damaged_data_is_refused_as_corrupt() -> None:
    source = bytearray(encode(noisy((60, 40)), "PNG"))
    source[60] ^= 0xFF  # inside IDAT's data (it starts at 41): its checksum no longer matches

    assert refusal_of(bytes(source)) is RefusalCode.CORRUPT


def test_too_many_pixels_is_refused_before_decoding() -> None:
    bomb = png_header_only(30_000, 30_000)  # 900 MP: Pillow's own check would only raise at 179

    with pytest.raises(PhotoRefused) as caught:
        ingest_photo(bomb)

    assert caught.value.code is RefusalCode.TOO_MANY_PIXELS
    assert caught.value.refusal.params == {"megapixels": 900.0, "limit_megapixels": 80.0}


def test_the_pixel_limit_is_configurable_and_never_just_warns() -> None:
    between = png_header_only(10_000, 10_000)  # 100 MP: Pillow alone would only warn

    assert refusal_of(between) is RefusalCode.TOO_MANY_PIXELS
    assert refusal_of(encode(quadrants()), IngestOptions(max_pixels=1000)) is (
        RefusalCode.TOO_MANY_PIXELS
    )


def test_a_48_megapixel_header_is_within_the_default_limit() -> None:
    assert IngestOptions().max_pixels >= 8000 * 6000


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    options = IngestOptions(max_bytes=100)
    big = tmp_path / "big.jpg"
    big.write_bytes(b"not even a picture" * 10)

    assert refusal_of(big, options) is RefusalCode.TOO_LARGE
    assert refusal_of(b"x" * 101, options) is RefusalCode.TOO_LARGE
    with pytest.raises(PhotoRefused) as caught:
        ingest_photo(b"x" * 2 * 2**20, options=IngestOptions(max_bytes=2**20))
    assert caught.value.refusal.params == {"size_mb": 2.0, "limit_mb": 1.0}


def test_a_missing_file_is_refused_as_unreadable(tmp_path: Path) -> None:
    assert refusal_of(tmp_path / "gone.jpg") is RefusalCode.CANNOT_READ
    assert refusal_of(tmp_path) is RefusalCode.CANNOT_READ


def test_every_refusal_speaks_thai_and_english() -> None:
    params: dict[str, str | int | float] = {
        "size_mb": 41.5,
        "limit_mb": 40.0,
        "reason": "Permission denied",
        "format": "GIF",
        "megapixels": 120.0,
        "limit_megapixels": 80.0,
    }
    assert set(MESSAGES) == set(RefusalCode)
    for code in RefusalCode:
        refusal = Refusal(code, params)
        assert refusal.english
        assert refusal.message("en") == refusal.english
        assert any(ord(char) in THAI for char in refusal.message("th"))


def test_errors_carry_their_data_and_survive_pickling() -> None:
    refused = PhotoRefused.because(RefusalCode.TOO_LARGE, size_mb=50.0, limit_mb=40.0)
    damaged = DamagedPhoto("photos", "a" * 64, "b" * 64)

    assert str(refused) == "too_large: The file is 50.0 MB; the limit is 40.0 MB."
    assert pickle.loads(pickle.dumps(refused)).refusal == refused.refusal
    assert pickle.loads(pickle.dumps(damaged)).actual == "b" * 64
    assert pickle.loads(pickle.dumps(StorageFull())).code is RefusalCode.DISK_FULL
    assert isinstance(StorageFull(), PhotoRefused)


SIGNATURES = [
    b"",
    b"\xff\xd8\xff",
    b"\x89PNG\r\n\x1a\n",
    b"RIFF\0\0\0\0WEBP",
    b"\0\0\0\x18ftypheic",
]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SIGNATURES), st.binary(max_size=3000))
def test_random_bytes_are_refused_never_crash(signature: bytes, data: bytes) -> None:
    with contextlib.suppress(PhotoRefused):
        ingest_photo(signature + data)


SAMPLES = [encode(noisy((48, 32)), fmt) for fmt in ("JPEG", "PNG", "WEBP")]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(SAMPLES), st.integers(min_value=0), st.integers(0, 255))
def test_any_cut_or_damaged_photo_is_refused_or_taken_never_crashes(
    sample: bytes, at: int, value: int
) -> None:
    position = at % len(sample)
    damaged = sample[:position] + bytes([value]) + sample[position + 1 :]
    for source in (sample[:position], damaged):
        with contextlib.suppress(PhotoRefused):
            ingest_photo(source)


def test_a_decoded_image_never_reaches_the_pillow_bomb_warning() -> None:
    # pytest turns warnings into errors, so a DecompressionBombWarning would fail this test.
    assert Image.MAX_IMAGE_PIXELS is not None
    assert refusal_of(png_header_only(12_000, 12_000)) is RefusalCode.TOO_MANY_PIXELS
