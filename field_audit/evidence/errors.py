"""Errors of the photo-evidence layer, each carrying the data a caller needs to explain it.

    EvidenceError
    ├── PhotoRefused     a photo was not taken in: ``refusal`` holds a stable code and an
    │   │                English and a Thai message; nothing was written to the store
    │   └── StorageFull  the disk filled while storing (code ``disk_full``); the store is unchanged
    └── DamagedPhoto     a stored file no longer hashes to its name
                         (``kind``, ``sha256``, ``actual``)

Refusal codes are stable strings (see ``RefusalCode``); show ``message(lang)`` to people and
keep ``code`` in logs and data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

Param = str | int | float


class RefusalCode(StrEnum):
    """Why a photo was refused; the values are stable and safe to store."""

    EMPTY = "empty"
    TOO_LARGE = "too_large"
    CANNOT_READ = "cannot_read"
    NOT_AN_IMAGE = "not_an_image"
    UNSUPPORTED_FORMAT = "unsupported_format"
    TRUNCATED = "truncated"
    CORRUPT = "corrupt"
    TOO_MANY_PIXELS = "too_many_pixels"
    DISK_FULL = "disk_full"


# (English, Thai) templates; the fields in braces are the refusal's params.
MESSAGES: dict[RefusalCode, tuple[str, str]] = {
    RefusalCode.EMPTY: ("The file is empty.", "ไฟล์ว่างเปล่า ไม่มีข้อมูลภาพ"),
    RefusalCode.TOO_LARGE: (
        "The file is {size_mb} MB; the limit is {limit_mb} MB.",
        "ไฟล์มีขนาด {size_mb} MB เกินขนาดสูงสุดที่รับได้ {limit_mb} MB",
    ),
    RefusalCode.CANNOT_READ: (
        "The file could not be read ({reason}).",
        "ไม่สามารถอ่านไฟล์ได้ ({reason})",
    ),
    RefusalCode.NOT_AN_IMAGE: ("The file is not a picture.", "ไฟล์นี้ไม่ใช่รูปภาพ"),
    RefusalCode.UNSUPPORTED_FORMAT: (
        "{format} pictures are not accepted; use JPEG, PNG, WebP or HEIC.",
        "ไม่รองรับรูปภาพแบบ {format} กรุณาใช้ไฟล์ JPEG, PNG, WebP หรือ HEIC",
    ),
    RefusalCode.TRUNCATED: (
        "The picture is incomplete: the file was cut short. Copy or take it again.",
        "ไฟล์ภาพไม่สมบูรณ์ ข้อมูลขาดหายไปบางส่วน กรุณาคัดลอกหรือถ่ายภาพใหม่",
    ),
    RefusalCode.CORRUPT: (
        "The picture data is damaged and cannot be decoded.",
        "ข้อมูลภาพเสียหาย ไม่สามารถเปิดภาพได้",
    ),
    RefusalCode.TOO_MANY_PIXELS: (
        "The picture has {megapixels} megapixels; the limit is {limit_megapixels}.",
        "ภาพมีขนาด {megapixels} ล้านพิกเซล เกินขนาดสูงสุดที่รับได้ {limit_megapixels} ล้านพิกเซล",
    ),
    RefusalCode.DISK_FULL: (
        "The device storage is full, so the photo was not saved. Free some space and try again.",
        "พื้นที่จัดเก็บข้อมูลในเครื่องเต็ม จึงไม่ได้บันทึกภาพ กรุณาลบไฟล์ที่ไม่ใช้แล้วลองอีกครั้ง",
    ),
}


@dataclass(frozen=True)
class Refusal:
    """A refusal as plain data (picklable, comparable): what a batch result carries."""

    code: RefusalCode
    params: dict[str, Param] = field(default_factory=dict)

    @property
    def english(self) -> str:
        return MESSAGES[self.code][0].format(**self.params)

    @property
    def thai(self) -> str:
        return MESSAGES[self.code][1].format(**self.params)

    def message(self, lang: str) -> str:
        """The message in ``lang`` ("th" or "en"); any other language gets English."""
        return self.thai if lang == "th" else self.english


class EvidenceError(Exception):
    """Base of every error raised by ``field_audit.evidence``."""


class PhotoRefused(EvidenceError):
    """A photo was not taken in; ``refusal`` says why, in data and in two languages."""

    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal)
        self.refusal = refusal

    @classmethod
    def because(cls, code: RefusalCode, **params: Param) -> PhotoRefused:
        return cls(Refusal(code, params))

    @property
    def code(self) -> RefusalCode:
        return self.refusal.code

    def __str__(self) -> str:
        return f"{self.refusal.code}: {self.refusal.english}"


class StorageFull(PhotoRefused):
    """The disk is full (or over quota); the write was undone and the store is as it was."""

    def __init__(self, refusal: Refusal | None = None) -> None:
        super().__init__(refusal or Refusal(RefusalCode.DISK_FULL))


class DamagedPhoto(EvidenceError):
    """A stored file's bytes no longer hash to its name: it must not be served."""

    def __init__(self, kind: str, sha256: str, actual: str) -> None:
        super().__init__(kind, sha256, actual)
        self.kind = kind
        self.sha256 = sha256
        self.actual = actual

    def __str__(self) -> str:
        return f"stored {self.kind} {self.sha256} is damaged: its bytes hash to {self.actual}"
