"""Sample photos for benchmarks: 12-megapixel pictures that compress like phone photos
(gradients, shapes, fine grain; about 4.5 MB as JPEG at quality 92), with EXIF orientation,
capture time and position, as JPEG or HEIC.
"""

from __future__ import annotations

import random
from pathlib import Path

import pillow_heif
from PIL import ExifTags, Image, ImageDraw, ImageFilter

SIZE = (4000, 3000)
ORIENTATIONS = (1, 6, 8)


def textured(seed: int) -> Image.Image:
    """A 12-MP picture with gradients, shapes and fine grain: compresses like a phone photo."""
    rnd = random.Random(seed)
    gradient = Image.linear_gradient("L").resize(SIZE)
    base = Image.merge(
        "RGB", (gradient, Image.radial_gradient("L").resize(SIZE), gradient.rotate(90))
    )
    draw = ImageDraw.Draw(base)
    for _ in range(60):
        x, y, s = rnd.randrange(SIZE[0]), rnd.randrange(SIZE[1]), rnd.randrange(50, 800)
        colour = (rnd.randrange(256), rnd.randrange(256), rnd.randrange(256))
        draw.ellipse((x, y, x + s, y + s * 0.7), fill=colour)
        draw.line((x, y, rnd.randrange(SIZE[0]), rnd.randrange(SIZE[1])), fill=colour, width=9)
    grain = Image.effect_noise(SIZE, 60).filter(ImageFilter.GaussianBlur(0.6))
    return Image.blend(base, Image.merge("RGB", (grain, grain, grain)), 0.3)


def exif_for(orientation: int) -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "BenchPhone"
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = "2025:03:14 09:26:53"
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.OffsetTimeOriginal] = "+07:00"
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(
        {1: "N", 2: (13.0, 45.0, 30.0), 3: "E", 4: (100.0, 30.0, 15.0)}
    )
    return exif.tobytes()


def make_photos(folder: Path, count: int) -> list[Path]:
    """``count`` JPEGs at quality 92 (about 4.5 MB each), orientations cycling 1, 6, 8."""
    paths = []
    for index in range(count):
        orientation = ORIENTATIONS[index % len(ORIENTATIONS)]
        path = folder / f"photo-{index}-o{orientation}.jpg"
        textured(index).save(path, "JPEG", quality=92, exif=exif_for(orientation))
        paths.append(path)
    return paths


def make_heic(folder: Path) -> list[Path]:
    """One HEIC (x265 "ultrafast", to keep making it short), or none without an encoder."""
    if not pillow_heif.libheif_info().get("HEIF"):
        return []
    path = folder / "photo.heic"
    heif = pillow_heif.from_pillow(textured(99))
    heif.save(path, quality=85, exif=exif_for(1), enc_params={"preset": "ultrafast"})
    return [path]
