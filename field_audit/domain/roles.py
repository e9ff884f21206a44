"""The roles on an assessment committee (คณะอนุกรรมการตรวจประเมิน), as its order names them.

A committee has a chair, experts (ผู้ทรงคุณวุฒิ), a representative of the OPDC (สำนักงาน ก.พ.ร.),
members, a joint secretary and assistant secretaries. Every one of them is a member of the
committee: each may assess, each is counted in the roll and the quorum, and their verdicts are
votes. The chair signs the committee's result and rules where the vote is split; the chair or
the joint secretary divides the criteria among the members (``field_audit.domain.shares``).
"""

from __future__ import annotations

from enum import StrEnum

from field_audit.domain.edition import Text


class Role(StrEnum):
    CHAIR = "chair"
    EXPERT = "expert"
    OPDC_REPRESENTATIVE = "opdc_representative"
    MEMBER = "member"
    JOINT_SECRETARY = "joint_secretary"
    ASSISTANT_SECRETARY = "assistant_secretary"


ROLE_NAMES: dict[Role, Text] = {
    Role.CHAIR: Text("ประธานกรรมการ", "Chair"),
    Role.EXPERT: Text("ผู้ทรงคุณวุฒิ", "Expert member"),
    Role.OPDC_REPRESENTATIVE: Text("ผู้แทนสำนักงาน ก.พ.ร.", "OPDC representative"),
    Role.MEMBER: Text("กรรมการ", "Member"),
    Role.JOINT_SECRETARY: Text("กรรมการและเลขานุการร่วม", "Member and joint secretary"),
    Role.ASSISTANT_SECRETARY: Text("ผู้ช่วยเลขานุการ", "Assistant secretary"),
}

FORMER_NAMES = {"secretary": Role.JOINT_SECRETARY}
"""Role words earlier versions stored, and the role each now reads as."""

DIVIDES_WORK = frozenset({Role.CHAIR, Role.JOINT_SECRETARY})


def parse_role(word: str) -> Role | None:
    """The role a stored or typed word names (the English names too), or None."""
    cleaned = word.strip().lower().replace("-", "_").replace(" ", "_")
    if cleaned in FORMER_NAMES:
        return FORMER_NAMES[cleaned]
    if cleaned in {r.value for r in Role}:
        return Role(cleaned)
    return next((r for r, n in ROLE_NAMES.items() if word.strip() in (n.th, n.en)), None)


def role_name(word: str, language: str) -> str:
    """The role's name in ``language``; a word no role has is shown as it is."""
    role = parse_role(word)
    return ROLE_NAMES[role].in_language(language) if role else word


def seating_order(word: str) -> int:
    """Where a role sits in a list of members: chair first, secretaries last."""
    role = parse_role(word)
    return list(Role).index(role) if role else len(Role)
