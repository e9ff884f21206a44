"""Errors of the inspector's device key, each with a message in Thai and in English.

    SigningError          base; ``message_th``, ``message_en``, ``message(language)``
    ├── WrongPassphrase   the passphrase does not open the key file (``path``)
    ├── NoIdentity        there is no key file yet (``path``)
    ├── IdentityExists    a key file is already there, so a new one would destroy it (``path``)
    ├── WeakPassphrase    a new passphrase is shorter than ``min_length`` characters (``length``)
    └── KeyFileDamaged    the key file is unreadable, malformed or altered (``path``, ``reason``)

``str(error)`` is the English message followed by the Thai one, for logs.
"""

from __future__ import annotations

from pathlib import Path


class SigningError(Exception):
    """Base of every refusal about the device key."""

    def __init__(self, *, message_th: str, message_en: str) -> None:
        super().__init__(f"{message_en} / {message_th}")
        self.message_th = message_th
        self.message_en = message_en

    def message(self, language: str) -> str:
        """Return the message in ``"en"``, or in Thai for any other language."""
        return self.message_en if language == "en" else self.message_th


class WrongPassphrase(SigningError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            message_th="รหัสผ่านไม่ถูกต้อง กุญแจยังล็อกอยู่ โปรดลองอีกครั้ง",
            message_en="Wrong passphrase: the key stays locked. Please try again.",
        )
        self.path = path


class NoIdentity(SigningError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            message_th=f"ยังไม่มีกุญแจของผู้ตรวจประเมินในเครื่องนี้ ({path}) โปรดสร้างกุญแจก่อน",
            message_en=f"There is no inspector key on this device ({path}); create one first.",
        )
        self.path = path


class IdentityExists(SigningError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            message_th=f"มีกุญแจของผู้ตรวจประเมินอยู่แล้ว ({path}) หากกุญแจสูญหายหรือรั่วไหล"
            " ให้ใช้การเปลี่ยนกุญแจแทน",
            message_en=f"An inspector key already exists ({path}); if it was lost or exposed,"
            " replace it instead.",
        )
        self.path = path


class WeakPassphrase(SigningError):
    def __init__(self, *, length: int, min_length: int) -> None:
        super().__init__(
            message_th=f"รหัสผ่านต้องยาวอย่างน้อย {min_length} ตัวอักษร (ที่ใส่มามี {length} ตัว)",
            message_en=f"A passphrase needs at least {min_length} characters"
            f" (this one has {length}).",
        )
        self.length = length
        self.min_length = min_length


class KeyFileDamaged(SigningError):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            message_th=f"ไฟล์กุญแจ {path} เสียหายหรือถูกแก้ไข จึงใช้ลงนามไม่ได้ ({reason})",
            message_en=f"The key file {path} is damaged or was altered, so it cannot sign"
            f" ({reason}).",
        )
        self.path = path
        self.reason = reason
