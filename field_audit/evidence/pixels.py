"""Bringing decoded pixels to what a stored JPEG holds: 8-bit RGB or grey, sRGB, no alpha.

Photos with transparency are laid on white; wide-gamut photos (Display P3 from phones, Adobe RGB,
CMYK with a profile) are converted to sRGB, so dropping the ICC profile does not shift colours.
"""

from __future__ import annotations

import io

from PIL import Image, ImageCms

_KEPT_MODES = frozenset({"RGB", "RGBA", "L", "LA", "CMYK"})  # modes resize handles well


def resizable(image: Image.Image) -> Image.Image:
    """``image`` in a mode that resamples correctly (palette and 16-bit modes are converted)."""
    if image.mode in _KEPT_MODES:
        return image
    if image.mode in ("P", "PA"):
        return image.convert("RGBA" if image.has_transparency_data else "RGB")
    if image.mode in ("I", "F") or image.mode.startswith("I;16"):
        return image.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    if image.mode == "1":
        return image.convert("L")
    return image.convert("RGBA" if image.has_transparency_data else "RGB")


def flattened(image: Image.Image) -> Image.Image:
    """``image`` with any alpha laid over white: RGB, L or CMYK."""
    if image.mode not in ("RGBA", "LA"):
        return image
    base = Image.new(image.mode[:-1], image.size, "white")
    base.paste(image, mask=image.getchannel("A"))
    return base


def in_srgb(image: Image.Image, icc_profile: bytes | None) -> Image.Image:
    """``image`` (flattened) converted from its embedded profile to sRGB; CMYK becomes RGB.

    A missing, sRGB or unreadable profile leaves RGB and grey pixels as they are.
    """
    source = _profile(icc_profile) if image.mode in ("RGB", "CMYK") else None
    converted = _converted(image, source) if source is not None else None
    if converted is not None:
        return converted
    return image.convert("RGB") if image.mode == "CMYK" else image


def _converted(image: Image.Image, source: ImageCms.ImageCmsProfile) -> Image.Image | None:
    """``image`` in sRGB, or None if it already is or the profile does not fit its mode."""
    if _is_srgb(source):
        return None
    try:
        srgb = ImageCms.createProfile("sRGB")
        return ImageCms.profileToProfile(image, source, srgb, outputMode="RGB")
    except ImageCms.PyCMSError:
        return None


def _profile(icc_profile: bytes | None) -> ImageCms.ImageCmsProfile | None:
    if not icc_profile:
        return None
    try:
        return ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
    except (OSError, ValueError, TypeError, ImageCms.PyCMSError):
        return None


def _is_srgb(profile: ImageCms.ImageCmsProfile) -> bool:
    try:
        return "srgb" in ImageCms.getProfileDescription(profile).lower()
    except ImageCms.PyCMSError:
        return False
