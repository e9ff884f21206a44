"""Control characters in text people read: never printed raw, never taken in from a file.

A control character here is one that steers the display instead of being read: C0 and C1
controls and DEL (ESC and CSI start the escape sequences that recolour, clear or retitle a
terminal; NUL; tab and line breaks), the line and paragraph separators, and the bidirectional
embeddings, overrides and isolates (which reorder what is shown). Names and other text the
office imports hold none (``control_characters`` finds them); what the office commands print
shows each as an escape, ``\\x1b`` or ``\\u202e`` (``visible``, and ``json_visible`` for JSON).
"""

from __future__ import annotations

import re

CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
JSON_RAW = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""The control characters ``json.dumps(..., ensure_ascii=False)`` leaves as they are."""


def control_characters(text: str) -> list[str]:
    """The control characters in ``text`` as ``U+001B``, each once, in order of appearance."""
    return list(dict.fromkeys(f"U+{ord(c):04X}" for c in CONTROL.findall(text)))


def visible(text: str) -> str:
    """``text`` with each control character shown as its escape (``\\x1b``, ``\\u2028``)."""
    return CONTROL.sub(_escape, text)


def json_visible(text: str) -> str:
    """JSON text with every control character as a ``\\u`` escape: the same value, safe to
    print (``json.dumps`` escapes C0 controls itself)."""
    return JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
