"""Committee roles: the six an appointing order names, their names, and the former word."""

from __future__ import annotations

import pytest

from field_audit.domain.roles import (
    DIVIDES_WORK,
    ROLE_NAMES,
    Role,
    parse_role,
    role_name,
    seating_order,
)


def test_every_role_has_a_thai_and_an_english_name() -> None:
    assert set(ROLE_NAMES) == set(Role)
    assert [ROLE_NAMES[r].th for r in Role] == [
        "ประธานกรรมการ",
        "ผู้ทรงคุณวุฒิ",
        "ผู้แทนสำนักงาน ก.พ.ร.",
        "กรรมการ",
        "กรรมการและเลขานุการร่วม",
        "ผู้ช่วยเลขานุการ",
    ]


@pytest.mark.parametrize(
    ("word", "role"),
    [
        ("chair", Role.CHAIR),
        ("OPDC representative", Role.OPDC_REPRESENTATIVE),
        ("opdc-representative", Role.OPDC_REPRESENTATIVE),
        ("ผู้ทรงคุณวุฒิ", Role.EXPERT),
        ("secretary", Role.JOINT_SECRETARY),  # what earlier versions stored
        (" Assistant secretary ", Role.ASSISTANT_SECRETARY),
        ("treasurer", None),
        ("", None),
    ],
)
def test_roles_are_read_from_stored_typed_and_thai_words(word: str, role: Role | None) -> None:
    assert parse_role(word) is role


def test_names_and_seating_order() -> None:
    assert role_name("secretary", "th") == "กรรมการและเลขานุการร่วม"
    assert role_name("expert", "en") == "Expert member"
    assert role_name("observer", "th") == "observer"  # an unknown word is shown as it is
    ordered = sorted(["assistant_secretary", "member", "chair", "expert"], key=seating_order)
    assert ordered == ["chair", "expert", "member", "assistant_secretary"]


def test_only_the_chair_and_the_joint_secretary_divide_the_work() -> None:
    assert {Role.CHAIR, Role.JOINT_SECRETARY} == DIVIDES_WORK
