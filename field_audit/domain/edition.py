"""Criteria editions: the versioned, validated data an audit is scored against.

An edition is a JSON document (format ``gecc-edition/2``; ``/1`` documents kept in stores
still load): its blocks, each with its own name, its criteria (answered met / not met, or graded
on a scale of points) and its scoring rule. Nothing about 40 + 20 is written in code; the later
standard is another file.
``load_edition`` refuses a malformed document with an ``EditionError`` naming every problem.
Each edition has a content hash (SHA-256 of its canonical JSON) that signed results carry.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any

from field_audit.domain.edition_validation import problems_in
from field_audit.domain.errors import EditionError
from field_audit.domain.json_text import JsonRefused, loads_strict

DEFAULT_EDITION_ID = "gecc-2560"
"""The edition the circular describes: what the command line scores against by default."""
CURRENT_EDITION_ID = "gecc-2563"
"""The later standard: what the app's current round (and its demo) assesses against."""


class Category(StrEnum):
    PHYSICAL = "physical"
    QUALITY = "quality"
    OUTCOME = "outcome"


class EvidenceKind(StrEnum):
    PHOTO = "photo"
    DOCUMENT = "document"
    INTERVIEW = "interview"


@dataclass(frozen=True)
class Text:
    """A phrase in Thai (always present) and English."""

    th: str
    en: str

    def in_language(self, language: str) -> str:
        return self.en if language == "en" else self.th


@dataclass(frozen=True)
class Block:
    """A group of criteria with its own name (เกณฑ์ขั้นพื้นฐาน, รายการตรวจด้านกายภาพ, ...)."""

    id: str
    title: Text
    total_points: int
    min_points: int | None
    min_met: int | None


@dataclass(frozen=True)
class ScaleStep:
    """One step of a graded criterion's scale: the points and what earns them."""

    points: int
    title: Text


@dataclass(frozen=True)
class Criterion:
    id: str
    block: str
    points: int
    category: Category
    title: Text
    look_for: Text
    evidence: tuple[EvidenceKind, ...]
    photo_required: bool
    mandatory: bool
    scale: tuple[ScaleStep, ...] = ()

    @property
    def graded(self) -> bool:
        """Answered with a point value on its scale rather than met / not met."""
        return bool(self.scale)

    @property
    def scale_points(self) -> tuple[int, ...]:
        return tuple(step.points for step in self.scale)


@dataclass(frozen=True)
class Level:
    id: str
    min_points: int
    title: Text


@dataclass(frozen=True)
class Quorum:
    """The share of a committee's members that must be counted for its result to stand."""

    numerator: int
    denominator: int

    def met_by(self, counted: int, members: int) -> bool:
        return counted > 0 and counted * self.denominator >= members * self.numerator

    def needed(self, members: int) -> int:
        """The fewest members that make the quorum of a committee of ``members``."""
        return max(1, -(-members * self.numerator // self.denominator))


ADMINISTRATIVE_PROCEDURE_QUORUM = Quorum(1, 2)
"""Administrative Procedure Act B.E. 2539, s. 79: at least half of the members."""


@dataclass(frozen=True)
class Rule:
    max_points: int
    application_threshold: int
    levels: tuple[Level, ...]
    quorum: Quorum = ADMINISTRATIVE_PROCEDURE_QUORUM


@dataclass(frozen=True)
class Edition:
    id: str
    title: Text
    wording: str
    note: Text
    blocks: tuple[Block, ...]
    criteria: tuple[Criterion, ...]
    rule: Rule
    content_hash: str
    document: Mapping[str, Any]

    def criterion(self, criterion_id: str) -> Criterion | None:
        return _index(self.criteria).get(criterion_id)

    def block(self, block_id: str) -> Block | None:
        return next((b for b in self.blocks if b.id == block_id), None)

    @property
    def criterion_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.criteria)


def _index(criteria: Sequence[Criterion]) -> dict[str, Criterion]:
    return {c.id: c for c in criteria}


def edition_hash(document: Mapping[str, Any]) -> str:
    """SHA-256 of the edition's canonical JSON (sorted keys, compact, UTF-8)."""
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def bundled_edition_ids() -> list[str]:
    folder = resources.files("field_audit.domain") / "editions"
    return sorted(
        p.name.removesuffix(".json") for p in folder.iterdir() if p.name.endswith(".json")
    )


def load_bundled_edition(edition_id: str = DEFAULT_EDITION_ID) -> Edition:
    resource = resources.files("field_audit.domain") / "editions" / f"{edition_id}.json"
    if not resource.is_file():
        raise EditionError(f"no bundled edition called {edition_id!r}", [])
    return parse_edition_text(resource.read_text(encoding="utf-8"), source=edition_id)


def load_edition_file(path: Path) -> Edition:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise EditionError(f"edition file {path} does not exist", []) from None
    except (OSError, UnicodeDecodeError) as error:
        raise EditionError(f"edition file {path} cannot be read: {error}", []) from None
    return parse_edition_text(text, source=str(path))


def parse_edition_text(text: str, *, source: str) -> Edition:
    """Decode and build an edition; malformed JSON or a key given twice is an EditionError."""
    try:
        document = loads_strict(text)
    except (json.JSONDecodeError, JsonRefused) as error:
        raise EditionError(f"{source} is not valid JSON: {error}", []) from None
    return parse_edition(document, source=source)


def parse_edition(document: Any, *, source: str = "edition") -> Edition:
    """Validate a decoded edition document and build the Edition, or raise EditionError."""
    problems = problems_in(document)
    if problems:
        raise EditionError(f"{source} is not a valid edition: {problems[0]}", problems)
    return _build(document)


def _text(raw: Mapping[str, str]) -> Text:
    return Text(th=raw["th"], en=raw.get("en", raw["th"]))


def _build(document: Mapping[str, Any]) -> Edition:
    rule = document["rule"]
    mandatory_ids = set(rule.get("mandatory_criteria", []))
    mandatory_blocks = set(rule.get("mandatory_blocks", []))
    minimums = {m["block"]: m for m in rule.get("block_minimums", [])}
    blocks = tuple(_build_block(raw, minimums.get(raw["id"], {})) for raw in document["blocks"])
    criteria = tuple(
        _build_criterion(raw, raw["id"] in mandatory_ids or raw["block"] in mandatory_blocks)
        for raw in document["criteria"]
    )
    return Edition(
        id=document["edition_id"],
        title=_text(document["title"]),
        wording=document["wording"],
        note=_text(document.get("note", {"th": "", "en": ""})),
        blocks=blocks,
        criteria=criteria,
        rule=Rule(
            max_points=rule["max_points"],
            application_threshold=rule["application_threshold"],
            levels=tuple(
                Level(id=lv["id"], min_points=lv["min_points"], title=_text(lv["title"]))
                for lv in sorted(rule.get("levels", []), key=lambda lv: lv["min_points"])
            ),
            quorum=_quorum(rule.get("committee")),
        ),
        content_hash=edition_hash(document),
        document=document,
    )


def _quorum(committee: Mapping[str, Any] | None) -> Quorum:
    if committee is None:
        return ADMINISTRATIVE_PROCEDURE_QUORUM
    return Quorum(committee["quorum"]["numerator"], committee["quorum"]["denominator"])


def _build_block(raw: Mapping[str, Any], minimum: Mapping[str, int]) -> Block:
    return Block(
        id=raw["id"],
        title=_text(raw["title"]),
        total_points=raw["total_points"],
        min_points=minimum.get("min_points"),
        min_met=minimum.get("min_met"),
    )


def _build_criterion(raw: Mapping[str, Any], mandatory: bool) -> Criterion:
    return Criterion(
        id=raw["id"],
        block=raw["block"],
        points=raw["points"],
        category=Category(raw["category"]),
        title=_text(raw["title"]),
        look_for=_text(raw["look_for"]),
        evidence=tuple(EvidenceKind(kind) for kind in raw["evidence"]),
        photo_required=raw["photo_required"],
        mandatory=mandatory,
        scale=tuple(
            ScaleStep(points=step["points"], title=_text(step["title"]))
            for step in raw.get("scale", [])
        ),
    )
