"""Reading JSON text that people write (editions, verdict and ruling files) strictly.

``json.loads`` keeps the last of two values given under one key, so a file that says B01 is
both met and not met would be read as whichever came last. Such a file is refused instead:
``loads_strict`` raises ``RepeatedKey`` naming the key. Text nested too deeply for the parser
(thousands of brackets) is ``TooDeep``, never a ``RecursionError``; both are ``JsonRefused``.
"""

from __future__ import annotations

import json
from typing import Any


class JsonRefused(ValueError):
    """JSON text that parses, but not into something a person could have meant."""


class TooDeep(JsonRefused):
    def __init__(self) -> None:
        super().__init__("the JSON is nested too deeply to be read")


class RepeatedKey(JsonRefused):
    """An object in the JSON text gives the same key twice."""

    def __init__(self, key: str) -> None:
        super().__init__(f"the key {json.dumps(key, ensure_ascii=False)} is given twice")
        self.key = key


def loads_strict(text: str) -> Any:
    """``json.loads``, refusing a repeated key (``RepeatedKey``) or deep nesting (``TooDeep``);
    ``JSONDecodeError`` as usual for malformed text."""
    try:
        return json.loads(text, object_pairs_hook=_unique_keys)
    except RecursionError:
        raise TooDeep() from None


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    document: dict[str, Any] = {}
    for key, value in pairs:
        if key in document:
            raise RepeatedKey(key)
        document[key] = value
    return document
