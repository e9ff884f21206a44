"""Small deterministic builders of edition documents and verdicts for the tests."""

from __future__ import annotations

import copy
from typing import Any

from field_audit.domain.answers import Answer, Grade, Verdict
from field_audit.domain.edition import Edition, parse_edition


def criterion(cid: str, block: str, points: int, category: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": cid,
        "block": block,
        "points": points,
        "category": category,
        "title": {"th": f"เกณฑ์ {cid}", "en": f"Criterion {cid}"},
        "look_for": {"th": f"สิ่งที่ตรวจ {cid}", "en": f"What to check for {cid}"},
        "evidence": ["photo", "document"],
        "photo_required": False,
        **extra,
    }


def block(bid: str, total: int) -> dict[str, Any]:
    return {"id": bid, "title": {"th": f"หมวด {bid}", "en": bid}, "total_points": total}


def scale(points: int) -> list[dict[str, Any]]:
    """A graded criterion's scale: one described step per point from 0 to ``points``."""
    return [
        {"points": p, "title": {"th": f"ระดับ {p}", "en": f"level {p}"}} for p in range(points + 1)
    ]


def gecc_2560_shape() -> dict[str, Any]:
    """The 2560 rule (all 40 basic, at least 10 of 20 advanced) on placeholder wording."""
    basic = [criterion(f"B{i:02}", "basic", 1, "physical") for i in range(1, 41)]
    advanced = [criterion(f"A{i:02}", "advanced", 2, "quality") for i in range(1, 21)]
    return {
        "format": "gecc-edition/2",
        "edition_id": "test-2560",
        "title": {"th": "ทดสอบ 2560", "en": "Test 2560"},
        "wording": "working",
        "blocks": [block("basic", 40), block("advanced", 40)],
        "criteria": basic + advanced,
        "rule": {
            "max_points": 80,
            "application_threshold": 60,
            "mandatory_blocks": ["basic"],
            "block_minimums": [{"block": "advanced", "min_met": 10}],
            "levels": [],
        },
    }


def later_standard_shape() -> dict[str, Any]:
    """The shape of the standard from about 2563: 14 + 20 + 22 + 6 items, levels 70/80/90;
    QA21, QA22 and the outcome items are graded 0..5."""
    physical = [criterion(f"P{i:02}", "physical", 0, "physical") for i in range(1, 15)]
    quality_basic = [criterion(f"Q{i:02}", "quality-basic", 1, "quality") for i in range(1, 21)]
    quality_adv = [criterion(f"QA{i:02}", "quality-advanced", 2, "quality") for i in range(1, 21)]
    quality_adv += [
        criterion(f"QA{i:02}", "quality-advanced", 5, "quality", scale=scale(5)) for i in (21, 22)
    ]
    outcome = [criterion(f"O{i}", "outcome", 5, "outcome", scale=scale(5)) for i in range(1, 7)]
    level = lambda lid, pts: {"id": lid, "min_points": pts, "title": {"th": lid, "en": lid}}  # noqa: E731
    return {
        "format": "gecc-edition/2",
        "edition_id": "test-later",
        "title": {"th": "มาตรฐานรุ่นหลัง", "en": "Later standard"},
        "wording": "working",
        "blocks": [
            block("physical", 0),
            block("quality-basic", 20),
            block("quality-advanced", 50),
            block("outcome", 30),
        ],
        "criteria": physical + quality_basic + quality_adv + outcome,
        "rule": {
            "max_points": 100,
            "application_threshold": 70,
            "mandatory_blocks": ["physical", "quality-basic"],
            "block_minimums": [
                {"block": "quality-advanced", "min_points": 34},
                {"block": "outcome", "min_points": 16},
            ],
            "levels": [level("blue", 70), level("silver", 80), level("gold", 90)],
        },
    }


def build(document: dict[str, Any]) -> Edition:
    return parse_edition(copy.deepcopy(document), source="test edition")


def verdicts(
    met: list[str], not_met: list[str] | None = None, graded: dict[str, int] | None = None
) -> dict[str, Answer]:
    """Answers: ``met`` and ``not_met`` ids, and ``graded`` ids with their points."""
    result: dict[str, Answer] = dict.fromkeys(met, Verdict.MET)
    result.update(dict.fromkeys(not_met or [], Verdict.NOT_MET))
    result.update({cid: Grade(points) for cid, points in (graded or {}).items()})
    return result


def ids(prefix: str, count: int, start: int = 1) -> list[str]:
    return [f"{prefix}{i:02}" for i in range(start, start + count)]
