"""The committee's roll for one visit: every member counted, absent with a reason, or awaited.

A committee result must account for every member of the assigned committee: present and
counted (their current sealed audit of the visit is consolidated) or absent with a reason.
Where no GECC rule says otherwise, Thai committees follow the Administrative Procedure Act
B.E. 2539 (ss. 79-82): at least half of the members make a quorum (the edition's
``rule.quorum`` may set another share); decisions are by majority, and on a tie the chair
casts the deciding vote, which ``committee.consolidate`` asks of the chair as a ruling.

``call_roll`` builds the roll the chair sees (the device); ``roll_problems`` checks the roll a
signed committee result states against the audits the checker holds (the device importing a
bundle, the centre receiving it): the same rule on both sides.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from field_audit.domain.edition import Quorum, Text
from field_audit.domain.roles import Role, parse_role


class Presence(StrEnum):
    COUNTED = "counted"
    ABSENT = "absent"
    AWAITED = "awaited"


@dataclass(frozen=True)
class Seat:
    """A member of the committee as the office appointed them."""

    inspector_id: str
    name: str
    role: str


@dataclass(frozen=True)
class Attendance:
    seat: Seat
    presence: Presence
    audit_hash: str | None = None
    reason: str = ""


@dataclass(frozen=True)
class Roll:
    """Each member's place in the committee's result, and whether that makes a quorum."""

    attendances: tuple[Attendance, ...]
    quorum: Quorum

    def _with(self, presence: Presence) -> tuple[Attendance, ...]:
        return tuple(a for a in self.attendances if a.presence is presence)

    @property
    def counted(self) -> tuple[Attendance, ...]:
        return self._with(Presence.COUNTED)

    @property
    def absent(self) -> tuple[Attendance, ...]:
        return self._with(Presence.ABSENT)

    @property
    def awaited(self) -> tuple[Attendance, ...]:
        return self._with(Presence.AWAITED)

    @property
    def needed(self) -> int:
        return self.quorum.needed(len(self.attendances))

    @property
    def accounted(self) -> bool:
        """Every member is counted or absent with a reason: nobody is still awaited."""
        return not self.awaited

    @property
    def quorum_met(self) -> bool:
        return self.quorum.met_by(len(self.counted), len(self.attendances))

    @property
    def ready(self) -> bool:
        """The committee's result may be consolidated and sealed."""
        return self.accounted and self.quorum_met


@dataclass(frozen=True)
class RollProblem:
    """Why a roll cannot stand; ``code`` is stable, ``member`` names whom it is about."""

    code: str
    member: str
    text: Text


@dataclass(frozen=True)
class StatedMember:
    """One member as a signed committee result states them."""

    inspector_id: str
    audit_hash: str | None
    reason: str = ""


def call_roll(
    seats: Sequence[Seat],
    audits: Mapping[str, str],
    absences: Mapping[str, str],
    quorum: Quorum,
) -> Roll:
    """The roll from the audits held (member -> audit hash) and the absences the chair
    recorded (member -> reason); an audit that arrived counts even if marked absent."""
    return Roll(tuple(_attendance(s, audits, absences) for s in seats), quorum)


def roll_problems(
    seats: Sequence[Seat],
    stated: Sequence[StatedMember],
    held: Mapping[str, str],
    quorum: Quorum,
) -> list[RollProblem]:
    """Everything wrong with the roll a committee result states, given the members' current
    audits the checker holds (member -> hash); an empty list means the roll stands."""
    by_id = {s.inspector_id: s for s in seats}
    strangers = [m.inspector_id for m in stated if m.inspector_id not in by_id]
    problems = [_problem("NOT_A_MEMBER", i) for i in strangers]
    repeated = [i for i, n in Counter(m.inspector_id for m in stated).items() if n > 1]
    problems += [_problem("MEMBER_REPEATED", i) for i in repeated]
    named = {m.inspector_id: m for m in stated}
    for seat in seats:
        problems += _seat_problems(seat, named.get(seat.inspector_id), held)
    counted = sum(1 for m in named.values() if m.audit_hash is not None and m.inspector_id in by_id)
    if not problems and not quorum.met_by(counted, len(seats)):
        needed = quorum.needed(len(seats))
        problems.append(_problem("QUORUM_NOT_MET", "", counted=counted, needed=needed))
    return problems


def _attendance(seat: Seat, audits: Mapping[str, str], absences: Mapping[str, str]) -> Attendance:
    if seat.inspector_id in audits:
        return Attendance(seat, Presence.COUNTED, audit_hash=audits[seat.inspector_id])
    if seat.inspector_id in absences:
        return Attendance(seat, Presence.ABSENT, reason=absences[seat.inspector_id])
    return Attendance(seat, Presence.AWAITED)


def _seat_problems(
    seat: Seat, stated: StatedMember | None, held: Mapping[str, str]
) -> list[RollProblem]:
    member = seat.inspector_id
    if stated is None:
        return [_problem("MEMBER_OMITTED", member)]
    if stated.audit_hash is None:
        return _absence_problems(seat, stated.reason, held)
    if held.get(member) != stated.audit_hash:
        return [_problem("MEMBER_AUDIT_NOT_CURRENT", member, stated=stated.audit_hash[:12])]
    return []


def _absence_problems(seat: Seat, reason: str, held: Mapping[str, str]) -> list[RollProblem]:
    member = seat.inspector_id
    if member in held:
        return [_problem("MEMBER_OMITTED", member, held=held[member][:12])]
    if parse_role(seat.role) is Role.CHAIR:
        return [_problem("CHAIR_ABSENT", member)]
    if not reason.strip():
        return [_problem("ABSENCE_WITHOUT_REASON", member)]
    return []


_WORDS: dict[str, tuple[str, str]] = {
    "NOT_A_MEMBER": (
        "{member} ไม่ได้เป็นกรรมการในคณะนี้",
        "{member} is not a member of this committee",
    ),
    "MEMBER_REPEATED": (
        "กรรมการ {member} ถูกระบุมากกว่าหนึ่งครั้ง",
        "member {member} is named more than once",
    ),
    "MEMBER_OMITTED": (
        "ผลของคณะกรรมการไม่ได้นับผลการประเมินของกรรมการ {member} ที่ปิดผนึกแล้ว{held}",
        "the committee's result leaves out {member}, whose sealed audit is held{held}",
    ),
    "CHAIR_ABSENT": (
        "ประธาน ({member}) เป็นผู้ปิดผนึกผลของคณะกรรมการ จึงบันทึกว่าไม่มาไม่ได้",
        "the chair ({member}) signs the committee's result and cannot be recorded absent",
    ),
    "ABSENCE_WITHOUT_REASON": (
        "กรรมการ {member} ไม่มาโดยไม่ได้ระบุเหตุผล",
        "member {member} is recorded absent without a reason",
    ),
    "MEMBER_AUDIT_NOT_CURRENT": (
        "ผลการประเมินของกรรมการ {member} ที่นับ ({stated}) ไม่ใช่ฉบับล่าสุดที่มีอยู่",
        "the audit counted for {member} ({stated}) is not their current sealed audit here",
    ),
    "QUORUM_NOT_MET": (
        "นับผลของกรรมการได้ {counted} คน ไม่ครบองค์ประชุม (ต้องมีอย่างน้อย {needed} คน)",
        "{counted} member(s) counted: no quorum (at least {needed} needed)",
    ),
}


def _problem(code: str, member: str, **values: object) -> RollProblem:
    th, en = _WORDS[code]
    held = values.pop("held", None)
    words = {"member": member, **{k: str(v) for k, v in values.items()}}
    return RollProblem(
        code,
        member,
        Text(
            th.format(**words, held=f" ({held})" if held else ""),
            en.format(**words, held=f" ({held})" if held else ""),
        ),
    )
