"""Reading documents back as a person would: PDF pages to PNG (pdftoppm), the text layer
(pdftotext), Word files through LibreOffice headless to PDF, and ink on a page."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from tests.certificates.rendering import keep_artifact, needs_pdftoppm, render_page

FONTS = Path(__file__).resolve().parents[2] / "assets" / "fonts"
MM_PER_INCH = 25.4

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) is not installed: .ci/run installs libreoffice-writer-nogui",
)
__all__ = ["keep_artifact", "needs_pdftoppm", "needs_soffice", "render_page"]


def pdf_text(pdf: bytes, work: Path, *, layout: bool = False) -> str:
    """The text a reader copies out of ``pdf`` (poppler's pdftotext)."""
    source = work / "text.pdf"
    source.write_bytes(pdf)
    command = ["pdftotext", *(["-layout"] if layout else []), str(source), "-"]
    return subprocess.run(command, check=True, capture_output=True).stdout.decode("utf-8")


def page_count(pdf: bytes) -> int:
    return pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page ") or pdf.count(b"/Type/Page")


def word_to_pdf(document: bytes, work: Path, *, suffix: str = "docx") -> bytes:
    """``document`` converted by LibreOffice headless, with the bundled Thai font visible to
    it (a fontconfig file naming assets/fonts) and a profile of its own in ``work``."""
    folder = work / "soffice"
    folder.mkdir(exist_ok=True)
    source = folder / f"document.{suffix}"
    source.write_bytes(document)
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<dir>{FONTS}</dir><cachedir>{folder / 'cache'}</cachedir></fontconfig>"
    )
    env = dict(os.environ, FONTCONFIG_FILE=str(conf), HOME=str(folder))
    command = ["soffice", f"-env:UserInstallation=file://{folder / 'profile'}", "--headless"]
    command += ["--convert-to", "pdf", "--outdir", str(folder), str(source)]
    subprocess.run(command, check=True, env=env, capture_output=True, timeout=300)
    return (folder / "document.pdf").read_bytes()


def ink_rows(png: bytes, *, threshold: int = 235) -> list[bool]:
    """For each pixel row, whether anything darker than ``threshold`` is drawn on it."""
    grey = Image.open(io.BytesIO(png)).convert("L")
    width, height = grey.size
    pixels = grey.load()
    assert pixels is not None
    return [any(pixels[x, y] < threshold for x in range(0, width, 2)) for y in range(height)]


def longest_gap_mm(png: bytes, dpi: int, *, footer_mm: float = 16) -> float:
    """The tallest empty band between the first and the last ink above the footer, in mm."""
    rows = ink_rows(png)
    rows = rows[: len(rows) - round(footer_mm * dpi / MM_PER_INCH)]
    inked = [y for y, ink in enumerate(rows) if ink]
    longest = run = 0
    for ink in rows[inked[0] : inked[-1] + 1]:
        run = 0 if ink else run + 1
        longest = max(longest, run)
    return longest * MM_PER_INCH / dpi


def blank_below_mm(png: bytes, dpi: int, *, footer_mm: float = 16) -> float:
    """How much of the page is left empty under its last ink above the footer, in mm."""
    rows = ink_rows(png)
    rows = rows[: len(rows) - round(footer_mm * dpi / MM_PER_INCH)]
    last = max(y for y, ink in enumerate(rows) if ink)
    return (len(rows) - 1 - last) * MM_PER_INCH / dpi


def ink_share(png: bytes, box: tuple[float, float, float, float]) -> float:
    """The share of pixels with ink inside ``box`` (left, top, right, bottom as fractions)."""
    grey = Image.open(io.BytesIO(png)).convert("L")
    w, h = grey.size
    crop = grey.crop((int(box[0] * w), int(box[1] * h), int(box[2] * w), int(box[3] * h)))
    histogram = crop.histogram()
    return sum(histogram[:200]) / max(1, crop.width * crop.height)


def colour_share(png: bytes, rgb: tuple[int, int, int], *, tolerance: int = 40) -> float:
    """The share of the page's pixels near the colour ``rgb``."""
    image = Image.open(io.BytesIO(png)).convert("RGB").reduce(2)
    near = sum(
        1
        for pixel in image.get_flattened_data()
        if all(abs(channel - want) <= tolerance for channel, want in zip(pixel, rgb, strict=True))
    )
    return near / (image.width * image.height)
