"""Whether a member's result may rest on the key that signed it: the one rule of both sides.

The office enrols each inspector's device keys and may revoke one; a member who replaces a
device has several keys over time, each with the period it was valid (enrolled, revoked or
still live). A result verifies against the key that signed it only if that key is one the
office enrolled for its signer and was not revoked when it was used. The time of use must be
one the checker can trust: the centre's own time of receipt. A sealing time is the signer's own
claim (a stolen key can date a result before its revocation), so a device, which has no time
of receipt to trust, checks against now: a revoked key is refused whatever the result says.
Nothing is ever accepted because a key is absent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from field_audit.domain.edition import Text


@dataclass(frozen=True)
class KeyPeriod:
    """One enrolled key of a member (base64url public key) and when it stopped being valid."""

    public_key: str
    revoked_at: datetime | None = None

    def valid_at(self, used_at: datetime | None) -> bool:
        """Live, or revoked only after ``used_at`` (None: now)."""
        if self.revoked_at is None:
            return True
        return used_at is not None and used_at < self.revoked_at


class KeyFault(StrEnum):
    """Why a result cannot rest on its key (stable codes)."""

    NO_ENROLLED_KEY = "NO_ENROLLED_KEY"
    UNKNOWN_SIGNER_KEY = "UNKNOWN_SIGNER_KEY"
    KEY_REVOKED = "KEY_REVOKED"

    def text(self, member: str) -> Text:
        th, en = _WORDS[self]
        return Text(th.format(member=member), en.format(member=member))


def key_fault(
    keys: Sequence[KeyPeriod], public_key: str, *, used_at: datetime | None
) -> KeyFault | None:
    """The fault of a result signed with ``public_key`` by a member whose enrolled keys are
    ``keys``, used at ``used_at`` (a time the checker trusts; None: now). None when it holds."""
    if not keys:
        return KeyFault.NO_ENROLLED_KEY
    matching = [k for k in keys if k.public_key == public_key]
    if not matching:
        return KeyFault.UNKNOWN_SIGNER_KEY
    if not any(k.valid_at(used_at) for k in matching):
        return KeyFault.KEY_REVOKED
    return None


_WORDS = {
    KeyFault.NO_ENROLLED_KEY: (
        "{member} ไม่มีกุญแจที่ลงทะเบียนไว้กับศูนย์ข้อมูลกลาง (ซิงค์แล้วลองใหม่ หรือให้สำนักงานลงทะเบียนกุญแจ)",
        "{member} has no key enrolled at the office (sync and try again, or have the office "
        "enrol their key)",
    ),
    KeyFault.UNKNOWN_SIGNER_KEY: (
        "ผลของ {member} ปิดผนึกด้วยกุญแจที่ไม่ได้ลงทะเบียนไว้กับศูนย์ข้อมูลกลาง",
        "{member}'s result is signed with a key the office has not enrolled for them",
    ),
    KeyFault.KEY_REVOKED: (
        "ผลของ {member} ปิดผนึกด้วยกุญแจที่ถูกเพิกถอนแล้ว",
        "{member}'s result is signed with a revoked key",
    ),
}
