"""Canonical JSON: one byte string per value, refused values named by path, strict parsing."""

from __future__ import annotations

import hashlib
import json
import random
from enum import StrEnum
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync.protocol.canonical import (
    MAX_DEPTH,
    SAFE_INTEGER,
    canonical_hash,
    canonical_json,
    parse_canonical,
)
from sync.protocol.errors import NotCanonical, ProtocolError, UnsupportedValue

scalars = st.none() | st.booleans() | st.integers(-SAFE_INTEGER, SAFE_INTEGER) | st.text()
json_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=25,
)
thai_text = st.text(st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B), min_size=1)


def shuffled(value: Any, rnd: random.Random) -> Any:
    """The same value with every dict rebuilt in a random insertion order."""
    if isinstance(value, list):
        return [shuffled(item, rnd) for item in value]
    if isinstance(value, dict):
        keys = list(value)
        rnd.shuffle(keys)
        return {key: shuffled(value[key], rnd) for key in keys}
    return value


@given(json_values)
def test_parse_then_serialise_gives_the_same_bytes(value: Any) -> None:
    data = canonical_json(value)
    parsed = parse_canonical(data)
    assert parsed == value
    assert canonical_json(parsed) == data


@given(json_values, st.randoms(use_true_random=False))
def test_dict_order_never_matters(value: Any, rnd: random.Random) -> None:
    assert canonical_json(shuffled(value, rnd)) == canonical_json(value)


@given(json_values, st.floats(allow_nan=True, allow_infinity=True))
def test_floats_are_refused_wherever_they_are(value: Any, number: float) -> None:
    with pytest.raises(UnsupportedValue) as caught:
        canonical_json({"findings": [value, {"score": number}]})
    assert caught.value.path == "findings[1].score"
    assert "float" in str(caught.value)


def test_the_refusal_names_the_path_of_the_offending_value() -> None:
    findings = [{"score": 1}, {"score": 2}, {"score": 3}, {"score": 0.5}]
    with pytest.raises(UnsupportedValue, match=r"^findings\[3\]\.score: floats are not allowed"):
        canonical_json({"audit": "a-1", "findings": findings})


@given(json_values)
def test_other_spellings_of_the_same_value_are_refused(value: Any) -> None:
    canonical = canonical_json(value)
    spellings = [
        json.dumps(value, ensure_ascii=False).encode(),  # spaces after , and :
        json.dumps(value, ensure_ascii=True, sort_keys=True, separators=(",", ":")).encode(),
        json.dumps(value, ensure_ascii=False, indent=1).encode(),
        canonical + b"\n",
        b" " + canonical,
    ]
    for spelling in spellings:
        if spelling != canonical:
            with pytest.raises(NotCanonical):
                parse_canonical(spelling)


@given(st.binary(max_size=64))
def test_any_bytes_either_parse_as_their_own_canonical_form_or_are_refused(data: bytes) -> None:
    try:
        value = parse_canonical(data)
    except NotCanonical:
        return
    assert canonical_json(value) == data


@given(json_values, st.data())
def test_a_changed_byte_is_refused_or_is_the_canonical_form_of_another_value(
    value: Any, data: st.DataObject
) -> None:
    original = bytearray(canonical_json(value))
    index = data.draw(st.integers(0, len(original) - 1))
    original[index] = data.draw(st.integers(0, 255).filter(lambda b: b != original[index]))
    try:
        parsed = parse_canonical(bytes(original))
    except NotCanonical:
        return
    assert canonical_json(parsed) == bytes(original)
    assert parsed != value


@pytest.mark.parametrize(
    "data",
    [
        b'{"b":1,"a":2}',  # key order
        b'{"a": 1}',  # whitespace
        b'{"a":1,"a":1}',  # duplicate key
        b'"\\u0e1c"',  # escaped Thai
        b'"\\/"',  # needless escape
        b"-0",
        b"01",
        b"1.0",
        b"1e3",
        b"NaN",
        b"Infinity",
        b"9007199254740992",  # 2**53: beyond the safe range
        b"\xef\xbb\xbf{}",  # byte order mark
        b"\xff",  # not UTF-8
        b'"\xed\xa0\x80"',  # an encoded surrogate is not UTF-8
        b'"\\ud800"',  # lone surrogate, escaped
        b"",
        b"{",
        b"[" * 100_000,  # must not overflow the stack
    ],
)
def test_parse_canonical_refuses_bytes_that_are_not_exactly_canonical(data: bytes) -> None:
    with pytest.raises(NotCanonical):
        parse_canonical(data)


def test_not_canonical_says_where_the_first_difference_is() -> None:
    with pytest.raises(NotCanonical) as caught:
        parse_canonical(b'{"a":1, "b":2}')
    assert caught.value.offset == 7  # the space after the comma
    assert caught.value.code == "NOT_CANONICAL"


@given(st.dictionaries(thai_text, thai_text, max_size=4))
def test_thai_travels_as_utf8_bytes_not_escapes(value: dict[str, str]) -> None:
    data = canonical_json(value)
    assert b"\\u" not in data
    assert (
        data
        == json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    )
    assert parse_canonical(data) == value


def test_thai_example_bytes() -> None:
    value = {"ผล": "ผ่านเกณฑ์", "คะแนน": 42}
    assert canonical_json(value) == '{"คะแนน":42,"ผล":"ผ่านเกณฑ์"}'.encode()


def test_unicode_is_not_normalised() -> None:
    typed_one_way, typed_other_way = "ก\u0e48\u0e38", "ก\u0e38\u0e48"  # same text when shown
    assert canonical_json(typed_one_way) != canonical_json(typed_other_way)
    assert parse_canonical(canonical_json(typed_one_way)) == typed_one_way


def test_keys_are_sorted_by_utf16_code_units_as_rfc_8785_says() -> None:
    # The sorting example of RFC 8785, section 3.2.3.
    keys = ["\u20ac", "\r", "\ufb33", "1", "\U0001f600", "\u0080", "\u00f6"]
    value = {key: index for index, key in enumerate(keys)}
    expected = '{"\\r":1,"1":3,"\u0080":5,"ö":6,"€":0,"\U0001f600":4,"\ufb33":2}'
    assert canonical_json(value) == expected.encode()


def test_control_characters_are_escaped_as_rfc_8785_does() -> None:
    text = '\b\t\n\f\r\x00\x1f\x7f"\\/'
    assert canonical_json(text) == b'"\\b\\t\\n\\f\\r\\u0000\\u001f\x7f\\"\\\\/"'


@pytest.mark.parametrize("number", [SAFE_INTEGER, -SAFE_INTEGER, 0, 1, -1])
def test_integers_in_the_safe_range_are_kept(number: int) -> None:
    assert parse_canonical(canonical_json(number)) == number


@pytest.mark.parametrize("number", [SAFE_INTEGER + 1, -SAFE_INTEGER - 1, 10**400])
def test_integers_beyond_the_safe_range_are_refused(number: int) -> None:
    with pytest.raises(UnsupportedValue, match="outside"):
        canonical_json({"count": number})


@pytest.mark.parametrize(
    ("value", "path"),
    [
        ({1: "x"}, "(root)"),
        ({"a": {None: 1}}, "a"),
        ({"a": b"bytes"}, "a"),
        ({"a": {1, 2}}, "a"),
        ([0, object()], "[1]"),
        ({"a b": [1, "\ud800"]}, '["a b"][1]'),
        ({"\ud800": 1}, '["\\ud800"]'),
    ],
)
def test_values_without_a_canonical_form_are_refused_with_their_path(value: Any, path: str) -> None:
    with pytest.raises(UnsupportedValue) as caught:
        canonical_json(value)
    assert caught.value.path == path
    assert caught.value.code == "UNSUPPORTED_VALUE"


def test_nesting_is_bounded_and_cycles_do_not_overflow() -> None:
    deep: list[Any] = []
    for _ in range(MAX_DEPTH + 1):
        deep = [deep]
    with pytest.raises(UnsupportedValue, match="deeper"):
        canonical_json(deep)
    cycle: list[Any] = []
    cycle.append(cycle)
    with pytest.raises(UnsupportedValue, match="deeper"):
        canonical_json(cycle)


def test_tuples_are_lists_and_str_enums_are_their_values() -> None:
    class Verdict(StrEnum):
        MET = "met"

    assert canonical_json({"v": (Verdict.MET, 1)}) == b'{"v":["met",1]}'


def test_canonical_hash_is_the_sha256_of_the_canonical_bytes() -> None:
    value = {"b": [1, True, None], "a": "ก"}
    assert canonical_hash(value) == hashlib.sha256(canonical_json(value)).hexdigest()
    assert canonical_hash({}) == hashlib.sha256(b"{}").hexdigest()


def test_errors_are_protocol_errors_with_stable_codes() -> None:
    assert issubclass(NotCanonical, ProtocolError)
    assert issubclass(UnsupportedValue, ProtocolError)
    assert (NotCanonical.code, UnsupportedValue.code) == ("NOT_CANONICAL", "UNSUPPORTED_VALUE")
