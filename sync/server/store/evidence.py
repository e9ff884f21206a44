"""The photos of a visit, and whether each one is plausible evidence of it.

Every photo a stored sealed audit names is recorded (``record_photos``, in the transaction that
stores the audit) with its criterion, caption, capture time and position, so a visit's photos,
and the same photo anywhere else, are found by index rather than by reading every result.

``photo_flags`` says what a reviewer should look at, by code:

- CAPTURED_OTHER_DAY: the capture time, on Thailand's clock, is not the visit's date;
- FAR_FROM_LAO: the position is more than ``FAR_METRES`` from the LAO's registered location;
- USED_BY_ANOTHER_LAO: the same bytes (by SHA-256) are evidence in another LAO's results;
- NO_TIME / NO_POSITION: the photo carries no capture time, or no position, to check.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel import Session, col, select

from field_audit.domain.thai_calendar import THAILAND
from sync.protocol.sealed import SealedAudit
from sync.server.console_tables import ResultPhoto
from sync.server.models import LaoRecord, ResultRecord

FAR_METRES = 2_000
EARTH_METRES = 6_371_000


@dataclass(frozen=True)
class PhotoEvidence:
    """One photo of a visit with the member who took it and what stands out about it."""

    photo: ResultPhoto
    inspector_id: str
    flags: list[str] = field(default_factory=list)
    distance_m: int | None = None
    other_laos: list[str] = field(default_factory=list)


def record_photos(session: Session, record: ResultRecord, audit: SealedAudit) -> None:
    """A row per photo the stored audit names (in the caller's transaction)."""
    for finding in audit.findings:
        for photo in finding.photos:
            session.add(
                ResultPhoto(
                    result_hash=record.hash,
                    lao_id=record.lao_id,
                    criterion=finding.criterion,
                    sha256=photo.sha256,
                    caption=photo.caption,
                    captured_at=_moment(photo.captured_at),
                    lat_e6=photo.gps.lat_e6 if photo.gps else None,
                    lon_e6=photo.gps.lon_e6 if photo.gps else None,
                )
            )


def visit_photos(
    session: Session, audits: Sequence[ResultRecord], lao: LaoRecord, visit_date: date
) -> list[PhotoEvidence]:
    """The photos of the given audits of one visit, each with its flags."""
    by_hash = {a.hash: a.inspector_id for a in audits}
    photos = list(
        session.exec(
            select(ResultPhoto)
            .where(col(ResultPhoto.result_hash).in_(list(by_hash)))
            .order_by(col(ResultPhoto.criterion), col(ResultPhoto.id))
        ).all()
    )
    elsewhere = _elsewhere(session, {p.sha256 for p in photos}, lao.id)
    return [
        _evidence(p, by_hash[p.result_hash], lao, visit_date, elsewhere.get(p.sha256, []))
        for p in photos
    ]


def distance_metres(a: tuple[int, int], b: tuple[int, int]) -> float:
    """The great-circle distance between two positions in microdegrees (haversine)."""
    lat1, lon1, lat2, lon2 = (math.radians(v / 1_000_000) for v in (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_METRES * math.asin(min(1.0, math.sqrt(h)))


def _evidence(
    photo: ResultPhoto, inspector_id: str, lao: LaoRecord, visit_date: date, others: list[str]
) -> PhotoEvidence:
    flags = []
    if photo.captured_at is None:
        flags.append("NO_TIME")
    elif photo.captured_at.astimezone(THAILAND).date() != visit_date:
        flags.append("CAPTURED_OTHER_DAY")
    distance = None
    if photo.lat_e6 is None or photo.lon_e6 is None:
        flags.append("NO_POSITION")
    elif lao.latitude_e6 is not None and lao.longitude_e6 is not None:
        here, there = (photo.lat_e6, photo.lon_e6), (lao.latitude_e6, lao.longitude_e6)
        distance = round(distance_metres(here, there))
        if distance > FAR_METRES:
            flags.append("FAR_FROM_LAO")
    if others:
        flags.append("USED_BY_ANOTHER_LAO")
    return PhotoEvidence(photo, inspector_id, flags, distance, others)


def _elsewhere(session: Session, hashes: Iterable[str], lao_id: str) -> dict[str, list[str]]:
    """For each photo hash, the other LAOs whose results name it too."""
    found = session.exec(
        select(ResultPhoto.sha256, ResultPhoto.lao_id)
        .where(col(ResultPhoto.sha256).in_(sorted(hashes)))
        .where(ResultPhoto.lao_id != lao_id)
        .distinct()
    )
    others: dict[str, list[str]] = {}
    for sha256, other in found.all():
        others.setdefault(sha256, []).append(other)
    return {sha: sorted(laos) for sha, laos in others.items()}


def _moment(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text.replace("Z", "+00:00"))
