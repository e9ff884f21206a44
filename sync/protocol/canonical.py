"""Canonical JSON: the only bytes that are ever hashed or signed, on the device and the server.

In the spirit of RFC 8785 (JSON Canonicalization Scheme), narrowed to what our payloads need:

- values are dicts, lists (tuples are written as lists), str, int, bool and None; subclasses
  of str and int (e.g. ``StrEnum``) are written as their plain value;
- no floats at all, so JCS's number-formatting question never arises: scores are integers,
  and a decimal that must travel goes as a string;
- integers stay within the I-JSON safe range ±(2**53 - 1), which every JSON reader holds exactly;
- object keys are str, sorted by UTF-16 code units as JCS says (the same as Python's order for
  every key without characters beyond U+FFFF);
- no whitespace (separators ``,`` and ``:``); UTF-8 text, never ``\\u`` escapes, so Thai stays
  as its own bytes; only ``"``, ``\\`` and control characters are escaped, as JCS does;
- strings must be valid Unicode: a lone surrogate has no UTF-8 form and is refused.

Unicode is NOT normalised. A signature covers exactly the text the inspector saw, and
``parse_canonical(canonical_json(v)) == v`` must hold, so a silent NFC here would break both.
Text that looks equal may differ in bytes (in Thai, a tone mark typed before or after a
below-vowel), so whoever compares user-typed text must normalise it where it is typed.

``canonical_json`` refuses a value with ``UnsupportedValue`` naming its path
(``findings[3].score``); ``parse_canonical`` refuses bytes with ``NotCanonical``.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any, NoReturn

from sync.protocol.errors import NotCanonical, UnsupportedValue

SAFE_INTEGER = 2**53 - 1
"""The largest magnitude of an integer in canonical JSON (I-JSON, RFC 7493)."""

MAX_DEPTH = 64
"""How deeply arrays and objects may nest; deeper values are refused, never overflow the stack."""

_SURROGATE = re.compile("[\ud800-\udfff]")
_Path = tuple[str | int, ...]


def canonical_json(value: object) -> bytes:
    """Return the canonical UTF-8 bytes of ``value``; raise ``UnsupportedValue`` if it has none."""
    plain = _plain(value, ())
    text = json.dumps(
        plain, ensure_ascii=False, separators=(",", ":"), allow_nan=False, check_circular=False
    )
    return text.encode("utf-8")


def canonical_hash(value: object) -> str:
    """Return the hex SHA-256 of ``canonical_json(value)``."""
    return hashlib.sha256(canonical_json(value)).hexdigest()


def parse_canonical(data: bytes) -> Any:
    """Parse ``data``, which must be exactly the canonical JSON of the value it holds.

    Raises ``NotCanonical`` for bytes that are not UTF-8 or not JSON, that hold a float or
    another value canonical JSON refuses, or that differ in any byte from the canonical form
    (whitespace, key order, escapes, duplicate keys, ``-0``, ...).
    """
    value = _parse(data)
    try:
        again = canonical_json(value)
    except UnsupportedValue as error:
        raise NotCanonical(f"holds a value with no canonical form: {error}") from error
    if again != data:
        offset = _first_difference(data, again)
        raise NotCanonical("is JSON but not in canonical form", offset=offset)
    return value


def _parse(data: bytes) -> Any:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise NotCanonical(f"is not UTF-8 ({error.reason} at byte {error.start})") from error
    try:
        return json.loads(text, parse_float=_refuse_number, parse_constant=_refuse_number)
    except (ValueError, RecursionError) as error:  # JSONDecodeError is a ValueError
        raise NotCanonical(f"is not JSON ({error})") from error


def _refuse_number(text: str) -> NoReturn:
    raise NotCanonical(f"holds the number {text[:40]}, and canonical JSON has no floats")


def _first_difference(left: bytes, right: bytes) -> int:
    pairs = zip(left, right, strict=False)
    return next((i for i, (a, b) in enumerate(pairs) if a != b), min(len(left), len(right)))


def _plain(value: object, path: _Path) -> object:
    """Check ``value`` and return it with every dict rebuilt in canonical key order."""
    if len(path) > MAX_DEPTH:
        raise UnsupportedValue(_format(path), f"nested deeper than {MAX_DEPTH} levels")
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return _checked_int(value, path)
    if isinstance(value, str):
        return _checked_str(value, path)
    if isinstance(value, list | tuple):
        return [_plain(item, (*path, index)) for index, item in enumerate(value)]
    if isinstance(value, dict):
        return _plain_object(value, path)
    raise UnsupportedValue(_format(path), _refusal(value))


def _plain_object(value: dict[Any, Any], path: _Path) -> dict[str, object]:
    for key in value:
        if not isinstance(key, str):
            kind = type(key).__name__
            raise UnsupportedValue(_format(path), f"has the key {key!r}, a {kind}, not a str")
        _checked_str(key, (*path, key))
    ordered = sorted(value, key=_utf16_order)
    return {key: _plain(value[key], (*path, key)) for key in ordered}


def _utf16_order(key: str) -> bytes:
    # Big-endian UTF-16 bytes compare exactly as the code units do, which is JCS's order.
    return key.encode("utf-16-be")


def _checked_int(value: int, path: _Path) -> int:
    if -SAFE_INTEGER <= value <= SAFE_INTEGER:
        return value
    shown = str(value) if value.bit_length() <= 128 else f"of {value.bit_length()} bits"
    raise UnsupportedValue(_format(path), f"integer {shown} is outside ±(2**53 - 1)")


def _checked_str(value: str, path: _Path) -> str:
    if _SURROGATE.search(value):
        raise UnsupportedValue(_format(path), "holds a lone surrogate, which has no UTF-8 form")
    return value


def _refusal(value: object) -> str:
    if isinstance(value, float):
        return f"floats are not allowed (got {value!r}); use an integer, or a decimal string"
    kind = type(value).__name__
    return f"a {kind} is not a JSON value (use dict, list, tuple, str, int, bool or None)"


def _format(path: _Path) -> str:
    """Render a path as ``findings[3].score``; keys that are not identifiers as ``["a b"]``."""
    text = ""
    for step in path:
        if isinstance(step, int):
            text += f"[{step}]"
        elif step.isidentifier():
            text += f".{step}" if text else step
        else:
            text += f"[{json.dumps(step)}]"
    return text or "(root)"
