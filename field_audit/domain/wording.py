"""Small rules of written Thai and English the domain's messages share."""

from __future__ import annotations

from collections.abc import Sequence


def listed(items: Sequence[str], language: str) -> str:
    """A list as a sentence writes it: Thai "ก ข และ ค" (spaces, และ before the last),
    English "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    if language == "en":
        return f"{', '.join(items[:-1])} and {items[-1]}"
    return f"{' '.join(items[:-1])} และ {items[-1]}"
