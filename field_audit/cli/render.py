"""Text (not JSON) output of the commands, for a person at a terminal."""

from __future__ import annotations

from typing import Any

from field_audit.domain.committee import CommitteeResult
from field_audit.domain.edition import Edition
from field_audit.domain.scoring import Score


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
            {
                **raw,
                "tier": criterion.tier.value,
                "mandatory": criterion.mandatory,
            }
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


def committee_text(result: CommitteeResult) -> str:
    lines = [f"กรรมการ: {', '.join(result.members)}"]
    for outcome in result.outcomes:
        if outcome.disagreement or outcome.disputed:
            votes = ", ".join(f"{m}={v or '-'}" for m, v in outcome.votes.items())
            state = "ต้องให้ประธานวินิจฉัย" if outcome.verdict is None else f"→ {outcome.verdict}"
            lines.append(f"  {outcome.criterion_id}: {votes}  {state}")
    if result.score is None:
        lines.append(f"ยังมีข้อที่ต้องวินิจฉัย: {', '.join(result.unresolved)}")
    else:
        lines.append(f"คะแนนคณะกรรมการ {result.score.points}/{result.score.max_points}")
    return "\n".join(lines)
