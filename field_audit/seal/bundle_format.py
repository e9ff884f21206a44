"""The ``.gecc`` bundle: a zip that carries signed results and the photos they name.

Layout (every name is fixed by this pattern; anything else is refused)::

    manifest.json              sync.protocol.manifest.BundleManifest (canonical JSON)
    results/<hash>.json        the payload's canonical bytes, exactly as signed
    results/<hash>.sig.json    sync.protocol.sealed.Envelope (canonical JSON)
    photos/<sha256>.jpg        the normalised photo bytes

Reading is defensive: the entry count is read from the zip's end record before the central
directory is parsed, then the entry names, each declared and actual size and the compression
ratio are checked before anything is trusted, so a zip bomb, a zip of 300,000 entries or a
path like ``../../etc/passwd`` is refused rather than unpacked. Photos are read in chunks
(``entry_chunks``), never whole.
"""

from __future__ import annotations

import os
import re
import shutil
import zipfile
import zlib
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path

from field_audit.seal.errors import BundleRefused
from field_audit.seal.zip_layout import END, canonical_entry, check_layout
from sync.protocol.documents import DocumentError, serialise
from sync.protocol.errors import NotCanonical
from sync.protocol.manifest import BUNDLE_FORMAT, BundleManifest, parse_manifest
from sync.protocol.sealed import Envelope, parse_envelope

HEX64 = "[0-9a-f]{64}"
ENTRY = re.compile(
    rf"manifest\.json|results/({HEX64})\.json|results/({HEX64})\.sig\.json|photos/({HEX64})\.jpg"
)
MAX_ENTRIES = 2_000
MAX_RESULT_BYTES = 4 * 1024 * 1024
MAX_PHOTO_BYTES = 40 * 1024 * 1024
MAX_TOTAL_BYTES = 4 * 1024 * 1024 * 1024
MAX_RATIO = 50
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class BundleContent:
    """What a bundle holds, read but not yet verified."""

    main: str
    results: dict[str, tuple[bytes, Envelope]]
    photo_entries: dict[str, zipfile.ZipInfo]


def refuse(code: str, english: str, thai: str) -> BundleRefused:
    return BundleRefused(code, english, thai)


def write_bundle(
    destination: Path,
    *,
    main: str,
    results: dict[str, tuple[bytes, Envelope]],
    photos: dict[str, Path],
) -> None:
    """Write atomically: a temporary file beside the destination, then rename."""
    manifest = BundleManifest(
        format=BUNDLE_FORMAT,
        main=main,
        results=tuple(sorted(results)),
        photos=tuple(sorted(photos)),
    )
    partial = destination.with_name(destination.name + ".partial")
    with zipfile.ZipFile(partial, "w") as archive:
        _put(archive, "manifest.json", serialise(manifest))
        for result_hash, (payload, envelope) in sorted(results.items()):
            _put(archive, f"results/{result_hash}.json", payload)
            _put(archive, f"results/{result_hash}.sig.json", serialise(envelope))
        for sha256, path in sorted(photos.items()):
            entry = canonical_entry(
                f"photos/{sha256}.jpg", compressed=False, size=path.stat().st_size
            )
            with path.open("rb") as source, archive.open(entry, "w") as target:
                shutil.copyfileobj(source, target, 1024 * 1024)
    partial.replace(destination)


def _put(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    archive.writestr(canonical_entry(name, compressed=True), data)


def open_bundle(path: Path) -> zipfile.ZipFile:
    """The bundle as a zip, once its end record promises no more entries than allowed."""
    try:
        _check_end_record(path)
        return zipfile.ZipFile(path)
    except FileNotFoundError:
        raise refuse("NOT_FOUND", f"{path} does not exist", f"ไม่พบไฟล์ {path}") from None
    except (zipfile.BadZipFile, OSError, EOFError):
        raise refuse(
            "DAMAGED",
            "the bundle is damaged or cut short (not a complete zip file)",
            "ไฟล์ชุดข้อมูลเสียหายหรือไม่ครบ (ไม่ใช่ไฟล์ zip ที่สมบูรณ์)",
        ) from None


def _check_end_record(path: Path) -> None:
    """A canonical bundle ends with a 22-byte end record and no comment; read the entry count
    there, so a zip of 300,000 entries (or a zip64 one) is refused before it is parsed."""
    with path.open("rb") as raw:
        size = raw.seek(0, os.SEEK_END)
        if size < END.size:
            raise zipfile.BadZipFile("too short")
        raw.seek(size - END.size)
        fields = END.unpack(raw.read(END.size))
    if fields[0] != b"PK\x05\x06":
        raise zipfile.BadZipFile("no end record where a bundle has it")
    if fields[4] > MAX_ENTRIES:
        raise refuse(
            "TOO_MANY_ENTRIES",
            f"the bundle has {fields[4]} files; at most {MAX_ENTRIES}",
            "ชุดข้อมูลมีจำนวนไฟล์มากเกินไป",
        )


def entry_chunks(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int
) -> Generator[bytes, None, None]:
    """The entry's bytes in chunks, refusing more than ``limit`` or ``info.file_size`` bytes
    and damage, as ``read_entry`` does, without holding the entry in memory."""
    total = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(CHUNK):
                total += len(chunk)
                if total > min(limit, info.file_size):
                    raise _size_mismatch(info)
                yield chunk
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error):
        raise _damaged(info) from None
    if total != info.file_size:
        raise _size_mismatch(info)


def read_content(archive: zipfile.ZipFile) -> BundleContent:
    """Check the entries are safe, then read the manifest and the results (not the photos)."""
    entries = _safe_entries(archive)
    if archive.fp is None:
        raise ValueError("the bundle is closed")
    check_layout(archive, archive.fp, os.fstat(archive.fp.fileno()).st_size)
    manifest = _manifest(archive, entries)
    results = {h: _result(archive, entries, h) for h in manifest.results}
    photos = {sha: _photo_entry(entries, sha) for sha in manifest.photos}
    expected = {"manifest.json"} | {f"results/{h}.json" for h in results}
    expected |= {f"results/{h}.sig.json" for h in results} | {f"photos/{s}.jpg" for s in photos}
    if set(entries) != expected:
        extra = sorted(set(entries) - expected)[:3]
        raise refuse(
            "UNLISTED_ENTRY",
            f"the bundle holds files its manifest does not list: {extra}",
            "ชุดข้อมูลมีไฟล์ที่ไม่อยู่ในรายการ",
        )
    return BundleContent(manifest.main, results, photos)


def read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """Read at most ``limit`` bytes, refusing an entry that turns out larger or damaged."""
    return b"".join(entry_chunks(archive, info, limit))


def _damaged(info: zipfile.ZipInfo) -> BundleRefused:
    return refuse(
        "DAMAGED",
        f"{info.filename} is damaged in the bundle",
        f"ไฟล์ {info.filename} ในชุดข้อมูลเสียหาย",
    )


def _size_mismatch(info: zipfile.ZipInfo) -> BundleRefused:
    return refuse(
        "SIZE_MISMATCH",
        f"{info.filename} is not the size the zip declares",
        f"ขนาดของ {info.filename} ไม่ตรงกับที่ระบุ",
    )


def _safe_entries(archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise refuse(
            "TOO_MANY_ENTRIES",
            f"the bundle has {len(infos)} files; at most {MAX_ENTRIES}",
            "ชุดข้อมูลมีจำนวนไฟล์มากเกินไป",
        )
    names = [info.filename for info in infos]
    if len(set(names)) != len(names):
        raise refuse("DUPLICATE_ENTRY", "the bundle names one file twice", "ชุดข้อมูลมีไฟล์ชื่อซ้ำ")
    for info in infos:
        _check_entry(info)
    if sum(info.file_size for info in infos) > MAX_TOTAL_BYTES:
        raise refuse("TOO_LARGE", "the bundle unpacks to more than 4 GB", "ชุดข้อมูลใหญ่เกินไป")
    return {info.filename: info for info in infos}


def _check_entry(info: zipfile.ZipInfo) -> None:
    if not ENTRY.fullmatch(info.filename):
        raise refuse(
            "UNSAFE_PATH",
            f"the bundle holds an unexpected path {info.filename[:80]!r}",
            "ชุดข้อมูลมีชื่อไฟล์ที่ไม่ปลอดภัย",
        )
    limit = MAX_PHOTO_BYTES if info.filename.startswith("photos/") else MAX_RESULT_BYTES
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > limit or ratio > MAX_RATIO:
        raise refuse(
            "ZIP_BOMB",
            f"{info.filename} would unpack to {info.file_size} bytes",
            "ชุดข้อมูลมีไฟล์ที่ขยายตัวผิดปกติ (zip bomb)",
        )


def _manifest(archive: zipfile.ZipFile, entries: dict[str, zipfile.ZipInfo]) -> BundleManifest:
    if "manifest.json" not in entries:
        raise refuse("NO_MANIFEST", "the bundle has no manifest", "ชุดข้อมูลไม่มี manifest")
    try:
        return parse_manifest(read_entry(archive, entries["manifest.json"], MAX_RESULT_BYTES))
    except (NotCanonical, DocumentError) as error:
        raise refuse(
            "NOT_A_BUNDLE",
            f"this is not a GECC bundle ({BUNDLE_FORMAT}): the manifest is malformed: {error}",
            f"ไฟล์นี้ไม่ใช่ชุดข้อมูล GECC หรือรายการในชุดข้อมูลไม่ถูกต้อง ({_field(error)})",
        ) from None


def _field(error: Exception) -> str:
    return getattr(error, "field", "") or str(error)[:80]


def _result(
    archive: zipfile.ZipFile, entries: dict[str, zipfile.ZipInfo], result_hash: str
) -> tuple[bytes, Envelope]:
    names = (f"results/{result_hash}.json", f"results/{result_hash}.sig.json")
    if not all(name in entries for name in names):
        raise refuse(
            "MISSING_RESULT",
            f"result {result_hash[:12]} is listed but not in the bundle",
            "ผลการประเมินที่ระบุไม่อยู่ในชุดข้อมูล",
        )
    payload = read_entry(archive, entries[names[0]], MAX_RESULT_BYTES)
    try:
        envelope = parse_envelope(read_entry(archive, entries[names[1]], MAX_RESULT_BYTES))
    except (NotCanonical, DocumentError) as error:
        raise refuse(
            "BAD_SIGNATURE",
            f"the signature envelope of result {result_hash[:12]} is malformed: {error}",
            f"ลายมือชื่อดิจิทัลของผล {result_hash[:12]} ไม่ถูกต้อง",
        ) from None
    return payload, envelope


def _photo_entry(entries: dict[str, zipfile.ZipInfo], sha256: str) -> zipfile.ZipInfo:
    info = entries.get(f"photos/{sha256}.jpg")
    if info is None:
        raise refuse(
            "PHOTO_MISSING",
            f"photo {sha256[:12]} is listed but not in the bundle",
            "ภาพถ่ายที่ระบุไม่อยู่ในชุดข้อมูล",
        )
    return info
