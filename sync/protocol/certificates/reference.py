"""Certificate reference numbers: ``GECC-<fiscal year BE>-<province code>-<sequence>``.

``GECC-2570-50-0007`` is the 7th certificate of fiscal year 2570 for an LAO in province 50
(Chiang Mai, in the Thai province codes the Department of Provincial Administration uses).
The central store allocates sequences (1 to 9999 per year and province); this module only
formats, parses and validates. The reference is printed beside the QR code so a certificate
can also be looked up online by someone without a scanner.

``parse_reference`` accepts only the exact spelling; ``read_reference`` also takes what a person
types (surrounding spaces, lower case, Thai digits, spaces or dashes of other kinds).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sync.protocol.certificates.errors import BadReference

PREFIX = "GECC"
MIN_FISCAL_YEAR_BE = 2500
MAX_FISCAL_YEAR_BE = 2999
MAX_SEQUENCE = 9999

_EXACT = re.compile(r"GECC-([0-9]{4})-([0-9]{2})-([0-9]{4})")
_LOOSE_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212_/.]+")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


@dataclass(frozen=True, order=True)
class Reference:
    """A certificate's reference number; ``str(reference)`` is its only spelling."""

    fiscal_year_be: int
    province_code: str
    sequence: int

    def __post_init__(self) -> None:
        if not MIN_FISCAL_YEAR_BE <= self.fiscal_year_be <= MAX_FISCAL_YEAR_BE:
            raise BadReference(f"fiscal year {self.fiscal_year_be} is not a BE year 2500-2999")
        if not re.fullmatch(r"[0-9]{2}", self.province_code):
            raise BadReference(f"province code {self.province_code!r} is not two digits")
        if not 1 <= self.sequence <= MAX_SEQUENCE:
            raise BadReference(f"sequence {self.sequence} is not between 1 and {MAX_SEQUENCE}")

    def __str__(self) -> str:
        return f"{PREFIX}-{self.fiscal_year_be}-{self.province_code}-{self.sequence:04d}"


def format_reference(fiscal_year_be: int, province_code: str, sequence: int) -> str:
    """Return ``GECC-2570-50-0007`` for (2570, "50", 7); raise ``BadReference`` if invalid."""
    return str(Reference(fiscal_year_be, province_code, sequence))


def parse_reference(text: str) -> Reference:
    """Return the reference ``text`` spells exactly; raise ``BadReference`` otherwise."""
    match = _EXACT.fullmatch(text)
    if match is None:
        raise BadReference(f"{text[:40]!r} is not a reference like GECC-2570-50-0007")
    return Reference(int(match[1]), match[2], int(match[3]))


def read_reference(typed: str) -> Reference:
    """Return the reference a person typed (``gecc 2570 50 7``, Thai digits, en dashes...)."""
    text = typed.strip().upper().translate(_THAI_DIGITS)
    parts = _LOOSE_SEPARATORS.sub("-", text).strip("-").split("-")
    if len(parts) != 4 or parts[0] != PREFIX or not all(p.isascii() for p in parts):
        raise BadReference(f"{typed[:40]!r} is not a reference like GECC-2570-50-0007")
    year, province, sequence = parts[1:]
    if not (year.isdigit() and province.isdigit() and sequence.isdigit() and len(sequence) <= 4):
        raise BadReference(f"{typed[:40]!r} is not a reference like GECC-2570-50-0007")
    return Reference(int(year), province.zfill(2), int(sequence))
