"""Importing LAOs from the CSV file an office keeps (Excel's "CSV UTF-8", with or without BOM).

Columns (header row required, any order): ``lao_id``, ``name_th``, ``kind``,
``province_code`` and optionally ``name_en``, ``province_th``, ``service_centre_th`` (the
name of its service centre as certificates state it; left empty, certificates say
"ศูนย์บริการประชาชน <name_th>"), ``latitude`` and ``longitude`` (its registered location in
decimal degrees, kept as integer microdegrees; ``set_location`` changes it). Every row is
checked before anything is written; if any row is bad, ``InvalidInput`` lists each problem
with its line number and nothing is imported (a cell with a control character, such as a
terminal escape sequence, a NUL or a line break, is such a problem:
``sync.server.plain_text``). Otherwise the whole file goes in one transaction: new LAOs are
added, known ones updated. Names are NFC-normalised, since they are typed by people.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from sync.server.errors import InvalidInput, NotFound
from sync.server.models import LaoRecord
from sync.server.plain_text import control_characters
from sync.server.store.changes import log_action, next_seq
from sync.server.store.csv_files import csv_rows, csv_text

REQUIRED = ("lao_id", "name_th", "kind", "province_code")
OPTIONAL = ("name_en", "province_th", "service_centre_th", "latitude", "longitude")
LAO_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
PROVINCE_CODE = re.compile(r"[0-9]{2}")


@dataclass(frozen=True)
class ImportReport:
    added: int
    updated: int


@dataclass(frozen=True)
class _Row:
    line: int
    values: dict[str, str]


def import_laos(session: Session, data: bytes, *, actor: str, source: str) -> ImportReport:
    """Import every LAO in the CSV ``data``, all or nothing."""
    rows = _rows(csv_text(data))
    problems = [p for row in rows for p in _row_problems(row)] + _duplicates(rows)
    if problems:
        raise InvalidInput(f"{source}: {len(problems)} problem(s); nothing imported", problems)
    seq = next_seq(session)
    added = 0
    for row in rows:
        added += _put(session, row.values, seq)
    log_action(
        session, actor=actor, action="lao.import", subject=source, added=added, rows=len(rows)
    )
    session.commit()
    return ImportReport(added=added, updated=len(rows) - added)


def _rows(text: str) -> list[_Row]:
    header, rows = csv_rows(text)
    header = [name.strip().lower() for name in header]
    _check_header(header)
    return [_Row(line, _values(header, cells)) for line, cells in rows]


def _check_header(header: list[str]) -> None:
    missing = [name for name in REQUIRED if name not in header]
    unknown = [name for name in header if name not in REQUIRED + OPTIONAL]
    problems = [f"line 1: missing column {name!r}" for name in missing]
    problems += [f"line 1: unknown column {name!r}" for name in unknown]
    if problems:
        expected = ", ".join(REQUIRED)
        raise InvalidInput(f"the header must name {expected}", problems)


def _values(header: list[str], cells: list[str]) -> dict[str, str]:
    values = {
        name: unicodedata.normalize("NFC", cell.strip())
        for name, cell in zip(header, cells, strict=False)
    }
    if len(cells) > len(header):
        values["__extra__"] = str(len(cells) - len(header))
    return values


def _row_problems(row: _Row) -> list[str]:
    values, at = row.values, f"line {row.line}"
    problems = [f"{at}: {name} is empty" for name in REQUIRED if not values.get(name)]
    lao_id, province = values.get("lao_id", ""), values.get("province_code", "")
    if lao_id and not LAO_ID.fullmatch(lao_id):
        problems.append(f"{at}: lao_id {lao_id!r} may hold only letters, digits, '_', '.', '-'")
    if province and not PROVINCE_CODE.fullmatch(province):
        problems.append(f"{at}: province_code {province!r} must be two digits (e.g. 50)")
    problems += _location_problems(values, at)
    if "__extra__" in values:
        problems.append(f"{at}: {values['__extra__']} more cell(s) than the header has columns")
    return problems + _control_problems(row)


def microdegrees(text: str, limit: int) -> int | None:
    """Decimal degrees as integer microdegrees; None when not a number within ``limit``."""
    try:
        value = round(float(text) * 1_000_000)
    except (ValueError, OverflowError):  # not a number, nan, or infinite
        return None
    return value if -limit * 1_000_000 <= value <= limit * 1_000_000 else None


def _location_problems(values: dict[str, str], at: str) -> list[str]:
    latitude, longitude = values.get("latitude", ""), values.get("longitude", "")
    if bool(latitude) != bool(longitude):
        return [f"{at}: give both latitude and longitude, or neither"]
    if latitude and (microdegrees(latitude, 90) is None or microdegrees(longitude, 180) is None):
        return [f"{at}: latitude {latitude!r} / longitude {longitude!r} are not decimal degrees"]
    return []


def set_location(
    session: Session, lao_id: str, *, latitude: str, longitude: str, actor: str
) -> LaoRecord:
    """The LAO's registered location, in decimal degrees (INVALID_INPUT when not)."""
    problems = _location_problems({"latitude": latitude, "longitude": longitude}, "location")
    if problems or not latitude:
        raise InvalidInput("the location is refused", problems or ["give both numbers"])
    seq = next_seq(session)
    record = session.get(LaoRecord, lao_id)
    if record is None:
        raise NotFound("LAO", lao_id)
    record.latitude_e6 = microdegrees(latitude, 90)
    record.longitude_e6 = microdegrees(longitude, 180)
    record.seq = seq
    session.add(record)
    log_action(
        session,
        actor=actor,
        action="lao.location",
        subject=lao_id,
        latitude=latitude,
        longitude=longitude,
    )
    session.commit()
    return record


def _control_problems(row: _Row) -> list[str]:
    """Each cell holding control characters (an escape sequence, a NUL, a line break...)."""
    found = {name: control_characters(value) for name, value in row.values.items()}
    return [
        f"line {row.line}: {name} holds control characters ({', '.join(codes)}):"
        " only printable text is imported"
        for name, codes in found.items()
        if codes
    ]


def _duplicates(rows: list[_Row]) -> list[str]:
    first: dict[str, int] = {}
    problems = []
    for row in rows:
        lao_id = row.values.get("lao_id", "")
        if lao_id in first:
            problems.append(f"line {row.line}: lao_id {lao_id!r} repeats line {first[lao_id]}")
        first.setdefault(lao_id, row.line)
    return problems


def _put(session: Session, values: dict[str, str], seq: int) -> int:
    """Add or update one LAO; returns 1 when it was new."""
    record = session.get(LaoRecord, values["lao_id"])
    fields: dict[str, Any] = {
        "name_th": values["name_th"],
        "name_en": values.get("name_en", ""),
        "kind": values["kind"],
        "province_code": values["province_code"],
        "province_th": values.get("province_th", ""),
        "service_centre_th": values.get("service_centre_th") or None,
    }
    if values.get("latitude"):
        fields["latitude_e6"] = microdegrees(values["latitude"], 90)
        fields["longitude_e6"] = microdegrees(values["longitude"], 180)
    if record is None:
        session.add(LaoRecord(id=values["lao_id"], seq=seq, **fields))
        return 1
    if any(getattr(record, name) != value for name, value in fields.items()):
        for name, value in fields.items():
            setattr(record, name, value)
        record.seq = seq
        session.add(record)
    return 0
