"""Errors of sealing and bundles, each with a stable code and words in Thai and English.

SealError
├── NotReadyToSeal   the audit lacks verdicts or required photos (``missing`` lists them)
├── SealRefused      the document built would break a rule the centre checks (``code``)
└── BundleRefused    a bundle failed verification; nothing was imported (``code``)
"""

from __future__ import annotations

from field_audit.domain.audit import Missing


class SealError(Exception):
    """Base of what sealing and bundle exchange refuse."""

    message_th: str = ""

    def message(self, language: str) -> str:
        return str(self) if language == "en" else self.message_th or str(self)


class NotReadyToSeal(SealError):
    def __init__(self, missing: list[Missing]) -> None:
        self.missing = missing
        listed_en = "; ".join(m.en for m in missing[:10])
        more = f" and {len(missing) - 10} more" if len(missing) > 10 else ""
        super().__init__(f"the audit cannot be sealed yet: {listed_en}{more}")
        self.message_th = "ยังปิดผนึกผลการประเมินไม่ได้: " + "; ".join(m.th for m in missing[:10])


class SealRefused(SealError):
    def __init__(self, code: str, english: str, thai: str) -> None:
        super().__init__(english)
        self.code = code
        self.message_th = thai


class BundleRefused(SealError):
    def __init__(self, code: str, english: str, thai: str) -> None:
        super().__init__(english)
        self.code = code
        self.message_th = thai
