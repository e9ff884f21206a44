"""A device after a realistic year: the demo plus a third round, 50 audits with every criterion
answered, and 3,000 photos taken in through ``attach_photos`` as the app
takes them (small generated JPEGs, each different; the largest audit, first in the list, holds 150).

Used by ``scripts.bench.ui_year``; ``python -m scripts.bench.year DATA_DIR`` builds one to
look at (``field-audit app --data-dir DATA_DIR``).
"""

from __future__ import annotations

import argparse
import io
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from PIL import Image, ImageDraw
from sqlmodel import select

from field_audit.attach import attach_photos
from field_audit.device import Device, open_device
from field_audit.domain.answers import Answer, Grade, Verdict
from field_audit.domain.edition import Edition, load_bundled_edition
from field_audit.storage.audits import open_audit, record_verdict, store_edition
from field_audit.storage.database import Database
from field_audit.storage.demo import DEMO_INSPECTOR_ID, MEMBERS, load_demo_data
from field_audit.storage.models import Assignment, Committee, CommitteeMember, Lao, RoundRecord

AUDITS = 50
PHOTOS = 3_000
LARGEST_PHOTOS = 150
LARGEST = "a-nb-2560"
"""The largest audit: Nonthaburi's, in 2560, first in the list (the earliest visit)."""
DEMO_EDITION = "gecc-2560"  # as tests.ui.browser.RunningApp starts the app
MIDDLE_ROUND = "fy2565"
SIZE = (960, 720)


@dataclass(frozen=True)
class Year:
    audits: int
    photos: int
    largest_lao: str
    largest_photos: int


def build_year(data_dir: Path, audits: int = AUDITS, photos: int = PHOTOS) -> Year:
    """Fill ``data_dir`` (a new device) with a year of work; returns what it holds."""
    device = open_device(data_dir)
    current = load_bundled_edition(DEMO_EDITION)
    load_demo_data(device.db, current)
    middle = load_bundled_edition("gecc-2563")
    store_edition(device.db, middle)
    add_middle_round_and_laos(device.db, middle, audits)
    editions = {"fy2560": load_bundled_edition("gecc-2560"), "fy2570": current, "fy2565": middle}
    with device.db.session() as session:
        found = session.exec(select(Assignment, Lao).where(Assignment.lao_id == Lao.id)).all()
        rows = sorted(
            ((a.id, a.round_id, lao.name_th) for a, lao in found),
            key=lambda row: (row[0] != LARGEST, row[0]),
        )[:audits]
    shares = _photo_shares(len(rows), photos)
    largest = rows[0][2]
    made = 0
    for (assignment_id, round_id, _), share in zip(rows, shares, strict=True):
        edition = editions[round_id]
        audit = open_audit(
            device.db, assignment_id=assignment_id, inspector_id=DEMO_INSPECTOR_ID, edition=edition
        ).id
        _answer_all(device.db, audit, edition)
        made += _attach(device, audit, edition, share, seed=made)
    device.close()
    return Year(len(rows), made, largest, shares[0])


def _photo_shares(audits: int, photos: int) -> list[int]:
    """The first audit holds LARGEST_PHOTOS (or all if fewer), the rest share what is left."""
    first = min(LARGEST_PHOTOS, photos)
    rest, spare = divmod(photos - first, max(audits - 1, 1))
    return [first] + [rest + (1 if i < spare else 0) for i in range(audits - 1)]


def add_middle_round_and_laos(db: Database, middle: Edition, audits: int) -> None:
    """A round between the demo's two, and LAOs to visit up to ``audits`` assignments in all
    (the demo has seven): half in that round, half in the demo's current one."""
    with db.session() as session:
        session.add(
            RoundRecord(
                id=MIDDLE_ROUND,
                fiscal_year_be=2565,
                title_th="รอบปีงบประมาณ พ.ศ. 2565",
                title_en="Fiscal year 2565 (2022)",
                edition_id=middle.id,
                deadline=date(2022, 1, 31),
                visits_from=date(2022, 3, 1),
                visits_until=date(2022, 5, 31),
            )
        )
        session.flush()
        session.add(
            Committee(
                id="fy2565-c2",
                round_id=MIDDLE_ROUND,
                name_th="คณะอนุกรรมการตรวจประเมิน ชุดที่ 2",
                name_en="Assessment subcommittee 2",
            )
        )
        session.flush()
        for inspector_id, name, role in MEMBERS:
            session.add(
                CommitteeMember(
                    committee_id="fy2565-c2", inspector_id=inspector_id, name=name, role=role
                )
            )
        rounds = [("fy2565", "fy2565-c2", date(2022, 3, 1)), ("fy2570", "fy2570-c3", None)]
        for number in range(max(audits - 7, 0)):  # the demo has seven assignments
            round_id, committee_id, first_day = rounds[number % 2]
            visit = (first_day or date(2026, 12, 1)) + timedelta(days=number)
            session.add(
                Lao(
                    id=f"year-{number}",
                    name_th=f"เทศบาลตำบลทดสอบที่ {number + 1}",
                    name_en=f"Test Subdistrict Municipality {number + 1}",
                    kind="เทศบาลตำบล",
                    province_code="50",
                    province_th="เชียงใหม่",
                    province_en="Chiang Mai",
                )
            )
            session.flush()
            session.add(
                Assignment(
                    id=f"a-year-{number:02}",
                    round_id=round_id,
                    lao_id=f"year-{number}",
                    committee_id=committee_id,
                    visit_date=visit,
                    self_assessment_points=60 + number % 20,
                )
            )
        session.commit()


def _answer_all(db: Database, audit: str, edition: Edition) -> None:
    for number, criterion in enumerate(edition.criteria):
        answer: Answer = Grade(criterion.points) if criterion.graded else Verdict.MET
        if not criterion.graded and number % 9 == 4:
            answer = Verdict.NOT_MET
        record_verdict(db, audit, criterion.id, answer, by=DEMO_INSPECTOR_ID)


def _attach(device: Device, audit: str, edition: Edition, count: int, seed: int) -> int:
    """``count`` photos spread over the criteria that need one; returns how many were taken."""
    first = edition.criteria[0].id  # on screen when the audit opens: its thumbnails are timed
    needing = [first] + [c.id for c in edition.criteria if c.photo_required and c.id != first]
    taken = 0
    for number, criterion_id in enumerate(needing):
        share = count // len(needing) + (1 if number < count % len(needing) else 0)
        if not share:
            continue
        sources = [photo(seed + taken + k) for k in range(share)]
        results = attach_photos(
            device.db, device.photos, (audit, criterion_id), sources, by=DEMO_INSPECTOR_ID
        ).result()
        taken += len(results)
    return taken


_BASES: dict[int, Image.Image] = {}


def photo(seed: int) -> bytes:
    """A small JPEG unlike any other: one of eight textured pictures with its number drawn on."""
    base = _BASES.get(seed % 8)
    if base is None:
        rnd = random.Random(seed % 8)
        base = Image.linear_gradient("L").resize(SIZE).convert("RGB")
        draw = ImageDraw.Draw(base)
        for _ in range(40):
            x, y, s = rnd.randrange(SIZE[0]), rnd.randrange(SIZE[1]), rnd.randrange(20, 200)
            colour = (rnd.randrange(256), rnd.randrange(256), rnd.randrange(256))
            draw.ellipse((x, y, x + s, y + s * 0.7), fill=colour)
        _BASES[seed % 8] = base
    picture = base.copy()
    ImageDraw.Draw(picture).text((20, 20), f"photo {seed}", fill=(255, 255, 255))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data_dir", type=Path)
    options = parser.parse_args()
    year = build_year(options.data_dir)
    print(f"{year.audits} audits, {year.photos} photos; largest: {year.largest_lao}")


if __name__ == "__main__":
    main()
