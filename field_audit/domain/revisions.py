"""Revision chains of signed results: the one rule the device and the centre both apply.

A sealed result never changes; a correction is a new result that names the one it replaces.
So each member's results of one kind for one visit form a single line: revision 1 replaces
nothing, and revision n + 1 replaces that member's revision n of the same kind and visit.
``chain_fault`` refuses everything else: a later revision that replaces nothing, a second
revision 1 (a fork at the root), a result that replaces an unknown one or another member's,
kind's or visit's (a cross-member replacement), a jump (revision 9 after 1), and a second
correction of the same revision (a fork). What is already held is never disturbed.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from field_audit.domain.edition import Text


@dataclass(frozen=True)
class Revision:
    """Where a signed result sits in its chain."""

    hash: str
    kind: str
    assignment_id: str
    signer: str
    revision: int
    replaces: str | None

    @property
    def chain(self) -> tuple[str, str, str]:
        """Whose line of results this is: (kind, visit, member)."""
        return (self.kind, self.assignment_id, self.signer)


class ChainFault(StrEnum):
    """What is wrong with a result's place in its chain (stable codes)."""

    LATER_WITHOUT_PREDECESSOR = "LATER_WITHOUT_PREDECESSOR"
    FIRST_ALREADY_HELD = "FIRST_ALREADY_HELD"
    REPLACES_UNKNOWN = "REPLACES_UNKNOWN"
    REPLACES_OTHER_CHAIN = "REPLACES_OTHER_CHAIN"
    REVISION_SKIPPED = "REVISION_SKIPPED"
    ALREADY_REPLACED = "ALREADY_REPLACED"

    @property
    def text(self) -> Text:
        return _WORDS[self]


def chain_fault(
    new: Revision,
    *,
    previous: Revision | None,
    replaced_by: str | None,
    first_held: str | None,
) -> ChainFault | None:
    """The fault in ``new``'s place, given what the checker holds (``new`` itself excluded):
    ``previous``, the result ``new.replaces`` names; ``replaced_by``, the hash of a result that
    already replaces it; ``first_held``, the hash of a revision 1 already held in ``new``'s
    chain. None when ``new`` may join its chain."""
    if new.replaces is None:
        return _first_fault(new, first_held)
    if previous is None:
        return ChainFault.REPLACES_UNKNOWN
    if previous.chain != new.chain:
        return ChainFault.REPLACES_OTHER_CHAIN
    if new.revision != previous.revision + 1:
        return ChainFault.REVISION_SKIPPED
    if replaced_by not in (None, new.hash):
        return ChainFault.ALREADY_REPLACED
    return None


def _first_fault(new: Revision, first_held: str | None) -> ChainFault | None:
    if new.revision != 1:
        return ChainFault.LATER_WITHOUT_PREDECESSOR
    return ChainFault.FIRST_ALREADY_HELD if first_held not in (None, new.hash) else None


_WORDS = {
    ChainFault.LATER_WITHOUT_PREDECESSOR: Text(
        "ฉบับแก้ไขไม่ได้ระบุฉบับที่ถูกแทนที่", "a later revision names no revision it replaces"
    ),
    ChainFault.FIRST_ALREADY_HELD: Text(
        "มีผลฉบับแรกของกรรมการคนนี้สำหรับการตรวจนี้อยู่แล้ว การแก้ไขต้องแทนที่ฉบับล่าสุด",
        "this member already has a first revision for this visit: a correction must replace "
        "the current revision",
    ),
    ChainFault.REPLACES_UNKNOWN: Text(
        "ไม่พบฉบับก่อนหน้าที่ฉบับแก้ไขนี้อ้างถึง",
        "the revision this one replaces is not known here",
    ),
    ChainFault.REPLACES_OTHER_CHAIN: Text(
        "ผลนี้อ้างว่าแทนที่ผลของกรรมการคนอื่น ประเภทอื่น หรือการตรวจอื่น",
        "this result claims to replace another member's, kind's or visit's result",
    ),
    ChainFault.REVISION_SKIPPED: Text(
        "ลำดับฉบับแก้ไขข้ามลำดับ (ต้องเพิ่มทีละหนึ่ง)",
        "the revision number skips (each correction is the next number)",
    ),
    ChainFault.ALREADY_REPLACED: Text(
        "ฉบับที่อ้างถึงถูกแทนที่ด้วยฉบับแก้ไขอื่นแล้ว การแก้ไขต้องแทนที่ฉบับล่าสุด",
        "the revision it replaces was already replaced: a correction must replace the current "
        "revision",
    ),
}
