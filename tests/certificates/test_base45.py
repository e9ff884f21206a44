"""Base45 against the examples of RFC 9285, and its strictness."""

from __future__ import annotations

import os

import pytest

from sync.protocol.base45 import b45decode, b45encode


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"AB", "BB8"),
        (b"Hello!!", "%69 VD92EX0"),
        (b"base-45", "UJCLQE7W581"),
        (b"ietf!", "QED8WEX0"),
        (b"", ""),
    ],
)
def test_rfc_9285_examples(raw: bytes, text: str) -> None:
    assert b45encode(raw) == text
    assert b45decode(text) == raw


def test_any_bytes_round_trip() -> None:
    for size in range(0, 70):
        data = os.urandom(size)
        assert b45decode(b45encode(data)) == data


@pytest.mark.parametrize("text", ["GGW", "a", "ABCD", "AB!", "BB8\n", "::"])
def test_malformed_text_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="Base45"):
        b45decode(text)
