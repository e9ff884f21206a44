"""The LAO's own self-assessment, criterion by criterion, as the office receives it with the
application: what the LAO claims met or not met for each criterion of the round's edition.

The claims travel to the inspectors with the LAO's assignment (``self_claims``), so the app sets
each claim beside the inspector's verdict and flags where they differ; the self-assessment
points follow from the claims by the edition's own scoring rule.

A CSV file for a round has a header ``lao_id,criterion_id,claim`` and a line per criterion;
``claim`` is ``met`` or ``not_met`` (``ผ่าน`` / ``ไม่ผ่าน`` also read).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from sqlmodel import Session

from field_audit.domain.answers import Verdict
from field_audit.domain.edition import Edition
from field_audit.domain.pipeline import PipelineStatus
from field_audit.domain.scoring import score_verdicts
from sync.server.errors import InvalidInput
from sync.server.models import LaoRecord, RoundRecord
from sync.server.store.csv_files import csv_rows, csv_text
from sync.server.store.editions import EditionCache
from sync.server.store.pipeline import record_pipeline
from sync.server.store.rows import require

CLAIM_WORDS = {"met": "met", "not_met": "not_met", "ผ่าน": "met", "ไม่ผ่าน": "not_met"}
HEADER = ["lao_id", "criterion_id", "claim"]


def record_self_claims(
    session: Session,
    editions: EditionCache,
    *,
    round_id: str,
    lao_id: str,
    claims: Mapping[str, str],
    actor: str,
    today: date,
) -> PipelineStatus:
    """Record the LAO's claim for every criterion of the round's edition, and the points they
    make; refuses (INVALID_INPUT, every problem named) an unknown criterion, a claim other than
    met / not met, or a criterion left out."""
    edition = _edition_of(session, editions, round_id)
    problems = _problems(edition, claims)
    if problems:
        raise InvalidInput(f"the self-assessment of {lao_id} is refused", problems)
    verdicts = {c: Verdict(v) for c, v in claims.items()}
    points = score_verdicts(edition, verdicts).points
    return record_pipeline(
        session,
        editions,
        round_id=round_id,
        lao_id=lao_id,
        facts={"self_claims": dict(claims), "self_assessment_points": points},
        actor=actor,
        today=today,
    )


def record_self_assessment_file(
    session: Session,
    editions: EditionCache,
    *,
    round_id: str,
    by_lao: Mapping[str, Mapping[str, str]],
    actor: str,
    today: date,
) -> list[PipelineStatus]:
    """Record every LAO's claims of a file (``parse_self_claims_csv``), all checked first: one
    unknown LAO or bad claim refuses the file, naming each problem, before anything is kept."""
    edition = _edition_of(session, editions, round_id)
    problems = [f"{lao}: no such LAO" for lao in by_lao if session.get(LaoRecord, lao) is None]
    for lao_id, claims in by_lao.items():
        problems += [f"{lao_id} {problem}" for problem in _problems(edition, claims)]
    if problems:
        raise InvalidInput("the self-assessment file is refused", problems)
    return [
        record_self_claims(
            session,
            editions,
            round_id=round_id,
            lao_id=lao_id,
            claims=claims,
            actor=actor,
            today=today,
        )
        for lao_id, claims in by_lao.items()
    ]


def _edition_of(session: Session, editions: EditionCache, round_id: str) -> Edition:
    round_ = require(session, RoundRecord, round_id, "round")
    return editions.get(session, round_.edition_hash)


def _problems(edition: Edition, claims: Mapping[str, str]) -> list[str]:
    problems = [f"{c}: not a criterion of {edition.id}" for c in claims if not edition.criterion(c)]
    problems += [
        f"{c}: {v!r} is not met or not_met"
        for c, v in claims.items()
        if v not in ("met", "not_met")
    ]
    return problems + [f"{c}: no claim" for c in edition.criterion_ids if c not in claims]


def parse_self_claims_csv(data: bytes) -> dict[str, dict[str, str]]:
    """The claims of a CSV file, by LAO; refuses (INVALID_INPUT) a bad header, a bad claim word
    or a criterion given twice for one LAO, naming the line."""
    header, rows = csv_rows(csv_text(data))
    if [cell.strip() for cell in header] != HEADER:
        raise InvalidInput("the first line must be lao_id,criterion_id,claim", [])
    claims: dict[str, dict[str, str]] = {}
    problems = []
    for number, row in rows:
        if len(row) != len(HEADER):
            problems.append(f"line {number}: {len(row)} fields, not 3")
            continue
        lao_id, criterion_id, word = (cell.strip() for cell in row)
        claim = CLAIM_WORDS.get(word)
        if claim is None:
            problems.append(f"line {number}: {word!r} is not met, not_met, ผ่าน or ไม่ผ่าน")
        elif criterion_id in claims.setdefault(lao_id, {}):
            problems.append(f"line {number}: {criterion_id} of {lao_id} is given twice")
        else:
            claims[lao_id][criterion_id] = claim
    if problems:
        raise InvalidInput("the self-assessment file is refused", problems)
    return claims
