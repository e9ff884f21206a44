"""Errors of the printable documents, each with a message in Thai and in English.

DocumentError        base; ``code``, ``message_th``, ``message_en``, ``message(language)``
├── FontMissing      FONT_MISSING     the Thai font files are not in the font folder
└── BadReportInput   BAD_REPORT_INPUT a committee or member payload lacks what a report needs
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar


class DocumentError(Exception):
    """Base of every refusal to make a document."""

    code: ClassVar[str] = "DOCUMENT_ERROR"

    def __init__(self, *, message_th: str, message_en: str) -> None:
        super().__init__(f"{message_en} / {message_th}")
        self.message_th = message_th
        self.message_en = message_en

    def message(self, language: str) -> str:
        return self.message_en if language == "en" else self.message_th


class FontMissing(DocumentError):
    code: ClassVar[str] = "FONT_MISSING"

    def __init__(self, path: Path) -> None:
        super().__init__(
            message_th=f"ไม่พบไฟล์ฟอนต์ภาษาไทย {path} จึงสร้างเอกสารไม่ได้",
            message_en=f"The Thai font file {path} is missing, so no document can be made.",
        )
        self.path = path


class BadReportInput(DocumentError):
    code: ClassVar[str] = "BAD_REPORT_INPUT"

    def __init__(self, reason: str) -> None:
        super().__init__(
            message_th=f"ข้อมูลผลการตรวจประเมินไม่ครบสำหรับจัดทำรายงาน ({reason})",
            message_en=f"The results lack what the report needs ({reason}).",
        )
        self.reason = reason
