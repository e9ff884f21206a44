"""CSV files the office imports (LAOs, self-assessments): UTF-8 text with or without the BOM
Excel writes, read row by row with the line each row starts on, so every problem names it."""

from __future__ import annotations

import csv
import io

from sync.server.errors import InvalidInput


def csv_text(data: bytes) -> str:
    """The file's text; INVALID_INPUT naming the first line that is not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InvalidInput(
            "the file is not UTF-8",
            [f"line {line}: not UTF-8 text; in Excel save as 'CSV UTF-8 (Comma delimited)'"],
        ) from None


def csv_rows(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header's cells, and each row that is not blank with the line it starts on (a quoted
    cell may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, [])
    rows = []
    start = reader.line_num + 1
    for cells in reader:
        if any(cell.strip() for cell in cells):
            rows.append((start, cells))
        start = reader.line_num + 1
    return header, rows
