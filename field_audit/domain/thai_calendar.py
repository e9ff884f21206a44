"""Thai calendar helpers: Buddhist-era years, the government fiscal year, and date wording.

Dates are stored as ISO ``date`` values in the Common Era; these functions only present them.
Thai official documents write years in the Buddhist Era (พ.ศ. = CE + 543), and the government
fiscal year runs 1 October to 30 September, named after the BE year in which it ends
(fiscal year 2560 ran from 1 October 2016 to 30 September 2017).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Literal

THAILAND = timezone(timedelta(hours=7), "Asia/Bangkok")  # no daylight saving

BE_OFFSET = 543
FISCAL_YEAR_START_MONTH = 10

DateStyle = Literal["long", "short"]
Digits = Literal["arabic", "thai"]

THAI_MONTHS_LONG = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
THAI_MONTHS_SHORT = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def be_year(d: date) -> int:
    """The Buddhist-era year of ``d`` (CE + 543): 2017 is 2560."""
    return d.year + BE_OFFSET


def ce_year(year_be: int) -> int:
    """The Common-Era year of a Buddhist-era year: 2560 is 2017."""
    return year_be - BE_OFFSET


def fiscal_year_be(d: date) -> int:
    """The Thai fiscal year (BE) that ``d`` falls in; 1 October starts the next one."""
    if d.month >= FISCAL_YEAR_START_MONTH:
        return be_year(d) + 1
    return be_year(d)


def fiscal_year_bounds(fy_be: int) -> tuple[date, date]:
    """The first and last day of fiscal year ``fy_be``: 2560 is (2016-10-01, 2017-09-30).

    Raises ValueError when either day falls outside the dates Python can represent.
    """
    end_year = ce_year(fy_be)
    if not date.min.year < end_year <= date.max.year:
        raise ValueError(f"fiscal year {fy_be} is outside the supported calendar")
    return date(end_year - 1, FISCAL_YEAR_START_MONTH, 1), date(end_year, 9, 30)


def to_thai_digits(text: str) -> str:
    """``text`` with every ASCII digit 0-9 replaced by its Thai digit ๐-๙; nothing else changes."""
    return text.translate(_THAI_DIGITS)


def format_thai_date(d: date, *, style: DateStyle = "long", digits: Digits = "arabic") -> str:
    """``d`` in Thai with a BE year: long "15 ธันวาคม 2564", short "15 ธ.ค. 64"."""
    if style == "long":
        text = f"{d.day} {THAI_MONTHS_LONG[d.month - 1]} {be_year(d)}"
    elif style == "short":
        text = f"{d.day} {THAI_MONTHS_SHORT[d.month - 1]} {be_year(d) % 100:02d}"
    else:
        raise ValueError(f"unknown date style {style!r}: use 'long' or 'short'")
    return _with_digits(text, digits)


def format_thai_time(dt: datetime, *, digits: Digits = "arabic") -> str:
    """The time of day as Thai documents write it: "10.00 น." (a dot, never a colon)."""
    return _with_digits(f"{dt:%H.%M} น.", digits)


def format_thai_datetime(dt: datetime, *, digits: Digits = "arabic") -> str:
    """``dt`` in Thai on its own wall clock: "15 ธ.ค. 2564 10.00 น." (no time-zone conversion)."""
    text = f"{dt.day} {THAI_MONTHS_SHORT[dt.month - 1]} {be_year(dt)} {format_thai_time(dt)}"
    return _with_digits(text, digits)


def format_thai_moment(moment: datetime, *, digits: Digits = "arabic") -> str:
    """A stored (aware, e.g. UTC) time as a Thai reader expects it: Thailand's clock, BE year."""
    return format_thai_datetime(moment.astimezone(THAILAND), digits=digits)


def format_english_date(d: date) -> str:
    """``d`` in English with a CE year: "15 December 2021"."""
    return f"{d.day} {ENGLISH_MONTHS[d.month - 1]} {d.year}"


def format_moment(moment: datetime, language: str) -> str:
    """A stored (aware) time on Thailand's clock: "15 ธ.ค. 2564 10.00 น." or "15 December
    2021 10:00"."""
    if language == "en":
        local = moment.astimezone(THAILAND)
        return f"{format_english_date(local.date())} {local:%H:%M}"
    return format_thai_moment(moment)


def format_date(d: date, language: str) -> str:
    """``d`` for a reader of ``language``: English for "en", otherwise Thai (long, BE year).

    Thai is the fallback, as for every other phrase the domain shows (``Text.in_language``).
    """
    if language == "en":
        return format_english_date(d)
    return format_thai_date(d)


def _with_digits(text: str, digits: Digits) -> str:
    if digits == "arabic":
        return text
    if digits == "thai":
        return to_thai_digits(text)
    raise ValueError(f"unknown digits {digits!r}: use 'arabic' or 'thai'")
