"""Edition documents: valid ones load with a stable hash; each kind of malformed one is refused."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from field_audit.domain.edition import (
    Category,
    bundled_edition_ids,
    load_bundled_edition,
    load_edition_file,
    parse_edition,
)
from field_audit.domain.errors import EditionError
from tests.factories import build, gecc_2560_shape, later_standard_shape


def refused(document: Any) -> str:
    with pytest.raises(EditionError) as caught:
        parse_edition(document, source="doc")
    return "\n".join(caught.value.problems)


def test_bundled_2560_edition_has_40_basic_and_20_advanced() -> None:
    edition = load_bundled_edition("gecc-2560")
    blocks = [c.block for c in edition.criteria]
    assert (blocks.count("basic"), blocks.count("advanced")) == (40, 20)
    assert {c.points for c in edition.criteria if c.block == "basic"} == {1}
    assert {c.points for c in edition.criteria if c.block == "advanced"} == {2}
    assert edition.rule.max_points == 80
    assert edition.rule.application_threshold == 60
    assert all(c.mandatory for c in edition.criteria if c.block == "basic")
    assert not any(c.mandatory for c in edition.criteria if c.block == "advanced")
    assert not any(c.graded for c in edition.criteria)
    assert edition.block("advanced").min_met == 10  # type: ignore[union-attr]


def test_bundled_2560_edition_is_marked_as_working_wording_in_thai_and_english() -> None:
    edition = load_bundled_edition("gecc-2560")
    assert edition.wording == "working"
    assert edition.note.th
    assert edition.note.en
    assert all(c.title.th and c.title.en and c.look_for.th for c in edition.criteria)
    assert {c.category for c in edition.criteria} == set(Category)


def test_every_bundled_edition_loads() -> None:
    assert "gecc-2560" in bundled_edition_ids()
    for edition_id in bundled_edition_ids():
        assert load_bundled_edition(edition_id).id == edition_id


def test_hash_is_stable_and_follows_content_not_key_order() -> None:
    document = gecc_2560_shape()
    reordered = json.loads(json.dumps(document, sort_keys=True))
    assert build(document).content_hash == build(reordered).content_hash
    changed = copy.deepcopy(document)
    changed["criteria"][0]["title"]["th"] = "ถ้อยคำใหม่"
    assert build(changed).content_hash != build(document).content_hash
    assert len(build(document).content_hash) == 64


def test_later_standard_shape_is_valid_data() -> None:
    edition = build(later_standard_shape())
    assert edition.rule.max_points == 100
    assert [lv.min_points for lv in edition.rule.levels] == [70, 80, 90]
    assert sum(1 for c in edition.criteria if c.mandatory) == 34


def test_duplicate_criterion_id_is_refused() -> None:
    document = gecc_2560_shape()
    document["criteria"][1]["id"] = "B01"
    assert "duplicate criterion id 'B01'" in refused(document)


def test_missing_thai_title_is_refused() -> None:
    document = gecc_2560_shape()
    document["criteria"][4]["title"] = {"en": "English only"}
    assert "criterion B05: missing Thai title" in refused(document)


def test_blank_thai_title_is_refused() -> None:
    document = gecc_2560_shape()
    document["criteria"][4]["title"]["th"] = "   "
    assert "criterion B05: missing Thai title" in refused(document)


def test_points_that_do_not_add_up_are_refused() -> None:
    document = gecc_2560_shape()
    document["rule"]["max_points"] = 81
    assert "rule.max_points is 81 but the criteria add up to 80" in refused(document)


def test_block_total_that_does_not_add_up_is_refused() -> None:
    document = gecc_2560_shape()
    document["criteria"][45]["points"] = 3
    problems = refused(document)
    assert "block advanced: total_points is 40 but its criteria add up to 41" in problems


def test_rule_naming_unknown_criterion_is_refused() -> None:
    document = gecc_2560_shape()
    document["rule"]["mandatory_criteria"] = ["B01", "Z99"]
    assert "rule names unknown criterion 'Z99' as mandatory" in refused(document)


def test_rule_naming_unknown_block_is_refused() -> None:
    document = gecc_2560_shape()
    document["rule"]["block_minimums"] = [{"block": "expert", "min_met": 3}]
    assert "unknown block 'expert'" in refused(document)


def test_minimum_above_what_the_block_holds_is_refused() -> None:
    document = gecc_2560_shape()
    document["rule"]["block_minimums"] = [{"block": "advanced", "min_met": 21}]
    assert "min_met must be from 0 to 20" in refused(document)


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("category", "beauty", "category must be one of"),
        ("evidence", [], "evidence must list some of"),
        ("evidence", ["smell"], "evidence must list some of"),
        ("photo_required", "yes", "photo_required must be true or false"),
        ("block", "nowhere", "unknown block 'nowhere'"),
        ("points", -1, "points must be a whole number"),
        ("points", 1.5, "points must be a whole number"),
    ],
)
def test_bad_criterion_fields_are_refused(field: str, value: Any, problem: str) -> None:
    document = gecc_2560_shape()
    document["criteria"][0][field] = value
    assert problem in refused(document)


def test_photo_required_without_photo_evidence_is_refused() -> None:
    document = gecc_2560_shape()
    document["criteria"][0].update(photo_required=True, evidence=["document"])
    assert "a photo is required but photo is not among its evidence" in refused(document)


def test_wrong_format_and_non_object_are_refused() -> None:
    assert "must be a JSON object" in refused([1, 2])
    document = gecc_2560_shape()
    document["format"] = "something-else"
    assert "format must be 'gecc-edition/2'" in refused(document)


def test_levels_at_the_same_points_are_refused() -> None:
    document = later_standard_shape()
    document["rule"]["levels"][1]["min_points"] = 70
    assert "two levels start at the same number of points" in refused(document)


def test_error_message_names_the_source_and_the_first_problem(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    document = gecc_2560_shape()
    document["criteria"][1]["id"] = "B01"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(EditionError, match=r"bad\.json is not a valid edition: duplicate"):
        load_edition_file(path)


def test_unreadable_files_are_refused_with_a_clear_message(tmp_path: Path) -> None:
    with pytest.raises(EditionError, match="does not exist"):
        load_edition_file(tmp_path / "absent.json")
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(EditionError, match="is not valid JSON"):
        load_edition_file(broken)


def test_an_edition_file_giving_a_key_twice_is_refused_naming_it(tmp_path: Path) -> None:
    text = json.dumps(gecc_2560_shape(), ensure_ascii=False)
    path = tmp_path / "twice.json"
    path.write_text('{"edition_id": "other", ' + text[1:], encoding="utf-8")
    with pytest.raises(EditionError, match=r'twice\.json is not valid JSON: .*"edition_id"'):
        load_edition_file(path)


def test_another_edition_file_loads_without_code_change(tmp_path: Path) -> None:
    path = tmp_path / "official-2561.json"
    document = later_standard_shape()
    document["wording"] = "official"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    edition = load_edition_file(path)
    assert edition.id == "test-later"
    assert edition.wording == "official"


def test_an_edition_of_the_first_format_still_loads_from_a_store() -> None:
    document = gecc_2560_shape()
    document["format"] = "gecc-edition/1"
    for raw, tier in zip(document["blocks"], ("basic", "advanced"), strict=True):
        raw["tier"] = tier
    assert [b.id for b in build(document).blocks] == ["basic", "advanced"]
    del document["blocks"][0]["tier"]
    assert "block basic: tier must be one of" in refused(document)


def test_a_scale_needs_the_second_format_and_must_rise_from_zero_to_the_points() -> None:
    document = later_standard_shape()
    assert build(document).criterion("O1").scale_points == (0, 1, 2, 3, 4, 5)  # type: ignore[union-attr]
    bad = copy.deepcopy(document)
    bad["criteria"][-1]["scale"] = bad["criteria"][-1]["scale"][:-1]  # stops at 4 of 5
    assert "criterion O6: the scale's points rise from 0 to the criterion's 5 points" in refused(
        bad
    )
    bad = copy.deepcopy(document)
    bad["criteria"][-1]["scale"][2]["title"] = {"th": ""}
    assert "criterion O6: the step at 2 points needs a Thai title" in refused(bad)
    old = copy.deepcopy(document)
    old["format"] = "gecc-edition/1"
    for raw in old["blocks"]:
        raw["tier"] = "basic"
    assert "criterion O1: a scale needs gecc-edition/2" in refused(old)


def test_a_graded_criterion_cannot_be_mandatory_or_counted_as_met() -> None:
    document = later_standard_shape()
    document["rule"]["mandatory_criteria"] = ["O1"]
    assert "criterion O1 is graded and cannot be mandatory" in refused(document)
    document = later_standard_shape()
    document["rule"]["block_minimums"][1] = {"block": "outcome", "min_met": 3}
    assert "block outcome has graded criteria: give it min_points, not min_met" in refused(document)


def test_the_later_standard_ships_as_its_own_edition_with_named_blocks_and_levels() -> None:
    edition = load_bundled_edition("gecc-2563")
    blocks = {b.id: [c for c in edition.criteria if c.block == b.id] for b in edition.blocks}
    assert {b: len(c) for b, c in blocks.items()} == {
        "physical": 14,
        "quality-basic": 20,
        "quality-advanced": 22,
        "outcome": 6,
    }
    assert edition.rule.max_points == 100
    assert edition.wording == "working"
    assert edition.note.th
    assert edition.note.en
    assert [(lv.id, lv.min_points) for lv in edition.rule.levels] == [
        ("blue", 70),
        ("silver", 80),
        ("gold", 90),
    ]
    assert [lv.title.th for lv in edition.rule.levels] == [
        "ระดับพื้นฐาน (สีน้ำเงิน)",
        "ระดับก้าวหน้า (สีเงิน)",
        "ระดับเป็นเลิศ (สีทอง)",
    ]
    assert all(c.mandatory for c in blocks["physical"] + blocks["quality-basic"])
    assert all(c.graded for c in blocks["outcome"])
    assert [c.id for c in blocks["quality-advanced"] if c.graded] == ["QA21", "QA22"]
    assert edition.block("physical").title.th == "รายการตรวจด้านกายภาพ"  # type: ignore[union-attr]


def test_the_working_wording_uses_one_term_for_wheelchair_and_for_the_service_promise() -> None:
    for edition_id in ("gecc-2560", "gecc-2563"):
        text = json.dumps(load_bundled_edition(edition_id).document, ensure_ascii=False)
        assert "รถเข็นนั่ง" not in text
        assert "คำรับรองการให้บริการ" not in text
    ramp = load_bundled_edition("gecc-2560").criterion("B13")
    assert ramp is not None
    assert "1:12" in ramp.look_for.th
    assert "1:12" in ramp.look_for.en
