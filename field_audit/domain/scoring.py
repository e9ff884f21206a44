"""Scoring one set of answers against an edition's rule (pure; nothing here knows 40 + 20).

An answer is ``met`` / ``not_met`` or, on a graded criterion, a point value
(``field_audit.domain.answers``); a criterion with no answer is unanswered and scores nothing.
A result **meets the criteria** (ผ่านเกณฑ์) when every mandatory criterion is met and every
block's minimum is reached; the level (where the edition has levels) is given only to such a
result. Meeting the criteria is a finding, not a certificate: only the office certifies an LAO,
on the committee's result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from field_audit.domain.answers import Answer, is_met, parse_answer, points_of
from field_audit.domain.edition import Block, Category, Criterion, Edition, Level
from field_audit.domain.errors import VerdictError


@dataclass(frozen=True)
class Reason:
    """Why a result does not meet the criteria, in words; ``subject``: a criterion or block id."""

    code: str
    subject: str
    th: str
    en: str

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "subject": self.subject, "th": self.th, "en": self.en}


@dataclass(frozen=True)
class Tally:
    """Points and counts over a group of criteria (a block, a tier or a category)."""

    points: int
    max_points: int
    met: int
    total: int
    answered: int

    def to_json(self) -> dict[str, int]:
        return {
            "points": self.points,
            "max_points": self.max_points,
            "met": self.met,
            "total": self.total,
            "answered": self.answered,
        }


@dataclass(frozen=True)
class Score:
    edition_id: str
    points: int
    max_points: int
    by_block: Mapping[str, Tally]
    by_category: Mapping[Category, Tally]
    answered: int
    total: int
    meets_criteria: bool
    meets_application_threshold: bool
    level: Level | None
    reasons: tuple[Reason, ...]

    @property
    def complete(self) -> bool:
        return self.answered == self.total

    def summary(self) -> dict[str, Any]:
        """What a signed result states of its score (``sync.protocol.sealed.ScoreSummary``):
        the figures a verifier recomputes, not the words or the breakdown around them."""
        return {
            "points": self.points,
            "max_points": self.max_points,
            "answered": self.answered,
            "total": self.total,
            "meets_criteria": self.meets_criteria,
            "level": self.level.id if self.level else None,
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "edition": self.edition_id,
            "points": self.points,
            "max_points": self.max_points,
            "answered": self.answered,
            "total": self.total,
            "complete": self.complete,
            "meets_criteria": self.meets_criteria,
            "meets_application_threshold": self.meets_application_threshold,
            "level": self.level.id if self.level else None,
            "reasons": [r.to_json() for r in self.reasons],
            "by_category": {str(c): t.to_json() for c, t in self.by_category.items()},
            "by_block": {b: t.to_json() for b, t in self.by_block.items()},
        }


def parse_verdicts(edition: Edition, raw: Mapping[str, Any]) -> dict[str, Answer]:
    """Turn ``{"B01": "met", "O1": 4, ...}`` into answers, refusing unknown ids and values."""
    answers: dict[str, Answer] = {}
    for criterion_id, value in raw.items():
        criterion = edition.criterion(criterion_id)
        if criterion is None:
            raise VerdictError(f"unknown criterion id {criterion_id!r} for edition {edition.id}")
        answers[criterion_id] = parse_answer(criterion, value)
    return answers


def tally(criteria: list[Criterion], verdicts: Mapping[str, Answer]) -> Tally:
    return Tally(
        points=sum(points_of(c, verdicts.get(c.id)) for c in criteria),
        max_points=sum(c.points for c in criteria),
        met=sum(1 for c in criteria if is_met(c, verdicts.get(c.id))),
        total=len(criteria),
        answered=sum(1 for c in criteria if c.id in verdicts),
    )


def score_verdicts(edition: Edition, verdicts: Mapping[str, Answer]) -> Score:
    """Score answers (criterion id -> Answer; absent = unanswered) under the edition's rule."""
    criteria = list(edition.criteria)
    overall = tally(criteria, verdicts)
    by_block = {
        b.id: tally([c for c in criteria if c.block == b.id], verdicts) for b in edition.blocks
    }
    reasons = _mandatory_reasons(edition, verdicts) + _block_reasons(edition.blocks, by_block)
    meets_criteria = not reasons
    return Score(
        edition_id=edition.id,
        points=overall.points,
        max_points=overall.max_points,
        by_block=by_block,
        by_category={
            k: tally([c for c in criteria if c.category is k], verdicts) for k in Category
        },
        answered=overall.answered,
        total=overall.total,
        meets_criteria=meets_criteria,
        meets_application_threshold=overall.points >= edition.rule.application_threshold,
        level=level_for(edition, overall.points) if meets_criteria else None,
        reasons=tuple(reasons),
    )


def level_for(edition: Edition, points: int) -> Level | None:
    reached = [lv for lv in edition.rule.levels if points >= lv.min_points]
    return reached[-1] if reached else None


def _mandatory_reasons(edition: Edition, verdicts: Mapping[str, Answer]) -> list[Reason]:
    return [
        _mandatory_reason(edition, c, answered=c.id in verdicts)
        for c in edition.criteria
        if c.mandatory and not is_met(c, verdicts.get(c.id))
    ]


def _mandatory_reason(edition: Edition, criterion: Criterion, *, answered: bool) -> Reason:
    """Names the criterion's own block: "เกณฑ์ขั้นพื้นฐาน ข้อ B05", "รายการตรวจด้านกายภาพ ข้อ P01"."""
    block = edition.block(criterion.block)
    block_th, block_en = (block.title.th, block.title.en) if block else (criterion.block,) * 2
    if answered:
        th, en = "ไม่ผ่าน", "is not met"
    else:
        th, en = "ยังไม่ได้ประเมิน", "is not answered yet"
    return Reason(
        code="mandatory_not_met" if answered else "mandatory_unanswered",
        subject=criterion.id,
        th=f"{block_th} ข้อ {criterion.id} {th} (ต้องผ่านทุกข้อ)",
        en=f"{block_en}: {criterion.id} {en} (every one must be met)",
    )


def _block_reasons(blocks: tuple[Block, ...], by_block: Mapping[str, Tally]) -> list[Reason]:
    reasons = []
    for block in blocks:
        got = by_block[block.id]
        if block.min_met is not None and got.met < block.min_met:
            reasons.append(_short_reason(block, "block_too_few_met", got.met, block.min_met))
        if block.min_points is not None and got.points < block.min_points:
            reasons.append(
                _short_reason(block, "block_too_few_points", got.points, block.min_points)
            )
    return reasons


SHORTFALL_WORDS = {
    "block_too_few_met": (
        "ผ่าน {got} ข้อ ต้องผ่านอย่างน้อย {needed} ข้อ",
        "{got} met, at least {needed} needed",
    ),
    "block_too_few_points": (
        "ได้ {got} คะแนน ต้องได้อย่างน้อย {needed} คะแนน",
        "{got} points, at least {needed} needed",
    ),
}


def _short_reason(block: Block, code: str, got: int, needed: int) -> Reason:
    th, en = SHORTFALL_WORDS[code]
    return Reason(
        code=code,
        subject=block.id,
        th=f"{block.title.th}: {th.format(got=got, needed=needed)}",
        en=f"{block.title.en}: {en.format(got=got, needed=needed)}",
    )
