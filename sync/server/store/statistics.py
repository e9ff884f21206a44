"""The office's figures across rounds: applicants (LAOs in a round), visits (planned, not
withdrawn) and certifications (certificates issued and not revoked), by round, by province and
by kind of LAO. Counted in the database (GROUP BY), never by reading rows one by one."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from sync.server.models import (
    ApplicationRecord,
    AssignmentRecord,
    CertificateRecord,
    LaoRecord,
    RoundRecord,
)

MEASURES = ("applicants", "visits", "certified")


@dataclass(frozen=True)
class Figures:
    """Counts of each measure per key (a round, a province or a kind)."""

    keys: list[str]
    labels: dict[str, str]
    counts: dict[str, dict[str, int]]  # measure -> key -> count

    def total(self, measure: str) -> int:
        return sum(self.counts[measure].values())


def by_round(session: Session) -> Figures:
    rounds = session.exec(select(RoundRecord).order_by(col(RoundRecord.fiscal_year_be))).all()
    labels = {r.id: f"{r.fiscal_year_be}" for r in rounds}
    return _figures(session, [r.id for r in rounds], labels, lambda model: model.round_id)


def by_province(session: Session) -> Figures:
    found = session.exec(
        select(LaoRecord.province_code, func.max(col(LaoRecord.province_th)))
        .join(ApplicationRecord, col(ApplicationRecord.lao_id) == col(LaoRecord.id))
        .group_by(col(LaoRecord.province_code))
        .order_by(col(LaoRecord.province_code))
    ).all()
    labels = {code: name or code for code, name in found}
    return _figures(session, list(labels), labels, lambda _model: LaoRecord.province_code)


def by_kind(session: Session) -> Figures:
    kinds = sorted(
        session.exec(
            select(LaoRecord.kind)
            .join(ApplicationRecord, col(ApplicationRecord.lao_id) == col(LaoRecord.id))
            .distinct()
        ).all()
    )
    return _figures(session, kinds, {k: k for k in kinds}, lambda _model: LaoRecord.kind)


def _figures(session: Session, keys: list[str], labels: dict[str, str], key: Any) -> Figures:
    counts = {
        "applicants": _count(session, ApplicationRecord, key(ApplicationRecord), ()),
        "visits": _count(
            session,
            AssignmentRecord,
            key(AssignmentRecord),
            (AssignmentRecord.deleted == False,),  # noqa: E712 - SQL, not Python
        ),
        "certified": _count(
            session,
            CertificateRecord,
            key(CertificateRecord),
            (col(CertificateRecord.revoked_at).is_(None),),
        ),
    }
    return Figures(keys, labels, {m: {k: counts[m].get(k, 0) for k in keys} for m in MEASURES})


def _count(session: Session, model: Any, key: Any, where: Iterable[Any]) -> dict[str, int]:
    statement = (
        select(key, func.count())
        .select_from(model)
        .join(LaoRecord, col(LaoRecord.id) == model.lao_id)
        .where(*where)
        .group_by(key)
    )
    return {str(k): int(n) for k, n in session.exec(statement).all()}
