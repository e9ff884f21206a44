"""Realistic demo data for a fresh device: two rounds, real LAOs, one committee, assignments.

The current round (fiscal year 2570) assesses against the edition given (the app gives the
later standard); the earlier one (2560) against the 2560 edition. Each round has its calendar,
the committee its roles (chair, expert, OPDC representative, joint secretary), and the visit
to Pattaya is divided among the members. The LAOs and provinces are real; the people are
invented. Loading is idempotent: it adds only what is not there yet, in one transaction.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from sqlmodel import Session, SQLModel

from field_audit.domain.edition import Edition, load_bundled_edition
from field_audit.domain.shares import in_order, share_of
from field_audit.storage.audits import store_edition
from field_audit.storage.database import Database
from field_audit.storage.models import (
    Assignment,
    Committee,
    CommitteeMember,
    InspectorProfile,
    Lao,
    PlannedShare,
    RoundRecord,
    SelfAssessmentClaim,
)

DEMO_INSPECTOR_ID = "insp-somchai"
EARLIER_EDITION_ID = "gecc-2560"

LAOS = [
    (
        "cm-city",
        "เทศบาลนครเชียงใหม่",
        "Chiang Mai City Municipality",
        "เทศบาลนคร",
        "50",
        "เชียงใหม่",
        "Chiang Mai",
    ),
    (
        "kk-city",
        "เทศบาลนครขอนแก่น",
        "Khon Kaen City Municipality",
        "เทศบาลนคร",
        "40",
        "ขอนแก่น",
        "Khon Kaen",
    ),
    (
        "hy-city",
        "เทศบาลนครหาดใหญ่",
        "Hat Yai City Municipality",
        "เทศบาลนคร",
        "90",
        "สงขลา",
        "Songkhla",
    ),
    (
        "nb-city",
        "เทศบาลนครนนทบุรี",
        "Nonthaburi City Municipality",
        "เทศบาลนคร",
        "12",
        "นนทบุรี",
        "Nonthaburi",
    ),
    (
        "saensuk-town",
        "เทศบาลเมืองแสนสุข",
        "Saen Suk Town Municipality",
        "เทศบาลเมือง",
        "20",
        "ชลบุรี",
        "Chon Buri",
    ),
    (
        "krabi-town",
        "เทศบาลเมืองกระบี่",
        "Krabi Town Municipality",
        "เทศบาลเมือง",
        "81",
        "กระบี่",
        "Krabi",
    ),
    ("pattaya", "เมืองพัทยา", "Pattaya City", "เมืองพัทยา", "20", "ชลบุรี", "Chon Buri"),
]

MEMBERS = [
    ("insp-pimchanok", "นางสาวพิมพ์ชนก ศรีสวัสดิ์", "chair"),
    (DEMO_INSPECTOR_ID, "นายสมชาย ใจดี", "expert"),
    ("insp-waraporn", "นางวราภรณ์ ทองคำ", "opdc_representative"),
    ("insp-thanakorn", "นายธนากร วงศ์ไทย", "joint_secretary"),
]

SHARED_VISIT = "a-pattaya"
SHARES = {  # who assesses which blocks of the current edition on the shared visit
    "insp-pimchanok": ("physical", "outcome"),
    DEMO_INSPECTOR_ID: ("quality-basic",),
    "insp-waraporn": ("quality-advanced",),
}

# (assignment id, round, LAO, committee, visit date, self-assessment points)
ASSIGNMENTS = [
    ("a-cm", "fy2570", "cm-city", "fy2570-c3", date(2026, 12, 1), 72),
    ("a-pattaya", "fy2570", "pattaya", "fy2570-c3", date(2026, 12, 3), 68),
    ("a-saensuk", "fy2570", "saensuk-town", "fy2570-c3", date(2026, 12, 4), 61),
    ("a-kk", "fy2570", "kk-city", "fy2570-c3", date(2027, 1, 12), 76),
    ("a-hy", "fy2570", "hy-city", "fy2570-c3", date(2027, 1, 19), 64),
    ("a-krabi", "fy2570", "krabi-town", "fy2570-c3", date(2027, 1, 21), 66),
    ("a-nb-2560", "fy2560", "nb-city", "fy2560-c1", date(2017, 3, 14), 70),
]

# What Chiang Mai claimed not to meet in its own self-assessment; it claimed every other one.
CM_CLAIMED_NOT_MET = {"A05", "A12", "A17", "A19"}


def load_demo_data(db: Database, edition: Edition) -> bool:
    """Fill an empty device with the demo, its current round on ``edition``; returns False
    (and changes nothing) if not empty."""
    store_edition(db, edition)
    store_edition(db, load_bundled_edition(EARLIER_EDITION_ID))
    with db.session() as session:
        if session.get(InspectorProfile, DEMO_INSPECTOR_ID) is not None:
            return False
        _add_all(session, _records(edition))
        session.commit()
    return True


def _add_all(session: Session, records: list[SQLModel]) -> None:
    for record in records:
        session.add(record)
        session.flush()


def _records(edition: Edition) -> list[Any]:
    now = datetime.now(UTC)
    profile = InspectorProfile(
        id=DEMO_INSPECTOR_ID, name="นายสมชาย ใจดี", position="ผู้ทรงคุณวุฒิ", created_at=now
    )
    laos = [
        Lao(
            id=i, name_th=th, name_en=en, kind=k, province_code=pc, province_th=pth, province_en=pen
        )
        for i, th, en, k, pc, pth, pen in LAOS
    ]
    members = [
        CommitteeMember(committee_id=c, inspector_id=i, name=n, role=r)
        for c in ("fy2570-c3", "fy2560-c1")
        for i, n, r in MEMBERS
    ]
    assignments = [
        Assignment(
            id=a, round_id=r, lao_id=lao, committee_id=c, visit_date=d, self_assessment_points=p
        )
        for a, r, lao, c, d, p in ASSIGNMENTS
    ]
    records = [profile, *_rounds(edition), *laos, *_committees(), *members, *assignments]
    return [*records, *_claims(edition), *_shares(edition)]


def _claims(edition: Edition) -> list[SelfAssessmentClaim]:
    """Chiang Mai's own answers: all met but a few; graded ones a point short of full."""
    return [
        SelfAssessmentClaim(
            assignment_id="a-cm",
            criterion_id=criterion.id,
            claim=_claim(criterion.id, criterion.points if criterion.graded else None),
        )
        for criterion in edition.criteria
    ]


def _claim(criterion_id: str, graded_points: int | None) -> str:
    if graded_points is not None:
        return str(max(graded_points - 1, 0))
    return "not_met" if criterion_id in CM_CLAIMED_NOT_MET else "met"


def _shares(edition: Edition) -> list[PlannedShare]:
    shares = []
    for inspector_id, blocks in SHARES.items():
        criteria = share_of(edition, blocks=blocks)
        if criteria:  # an edition without these blocks is not divided
            shares.append(
                PlannedShare(
                    assignment_id=SHARED_VISIT,
                    inspector_id=inspector_id,
                    criteria=json.dumps(list(in_order(edition, criteria))),
                )
            )
    return shares if len(shares) == len(SHARES) else []


def _rounds(edition: Edition) -> list[RoundRecord]:
    return [
        RoundRecord(
            id="fy2560",
            fiscal_year_be=2560,
            title_th="รอบปีงบประมาณ พ.ศ. 2560",
            title_en="Fiscal year 2560 (2017)",
            edition_id=EARLIER_EDITION_ID,
            opens_on=date(2016, 11, 1),
            briefing_on=date(2016, 12, 15),
            deadline=date(2017, 1, 31),
            screening_until=date(2017, 2, 20),
            visits_from=date(2017, 3, 1),
            visits_until=date(2017, 4, 28),
            results_on=date(2017, 6, 30),
        ),
        RoundRecord(
            id="fy2570",
            fiscal_year_be=2570,
            title_th="รอบปีงบประมาณ พ.ศ. 2570",
            title_en="Fiscal year 2570 (2027)",
            edition_id=edition.id,
            opens_on=date(2026, 10, 1),
            briefing_on=date(2026, 10, 15),
            deadline=date(2026, 11, 13),
            screening_until=date(2026, 11, 27),
            visits_from=date(2026, 12, 1),
            visits_until=date(2027, 1, 29),
            results_on=date(2027, 3, 31),
        ),
    ]


def _committees() -> list[Committee]:
    return [
        Committee(
            id="fy2570-c3",
            round_id="fy2570",
            name_th="คณะอนุกรรมการตรวจประเมิน ชุดที่ 3",
            name_en="Assessment subcommittee 3",
        ),
        Committee(
            id="fy2560-c1",
            round_id="fy2560",
            name_th="คณะอนุกรรมการตรวจประเมิน ชุดที่ 1",
            name_en="Assessment subcommittee 1",
        ),
    ]
