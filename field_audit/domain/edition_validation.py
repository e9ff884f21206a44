"""The checks an edition document must pass; each problem is one sentence naming what is wrong."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any

EDITION_FORMAT = "gecc-edition/2"
FIRST_FORMAT = "gecc-edition/1"
"""Editions of the first format name each block's tier (basic / advanced) and grade nothing;
stores still hold such documents (their hash is what signed results name), so they load."""
TIERS = {"basic", "advanced"}
CATEGORIES = {"physical", "quality", "outcome"}
EVIDENCE_KINDS = {"photo", "document", "interview"}
WORDINGS = {"working", "official"}


def problems_in(document: Any) -> list[str]:
    """Every problem found in a decoded edition document; an empty list means it is valid."""
    if not isinstance(document, dict):
        return ["the edition must be a JSON object"]
    problems = list(_top_level_problems(document))
    if problems:
        return problems
    first_format = document["format"] == FIRST_FORMAT
    problems += _block_problems(document["blocks"], with_tiers=first_format)
    problems += _criterion_problems(document["criteria"], document["blocks"])
    if first_format:
        problems += [
            f"criterion {c['id']}: a scale needs {EDITION_FORMAT}" for c in _graded(document)
        ]
    if not problems:
        problems += _rule_problems(document)
    return problems


def _is_text(value: Any) -> bool:
    return (
        isinstance(value, dict) and isinstance(value.get("th"), str) and value["th"].strip() != ""
    )


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _top_level_problems(document: Mapping[str, Any]) -> Iterator[str]:
    if document.get("format") not in (EDITION_FORMAT, FIRST_FORMAT):
        yield f"format must be {EDITION_FORMAT!r}, found {document.get('format')!r}"
    if not isinstance(document.get("edition_id"), str) or not document["edition_id"]:
        yield "edition_id is missing"
    if not _is_text(document.get("title")):
        yield "title needs a Thai text (title.th)"
    if document.get("wording") not in WORDINGS:
        yield f"wording must be one of {sorted(WORDINGS)}"
    for key in ("blocks", "criteria"):
        if not isinstance(document.get(key), list) or not document[key]:
            yield f"{key} must be a non-empty list"
    if not isinstance(document.get("rule"), dict):
        yield "rule is missing"


def _block_problems(blocks: list[Any], *, with_tiers: bool) -> Iterator[str]:
    ids = [b.get("id") for b in blocks if isinstance(b, dict)]
    for block_id, count in Counter(ids).items():
        if count > 1:
            yield f"block id {block_id!r} appears {count} times"
    for position, block in enumerate(blocks, start=1):
        if not isinstance(block, dict) or not isinstance(block.get("id"), str):
            yield f"block {position} has no id"
            continue
        if with_tiers and block.get("tier") not in TIERS:
            yield f"block {block['id']}: tier must be one of {sorted(TIERS)}"
        if not _is_text(block.get("title")):
            yield f"block {block['id']}: missing Thai title"
        if not _is_count(block.get("total_points")):
            yield f"block {block['id']}: total_points must be a whole number"


def _criterion_problems(criteria: list[Any], blocks: list[Any]) -> Iterator[str]:
    block_ids = {b["id"] for b in blocks if isinstance(b, dict) and "id" in b}
    ids = [c.get("id") for c in criteria if isinstance(c, dict)]
    for criterion_id, count in Counter(ids).items():
        if count > 1:
            yield f"duplicate criterion id {criterion_id!r} ({count} times)"
    for position, criterion in enumerate(criteria, start=1):
        if not isinstance(criterion, dict) or not isinstance(criterion.get("id"), str):
            yield f"criterion {position} has no id"
            continue
        yield from _one_criterion_problems(criterion, block_ids)


def _one_criterion_problems(criterion: Mapping[str, Any], block_ids: set[str]) -> Iterator[str]:
    name = f"criterion {criterion['id']}"
    if criterion.get("block") not in block_ids:
        yield f"{name}: unknown block {criterion.get('block')!r}"
    if not _is_count(criterion.get("points")):
        yield f"{name}: points must be a whole number (0 for a checklist item)"
    if criterion.get("category") not in CATEGORIES:
        yield f"{name}: category must be one of {sorted(CATEGORIES)}"
    for field in ("title", "look_for"):
        if not _is_text(criterion.get(field)):
            yield f"{name}: missing Thai {field.replace('_', ' ')}"
    evidence = criterion.get("evidence")
    if not isinstance(evidence, list) or not evidence or not set(evidence) <= EVIDENCE_KINDS:
        yield f"{name}: evidence must list some of {sorted(EVIDENCE_KINDS)}"
    if not isinstance(criterion.get("photo_required"), bool):
        yield f"{name}: photo_required must be true or false"
    elif criterion["photo_required"] and isinstance(evidence, list) and "photo" not in evidence:
        yield f"{name}: a photo is required but photo is not among its evidence"
    if "scale" in criterion:
        yield from _scale_problems(name, criterion["scale"], criterion.get("points"))


def _scale_problems(name: str, scale: Any, points: Any) -> Iterator[str]:
    """A scale lists its steps from 0 to the criterion's points, each described."""
    if not isinstance(scale, list) or len(scale) < 2:
        yield f"{name}: a scale lists at least two steps"
        return
    if not all(isinstance(s, dict) and _is_count(s.get("points")) for s in scale):
        yield f"{name}: each step of the scale needs whole points"
        return
    steps = [s["points"] for s in scale]
    if steps != sorted(set(steps)) or steps[0] != 0 or steps[-1] != points:
        yield f"{name}: the scale's points rise from 0 to the criterion's {points} points"
    for step in scale:
        if not _is_text(step.get("title")):
            yield f"{name}: the step at {step['points']} points needs a Thai title"


def _graded(document: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [c for c in document["criteria"] if "scale" in c]


def _rule_problems(document: Mapping[str, Any]) -> Iterator[str]:
    rule, criteria, blocks = document["rule"], document["criteria"], document["blocks"]
    criterion_ids = {c["id"] for c in criteria}
    block_ids = {b["id"] for b in blocks}
    yield from _points_problems(rule, criteria, blocks)
    for criterion_id in rule.get("mandatory_criteria", []):
        if criterion_id not in criterion_ids:
            yield f"rule names unknown criterion {criterion_id!r} as mandatory"
    for block_id in rule.get("mandatory_blocks", []):
        if block_id not in block_ids:
            yield f"rule names unknown block {block_id!r} as mandatory"
    yield from _graded_rule_problems(rule, _graded(document))
    for minimum in rule.get("block_minimums", []):
        yield from _minimum_problems(minimum, criteria, blocks)
    yield from _level_problems(rule)
    yield from _committee_problems(rule.get("committee"))


def _graded_rule_problems(
    rule: Mapping[str, Any], graded: list[Mapping[str, Any]]
) -> Iterator[str]:
    """A graded criterion is never "met or not": it cannot be mandatory or counted as met."""
    mandatory_blocks = set(rule.get("mandatory_blocks", []))
    mandatory = set(rule.get("mandatory_criteria", []))
    minimums = [m for m in rule.get("block_minimums", []) if isinstance(m, dict)]
    counted_blocks = {m.get("block") for m in minimums if "min_met" in m}
    for criterion in graded:
        if criterion["id"] in mandatory or criterion["block"] in mandatory_blocks:
            yield f"criterion {criterion['id']} is graded and cannot be mandatory"
        if criterion["block"] in counted_blocks:
            yield f"block {criterion['block']} has graded criteria: give it min_points, not min_met"


def _points_problems(
    rule: Mapping[str, Any], criteria: list[Mapping[str, Any]], blocks: list[Mapping[str, Any]]
) -> Iterator[str]:
    total = sum(c["points"] for c in criteria)
    if rule.get("max_points") != total:
        yield f"rule.max_points is {rule.get('max_points')!r} but the criteria add up to {total}"
    for block in blocks:
        block_total = sum(c["points"] for c in criteria if c["block"] == block["id"])
        if block_total != block["total_points"]:
            yield (
                f"block {block['id']}: total_points is {block['total_points']} "
                f"but its criteria add up to {block_total}"
            )
    threshold = rule.get("application_threshold")
    if not _is_count(threshold) or threshold > total:
        yield f"rule.application_threshold must be a whole number from 0 to {total}"


def _minimum_problems(
    minimum: Any, criteria: list[Mapping[str, Any]], blocks: list[Mapping[str, Any]]
) -> Iterator[str]:
    if not isinstance(minimum, dict) or minimum.get("block") not in {b["id"] for b in blocks}:
        block_name = minimum.get("block") if isinstance(minimum, dict) else minimum
        yield f"rule names unknown block {block_name!r} in block_minimums"
        return
    members = [c for c in criteria if c["block"] == minimum["block"]]
    limits = {"min_points": sum(c["points"] for c in members), "min_met": len(members)}
    if not set(minimum) & set(limits):
        yield f"block minimum for {minimum['block']} needs min_points or min_met"
    for key, limit in limits.items():
        value = minimum.get(key)
        if value is not None and (not _is_count(value) or value > limit):
            yield f"block minimum for {minimum['block']}: {key} must be from 0 to {limit}"


def _level_problems(rule: Mapping[str, Any]) -> Iterator[str]:
    levels = rule.get("levels", [])
    if not isinstance(levels, list):
        yield "rule.levels must be a list"
        return
    for level in levels:
        if not isinstance(level, dict) or not _is_count(level.get("min_points")):
            yield "each level needs an id, a Thai title and min_points"
        elif not _is_text(level.get("title")) or not isinstance(level.get("id"), str):
            yield f"level at {level['min_points']} points needs an id and a Thai title"
        elif level["min_points"] > rule.get("max_points", 0):
            yield f"level {level['id']} starts above the maximum points"
    thresholds = [lv.get("min_points") for lv in levels if isinstance(lv, dict)]
    if len(set(thresholds)) != len(thresholds):
        yield "two levels start at the same number of points"


def _committee_problems(committee: Any) -> Iterator[str]:
    """``rule.committee`` is optional: ``{"quorum": {"numerator": 1, "denominator": 2}}``."""
    if committee is None:
        return
    quorum = committee.get("quorum") if isinstance(committee, dict) else None
    if (
        not isinstance(committee, dict)
        or set(committee) != {"quorum"}
        or not isinstance(quorum, dict)
    ):
        yield "rule.committee must be {quorum: {numerator, denominator}}"
        return
    numerator: Any = quorum.get("numerator")
    denominator: Any = quorum.get("denominator")
    fraction = _is_count(numerator) and _is_count(denominator)
    if set(quorum) != {"numerator", "denominator"} or not (
        fraction and 0 < numerator <= denominator
    ):
        yield "rule.committee.quorum must be a fraction numerator/denominator with 0 < n <= d"
