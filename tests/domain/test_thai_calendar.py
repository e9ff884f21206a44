"""Thai calendar: Buddhist-era years, the fiscal year, and Thai and English date wording."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from field_audit.domain.thai_calendar import (
    ENGLISH_MONTHS,
    THAI_MONTHS_LONG,
    THAI_MONTHS_SHORT,
    be_year,
    ce_year,
    fiscal_year_be,
    fiscal_year_bounds,
    format_date,
    format_english_date,
    format_thai_date,
    format_thai_datetime,
    to_thai_digits,
)

# Fiscal years that end before 10000 CE: the last representable one ends on 30 Sep 9999.
# Fiscal year 544 would start on 1 October of year 0, which no date can hold (refused below).
REPRESENTABLE = st.dates(min_value=date(1, 10, 1), max_value=date(9999, 9, 30))


# --- Buddhist era and fiscal year -----------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "year_be"),
    [(date(2017, 1, 31), 2560), (date(2026, 6, 1), 2569), (date(2021, 12, 15), 2564)],
)
def test_be_year_adds_543(day: date, year_be: int) -> None:
    assert be_year(day) == year_be
    assert ce_year(year_be) == day.year


@pytest.mark.parametrize(
    ("day", "fy"),
    [
        (date(2016, 9, 30), 2559),
        (date(2016, 10, 1), 2560),
        (date(2017, 1, 31), 2560),
        (date(2017, 9, 30), 2560),
        (date(2017, 10, 1), 2561),
        (date(2025, 12, 31), 2569),
    ],
)
def test_fiscal_year_turns_on_the_first_of_october(day: date, fy: int) -> None:
    assert fiscal_year_be(day) == fy


def test_fiscal_year_2560_began_on_1_october_2016() -> None:
    assert fiscal_year_bounds(2560) == (date(2016, 10, 1), date(2017, 9, 30))


def test_fiscal_year_2569_ends_in_2026() -> None:
    assert fiscal_year_bounds(2569) == (date(2025, 10, 1), date(2026, 9, 30))


@pytest.mark.parametrize("fy", [543, 544, 10543, -1])
def test_fiscal_year_bounds_outside_the_calendar_are_refused(fy: int) -> None:
    with pytest.raises(ValueError, match="outside the supported calendar"):
        fiscal_year_bounds(fy)


@given(st.dates())
def test_be_year_less_543_is_the_ce_year(day: date) -> None:
    assert be_year(day) - 543 == day.year


@given(REPRESENTABLE)
def test_fiscal_year_bounds_contain_the_day(day: date) -> None:
    first, last = fiscal_year_bounds(fiscal_year_be(day))
    assert first <= day <= last
    assert (first.month, first.day, last.month, last.day) == (10, 1, 9, 30)


@given(st.integers(min_value=545, max_value=10541))
def test_fiscal_years_follow_each_other_without_gap(fy: int) -> None:
    _, last = fiscal_year_bounds(fy)
    following, _ = fiscal_year_bounds(fy + 1)
    assert following - last == timedelta(days=1)
    assert fiscal_year_be(last) == fy
    assert fiscal_year_be(following) == fy + 1


# --- Wording --------------------------------------------------------------------------------


def test_long_thai_date_has_the_full_month_and_the_be_year() -> None:
    assert format_thai_date(date(2021, 12, 15)) == "15 ธันวาคม 2564"
    assert format_thai_date(date(2017, 1, 31), style="long") == "31 มกราคม 2560"


def test_short_thai_date_has_the_abbreviated_month_and_two_digit_year() -> None:
    assert format_thai_date(date(2021, 12, 15), style="short") == "15 ธ.ค. 64"
    assert format_thai_date(date(2017, 1, 31), style="short") == "31 ม.ค. 60"


def test_short_thai_date_keeps_a_leading_zero_in_the_year() -> None:
    assert format_thai_date(date(1957, 2, 1), style="short") == "1 ก.พ. 00"
    assert format_thai_date(date(2066, 3, 9), style="short") == "9 มี.ค. 09"


def test_thai_date_in_thai_digits() -> None:
    assert format_thai_date(date(2021, 12, 15), digits="thai") == "๑๕ ธันวาคม ๒๕๖๔"
    assert format_thai_date(date(2021, 12, 15), style="short", digits="thai") == "๑๕ ธ.ค. ๖๔"


@pytest.mark.parametrize(
    ("month", "long", "short"),
    [
        (1, "มกราคม", "ม.ค."),
        (2, "กุมภาพันธ์", "ก.พ."),
        (3, "มีนาคม", "มี.ค."),
        (4, "เมษายน", "เม.ย."),
        (5, "พฤษภาคม", "พ.ค."),
        (6, "มิถุนายน", "มิ.ย."),
        (7, "กรกฎาคม", "ก.ค."),
        (8, "สิงหาคม", "ส.ค."),
        (9, "กันยายน", "ก.ย."),
        (10, "ตุลาคม", "ต.ค."),
        (11, "พฤศจิกายน", "พ.ย."),
        (12, "ธันวาคม", "ธ.ค."),
    ],
)
def test_every_thai_month_name(month: int, long: str, short: str) -> None:
    day = date(2017, month, 1)
    assert format_thai_date(day) == f"1 {long} 2560"
    assert format_thai_date(day, style="short") == f"1 {short} 60"


def test_unknown_style_or_digits_are_refused() -> None:
    with pytest.raises(ValueError, match="date style"):
        format_thai_date(date(2017, 1, 1), style="medium")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="digits"):
        format_thai_date(date(2017, 1, 1), digits="roman")  # type: ignore[arg-type]


def test_english_date_has_the_ce_year_and_no_leading_zero() -> None:
    assert format_english_date(date(2021, 12, 15)) == "15 December 2021"
    assert format_english_date(date(2017, 1, 1)) == "1 January 2017"


def test_format_date_chooses_the_language_and_falls_back_to_thai() -> None:
    day = date(2017, 1, 31)
    assert format_date(day, "en") == "31 January 2017"
    assert format_date(day, "th") == "31 มกราคม 2560"
    assert format_date(day, "fr") == "31 มกราคม 2560"


def test_thai_datetime_has_the_short_month_full_be_year_and_clock() -> None:
    assert format_thai_datetime(datetime(2021, 12, 15, 10, 0)) == "15 ธ.ค. 2564 10.00 น."
    assert format_thai_datetime(datetime(2017, 1, 3, 9, 5)) == "3 ม.ค. 2560 09.05 น."


def test_thai_datetime_in_thai_digits_keeps_its_own_wall_clock() -> None:
    bangkok = timezone(timedelta(hours=7))
    moment = datetime(2021, 12, 15, 10, 0, tzinfo=bangkok)
    assert format_thai_datetime(moment, digits="thai") == "๑๕ ธ.ค. ๒๕๖๔ ๑๐.๐๐ น."


def test_to_thai_digits_changes_digits_only() -> None:
    assert to_thai_digits("โทร. 02-241-9013") == "โทร. ๐๒-๒๔๑-๙๐๑๓"
    assert to_thai_digits("GECC") == "GECC"


@given(st.text())
def test_to_thai_digits_leaves_no_ascii_digit_and_keeps_length(text: str) -> None:
    converted = to_thai_digits(text)
    assert len(converted) == len(text)
    assert not any(ch in "0123456789" for ch in converted)


@given(st.dates(), st.sampled_from(["long", "short"]))
def test_thai_digits_are_the_arabic_wording_converted(day: date, style: str) -> None:
    arabic = format_thai_date(day, style=style)  # type: ignore[arg-type]
    assert format_thai_date(day, style=style, digits="thai") == to_thai_digits(arabic)  # type: ignore[arg-type]


@given(st.dates())
def test_long_thai_and_english_wording_read_back_to_the_same_day(day: date) -> None:
    d_th, month_th, year_be = format_thai_date(day).split(" ")
    assert date(int(year_be) - 543, THAI_MONTHS_LONG.index(month_th) + 1, int(d_th)) == day
    d_en, month_en, year_ce = format_english_date(day).split(" ")
    assert date(int(year_ce), ENGLISH_MONTHS.index(month_en) + 1, int(d_en)) == day


def test_month_tables_have_twelve_distinct_names() -> None:
    for table in (THAI_MONTHS_LONG, THAI_MONTHS_SHORT, ENGLISH_MONTHS):
        assert len(set(table)) == 12
