"""Shared work: each member's share of the criteria, sealing a share, and a committee that
counts, criterion by criterion, the members who assessed it."""

from __future__ import annotations

import pytest

from field_audit.domain.answers import Grade, Verdict
from field_audit.domain.audit import missing_for_seal
from field_audit.domain.committee import MemberVerdicts, Ruling, consolidate
from field_audit.domain.edition import load_bundled_edition
from field_audit.domain.errors import RulingError
from field_audit.domain.shares import Share, in_order, scope_problems, share_of, unshared, whole
from tests.factories import build, later_standard_shape

EDITION = load_bundled_edition("gecc-2560")
BASIC = frozenset(c.id for c in EDITION.criteria if c.block == "basic")
ADVANCED = frozenset(c.id for c in EDITION.criteria if c.block == "advanced")


def all_met(ids: frozenset[str]) -> dict[str, Verdict]:
    return dict.fromkeys(ids, Verdict.MET)


def test_a_share_by_block_by_category_and_item_by_item() -> None:
    assert share_of(EDITION, blocks=["advanced"]) == ADVANCED
    physical = share_of(EDITION, categories=["physical"])
    assert physical
    assert {EDITION.criterion(c).category for c in physical} == {"physical"}  # type: ignore[union-attr]
    assert share_of(EDITION, blocks=["advanced"], items=["B01"]) == ADVANCED | {"B01"}
    assert in_order(EDITION, {"A01", "B02", "B01"}) == ("B01", "B02", "A01")
    assert whole(EDITION) == BASIC | ADVANCED


def test_a_scope_must_name_criteria_of_the_edition() -> None:
    assert scope_problems(EDITION, set())[0].en == "the share needs at least one criterion"
    assert "Z99" in scope_problems(EDITION, {"B01", "Z99"})[0].en
    assert scope_problems(EDITION, {"B01"}) == []


def test_a_division_that_leaves_criteria_to_nobody_says_which() -> None:
    shares = [Share("a", BASIC), Share("b", frozenset({"A01", "A02"}))]
    assert unshared(EDITION, shares) == tuple(sorted(ADVANCED - {"A01", "A02"}))
    assert unshared(EDITION, [Share("a", BASIC), Share("b", ADVANCED)]) == ()


def test_sealing_a_share_needs_only_the_share_complete() -> None:
    photos = dict.fromkeys(whole(EDITION), 1)
    assert missing_for_seal(EDITION, all_met(ADVANCED), photos, ADVANCED) == []
    whole_audit = missing_for_seal(EDITION, all_met(ADVANCED), photos)
    assert {m.criterion_id for m in whole_audit if m.what == "verdict"} == BASIC


def test_a_committee_that_shared_the_work_counts_each_member_where_they_assessed() -> None:
    members = [
        MemberVerdicts("chair", all_met(BASIC), BASIC),
        MemberVerdicts("expert", all_met(ADVANCED) | {"B01": Verdict.NOT_MET}, ADVANCED),
    ]
    result = consolidate(EDITION, members)
    b01 = next(o for o in result.outcomes if o.criterion_id == "B01")
    assert b01.votes == {
        "chair": Verdict.MET
    }  # the expert's answer outside their share is not a vote
    assert result.unassessed == ()
    assert result.score is not None
    assert (result.score.points, result.score.meets_criteria) == (80, True)


def test_a_criterion_nobody_assessed_blocks_the_committee_and_cannot_be_ruled() -> None:
    members = [
        MemberVerdicts("chair", all_met(BASIC), BASIC),
        MemberVerdicts("expert", all_met(ADVANCED - {"A20"}), ADVANCED - {"A20"}),
    ]
    result = consolidate(EDITION, members)
    assert result.unassessed == ("A20",)
    assert result.score is None
    assert "A20" in result.unresolved
    with pytest.raises(RulingError, match="nobody assessed criterion A20"):
        consolidate(EDITION, members, [Ruling("A20", Verdict.MET, "เห็นเอง")])


def test_full_audits_by_every_member_still_work() -> None:
    members = [MemberVerdicts(m, all_met(BASIC | ADVANCED)) for m in ("a", "b", "c")]
    result = consolidate(EDITION, members)
    assert result.score is not None
    assert result.score.points == 80


def test_graded_answers_need_a_majority_or_the_chairs_ruling() -> None:
    later = build(later_standard_shape())
    assessed = frozenset({"O1"})
    spread = [
        MemberVerdicts("a", {"O1": Grade(3)}, assessed),
        MemberVerdicts("b", {"O1": Grade(4)}, assessed),
        MemberVerdicts("c", {"O1": Grade(5)}, assessed),
    ]
    o1 = next(o for o in consolidate(later, spread).outcomes if o.criterion_id == "O1")
    assert o1.disputed
    assert o1.majority is None
    ruled = consolidate(later, spread, [Ruling("O1", Grade(4), "หลักฐานรองรับระดับ 4")])
    assert ruled.verdicts["O1"] == Grade(4)
    two_of_three = [*spread[:2], MemberVerdicts("c", {"O1": Grade(4)}, assessed)]
    o1 = next(o for o in consolidate(later, two_of_three).outcomes if o.criterion_id == "O1")
    assert o1.majority == Grade(4)
