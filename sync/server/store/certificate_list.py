"""The certificates the office keeps an eye on: those that expire within six months, every
certificate (newest first, a page at a time), one certificate with what it states, and the
renewal chain (a certificate of an LAO that held one before renews that earlier one)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func
from sqlalchemy.orm import defer
from sqlmodel import Session, col, select

from sync.protocol.certificates import Certificate, certificate_of
from sync.server.models import CertificateRecord, LaoRecord
from sync.server.store.revocations import reference_of
from sync.server.store.rows import require

SOON = timedelta(days=183)  # six months
PER_PAGE = 100


@dataclass(frozen=True)
class CertificateRow:
    record: CertificateRecord
    lao: LaoRecord
    renews: str | None  # the LAO's previous certificate, if any


@dataclass(frozen=True)
class CertificateDetail:
    row: CertificateRow
    certificate: Certificate
    renewed_by: str | None


def expiring(session: Session, today: date, *, within: timedelta = SOON) -> list[CertificateRow]:
    """Standing certificates whose last valid day falls from today to ``within`` ahead."""
    found = session.exec(
        _listed()
        .where(col(CertificateRecord.valid_until) >= today)
        .where(col(CertificateRecord.valid_until) <= today + within)
        .where(col(CertificateRecord.revoked_at).is_(None))
        .order_by(col(CertificateRecord.valid_until))
    )
    return _rows(session, list(found.all()))


def every_certificate(session: Session, *, page: int = 1) -> tuple[list[CertificateRow], int]:
    """A page of every certificate, newest first, and how many there are."""
    total = session.exec(select(func.count()).select_from(CertificateRecord)).one()
    found = session.exec(
        _listed()
        .order_by(col(CertificateRecord.issued_at).desc(), col(CertificateRecord.reference))
        .offset((max(1, page) - 1) * PER_PAGE)
        .limit(PER_PAGE)
    )
    return _rows(session, list(found.all())), int(total)


def certificate_detail(session: Session, typed: str) -> CertificateDetail:
    """One certificate as issued (NOT_FOUND, BAD_REFERENCE)."""
    record = require(session, CertificateRecord, reference_of(typed), "certificate")
    lao = require(session, LaoRecord, record.lao_id, "LAO")
    [row] = _rows(session, [(record, lao)])
    later = session.exec(
        select(CertificateRecord.reference)
        .where(CertificateRecord.lao_id == record.lao_id)
        .where(col(CertificateRecord.issued_at) > record.issued_at)
        .order_by(col(CertificateRecord.issued_at))
    ).first()
    return CertificateDetail(row, certificate_of(json.loads(record.payload)), later)


def _listed() -> Any:
    return (
        select(CertificateRecord, LaoRecord)
        .join(LaoRecord, col(LaoRecord.id) == col(CertificateRecord.lao_id))
        .options(defer(CertificateRecord.payload))  # type: ignore[arg-type]
    )


def _rows(
    session: Session, found: list[tuple[CertificateRecord, LaoRecord]]
) -> list[CertificateRow]:
    laos = sorted({record.lao_id for record, _ in found})
    earlier = session.exec(
        select(CertificateRecord.lao_id, CertificateRecord.reference, CertificateRecord.issued_at)
        .where(col(CertificateRecord.lao_id).in_(laos))
        .order_by(col(CertificateRecord.issued_at))
    ).all()
    return [CertificateRow(record, lao, _previous(earlier, record)) for record, lao in found]


def _previous(
    earlier: Sequence[tuple[str, str, datetime]], record: CertificateRecord
) -> str | None:
    before = [ref for lao, ref, at in earlier if lao == record.lao_id and at < record.issued_at]
    return before[-1] if before else None
