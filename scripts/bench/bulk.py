"""Bulk data for the central store's benchmarks, on PostgreSQL: a real store, then many rows
like its own written straight into the tables with COPY (30,000 results through HTTP would take
an hour and measure nothing new).

``seed_real`` builds a store through its own code: the round, three LAOs, two committees, four
inspectors with keys, three members' sealed audits and the committee's result on one LAO,
approved, decided, its certificate issued (``tests.server.helpers`` and ``certified``).
``fill`` then adds, in proportion to ``results``: 8,000 LAOs applying, 2,000 committees of five
(10,000 inspectors, each with a device key), one visit per five results, the results (each a
copy of the real audit's payload, signature and scores, with its own hash, id and place in a
chain), an audit-log line per result, one certificate per fifteen results, and ``photos`` photo
records; every result reviewed (approved). Every row has its own change sequence, after the
real ones.
"""

from __future__ import annotations

import base64
import json
import random
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

LAOS, COMMITTEES, MEMBERS = 8_000, 2_000, 5
MOMENT = datetime(2017, 3, 14, 5, 0, tzinfo=UTC).isoformat(timespec="microseconds")
Row = dict[str, Any]


@dataclass(frozen=True)
class Real:
    """What the benchmarks use of the real store: where it is and what it holds."""

    settings: Any  # sync.server.settings.Settings
    member: Any  # tests.server.helpers.Device: a member of committee c1, for pulls and uploads
    world: Any  # tests.server.helpers.World
    reference: str  # the issued certificate
    audit_hash: str  # the member's sealed audit of cm-city: the chain the submissions extend


def fresh_database(admin_url: str, name: str) -> str:
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def seed_real(
    folder: Path, database_url: str, keyring: Path, passphrase: str, **changes: Any
) -> Real:
    """The real store (see the module docstring); ``changes`` to its settings (its blob
    store, say)."""
    from sync.issuing import KdfParams, create_keyring
    from sync.server.app import build_app
    from sync.server.central import open_central
    from sync.server.settings import Settings
    from tests.server.certified import issued
    from tests.server.helpers import ADMIN_TOKEN, Api, build_world

    if not keyring.exists():
        create_keyring(keyring, passphrase, kdf=KdfParams(iterations=1, lanes=1, memory_kib=8))
    settings = Settings(
        database_url=database_url,
        data_dir=folder / "data",
        admin_token=ADMIN_TOKEN,
        auto_migrate=True,
        issuing_key_file=keyring,
        issuing_key_passphrase=passphrase,
    ).replace(**changes)
    central = open_central(settings)
    api = Api(build_app(central))
    world = build_world(central, api)
    reference = issued(world)["reference"]
    with central.engine.connect() as connection:
        audit = connection.scalar(
            text(
                "SELECT hash FROM result WHERE inspector_id = :who AND kind = 'gecc.sealed-audit'"
            ),
            {"who": world.member_a.inspector_id},
        )
    api.close()
    central.close()
    return Real(settings, world.member_a, world, reference, str(audit))


def fill(
    engine: Engine, *, results: int, photos: int, genuine: bool = False, seed: int = 2560
) -> None:
    """Add the rows the module docstring lists, by COPY, in one transaction. ``genuine``
    results are each signed afresh by their inspector's own enrolled key, with their own id,
    visit and signer in the payload, so ``verify-all`` passes them (and no certificate is
    copied); otherwise they copy the real audit's bytes, as fast as COPY goes."""
    assert results <= LAOS * MEMBERS, "one result per member and visit"
    chooser = random.Random(seed)
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        template = _template(cursor)
        seqs = _Sequence(_counter(cursor))
        template["genuine"] = genuine
        tables = _rows(template, results, photos, seqs, chooser)
        for table, rows in tables:
            _copy(cursor, table, rows)
        cursor.execute("UPDATE change_counter SET value = %s WHERE name = 'changes'", (seqs.last,))
        connection.commit()
        cursor.execute("ANALYZE")
    finally:
        connection.close()


class _Sequence:
    def __init__(self, start: int) -> None:
        self.last = start

    def __call__(self) -> int:
        self.last += 1
        return self.last


def _counter(cursor: Any) -> int:
    cursor.execute("SELECT value FROM change_counter WHERE name = 'changes'")
    return int(cursor.fetchone()[0])


def _template(cursor: Any) -> Row:
    """The real sealed audit and certificate every bulk row copies its large fields from."""
    cursor.execute(
        "SELECT payload, signature, public_key, server_score, device_score FROM result"
        " WHERE kind = 'gecc.sealed-audit' LIMIT 1"
    )
    payload, signature, public_key, server, device = cursor.fetchone()
    cursor.execute("SELECT key_id, payload, signature, qr_text FROM certificate LIMIT 1")
    key_id, certificate, certificate_signature, qr_text = cursor.fetchone()
    return {
        "payload": bytes(payload),
        "signature": signature,
        "public_key": public_key,
        "server_score": json.dumps(server),
        "device_score": json.dumps(device),
        "certificate": (key_id, bytes(certificate), certificate_signature, qr_text),
    }


def _rows(
    template: Row, results: int, photos: int, seq: Callable[[], int], chooser: random.Random
) -> list[tuple[str, Iterator[Row]]]:
    visits = min(LAOS, max(1, -(-results // MEMBERS)))  # one visit per five results
    lao = [f"bulk-lao-{n:05d}" for n in range(LAOS)]
    inspector = [f"bulk-insp-{n:05d}" for n in range(COMMITTEES * MEMBERS)]
    keys = _Keys(inspector, chooser, genuine=template["genuine"])
    made = [_result(template, n, visits, (inspector, keys), seq=seq()) for n in range(results)]
    hashes = [row["hash"] for row in made]
    certificates = 0 if template["genuine"] else results // 15
    return [
        ("lao", (_lao(name, n, seq()) for n, name in enumerate(lao))),
        ("application", (_application(name, seq()) for name in lao)),
        ("inspector", ({"id": w, "name": f"ผู้ตรวจ {w}", "seq": seq()} for w in inspector)),
        ("device_key", (keys.row(w, seq()) for w in inspector)),
        ("committee", (_committee(n, seq()) for n in range(COMMITTEES))),
        (
            "membership",
            (_member(n, m, inspector, seq()) for n in range(COMMITTEES) for m in range(MEMBERS)),
        ),
        ("assignment", (_assignment(n, lao, seq()) for n in range(visits))),
        ("result", iter(made)),
        ("audit_log", (_log(h) for h in hashes)),
        ("review", (_review(h, seq()) for h in hashes)),
        ("photo", (_photo(chooser) for _ in range(photos))),
        (
            "certificate",
            (_certificate(template, n, lao, hashes, seq()) for n in range(certificates)),
        ),
    ]


class _Keys:
    """Each inspector's device key: a real Ed25519 key when the results are signed afresh,
    else only a key id and fingerprint that look like one."""

    def __init__(self, inspectors: list[str], chooser: random.Random, *, genuine: bool) -> None:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        from sync.protocol.requests import request_key_id
        from sync.protocol.signatures import key_fingerprint, public_key_of

        self.private: dict[str, Any] = {}
        self.ids: dict[str, tuple[str, str]] = {}
        for who in inspectors:
            if genuine:
                key = Ed25519PrivateKey.generate()
                public = public_key_of(key)
                self.private[who] = key
                self.ids[who] = (request_key_id(public), key_fingerprint(public))
            else:
                digits = " ".join(f"{chooser.randrange(10_000):04d}" for _ in range(5))
                self.ids[who] = (_token(chooser, 32), digits)

    def row(self, who: str, seq: int) -> Row:
        key_id, fingerprint = self.ids[who]
        return {
            "key_id": key_id,
            "inspector_id": who,
            "fingerprint": fingerprint,
            "enrolled_at": MOMENT,
            "enrolled_by": "bench",
            "seq": seq,
        }


def _lao(name: str, n: int, seq: int) -> Row:
    province = f"{10 + n % 80}"
    return {
        "id": name,
        "name_th": f"เทศบาลตำบลทดสอบ {n}",
        "name_en": "",
        "kind": "เทศบาลตำบล",
        "province_code": province,
        "province_th": "",
        "service_centre_th": None,
        "seq": seq,
    }


def _application(lao: str, seq: int) -> Row:
    return {
        "round_id": "fy2560",
        "lao_id": lao,
        "scope": "office",
        "information_only": False,
        "self_assessment_points": 66,
        "self_claims": None,
        "word": True,
        "pdf": True,
        "seq": seq,
    }


def _committee(n: int, seq: int) -> Row:
    return {"id": f"bulk-c-{n:04d}", "round_id": "fy2560", "name_th": f"คณะที่ {n}", "seq": seq}


def _member(n: int, m: int, inspector: list[str], seq: int) -> Row:
    return {
        "committee_id": f"bulk-c-{n:04d}",
        "inspector_id": inspector[n * MEMBERS + m],
        "role": "chair" if m == 0 else "member",
        "removed": False,
        "seq": seq,
    }


def _assignment(n: int, lao: list[str], seq: int) -> Row:
    return {
        "id": f"bulk-visit-{n:05d}",
        "round_id": "fy2560",
        "lao_id": lao[n],
        "committee_id": f"bulk-c-{n % COMMITTEES:04d}",
        "visit_date": "2017-03-01",
        "deleted": False,
        "seq": seq,
    }


def _result(template: Row, n: int, visits: int, keys: tuple[list[str], _Keys], *, seq: int) -> Row:
    inspector, known = keys
    visit = n // MEMBERS % visits
    committee = visit % COMMITTEES
    who = inspector[committee * MEMBERS + n % MEMBERS]
    row = {
        "hash": _hex(random.Random(n)),
        "result_id": str(uuid.uuid4()),
        "kind": "gecc.sealed-audit",
        "round_id": "fy2560",
        "lao_id": f"bulk-lao-{visit:05d}",
        "assignment_id": f"bulk-visit-{visit:05d}",
        "committee_id": f"bulk-c-{committee:04d}",
        "inspector_id": who,
        "key_id": known.ids[who][0],
        "revision": 1,
        "replaces": None,
        "chain_key": f"root:gecc.sealed-audit:bulk-visit-{visit:05d}:{who}",
        "payload": template["payload"],
        "signature": template["signature"],
        "public_key": template["public_key"],
        "server_score": template["server_score"],
        "device_score": template["device_score"],
        "meets_criteria": True,
        "points": 80,
        "received_at": MOMENT,
        "uploaded_by": who,
        "seq": seq,
    }
    if who in known.private:
        row |= _signed_afresh(template["payload"], row, known.private[who], known.ids[who][1])
    return row


def _signed_afresh(template: bytes, row: Row, key: Any, fingerprint: str) -> Row:
    """The real audit's payload made this row's (id, visit, LAO, committee, signer), signed."""
    import hashlib

    from sync.protocol.canonical import canonical_json
    from sync.protocol.signatures import encode_public_key, encode_signature, public_key_of

    payload = json.loads(template)
    payload |= {
        "result_id": row["result_id"],
        "assignment_id": row["assignment_id"],
        "committee_id": row["committee_id"],
    }
    payload["lao"] = payload["lao"] | {"id": row["lao_id"]}
    payload["signer"] = payload["signer"] | {
        "inspector_id": row["inspector_id"],
        "fingerprint": fingerprint,
    }
    data = canonical_json(payload)
    return {
        "hash": hashlib.sha256(data).hexdigest(),
        "payload": data,
        "signature": encode_signature(key.sign(data)),
        "public_key": encode_public_key(public_key_of(key)),
    }


def _log(digest: str) -> Row:
    return {
        "at": MOMENT,
        "actor": "bench",
        "action": "result.receive",
        "subject": digest,
        "details": "{}",
    }


def _review(digest: str, seq: int) -> Row:
    return {
        "result_hash": digest,
        "state": "approved",
        "comment": "",
        "reviewer": "bench",
        "reviewed_at": MOMENT,
        "seq": seq,
    }


def _photo(chooser: random.Random) -> Row:
    size = chooser.randrange(1_500_000, 4_500_000)
    return {"sha256": _hex(chooser), "byte_size": size, "stored_at": MOMENT, "uploaded_by": "bench"}


def _certificate(template: Row, n: int, lao: list[str], hashes: list[str], seq: int) -> Row:
    key_id, payload, signature, qr_text = template["certificate"]
    return {
        "reference": f"GECC-2561-{10 + n % 80}-{n + 1:04d}",
        "round_id": "fy2560",
        "lao_id": lao[n],
        "result_hash": hashes[n * 15],
        "key_id": key_id,
        "payload": payload,
        "signature": signature,
        "qr_text": qr_text,
        "issued_on": "2017-04-01",
        "valid_until": "2020-03-31",
        "issued_at": MOMENT,
        "issued_by": "bench",
        "current_for": f"fy2560/{lao[n]}",
        "seq": seq,
    }


def _copy(cursor: Any, table: str, rows: Iterator[Row]) -> None:
    first = next(rows, None)
    if first is None:
        return
    columns = list(first)
    names = ", ".join(f'"{c}"' for c in columns)
    with cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
        copy.write_row([first[c] for c in columns])
        for row in rows:
            copy.write_row([row[c] for c in columns])


def _hex(chooser: random.Random) -> str:
    return chooser.getrandbits(256).to_bytes(32, "big").hex()


def _token(chooser: random.Random, size: int) -> str:
    raw = chooser.getrandbits(size * 8).to_bytes(size, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
