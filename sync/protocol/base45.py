"""Base45 (RFC 9285): bytes as text in the QR code alphanumeric alphabet.

Two bytes become three characters, a final odd byte two, so a QR code in alphanumeric mode
(5.5 bits a character) carries the bytes at about 8.25 bits a byte. Written here rather than
taken from the ``base45`` package (untyped, unchanged since 2022, and lenient: it strips a
trailing newline): twenty lines, checked against the RFC's own examples.

``b45decode`` is strict: a character outside the alphabet, a lone trailing character, or a
group whose value is too large for its bytes raises ``ValueError``.
"""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_VALUES = {character: value for value, character in enumerate(ALPHABET)}


def b45encode(data: bytes) -> str:
    """Return the Base45 text of ``data``."""
    characters: list[str] = []
    for start in range(0, len(data) - 1, 2):
        characters += _digits(data[start] * 256 + data[start + 1], 3)
    if len(data) % 2:
        characters += _digits(data[-1], 2)
    return "".join(characters)


def b45decode(text: str) -> bytes:
    """Return the bytes that ``text`` spells; raise ``ValueError`` if it is not Base45."""
    if len(text) % 3 == 1:
        raise ValueError(f"Base45 text of {len(text)} characters has a lone last character")
    try:
        values = [_VALUES[character] for character in text]
    except KeyError as error:
        raise ValueError(f"{error.args[0]!r} is not a Base45 character") from None
    out = bytearray()
    whole = len(values) - len(values) % 3
    for start in range(0, whole, 3):
        number = values[start] + values[start + 1] * 45 + values[start + 2] * 2025
        if number > 0xFFFF:
            raise ValueError(f"the Base45 group at {start} is too large for 2 bytes")
        out.append(number >> 8)
        out.append(number & 0xFF)
    if whole < len(values):
        number = values[whole] + values[whole + 1] * 45
        if number > 0xFF:
            raise ValueError(f"the Base45 group at {whole} is too large for 1 bytes")
        out.append(number)
    return bytes(out)


def _digits(number: int, count: int) -> list[str]:
    """The ``count`` base-45 digits of ``number``, least significant first."""
    digits = []
    for _ in range(count):
        number, digit = divmod(number, 45)
        digits.append(ALPHABET[digit])
    return digits
