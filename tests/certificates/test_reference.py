"""Reference numbers: one exact spelling, read leniently from what people type."""

from __future__ import annotations

import pytest

from sync.protocol.certificates import (
    BadReference,
    Reference,
    format_reference,
    parse_reference,
    read_reference,
)


def test_format_and_parse_are_inverse() -> None:
    text = format_reference(2570, "50", 7)
    assert text == "GECC-2570-50-0007"
    assert parse_reference(text) == Reference(2570, "50", 7)


@pytest.mark.parametrize(
    "text",
    [
        "gecc-2570-50-0007",
        "GECC-2570-50-7",
        "GECC-2570-5-0007",
        "GECC-2570-50-0000",
        " GECC-2570-50-0007",
        "GECC-1999-50-0007",
        "GECC-2570-50-00007",
        "https://example.org/GECC-2570-50-0007",
    ],
)
def test_parse_refuses_anything_but_the_exact_spelling(text: str) -> None:
    with pytest.raises(BadReference):
        parse_reference(text)


@pytest.mark.parametrize(
    "typed",
    [
        "GECC-2570-50-0007",
        " gecc 2570 50 7 ",
        "GECC–2570–50–0007",
        "gecc-๒๕๗๐-๕๐-๐๐๐๗",
        "GECC/2570/50/0007",
    ],
)
def test_read_takes_what_a_person_types(typed: str) -> None:
    assert str(read_reference(typed)) == "GECC-2570-50-0007"


@pytest.mark.parametrize("typed", ["", "GECC-2570-50", "ABCD-2570-50-0007", "GECC-2570-50-12345"])
def test_read_still_refuses_what_is_not_a_reference(typed: str) -> None:
    with pytest.raises(BadReference):
        read_reference(typed)


@pytest.mark.parametrize(
    ("year", "province", "sequence"), [(2499, "50", 1), (2570, "5", 1), (2570, "50", 10_000)]
)
def test_out_of_range_parts_are_refused(year: int, province: str, sequence: int) -> None:
    with pytest.raises(BadReference):
        format_reference(year, province, sequence)
