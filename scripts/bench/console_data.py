"""A national-scale data set for the office console's benchmark, made with direct inserts
(never through HTTP): LAOs, rounds with every LAO in each, committees, visits, sealed audits and
committee results (valid typed payloads, so the visit page parses them as it would real ones),
their photo records, reviews, findings, decisions and certificates.

At scale 1: 8,000 LAOs, 3 rounds, 30,000 sealed results (7,500 visits: three members' audits
and the committee's result each), 45 photos per audit (about 1,000,000 photo records), 5,000
certificates. ``scale`` multiplies every count.
"""

from __future__ import annotations

import hashlib
import random
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, insert, text

from field_audit.domain.answers import Verdict
from field_audit.domain.edition import Edition
from field_audit.domain.scoring import score_verdicts
from sync.checks.results import summary_of
from sync.protocol.canonical import canonical_json
from sync.protocol.sealed import COMMITTEE_RESULT, SEALED_AUDIT, parse_result
from sync.server.models import METADATA
from sync.server.store.editions import store_edition

CHUNK = 2_000
PHOTOS_PER_AUDIT = 45
MEMBERS = 3
KINDS = ("เทศบาลนคร", "เทศบาลเมือง", "เทศบาลตำบล", "องค์การบริหารส่วนตำบล", "เมืองพัทยา")
ROUNDS = (("fy2567", 2567), ("fy2568", 2568), ("fy2569", 2569))
NOW = datetime(2026, 6, 1, 3, 0, tzinfo=UTC)


@dataclass
class Made:
    """What the benchmark asks about: the rounds and some of their visits."""

    rounds: list[str] = field(default_factory=list)
    visits: dict[str, list[str]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


def make(engine: Engine, edition: Edition, scale: float, seed: int = 7) -> Made:
    rng = random.Random(seed)
    laos = max(30, round(8_000 * scale))
    visits_per_round = max(4, round(30_000 * scale / (MEMBERS + 1) / len(ROUNDS)))
    certificates = max(3, round(5_000 * scale))
    made = Made()
    with engine.begin() as connection:
        from sqlmodel import Session

        with Session(bind=connection) as session:
            store_edition(session, edition)
            session.flush()
        writer = _Writer(connection, edition, rng)
        writer.laos(laos)
        writer.inspectors(visits_per_round)
        for round_id, year in ROUNDS:
            writer.round(round_id, year)
            made.visits[round_id] = writer.visits(round_id, year, visits_per_round)
            made.rounds.append(round_id)
        writer.certificates(certificates)
        writer.finish()
    made.counts = writer.counts
    return made


@dataclass(frozen=True)
class Visit:
    round_id: str
    year: int
    assignment: str
    lao: str
    committee: int
    day: date

    @property
    def committee_id(self) -> str:
        return f"{self.round_id}-c{self.committee}"


class _Writer:
    def __init__(self, connection: Any, edition: Edition, rng: random.Random) -> None:
        self.connection, self.edition, self.rng = connection, edition, rng
        self.seq = 0
        self.counts: dict[str, int] = {}
        self.lao_ids: list[str] = []
        self.inspector_ids: list[str] = []
        self.decided: list[tuple[str, str, str, int]] = []  # round, lao, result, year
        all_met = dict.fromkeys(edition.criterion_ids, Verdict.MET)
        self.score = score_verdicts(edition, all_met)
        self.summary = summary_of(self.score).model_dump()

    def next_seq(self) -> int:
        self.seq += 1
        return self.seq

    def put(self, table: str, rows: Iterable[dict[str, Any]]) -> None:
        target = METADATA.tables[table]
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= CHUNK:
                self.connection.execute(insert(target), batch)
                self.counts[table] = self.counts.get(table, 0) + len(batch)
                batch = []
        if batch:
            self.connection.execute(insert(target), batch)
            self.counts[table] = self.counts.get(table, 0) + len(batch)

    def laos(self, count: int) -> None:
        self.lao_ids = [f"lao-{n:05d}" for n in range(count)]
        self.put("lao", (self._lao(n, lao) for n, lao in enumerate(self.lao_ids)))

    def _lao(self, n: int, lao_id: str) -> dict[str, Any]:
        province = 10 + n % 77
        return {
            "id": lao_id,
            "name_th": f"เทศบาลตัวอย่างที่ {n}",
            "name_en": f"Sample {n}",
            "kind": KINDS[n % len(KINDS)],
            "province_code": f"{province:02d}",
            "province_th": f"จังหวัดที่ {province}",
            "service_centre_th": None,
            "latitude_e6": 13_000_000 + n * 100,
            "longitude_e6": 100_000_000 + n * 100,
            "seq": self.next_seq(),
        }

    def inspectors(self, visits_per_round: int) -> None:
        count = max(MEMBERS, visits_per_round // 5 * MEMBERS)
        self.inspector_ids = [f"insp-{n:05d}" for n in range(count)]
        self.put(
            "inspector",
            ({"id": i, "name": f"ผู้ตรวจ {i}", "seq": self.next_seq()} for i in self.inspector_ids),
        )
        self.put("device_key", (self._key(i) for i in self.inspector_ids))

    def _key(self, inspector_id: str) -> dict[str, Any]:
        digits = int(hashlib.sha256(inspector_id.encode()).hexdigest(), 16) % 10**30
        fingerprint = " ".join(f"{digits:030d}"[i : i + 5] for i in range(0, 30, 5))
        return {
            "key_id": f"key-{inspector_id}",
            "inspector_id": inspector_id,
            "fingerprint": fingerprint,
            "enrolled_at": _iso(NOW - timedelta(days=400)),
            "enrolled_by": "bench",
            "revoked_at": None,
            "revoked_by": None,
            "seq": self.next_seq(),
        }

    def round(self, round_id: str, year: int) -> None:
        ce = year - 543
        self.put(
            "round",
            [
                {
                    "id": round_id,
                    "fiscal_year_be": year,
                    "title_th": f"รอบปีงบประมาณ พ.ศ. {year}",
                    "deadline": date(ce, 1, 31),
                    "briefing_on": date(ce - 1, 12, 15),
                    "visits_from": date(ce, 2, 15),
                    "visits_until": date(ce, 3, 31),
                    "accepted_kinds": None,
                    "edition_id": self.edition.id,
                    "edition_hash": self.edition.content_hash,
                    "created_at": _iso(NOW),
                    "seq": self.next_seq(),
                }
            ],
        )
        self.put(
            "application",
            (self._application(round_id, ce, n, lao) for n, lao in enumerate(self.lao_ids)),
        )

    def _application(self, round_id: str, ce: int, n: int, lao: str) -> dict[str, Any]:
        stage = n % 8  # how far each LAO got: a spread over the steps
        day = date(ce, 1, 10)
        return {
            "round_id": round_id,
            "lao_id": lao,
            "scope": "office",
            "information_only": False,
            "self_assessment_points": 66 if stage >= 1 else None,
            "self_claims": None,
            "self_assessed_on": day if stage >= 1 else None,
            "form_filled_on": day if stage >= 2 else None,
            "governor_endorsed_on": day + timedelta(days=5) if stage >= 3 else None,
            "word": stage >= 4,
            "pdf": stage >= 4,
            "posted_on": day + timedelta(days=10) if stage >= 4 else None,
            "emailed_on": day + timedelta(days=10) if stage >= 4 else None,
            "screened_on": date(ce, 2, 3) if stage >= 5 else None,
            "screening_passed": True if stage >= 5 else None,
            "screening_reason": "",
            "onsite_result": None,
            "onsite_on": None,
            "seq": self.next_seq(),
        }

    def visits(self, round_id: str, year: int, count: int) -> list[str]:
        ce = year - 543
        committees = max(1, count // 5)
        self.put(
            "committee",
            (
                {
                    "id": f"{round_id}-c{k}",
                    "round_id": round_id,
                    "name_th": f"คณะที่ {k}",
                    "seq": self.next_seq(),
                }
                for k in range(committees)
            ),
        )
        self.put("membership", self._memberships(round_id, committees))
        chosen = self.rng.sample(self.lao_ids, min(count, len(self.lao_ids)))
        assignments = []
        for k, lao in enumerate(chosen):
            committee = k % committees
            assignments.append(
                (str(uuid.uuid4()), lao, committee, date(ce, 2, 15) + timedelta(days=k % 40))
            )
        self.put(
            "assignment",
            (
                {
                    "id": a,
                    "round_id": round_id,
                    "lao_id": lao,
                    "committee_id": f"{round_id}-c{c}",
                    "visit_date": day,
                    "deleted": False,
                    "seq": self.next_seq(),
                }
                for a, lao, c, day in assignments
            ),
        )
        for batch in _batches(assignments, 200):
            self._results([Visit(round_id, year, *a) for a in batch])
        return [a for a, _lao, _c, _d in assignments]

    def _memberships(self, round_id: str, committees: int) -> Iterator[dict[str, Any]]:
        for k in range(committees):
            for m, inspector in enumerate(self._members(k)):
                yield {
                    "committee_id": f"{round_id}-c{k}",
                    "inspector_id": inspector,
                    "role": "chair" if m == 0 else "member",
                    "removed": False,
                    "seq": self.next_seq(),
                }

    def _members(self, committee: int) -> list[str]:
        start = committee * MEMBERS % len(self.inspector_ids)
        return [self.inspector_ids[(start + m) % len(self.inspector_ids)] for m in range(MEMBERS)]

    def _results(self, visits: list[Visit]) -> None:
        results, photos, findings, reviews = [], [], [], []
        for visit in visits:
            audits = []
            for inspector in self._members(visit.committee):
                row, pictures = self._audit(visit, inspector)
                results.append(row)
                photos += pictures
                audits.append((inspector, row["hash"]))
            chair = self._committee(visit, audits)
            results.append(chair)
            if self.rng.random() < 0.8:
                findings.append(self._finding(visit.round_id, visit.lao, chair["hash"]))
                reviews.append(self._review(chair["hash"]))
                self.decided.append((visit.round_id, visit.lao, chair["hash"], visit.year))
        self.put("result", results)
        self.put("result_photo", photos)
        stored = {"byte_size": 100_000, "stored_at": _iso(NOW), "uploaded_by": "bench"}
        self.put("photo", ({"sha256": p["sha256"], **stored} for p in photos))
        self.put("certification", findings)
        self.put("review", reviews)
        self.put("decision", (self._decision(f) for f in findings))

    def _review(self, result_hash: str) -> dict[str, Any]:
        return {
            "result_hash": result_hash,
            "state": "approved",
            "comment": "",
            "reviewer": "secretary",
            "reviewed_at": _iso(NOW),
            "seq": self.next_seq(),
        }

    def _head(self, kind: str, visit: Visit, inspector: str) -> dict[str, Any]:
        key = self._key(inspector)
        signer = {"inspector_id": inspector, "name": f"ผู้ตรวจ {inspector}"}
        lao = {"id": visit.lao, "name_th": "เทศบาลตัวอย่าง", "kind": "เทศบาลเมือง"}
        return {
            "type": kind,
            "protocol": 2,
            "result_id": str(uuid.uuid4()),
            "revision": 1,
            "replaces": None,
            "edition": {"id": self.edition.id, "hash": self.edition.content_hash},
            "round": {"id": visit.round_id, "fiscal_year_be": visit.year},
            "lao": {**lao, "province_code": "50"},
            "assignment_id": visit.assignment,
            "committee_id": visit.committee_id,
            "visit_date": visit.day.isoformat(),
            "signer": {**signer, "key_id": key["key_id"], "fingerprint": key["fingerprint"]},
            "score": self.summary,
            "sealed_at": f"{visit.day.isoformat()}T09:00:00Z",
        }

    def _audit(self, visit: Visit, inspector: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        payload = self._head(SEALED_AUDIT, visit, inspector)
        pictures = self._pictures(visit.day)
        recorded = f"{visit.day.isoformat()}T03:00:00Z"
        payload["findings"] = [
            {"criterion": c, "verdict": "met", "note": "", "recorded_at": recorded}
            | {"photos": pictures.get(c, [])}
            for c in self.edition.criterion_ids
        ]
        row = self._row(payload, visit, inspector)
        photos = [
            {
                "result_hash": row["hash"],
                "lao_id": visit.lao,
                "criterion": c,
                "sha256": p["sha256"],
                "caption": "",
                "captured_at": _iso(_moment(p["captured_at"])),
                "lat_e6": p["gps"]["lat_e6"],
                "lon_e6": p["gps"]["lon_e6"],
            }
            for c, ps in pictures.items()
            for p in ps
        ]
        return row, photos

    def _pictures(self, day: date) -> dict[str, list[dict[str, Any]]]:
        needing = [c.id for c in self.edition.criteria if c.photo_required]
        pictures: dict[str, list[dict[str, Any]]] = {c: [] for c in needing}
        for n in range(PHOTOS_PER_AUDIT):
            pictures[needing[n % len(needing)]].append(
                {
                    "sha256": hashlib.sha256(uuid.uuid4().bytes).hexdigest(),
                    "byte_size": 100_000,
                    "caption": "",
                    "captured_at": f"{day.isoformat()}T03:{n % 60:02d}:00Z",
                    "gps": {"lat_e6": 13_750_000 + n, "lon_e6": 100_500_000 + n},
                }
            )
        return pictures

    def _committee(self, visit: Visit, audits: list[tuple[str, str]]) -> dict[str, Any]:
        chair = audits[0][0]
        payload = self._head(COMMITTEE_RESULT, visit, chair)
        payload["members"] = [
            {
                "status": "counted",
                "inspector_id": i,
                "name": f"ผู้ตรวจ {i}",
                "role": "chair" if i == chair else "member",
                "fingerprint": self._key(i)["fingerprint"],
                "audit_hash": h,
            }
            for i, h in audits
        ]
        payload["rulings"] = []
        payload["verdicts"] = dict.fromkeys(self.edition.criterion_ids, "met")
        return self._row(payload, visit, chair)

    def _row(self, payload: dict[str, Any], visit: Visit, inspector: str) -> dict[str, Any]:
        data = canonical_json(payload)
        kind = payload["type"]
        return {
            "hash": hashlib.sha256(data).hexdigest(),
            "result_id": payload["result_id"],
            "kind": kind,
            "round_id": visit.round_id,
            "lao_id": visit.lao,
            "assignment_id": visit.assignment,
            "committee_id": visit.committee_id,
            "inspector_id": inspector,
            "key_id": f"key-{inspector}",
            "revision": 1,
            "replaces": None,
            "chain_key": f"root:{kind}:{visit.assignment}:{inspector}",
            "payload": data,
            "signature": "bench",
            "public_key": "bench",
            "server_score": self.score.to_json(),
            "device_score": self.summary,
            "meets_criteria": True,
            "points": self.score.points,
            "received_at": _iso(NOW - timedelta(minutes=self.rng.randrange(300_000))),
            "uploaded_by": inspector,
            "seq": self.next_seq(),
        }

    def _finding(self, round_id: str, lao: str, result_hash: str) -> dict[str, Any]:
        return {
            "round_id": round_id,
            "lao_id": lao,
            "result_hash": result_hash,
            "meets_criteria": True,
            "points": self.score.points,
            "level": self.score.level.id if self.score.level else None,
            "reasons": [],
            "decided_at": _iso(NOW),
            "seq": self.next_seq(),
        }

    def _decision(self, finding: dict[str, Any]) -> dict[str, Any]:
        return {
            "round_id": finding["round_id"],
            "lao_id": finding["lao_id"],
            "certify": True,
            "result_hash": finding["result_hash"],
            "basis": "มติคณะกรรมการอำนวยการ",
            "decided_on": date(2026, 4, 1),
            "decided_by": "ผู้มีอำนาจ",
            "recorded_by": "approver",
            "recorded_at": _iso(NOW),
            "seq": self.next_seq(),
        }

    def certificates(self, count: int) -> None:
        chosen = self.decided[:count]
        self.put("certificate", (self._certificate(n, *d) for n, d in enumerate(chosen)))

    def _certificate(
        self, n: int, round_id: str, lao: str, result: str, year: int
    ) -> dict[str, Any]:
        issued = date(year - 543, 4, 1) + timedelta(days=n % 200)
        return {
            "reference": f"GECC-{year}-50-{n:05d}",
            "round_id": round_id,
            "lao_id": lao,
            "result_hash": result,
            "key_id": "bench-key",
            "payload": b"{}",
            "signature": "bench",
            "qr_text": "GECC1:BENCH",
            "issued_on": issued,
            "valid_until": issued + timedelta(days=3 * 365 - 1),
            "issued_at": _iso(NOW),
            "issued_by": "approver",
            "current_for": f"{round_id}/{lao}",
            "revoked_at": None,
            "revoked_by": None,
            "revocation_reason": None,
            "seq": self.next_seq(),
        }

    def finish(self) -> None:
        self.connection.execute(text("UPDATE change_counter SET value = :v"), {"v": self.seq})


def check_payloads(engine: Engine) -> None:
    """The generated payloads are results the store's own parser takes."""
    with engine.connect() as connection:
        for kind in (SEALED_AUDIT, COMMITTEE_RESULT):
            payload = connection.execute(
                text("SELECT payload FROM result WHERE kind = :k LIMIT 1"), {"k": kind}
            ).scalar_one()
            parse_result(bytes(payload), expected_type=kind)


def _batches(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _iso(moment: datetime) -> datetime:
    """An aware time, as the store's time columns take it (they write ISO text in UTC)."""
    return moment.astimezone(UTC)


def _moment(text_: str) -> datetime:
    return datetime.fromisoformat(text_.replace("Z", "+00:00"))
