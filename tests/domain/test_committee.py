"""Committee consolidation: majority, disputes, the chair's rulings, and the committee score."""

from __future__ import annotations

import pytest

from field_audit.domain.answers import Verdict
from field_audit.domain.committee import MemberVerdicts, Ruling, consolidate, majority_of
from field_audit.domain.errors import RulingError, VerdictError
from tests.factories import build, gecc_2560_shape

EDITION = build(gecc_2560_shape())
ALL = list(EDITION.criterion_ids)
MET, NOT = Verdict.MET, Verdict.NOT_MET


def member(name: str, overrides: dict[str, Verdict | None] | None = None) -> MemberVerdicts:
    chosen: dict[str, Verdict | None] = dict.fromkeys(ALL, MET)
    chosen.update(overrides or {})
    return MemberVerdicts(name, {k: v for k, v in chosen.items() if v is not None})


def test_majority_of_votes() -> None:
    assert majority_of([MET, MET, NOT]) is MET
    assert majority_of([MET, NOT]) is None
    assert majority_of([None, None]) is None
    assert majority_of([NOT, None, None]) is NOT


def test_unanimous_committee_has_a_score_and_no_disputes() -> None:
    result = consolidate(EDITION, [member("ก"), member("ข"), member("ค")])
    assert result.disputed == ()
    assert result.score is not None
    assert result.score.points == 80


def test_majority_decides_and_the_disagreement_shows_who_said_what() -> None:
    result = consolidate(EDITION, [member("ก"), member("ข", {"B07": NOT}), member("ค")])
    outcome = next(o for o in result.outcomes if o.criterion_id == "B07")
    assert outcome.verdict is MET
    assert outcome.votes == {"ก": MET, "ข": NOT, "ค": MET}
    assert result.disagreements == ("B07",)
    assert result.disputed == ()


def test_a_tie_is_disputed_and_there_is_no_score_until_the_chair_rules() -> None:
    members = [member("ก", {"A03": NOT}), member("ข")]
    result = consolidate(EDITION, members)
    assert result.disputed == ("A03",)
    assert result.score is None
    ruled = consolidate(EDITION, members, [Ruling("A03", NOT, "ไม่มีหลักฐานการสำรวจความต้องการ")])
    assert ruled.score is not None
    assert ruled.score.points == 78
    assert ruled.to_json()["criteria"][ALL.index("A03")]["ruling"] == {
        "verdict": "not_met",
        "reason": "ไม่มีหลักฐานการสำรวจความต้องการ",
    }


def test_a_criterion_nobody_answered_is_disputed() -> None:
    result = consolidate(EDITION, [member("ก", {"B02": None}), member("ข", {"B02": None})])
    assert result.disputed == ("B02",)
    assert result.score is None


def test_one_answer_against_silence_is_a_majority() -> None:
    result = consolidate(EDITION, [member("ก", {"B02": NOT}), member("ข", {"B02": None})])
    assert result.disputed == ()
    assert result.verdicts["B02"] is NOT


def test_the_chair_cannot_overrule_a_majority() -> None:
    with pytest.raises(RulingError, match="B07 is not disputed"):
        consolidate(EDITION, [member("ก"), member("ข")], [Ruling("B07", NOT, "เห็นต่าง")])


def test_a_ruling_needs_a_reason_and_only_one_per_criterion() -> None:
    members = [member("ก", {"A03": NOT}), member("ข")]
    with pytest.raises(RulingError, match="needs a reason"):
        consolidate(EDITION, members, [Ruling("A03", MET, "  ")])
    with pytest.raises(RulingError, match="two rulings"):
        consolidate(EDITION, members, [Ruling("A03", MET, "ก"), Ruling("A03", NOT, "ข")])
    with pytest.raises(RulingError, match="unknown criterion"):
        consolidate(EDITION, members, [Ruling("Z01", MET, "ก")])


def test_members_must_be_distinct_and_present() -> None:
    with pytest.raises(VerdictError, match="at least one member"):
        consolidate(EDITION, [])
    with pytest.raises(VerdictError, match="appears more than once"):
        consolidate(EDITION, [member("ก"), member("ก")])


def test_committee_score_follows_the_rule_not_the_sum() -> None:
    members = [member(n, {"B40": NOT}) for n in ("ก", "ข", "ค")]
    result = consolidate(EDITION, members)
    assert result.score is not None
    assert (result.score.points, result.score.meets_criteria) == (79, False)
