"""Scoring one set of verdicts against an edition's rule (pure; nothing here knows 40 + 20).

A verdict is ``met`` or ``not_met``; a criterion with no verdict is unanswered and counts as not
met. A result **meets the criteria** (ผ่านเกณฑ์) when every mandatory criterion is met and every
block's minimum is reached; the level (where the edition has levels) is given only to such a
result. Meeting the criteria is a finding, not a certificate: only the office certifies an LAO,
on the committee's result (``field_audit.domain.decision``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from field_audit.domain.edition import Block, Category, Criterion, Edition, Level, Tier
from field_audit.domain.errors import VerdictError


class Verdict(StrEnum):
    MET = "met"
    NOT_MET = "not_met"


TIER_NAMES = {Tier.BASIC: ("ขั้นพื้นฐาน", "basic"), Tier.ADVANCED: ("ขั้นสูง", "advanced")}


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
    by_tier: Mapping[Tier, Tally]
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
        empty = Tally(0, 0, 0, 0, 0)
        basic, advanced = (self.by_tier.get(t, empty) for t in (Tier.BASIC, Tier.ADVANCED))
        return {
            "edition": self.edition_id,
            "points": self.points,
            "max_points": self.max_points,
            "basic_met": basic.met,
            "basic_total": basic.total,
            "advanced_met": advanced.met,
            "advanced_total": advanced.total,
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


def parse_verdicts(edition: Edition, raw: Mapping[str, Any]) -> dict[str, Verdict]:
    """Turn ``{"B01": "met", ...}`` into verdicts, refusing unknown ids and unknown words."""
    verdicts: dict[str, Verdict] = {}
    for criterion_id, word in raw.items():
        if edition.criterion(criterion_id) is None:
            raise VerdictError(f"unknown criterion id {criterion_id!r} for edition {edition.id}")
        if not isinstance(word, str) or word not in {v.value for v in Verdict}:
            raise VerdictError(
                f"verdict for {criterion_id} is {word!r}; it must be 'met' or 'not_met'"
            )
        verdicts[criterion_id] = Verdict(word)
    return verdicts


def tally(criteria: list[Criterion], verdicts: Mapping[str, Verdict]) -> Tally:
    met = [c for c in criteria if verdicts.get(c.id) is Verdict.MET]
    return Tally(
        points=sum(c.points for c in met),
        max_points=sum(c.points for c in criteria),
        met=len(met),
        total=len(criteria),
        answered=sum(1 for c in criteria if c.id in verdicts),
    )


def score_verdicts(edition: Edition, verdicts: Mapping[str, Verdict]) -> Score:
    """Score verdicts (criterion id -> Verdict; absent = unanswered) under the edition's rule."""
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
        by_tier={t: tally([c for c in criteria if c.tier is t], verdicts) for t in Tier},
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


def _mandatory_reasons(edition: Edition, verdicts: Mapping[str, Verdict]) -> list[Reason]:
    return [
        _mandatory_reason(c, answered=c.id in verdicts)
        for c in edition.criteria
        if c.mandatory and verdicts.get(c.id) is not Verdict.MET
    ]


def _mandatory_reason(criterion: Criterion, *, answered: bool) -> Reason:
    tier_th, tier_en = TIER_NAMES[criterion.tier]
    if answered:
        th, en = "ไม่ผ่าน", "is not met"
    else:
        th, en = "ยังไม่ได้ประเมิน", "is not answered yet"
    return Reason(
        code="mandatory_not_met" if answered else "mandatory_unanswered",
        subject=criterion.id,
        th=f"เกณฑ์{tier_th}ข้อ {criterion.id} {th} (ต้องผ่านทุกข้อ)",
        en=f"{tier_en} criterion {criterion.id} {en} (every one must be met)",
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
