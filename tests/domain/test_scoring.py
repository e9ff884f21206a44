"""Scoring: the 2560 rule and its traps, a later edition's shape, and properties that must hold."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from field_audit.domain.answers import Grade, Verdict
from field_audit.domain.edition import Category, Edition, load_bundled_edition
from field_audit.domain.errors import VerdictError
from field_audit.domain.scoring import parse_verdicts, score_verdicts
from tests.factories import build, ids, later_standard_shape, verdicts

EDITION_2560 = load_bundled_edition("gecc-2560")
BASIC = [c.id for c in EDITION_2560.criteria if c.block == "basic"]
ADVANCED = [c.id for c in EDITION_2560.criteria if c.block == "advanced"]


def score(met_basic: int, met_advanced: int, edition: Edition = EDITION_2560) -> dict:  # type: ignore[type-arg]
    met = BASIC[:met_basic] + ADVANCED[:met_advanced]
    not_met = BASIC[met_basic:] + ADVANCED[met_advanced:]
    return score_verdicts(edition, verdicts(met, not_met)).to_json()


def test_everything_met_is_80_points_and_meets_the_criteria() -> None:
    result = score(40, 20)
    assert (result["points"], result["max_points"], result["meets_criteria"]) == (80, 80, True)
    assert result["reasons"] == []
    assert result["complete"] is True


def test_all_basic_and_ten_advanced_is_60_points_and_meets_the_criteria() -> None:
    result = score(40, 10)
    assert (result["points"], result["meets_criteria"]) == (60, True)
    assert result["meets_application_threshold"] is True


def test_all_basic_and_nine_advanced_is_58_points_and_does_not_meet_the_criteria() -> None:
    result = score(40, 9)
    assert (result["points"], result["meets_criteria"]) == (58, False)
    assert result["meets_application_threshold"] is False
    [reason] = result["reasons"]
    assert reason["code"] == "block_too_few_met"
    assert reason["en"] == "Advanced criteria: 9 met, at least 10 needed"
    assert "ต้องผ่านอย่างน้อย 10 ข้อ" in reason["th"]


def test_the_trap_39_basic_and_20_advanced_is_79_points_and_does_not_meet_the_criteria() -> None:
    result = score(39, 20)
    assert result["points"] == 79
    assert result["meets_criteria"] is False
    assert result["meets_application_threshold"] is True
    [reason] = result["reasons"]
    assert reason["en"] == "Basic criteria: B40 is not met (every one must be met)"
    assert reason["th"] == "เกณฑ์ขั้นพื้นฐาน ข้อ B40 ไม่ผ่าน (ต้องผ่านทุกข้อ)"


def test_unanswered_criteria_count_as_not_met_and_are_named() -> None:
    result = score_verdicts(EDITION_2560, verdicts(BASIC[1:] + ADVANCED)).to_json()
    assert result["answered"] == 59
    assert result["complete"] is False
    assert result["meets_criteria"] is False
    assert result["reasons"][0]["code"] == "mandatory_unanswered"
    assert "B01 is not answered yet" in result["reasons"][0]["en"]


def test_nothing_answered_scores_zero_and_lists_every_shortfall() -> None:
    result = score_verdicts(EDITION_2560, {}).to_json()
    assert (result["points"], result["answered"], result["meets_criteria"]) == (0, 0, False)
    assert len(result["reasons"]) == 41


def test_counts_and_breakdown_per_category_add_up() -> None:
    result = score(33, 12)
    blocks = result["by_block"]
    assert (blocks["basic"]["met"], blocks["basic"]["total"]) == (33, 40)
    assert (blocks["advanced"]["met"], blocks["advanced"]["total"]) == (12, 20)
    by_category = result["by_category"]
    assert set(by_category) == {c.value for c in Category}
    assert sum(c["points"] for c in by_category.values()) == result["points"]
    assert sum(c["max_points"] for c in by_category.values()) == 80


def test_parse_verdicts_refuses_unknown_ids_and_words() -> None:
    with pytest.raises(VerdictError, match="unknown criterion id 'Z01'"):
        parse_verdicts(EDITION_2560, {"Z01": "met"})
    with pytest.raises(VerdictError, match="must be 'met' or 'not_met'"):
        parse_verdicts(EDITION_2560, {"B01": "yes"})
    assert parse_verdicts(EDITION_2560, {"B01": "not_met"}) == {"B01": Verdict.NOT_MET}


answers = st.lists(st.sampled_from([None, Verdict.MET, Verdict.NOT_MET]), min_size=60, max_size=60)


@given(answers)
def test_points_are_basic_met_plus_twice_advanced_met(choices: list[Verdict | None]) -> None:
    given_verdicts = {
        cid: v for cid, v in zip(EDITION_2560.criterion_ids, choices, strict=True) if v is not None
    }
    result = score_verdicts(EDITION_2560, given_verdicts).to_json()
    blocks = result["by_block"]
    assert result["points"] == blocks["basic"]["met"] + 2 * blocks["advanced"]["met"]
    assert result["answered"] == len(given_verdicts)


@given(answers)
def test_meets_the_criteria_exactly_with_all_basic_and_ten_advanced(
    choices: list[Verdict | None],
) -> None:
    given_verdicts = {
        cid: v for cid, v in zip(EDITION_2560.criterion_ids, choices, strict=True) if v is not None
    }
    result = score_verdicts(EDITION_2560, given_verdicts).to_json()
    blocks = result["by_block"]
    rule = blocks["basic"]["met"] == 40 and blocks["advanced"]["met"] >= 10
    assert result["meets_criteria"] is rule
    assert (result["reasons"] == []) is rule


LATER = build(later_standard_shape())
PHYSICAL, QUALITY = ids("P", 14), ids("Q", 20)
QA_TWO, QA_FIVE, OUTCOME = ids("QA", 20), ["QA21", "QA22"], [f"O{i}" for i in range(1, 7)]


def later(met: list[str], graded: dict[str, int] | None = None) -> dict:  # type: ignore[type-arg]
    return score_verdicts(LATER, verdicts(met, graded=graded)).to_json()


def full(graded_ids: list[str], points: int = 5) -> dict[str, int]:
    return dict.fromkeys(graded_ids, points)


def test_later_standard_full_marks_is_gold() -> None:
    result = later(PHYSICAL + QUALITY + QA_TWO, full(QA_FIVE + OUTCOME))
    assert (result["points"], result["max_points"], result["level"]) == (100, 100, "gold")


def test_later_standard_at_the_minimums_is_blue_at_70() -> None:
    # 20 basic quality + 34 advanced quality (12 x 2 + 2 x 5) + 16 outcome (4 + 4 + 4 + 4)
    result = later(PHYSICAL + QUALITY + QA_TWO[:12], full(QA_FIVE) | full(OUTCOME[:4], 4))
    assert result["points"] == 20 + 34 + 16
    assert result["meets_criteria"] is True
    assert result["level"] == "blue"


def test_later_standard_levels_follow_the_total() -> None:
    base, graded = PHYSICAL + QUALITY, full(QA_FIVE + OUTCOME)  # 20 + 10 + 30 = 60
    assert later(base + QA_TWO[:12], graded)["level"] == "silver"  # 84
    assert later(base + QA_TWO[:15], graded)["level"] == "gold"  # 90


def test_graded_points_count_in_full_and_only_full_marks_count_as_met() -> None:
    result = later(PHYSICAL + QUALITY + QA_TWO, full(QA_FIVE) | {"O1": 3, "O2": 5})
    outcome = result["by_block"]["outcome"]
    assert (outcome["points"], outcome["met"], outcome["answered"]) == (8, 1, 2)


def test_later_standard_missing_physical_item_fails_the_criteria_despite_100_points() -> None:
    result = later(PHYSICAL[1:] + QUALITY + QA_TWO, full(QA_FIVE + OUTCOME))
    assert result["points"] == 100
    assert result["meets_criteria"] is False
    assert result["level"] is None
    [reason] = result["reasons"]
    assert reason["subject"] == "P01"
    assert reason["th"] == "หมวด physical ข้อ P01 ยังไม่ได้ประเมิน (ต้องผ่านทุกข้อ)"


def test_later_standard_below_a_block_minimum_does_not_meet_the_criteria() -> None:
    result = later(PHYSICAL + QUALITY + QA_TWO, full(OUTCOME[:3]))  # outcome 15 < 16
    assert result["meets_criteria"] is False
    [reason] = result["reasons"]
    assert (reason["code"], reason["subject"]) == ("block_too_few_points", "outcome")
    assert reason["en"] == "outcome: 15 points, at least 16 needed"
    advanced_short = later(PHYSICAL + QUALITY + QA_TWO[:16], full(OUTCOME))  # 32 < 34
    assert [r["subject"] for r in advanced_short["reasons"]] == ["quality-advanced"]


def test_a_graded_criterion_takes_only_points_on_its_scale() -> None:
    with pytest.raises(VerdictError, match="give one of 0, 1, 2, 3, 4, 5 points"):
        parse_verdicts(LATER, {"O1": "met"})
    with pytest.raises(VerdictError, match="give one of"):
        parse_verdicts(LATER, {"O1": 6})
    with pytest.raises(VerdictError, match="give one of"):
        parse_verdicts(LATER, {"O1": True})
    with pytest.raises(VerdictError, match="must be 'met' or 'not_met'"):
        parse_verdicts(LATER, {"P01": 1})
    assert parse_verdicts(LATER, {"O1": 4, "P01": "met"}) == {"O1": Grade(4), "P01": Verdict.MET}
