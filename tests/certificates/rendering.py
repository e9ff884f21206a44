"""Helpers: render a PDF page to PNG with pdftoppm, and read QR codes from pictures."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "documents"

needs_pdftoppm = pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed"
)


def render_page(pdf: bytes, work: Path, *, dpi: int, page: int = 1) -> bytes:
    """PNG bytes of one page of ``pdf`` at ``dpi``."""
    source = work / "document.pdf"
    source.write_bytes(pdf)
    target = work / f"page-{page}-{dpi}"
    command = ["pdftoppm", "-r", str(dpi), "-png", "-f", str(page), "-l", str(page)]
    subprocess.run([*command, "-singlefile", str(source), str(target)], check=True)
    return target.with_suffix(".png").read_bytes()


def keep_artifact(name: str, png: bytes) -> None:
    """Save a rendered page under artifacts/documents/ (git-ignored) to look at by eye."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / name).write_bytes(png)
