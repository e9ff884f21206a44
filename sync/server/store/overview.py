"""A round at a glance: every LAO in the round with its pipeline step and what holds it there,
counted per step and filtered, without reading thousands of applications on every look.

Each application's status is ``pipeline_status`` (the same rule as ``pipeline show``), kept in
``pipeline_snapshot`` with the change sequences of the application and of its decision and the
day it was read for. ``refresh_snapshots`` reads again only the applications whose facts or
decision changed since, or all of them on a new day (their blockers depend on the date); the
round page, the counts and the export then read the snapshots. The round page's counts are kept
with the change sequence (``counts_cache``), and its rows come in the order of an index, so a
look at a round of 8,000 LAOs costs what a look at 300 does. Adding LAOs to a round opens an
empty application for each (``open_applications``): they start at the first step.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import and_, case, delete, func, insert, or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from field_audit.domain.pipeline import PipelineStatus, pipeline_status
from sync.server.console_tables import PipelineSnapshot
from sync.server.models import ApplicationRecord, DecisionRecord, LaoRecord, RoundRecord
from sync.server.store.changes import log_action, next_seq
from sync.server.store.counts_cache import cached
from sync.server.store.editions import EditionCache
from sync.server.store.pipeline import application_of, domain_round
from sync.server.store.rows import require

PER_PAGE = 50
DONE = "done"  # the step filter of applications with every step done
CHUNK = 500


@dataclass(frozen=True)
class Filters:
    """What the round page is narrowed to; empty values do not narrow it."""

    step: str = ""  # a step number, or DONE
    province: str = ""
    kind: str = ""
    text: str = ""  # part of the LAO's id or name
    page: int = 1


@dataclass(frozen=True)
class OverviewRow:
    lao: LaoRecord
    application: ApplicationRecord
    snapshot: PipelineSnapshot


@dataclass(frozen=True)
class Overview:
    round: RoundRecord
    today: date
    by_step: dict[int | None, int]
    total: int
    matching: int
    rows: list[OverviewRow]
    documents: dict[str, int]
    provinces: list[tuple[str, str]]
    kinds: list[str]
    filters: Filters = field(default_factory=Filters)

    @property
    def days_left(self) -> int:
        return (self.round.deadline - self.today).days

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.matching / PER_PAGE))


def open_applications(
    session: Session, *, round_id: str, lao_ids: Iterable[str], actor: str
) -> int:
    """An empty application in the round for each LAO that has none; returns how many."""
    seq = next_seq(session)
    require(session, RoundRecord, round_id, "round")
    wanted = sorted(set(lao_ids))
    have = set(
        session.exec(
            select(ApplicationRecord.lao_id).where(ApplicationRecord.round_id == round_id)
        ).all()
    )
    new = [lao for lao in wanted if lao not in have]
    for lao in new:
        session.add(ApplicationRecord(round_id=round_id, lao_id=lao, seq=seq))
    log_action(session, actor=actor, action="round.add_laos", subject=round_id, added=len(new))
    session.commit()
    return len(new)


def round_overview(
    session: Session, editions: EditionCache, round_id: str, *, today: date, filters: Filters
) -> Overview:
    """The round's page: counts per step, the documents received, one page of LAOs."""
    round_ = require(session, RoundRecord, round_id, "round")
    counts = cached(
        session, f"round:{round_id}", today, lambda: _counts(session, editions, round_, today)
    )
    by_step = {None if k == DONE else int(k): n for k, n in counts["by_step"].items()}
    narrowed = filters.step or filters.province or filters.kind or filters.text
    matching = (
        session.exec(_filtered(select(func.count()), round_id, filters)).one()
        if narrowed
        else counts["total"]
    )
    offset = (max(1, filters.page) - 1) * PER_PAGE
    chosen = _filtered(select(LaoRecord, ApplicationRecord, PipelineSnapshot), round_id, filters)
    chosen = chosen.order_by(
        col(PipelineSnapshot.province_code),
        col(PipelineSnapshot.name_th),
        col(PipelineSnapshot.lao_id),
    )
    rows = [OverviewRow(*found) for found in session.exec(chosen.offset(offset).limit(PER_PAGE))]
    return Overview(
        round=round_,
        today=today,
        by_step=by_step,
        total=counts["total"],
        matching=matching,
        rows=rows,
        documents=counts["documents"],
        provinces=[(code, name) for code, name in counts["provinces"]],
        kinds=counts["kinds"],
        filters=filters,
    )


def _counts(
    session: Session, editions: EditionCache, round_: RoundRecord, today: date
) -> dict[str, Any]:
    """What the round page counts over every LAO of the round (kept by ``counts_cache``)."""
    refresh_snapshots(session, editions, round_, today)
    by_step = _by_step(session, round_.id)
    return {
        "by_step": {DONE if k is None else str(k): n for k, n in by_step.items()},
        "total": sum(by_step.values()),
        "documents": _documents(session, round_.id),
        "provinces": _provinces(session, round_.id),
        "kinds": _kinds(session, round_.id),
    }


def refresh_snapshots(
    session: Session, editions: EditionCache, round_: RoundRecord, today: date
) -> int:
    """Read again the statuses that are stale (see the module docstring); returns how many."""
    stale = list(session.exec(_stale(round_.id, today)).all())
    if not stale:
        return 0
    edition = editions.get(session, round_.edition_hash)
    domain = domain_round(round_, edition)
    rows = [
        _snapshot_row(
            record,
            lao,
            decided,
            pipeline_status(application_of(record, lao, edition, decided), domain, today=today),
            today,
        )
        for record, lao, decided in stale
    ]
    try:
        for start in range(0, len(rows), CHUNK):
            _replace(session, round_.id, rows[start : start + CHUNK])
        session.commit()
    except IntegrityError:  # another request refreshed the same rows meanwhile: theirs stand
        session.rollback()
    return len(rows)


def rounds_with_counts(session: Session) -> list[tuple[RoundRecord, int]]:
    """Every round, newest first, with how many LAOs are in it."""
    counts = dict(
        session.exec(
            select(ApplicationRecord.round_id, func.count()).group_by(
                col(ApplicationRecord.round_id)
            )
        ).all()
    )
    rounds = session.exec(
        select(RoundRecord).order_by(col(RoundRecord.fiscal_year_be).desc(), col(RoundRecord.id))
    )
    return [(round_, counts.get(round_.id, 0)) for round_ in rounds.all()]


def round_choices(session: Session) -> list[tuple[str, str]]:
    """Every round's id and title, newest first, for a filter."""
    found = session.exec(
        select(RoundRecord.id, RoundRecord.title_th).order_by(
            col(RoundRecord.fiscal_year_be).desc(), col(RoundRecord.id)
        )
    )
    return list(found.all())


def lao_rounds(session: Session, lao_id: str) -> list[tuple[RoundRecord, ApplicationRecord]]:
    """Every round the LAO applied in, newest first: its history across rounds."""
    found = session.exec(
        select(RoundRecord, ApplicationRecord)
        .join(ApplicationRecord, col(ApplicationRecord.round_id) == col(RoundRecord.id))
        .where(ApplicationRecord.lao_id == lao_id)
        .order_by(col(RoundRecord.fiscal_year_be).desc(), col(RoundRecord.id))
    )
    return list(found.all())


def _stale(round_id: str, today: date) -> Any:
    snapshot, decision = PipelineSnapshot, DecisionRecord
    return (
        select(ApplicationRecord, LaoRecord, decision)
        .join(LaoRecord, col(LaoRecord.id) == col(ApplicationRecord.lao_id))
        .outerjoin(
            decision,
            and_(
                col(decision.round_id) == col(ApplicationRecord.round_id),
                col(decision.lao_id) == col(ApplicationRecord.lao_id),
            ),
        )
        .outerjoin(
            snapshot,
            and_(
                col(snapshot.round_id) == col(ApplicationRecord.round_id),
                col(snapshot.lao_id) == col(ApplicationRecord.lao_id),
            ),
        )
        .where(ApplicationRecord.round_id == round_id)
        .where(
            or_(
                col(snapshot.round_id).is_(None),
                col(snapshot.application_seq) != col(ApplicationRecord.seq),
                col(snapshot.decision_seq) != func.coalesce(col(decision.seq), 0),
                col(snapshot.on_day) != today,
                col(snapshot.name_th) != col(LaoRecord.name_th),
                col(snapshot.province_code) != col(LaoRecord.province_code),
            )
        )
    )


def _snapshot_row(
    record: ApplicationRecord,
    lao: LaoRecord,
    decided: DecisionRecord | None,
    status: PipelineStatus,
    today: date,
) -> dict[str, Any]:
    holding = status.holding
    return {
        "round_id": record.round_id,
        "lao_id": record.lao_id,
        "province_code": lao.province_code,
        "name_th": lao.name_th,
        "step": None if status.current_step is None else int(status.current_step),
        "codes": [c.value for c in status.codes],
        "holding_th": " ".join(b.message_th for b in holding),
        "holding_en": " ".join(b.message_en for b in holding),
        "eligible": status.eligible,
        "certified": status.certified,
        "application_seq": record.seq,
        "decision_seq": decided.seq if decided else 0,
        "on_day": today,
    }


def _replace(session: Session, round_id: str, rows: Sequence[dict[str, Any]]) -> None:
    table = PipelineSnapshot.__table__  # type: ignore[attr-defined]
    laos = [row["lao_id"] for row in rows]
    session.execute(
        delete(table).where(table.c.round_id == round_id).where(table.c.lao_id.in_(laos))
    )
    session.execute(insert(table), list(rows))


def _filtered(statement: Any, round_id: str, filters: Filters) -> Any:
    statement = (
        statement.select_from(PipelineSnapshot)
        .join(LaoRecord, col(LaoRecord.id) == col(PipelineSnapshot.lao_id))
        .join(
            ApplicationRecord,
            and_(
                col(ApplicationRecord.round_id) == col(PipelineSnapshot.round_id),
                col(ApplicationRecord.lao_id) == col(PipelineSnapshot.lao_id),
            ),
        )
        .where(PipelineSnapshot.round_id == round_id)
    )
    if filters.step == DONE:
        statement = statement.where(col(PipelineSnapshot.step).is_(None))
    elif filters.step.isdigit():
        statement = statement.where(PipelineSnapshot.step == int(filters.step))
    if filters.province:
        statement = statement.where(LaoRecord.province_code == filters.province)
    if filters.kind:
        statement = statement.where(LaoRecord.kind == filters.kind)
    if filters.text:
        like = f"%{filters.text.lower()}%"
        statement = statement.where(
            or_(
                func.lower(col(LaoRecord.id)).like(like),
                col(LaoRecord.name_th).like(f"%{filters.text}%"),
                func.lower(col(LaoRecord.name_en)).like(like),
            )
        )
    return statement


def _by_step(session: Session, round_id: str) -> dict[int | None, int]:
    found = session.exec(
        select(PipelineSnapshot.step, func.count())
        .where(PipelineSnapshot.round_id == round_id)
        .group_by(col(PipelineSnapshot.step))
    )
    return dict(found.all())


def _documents(session: Session, round_id: str) -> dict[str, int]:
    """How many applications sent each thing: both files, by post or hand, by e-mail, and how
    many the office screened, passed or failed."""
    a = ApplicationRecord
    sums = {
        "word_and_pdf": func.sum(_when(and_(col(a.word), col(a.pdf)))),
        "posted": func.sum(_when(col(a.posted_on).is_not(None))),
        "emailed": func.sum(_when(col(a.emailed_on).is_not(None))),
        "screened": func.sum(_when(col(a.screening_passed).is_not(None))),
        "passed": func.sum(_when(col(a.screening_passed).is_(True))),
        "failed": func.sum(_when(col(a.screening_passed).is_(False))),
    }
    row = session.exec(select(*sums.values()).where(a.round_id == round_id)).one()
    return {name: int(value or 0) for name, value in zip(sums, row, strict=True)}


def _when(condition: Any) -> Any:
    return case((condition, 1), else_=0)


def _provinces(session: Session, round_id: str) -> list[tuple[str, str]]:
    found = session.exec(
        select(LaoRecord.province_code, func.max(col(LaoRecord.province_th)))
        .join(ApplicationRecord, col(ApplicationRecord.lao_id) == col(LaoRecord.id))
        .where(ApplicationRecord.round_id == round_id)
        .group_by(col(LaoRecord.province_code))
        .order_by(col(LaoRecord.province_code))
    )
    return [(code, name or code) for code, name in found.all()]


def _kinds(session: Session, round_id: str) -> list[str]:
    found = session.exec(
        select(LaoRecord.kind)
        .join(ApplicationRecord, col(ApplicationRecord.lao_id) == col(LaoRecord.id))
        .where(ApplicationRecord.round_id == round_id)
        .distinct()
        .order_by(col(LaoRecord.kind))
    )
    return list(found.all())
