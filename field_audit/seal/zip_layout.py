"""The one byte layout a bundle's zip may have, so that changing any byte of it is noticed.

Entry contents are covered by their CRC-32 and, above that, by SHA-256 and signatures. The rest
of a zip (headers, timestamps, attributes, the central directory, the end record) is not, so
the writer fixes every one of those fields, and the reader rebuilds the exact header bytes it
expects around the entries and compares them with the file's: no gaps, no extra fields, no
comments, nothing appended.
"""

from __future__ import annotations

import struct
import zipfile
from typing import IO

from field_audit.seal.errors import BundleRefused

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
DOS_TIME, DOS_DATE = 0, (0 << 9) | (1 << 5) | 1
MODE = 0o644 << 16
VERSION = 20
UNIX = 3
LOCAL = struct.Struct("<4sHHHHHIIIHH")
CENTRAL = struct.Struct("<4sBBHHHHHIIIHHHHHII")
END = struct.Struct("<4sHHHHIIH")


def canonical_entry(name: str, *, compressed: bool, size: int = 0) -> zipfile.ZipInfo:
    """A ZipInfo with every field fixed (time, mode, system), for the bundle writer."""
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED if compressed else zipfile.ZIP_STORED
    info.external_attr, info.create_system, info.file_size = MODE, UNIX, size
    return info


def check_layout(archive: zipfile.ZipFile, raw: IO[bytes], file_size: int) -> None:
    """Refuse a zip whose bytes outside the entries' data differ from the canonical layout."""
    try:
        _check(archive, raw, file_size)
    except (struct.error, UnicodeEncodeError):  # a changed header holds impossible values
        raise _changed("a header") from None


def _check(archive: zipfile.ZipFile, raw: IO[bytes], file_size: int) -> None:
    infos = sorted(archive.infolist(), key=lambda info: info.header_offset)
    offset = 0
    for info in infos:
        _expect(raw, offset, _local_header(info), info.filename)
        offset += LOCAL.size + len(info.filename) + info.compress_size
    start_dir = offset
    for info in archive.infolist():
        _expect(raw, offset, _central_record(info), info.filename)
        offset += CENTRAL.size + len(info.filename)
    end = END.pack(b"PK\x05\x06", 0, 0, len(infos), len(infos), offset - start_dir, start_dir, 0)
    _expect(raw, offset, end, "end of the zip")
    if offset + END.size != file_size:
        raise _changed("the end of the zip")


def _local_header(info: zipfile.ZipInfo) -> bytes:
    name = info.filename.encode("ascii")
    fields = (VERSION, 0, info.compress_type, DOS_TIME, DOS_DATE, info.CRC, info.compress_size)
    return LOCAL.pack(b"PK\x03\x04", *fields, info.file_size, len(name), 0) + name


def _central_record(info: zipfile.ZipInfo) -> bytes:
    name = info.filename.encode("ascii")
    fields = (VERSION, UNIX, VERSION, 0, info.compress_type, DOS_TIME, DOS_DATE, info.CRC)
    sizes = (info.compress_size, info.file_size, len(name), 0, 0, 0, 0)
    return CENTRAL.pack(b"PK\x01\x02", *fields, *sizes, MODE, info.header_offset) + name


def _expect(raw: IO[bytes], offset: int, expected: bytes, where: str) -> None:
    raw.seek(offset)
    if raw.read(len(expected)) != expected:
        raise _changed(where)


def _changed(where: str) -> BundleRefused:
    return BundleRefused(
        "DAMAGED",
        f"the bundle's zip structure was changed or damaged near {where}",
        "โครงสร้างไฟล์ชุดข้อมูลถูกแก้ไขหรือเสียหาย",
    )
