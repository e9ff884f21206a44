"""The committee's roll: every member counted, absent with a reason, or awaited; the quorum."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from field_audit.domain.attendance import (
    Presence,
    Seat,
    StatedMember,
    call_roll,
    roll_problems,
)
from field_audit.domain.edition import ADMINISTRATIVE_PROCEDURE_QUORUM, Quorum

SEATS = (
    Seat("chair", "ประธาน", "chair"),
    Seat("m1", "กรรมการหนึ่ง", "member"),
    Seat("m2", "กรรมการสอง", "member"),
    Seat("m3", "กรรมการสาม", "member"),
)
APA = ADMINISTRATIVE_PROCEDURE_QUORUM


def codes(problems: list) -> list[str]:  # type: ignore[type-arg]
    return [p.code for p in problems]


def test_the_roll_lists_each_member_counted_absent_or_awaited() -> None:
    roll = call_roll(SEATS, {"chair": "h0", "m1": "h1"}, {"m2": "ป่วย"}, APA)
    presence = {a.seat.inspector_id: a.presence for a in roll.attendances}
    assert presence == {
        "chair": Presence.COUNTED,
        "m1": Presence.COUNTED,
        "m2": Presence.ABSENT,
        "m3": Presence.AWAITED,
    }
    assert (roll.accounted, roll.quorum_met, roll.ready) == (False, True, False)


def test_an_audit_that_arrives_counts_even_if_the_member_was_marked_absent() -> None:
    roll = call_roll(SEATS, {"chair": "h0", "m2": "h2"}, {"m2": "ป่วย"}, APA)
    assert roll.attendances[2].presence is Presence.COUNTED


def test_half_of_the_members_make_a_quorum_by_default() -> None:
    two_of_four = call_roll(SEATS, {"chair": "h0", "m1": "h1"}, {"m2": "a", "m3": "b"}, APA)
    assert two_of_four.ready
    assert two_of_four.needed == 2
    one_of_four = call_roll(SEATS, {"chair": "h0"}, {"m1": "a", "m2": "b", "m3": "c"}, APA)
    assert one_of_four.accounted
    assert not one_of_four.quorum_met
    assert not one_of_four.ready


@given(st.integers(1, 40), st.integers(0, 40))
def test_the_quorum_is_at_least_half_of_all_members(members: int, counted: int) -> None:
    counted = min(counted, members)
    assert APA.met_by(counted, members) is (counted >= 1 and 2 * counted >= members)
    assert APA.met_by(APA.needed(members), members)
    assert not APA.met_by(APA.needed(members) - 1, members)


def test_an_edition_may_set_a_stricter_quorum() -> None:
    two_thirds = Quorum(2, 3)
    assert two_thirds.needed(4) == 3
    assert not two_thirds.met_by(2, 4)


def stated(**members: str | None) -> list[StatedMember]:
    return [StatedMember(m, h, reason="" if h else "ติดราชการ") for m, h in members.items()]


HELD = {"chair": "h0", "m1": "h1", "m2": "h2"}


def test_a_roll_that_counts_every_audit_and_gives_reasons_stands() -> None:
    roll = stated(chair="h0", m1="h1", m2="h2", m3=None)
    assert roll_problems(SEATS, roll, HELD, APA) == []


def test_leaving_out_a_member_whose_audit_is_held_is_refused() -> None:
    marked_absent = stated(chair="h0", m1="h1", m2=None, m3=None)
    assert codes(roll_problems(SEATS, marked_absent, HELD, APA)) == ["MEMBER_OMITTED"]
    not_named = stated(chair="h0", m1="h1", m2="h2")
    problems = roll_problems(SEATS, not_named, HELD, APA)
    assert codes(problems) == ["MEMBER_OMITTED"]
    assert problems[0].member == "m3"
    assert "m3" in problems[0].text.th


def test_below_quorum_is_refused_with_the_numbers() -> None:
    problems = roll_problems(
        SEATS, stated(chair="h0", m1=None, m2=None, m3=None), {"chair": "h0"}, APA
    )
    assert codes(problems) == ["QUORUM_NOT_MET"]
    assert "1" in problems[0].text.en
    assert "2" in problems[0].text.en


@pytest.mark.parametrize(
    ("roll", "code"),
    [
        (
            [
                StatedMember("chair", "h0"),
                StatedMember("m1", "h1"),
                StatedMember("m2", "h2"),
                StatedMember("m3", None, reason="  "),
            ],
            "ABSENCE_WITHOUT_REASON",
        ),
        (
            [
                StatedMember("chair", None, "ไม่มา"),
                StatedMember("m1", "h1"),
                StatedMember("m2", "h2"),
                StatedMember("m3", None, "ลา"),
            ],
            "CHAIR_ABSENT",
        ),
        (
            [
                StatedMember("chair", "h0"),
                StatedMember("m1", "old"),
                StatedMember("m2", "h2"),
                StatedMember("m3", None, "ลา"),
            ],
            "MEMBER_AUDIT_NOT_CURRENT",
        ),
        (
            [
                StatedMember("chair", "h0"),
                StatedMember("m1", "h1"),
                StatedMember("m2", "h2"),
                StatedMember("m3", None, "ลา"),
                StatedMember("x", None, "ลา"),
            ],
            "NOT_A_MEMBER",
        ),
        (
            [
                StatedMember("chair", "h0"),
                StatedMember("m1", "h1"),
                StatedMember("m1", "h1"),
                StatedMember("m2", "h2"),
                StatedMember("m3", None, "ลา"),
            ],
            "MEMBER_REPEATED",
        ),
    ],
)
def test_every_other_fault_of_a_roll_has_its_code(roll: list[StatedMember], code: str) -> None:
    held = HELD if code != "CHAIR_ABSENT" else {"m1": "h1", "m2": "h2"}
    problems = roll_problems(SEATS, roll, held, APA)
    assert code in codes(problems)
    assert all(p.text.th and p.text.en for p in problems)
