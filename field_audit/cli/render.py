"""Text (not JSON) output of the commands, for a person at a terminal."""

from __future__ import annotations

from typing import Any

from field_audit.domain.answers import Answer, Grade, Verdict
from field_audit.domain.committee import CommitteeResult, CriterionOutcome
from field_audit.domain.edition import Edition
from field_audit.domain.scoring import Score
from field_audit.domain.wording import listed


def catalog_json(edition: Edition) -> dict[str, Any]:
    """The edition with every criterion field, its hash and its rule."""
    return {
        "edition": edition.id,
        "edition_hash": edition.content_hash,
        "title": {"th": edition.title.th, "en": edition.title.en},
        "wording": edition.wording,
        "rule": edition.document["rule"],
        "blocks": edition.document["blocks"],
        "criteria": [
            {**raw, "mandatory": criterion.mandatory, "graded": criterion.graded}
            for raw, criterion in zip(edition.document["criteria"], edition.criteria, strict=True)
        ],
    }


def catalog_text(edition: Edition) -> str:
    lines = [f"{edition.title.th} ({edition.id}, {edition.content_hash[:12]})"]
    lines += [
        f"{c.id:>5}  {c.points} คะแนน  {'*' if c.mandatory else ' '} {c.title.th}"
        for c in edition.criteria
    ]
    lines.append("* = ต้องผ่านทุกข้อ (mandatory)")
    return "\n".join(lines)


def score_text(score: Score, language: str) -> str:
    english = language == "en"
    verdict = (
        ("meets the criteria" if english else "ผ่านเกณฑ์")
        if score.meets_criteria
        else ("does not meet the criteria" if english else "ไม่ผ่านเกณฑ์")
    )
    lines = [
        f"{score.points}/{score.max_points} — {verdict}",
        f"{'answered' if english else 'ประเมินแล้ว'} {score.answered}/{score.total}",
    ]
    lines += [f"  - {reason.en if english else reason.th}" for reason in score.reasons]
    return "\n".join(lines)


def committee_text(result: CommitteeResult, language: str = "th") -> str:
    """The committee's consolidation in words: who voted what where they differ, what the
    chair must still rule on, what nobody assessed, and the score."""
    english = language == "en"
    members = listed(list(result.members), language)
    lines = [f"{'Members' if english else 'กรรมการ'}: {members}"]
    for outcome in result.outcomes:
        if outcome.disagreement or outcome.disputed:
            lines.append(f"  {outcome.criterion_id}: {_outcome_words(outcome, language)}")
    if result.unassessed:
        nobody = listed(list(result.unassessed), language)
        lines.append(
            f"Nobody assessed: {nobody}" if english else f"ยังไม่มีกรรมการคนใดประเมินข้อ {nobody}"
        )
    disputed = [c for c in result.unresolved if c not in result.unassessed]
    if disputed:
        rest = listed(disputed, language)
        lines.append(f"The chair must rule on: {rest}" if english else f"ประธานต้องวินิจฉัยข้อ {rest}")
    if result.score is not None:
        score = f"{result.score.points}/{result.score.max_points}"
        lines.append(f"Committee's score {score}" if english else f"คะแนนของคณะกรรมการ {score}")
    return "\n".join(lines)


def _outcome_words(outcome: CriterionOutcome, language: str) -> str:
    votes = listed(
        [f"{member} {answer_words(v, language)}" for member, v in outcome.votes.items()], language
    )
    if outcome.verdict is not None:
        decided = answer_words(outcome.verdict, language)
        return f"{votes} → {decided}"
    waiting = "the chair must rule" if language == "en" else "ต้องให้ประธานวินิจฉัย"
    return f"{votes} ({waiting})"


def answer_words(answer: Answer | None, language: str) -> str:
    """An answer in words: ผ่าน / ไม่ผ่าน / 4 คะแนน (met / not met / 4 points)."""
    english = language == "en"
    if answer is None:
        return "not answered" if english else "ยังไม่ได้ประเมิน"
    if isinstance(answer, Grade):
        return f"{answer.points} {'points' if english else 'คะแนน'}"
    if answer is Verdict.MET:
        return "met" if english else "ผ่าน"
    return "not met" if english else "ไม่ผ่าน"
