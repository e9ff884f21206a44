"""Small deterministic photo factories for the evidence tests, and a fake disk."""

from __future__ import annotations

import errno
import io
import os
import struct
from dataclasses import dataclass, field
from pathlib import Path

import pillow_heif
import pytest
from PIL import ExifTags, Image

from field_audit.evidence import IngestOptions, PhotoStore

RED, GREEN, BLUE, YELLOW = (220, 20, 20), (20, 200, 20), (20, 20, 220), (230, 230, 20)

# Small limits so tiny test images exercise the resize and thumbnail paths.
SMALL = IngestOptions(max_edge=64, thumb_edge=16)


def quadrants(size: tuple[int, int] = (60, 40)) -> Image.Image:
    """An upright picture whose four quadrants have different colours (clockwise from top left:
    red, green, yellow, blue), so any rotation or mirror shows."""
    width, height = size
    image = Image.new("RGB", size, BLUE)
    image.paste(RED, (0, 0, width // 2, height // 2))
    image.paste(GREEN, (width // 2, 0, width, height // 2))
    image.paste(YELLOW, (width // 2, height // 2, width, height))
    return image


def quadrant_colours(image: Image.Image) -> list[tuple[int, ...]]:
    """The colour at the centre of each quadrant: top left, top right, bottom right, bottom left."""
    width, height = image.size
    points = [(1, 1), (3, 1), (3, 3), (1, 3)]
    rgb = image.convert("RGB")
    return [_pixel(rgb, (x * width // 4, y * height // 4)) for x, y in points]


def _pixel(image: Image.Image, at: tuple[int, int]) -> tuple[int, ...]:
    value = image.getpixel(at)
    assert isinstance(value, tuple)
    return value


def close_to(actual: tuple[int, ...], expected: tuple[int, ...], tolerance: int = 40) -> bool:
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True))


@dataclass(frozen=True)
class Tags:
    """What to write into a test photo's EXIF block."""

    orientation: int | None = None
    captured: str | None = None
    offset: str | None = None
    subsec: str | None = None
    gps: tuple[str, tuple[float, float, float], str, tuple[float, float, float]] | None = None
    extra: dict[int, object] = field(default_factory=dict)


def exif_bytes(tags: Tags) -> bytes:
    exif = Image.Exif()
    if tags.orientation is not None:
        exif[ExifTags.Base.Orientation] = tags.orientation
    exif.update(tags.extra)
    sub = exif.get_ifd(ExifTags.IFD.Exif)
    for tag, value in [
        (ExifTags.Base.DateTimeOriginal, tags.captured),
        (ExifTags.Base.OffsetTimeOriginal, tags.offset),
        (ExifTags.Base.SubsecTimeOriginal, tags.subsec),
    ]:
        if value is not None:
            sub[tag] = value
    if tags.gps is not None:
        exif.get_ifd(ExifTags.IFD.GPSInfo).update(dict(zip((1, 2, 3, 4), tags.gps, strict=True)))
    return exif.tobytes()


def encode(
    image: Image.Image, fmt: str = "JPEG", *, tags: Tags | None = None, **params: object
) -> bytes:
    """``image`` saved as ``fmt`` (JPEG, PNG, WEBP, GIF, BMP...), with ``tags`` as EXIF."""
    if tags is not None:
        params["exif"] = exif_bytes(tags)
    if fmt == "JPEG":
        params.setdefault("quality", 95)
    buffer = io.BytesIO()
    image.save(buffer, fmt, **params)
    return buffer.getvalue()


def heif_encoding_available() -> bool:
    return bool(pillow_heif.libheif_info().get("HEIF"))


def encode_heic(image: Image.Image, tags: Tags | None = None) -> bytes:
    """``image`` as HEIC (skips the test when libheif has no HEVC encoder)."""
    if not heif_encoding_available():
        pytest.skip("pillow-heif has no HEIC encoder here, so no HEIC test file can be made")
    buffer = io.BytesIO()
    params = {"exif": exif_bytes(tags)} if tags is not None else {}
    pillow_heif.from_pillow(image).save(buffer, quality=90, **params)
    return buffer.getvalue()


def noisy(size: tuple[int, int], seed: int = 0) -> Image.Image:
    """A textured picture (distinct per ``seed``), so encoded sizes are realistic."""
    noise = Image.effect_noise(size, 40 + seed)
    return Image.merge("RGB", (noise, Image.linear_gradient("L").resize(size), noise))


@dataclass
class FakeDisk:
    """A disk that runs out of space after ``budget`` bytes, or dies by raising ``crash``."""

    budget: int | None = None
    crash: BaseException | None = None
    fsync_error: OSError | None = None
    written: int = 0

    def write(self, fd: int, data: memoryview) -> int:
        allowed = len(data) if self.budget is None else self.budget - self.written
        if allowed <= 0:
            raise self.crash or OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        chunk = min(allowed, len(data), 64)  # short writes, as a real disk may do
        self.written += os.write(fd, data[:chunk])
        return chunk

    def fsync(self, fd: int) -> None:
        if self.fsync_error is not None:
            raise self.fsync_error
        os.fsync(fd)

    def replace(self, source: Path, target: Path) -> None:
        os.replace(source, target)


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every file (with its bytes) and folder (None) under ``root``."""
    return {
        str(path.relative_to(root)): path.read_bytes() if path.is_file() else None
        for path in sorted(root.rglob("*"))
    }


@pytest.fixture
def store(tmp_path: Path) -> PhotoStore:
    return PhotoStore.open(tmp_path / "store")


Xyz = tuple[float, float, float]
D50: Xyz = (0.9642, 1.0, 0.8249)
# Adobe RGB (1998), its primaries adapted to D50 as ICC profiles carry them; gamma 563/256.
ADOBE_RGB_PRIMARIES: tuple[Xyz, Xyz, Xyz] = (
    (0.6097, 0.3111, 0.0195),
    (0.2053, 0.6257, 0.0609),
    (0.1492, 0.0632, 0.7446),
)


def _s15(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def _xyz_tag(x: float, y: float, z: float) -> bytes:
    return b"XYZ \0\0\0\0" + _s15(x) + _s15(y) + _s15(z)


def matrix_rgb_profile(primaries: tuple[Xyz, Xyz, Xyz], gamma: float, name: str) -> bytes:
    """A minimal ICC v2 RGB display profile (D50 colorants, one gamma), built here so a test
    of colour conversion needs no profile from the machine."""
    ascii_name = name.encode("ascii") + b"\0"
    desc = b"desc\0\0\0\0" + struct.pack(">I", len(ascii_name)) + ascii_name
    desc += b"\0" * 8 + b"\0\0\0" + b"\0" * 67  # no Unicode, no ScriptCode description
    curve = b"curv\0\0\0\0" + struct.pack(">IH", 1, round(gamma * 256)) + b"\0\0"
    tags = [
        (b"desc", desc),
        (b"cprt", b"text\0\0\0\0test profile\0"),
        (b"wtpt", _xyz_tag(*D50)),
        *(
            (sig, _xyz_tag(*xyz))
            for sig, xyz in zip((b"rXYZ", b"gXYZ", b"bXYZ"), primaries, strict=True)
        ),
        *((sig, curve) for sig in (b"rTRC", b"gTRC", b"bTRC")),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for sig, body in tags:
        padded = body + b"\0" * (-len(body) % 4)
        table += sig + struct.pack(">II", offset + len(data), len(padded))
        data += padded
    size = offset + len(data)
    header = struct.pack(
        ">I4sI4s4s4s12s4s",
        size,
        b"\0" * 4,
        0x02100000,
        b"mntr",
        b"RGB ",
        b"XYZ ",
        b"\0" * 12,
        b"acsp",
    )
    header += b"\0" * (68 - len(header)) + _s15(D50[0]) + _s15(D50[1]) + _s15(D50[2])
    header += b"\0" * (128 - len(header))
    return header + struct.pack(">I", len(tags)) + table + data


def adobe_rgb_profile() -> bytes:
    return matrix_rgb_profile(ADOBE_RGB_PRIMARIES, 563 / 256, "Adobe RGB (1998) compatible")
