"""The fleet test's devices: committees of five seeded at the store, each member's device with
its enrolled key, a sealed audit with its photos, and an HTTPS transport that records what the
device asked and was answered (the pull pages, for the change-sequence checks)."""

from __future__ import annotations

import hashlib
import os
import ssl
import threading
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import httpx

from field_audit.domain.answers import Verdict
from field_audit.domain.edition import Edition
from field_audit.seal.sealing import seal_audit
from field_audit.storage.audits import open_audit, record_verdict
from field_audit.storage.photos import NewPhoto, add_photo
from field_audit.sync_client.http import CentralClient
from field_audit.sync_client.transfer import CHUNK_BYTES
from field_audit.syncing.push import Backoff
from field_audit.syncing.run import SyncReport, sync_now
from sync.server.central import Central
from sync.server.store.admin import Member, NewRound, create_committee, create_round
from sync.server.store.laos import import_laos
from tests.server.field_device import FieldDevice
from tests.server.helpers import ROUND_DATES, ROUND_ID, ready_and_assign

COMMITTEE_SIZE = 5
SMALL_PHOTO = 20_000
LARGE_PHOTO = 2 * CHUNK_BYTES + 300_000  # three chunks
VIEWS = ("rounds", "committees", "assignments", "certificates", "results")
RETRIES = Backoff(attempts=6, base_seconds=0.05)
"""The device's own retry policy on a failing link or a 5xx (0.05 s, 0.1 s, ... 0.8 s)."""


@dataclass(frozen=True)
class Page:
    """One pull page as answered: what was asked for and the (id, seq) of each change."""

    view: str
    since: int
    cursor: int
    more: bool
    changes: tuple[tuple[str, int], ...]


@dataclass
class Recording:
    """What one device's transport saw."""

    pages: list[Page] = field(default_factory=list)
    answered: list[tuple[str, str, str, int]] = field(default_factory=list)
    """(X-Request-ID, method, path, status) of every request that was answered."""


class RecordingTransport(httpx.HTTPTransport):
    """HTTPS to the proxy, trusting the test authority; records every answer and counts photo
    chunks on a shared counter that sets ``chunk_seen`` when it reaches ``kill_after``."""

    def __init__(self, tls: ssl.SSLContext, shared: ChunkCounter) -> None:
        super().__init__(verify=tls)
        self.tls = tls
        self.recording = Recording()
        self.shared = shared

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "PATCH":
            self.shared.count()
        response = super().handle_request(request)
        answer = (request.headers["X-Request-ID"], request.method, request.url.path)
        self.recording.answered.append((*answer, response.status_code))
        view = request.url.path.removeprefix("/v1/")
        if request.method == "GET" and view in VIEWS and response.status_code == 200:
            response.read()
            self.recording.pages.append(_page(view, request, response.json()))
        return response


def _page(view: str, request: httpx.Request, body: dict[str, Any]) -> Page:
    since = int(parse_qs(request.url.query.decode())["since"][0])
    changes = tuple((str(c["id"]), int(c["seq"])) for c in body["changes"])
    return Page(view, since, int(body["cursor"]), bool(body["more"]), changes)


class ChunkCounter:
    def __init__(self, kill_after: int) -> None:
        self.kill_after = kill_after
        self.seen = 0
        self.reached = threading.Event()
        self._lock = threading.Lock()

    def count(self) -> None:
        with self._lock:
            self.seen += 1
            if self.seen >= self.kill_after:
                self.reached.set()


@dataclass
class FleetDevice:
    field_device: FieldDevice
    assignment_id: str
    transport: RecordingTransport
    base: str
    reports: list[SyncReport] = field(default_factory=list)
    sealed: str = ""

    def sync(self, **options: Any) -> SyncReport:
        with httpx.Client(base_url=self.base, transport=self.transport, timeout=120) as http:
            device = self.field_device.device
            client = self.field_device.client_over(http)
            report = sync_now(device.db, device.photos, client, backoff=RETRIES, **options)
        self.reports.append(report)
        return report


def seed_committees(
    central: Central, edition: Edition, devices: int, *, visits: int = 1
) -> dict[str, list[str]]:
    """A round, committees of five, ``visits`` LAOs for each, every LAO ready and assigned:
    inspector -> the assignment ids of their committee's visits."""
    committees = devices // COMMITTEE_SIZE
    laos = [f"lao-{n:02d}-{v}" for n in range(committees) for v in range(visits)]
    rows = ["lao_id,name_th,kind,province_code"]
    rows += [f"{lao},เทศบาลเมืองทดสอบ {lao},เทศบาลเมือง,50" for lao in laos]
    assigned: dict[str, list[str]] = {}
    with central.session() as session:
        create_round(session, NewRound(ROUND_ID, 2560, **ROUND_DATES), edition, actor="clerk")
        import_laos(session, "\n".join(rows).encode(), actor="clerk", source="fleet.csv")
        for n in range(committees):
            inspectors = _committee(session, n)
            for v in range(visits):
                visit = date(2017, 3, 1 + (n + v) % 28)
                one = ready_and_assign(central, session, f"lao-{n:02d}-{v}", f"c{n:02d}", visit)
                for inspector in inspectors:
                    assigned.setdefault(inspector, []).append(one)
    return assigned


def _committee(session: Any, n: int) -> list[str]:
    inspectors = [f"insp-{n:02d}-{m}" for m in range(COMMITTEE_SIZE)]
    members = [
        Member(i, f"ผู้ตรวจ {i}", "chair" if m == 0 else "member") for m, i in enumerate(inspectors)
    ]
    create_committee(
        session,
        committee_id=f"c{n:02d}",
        round_id=ROUND_ID,
        name_th=f"คณะที่ {n}",
        members=members,
        actor="clerk",
    )
    return inspectors


def seal_visit(device: FleetDevice, edition: Edition) -> str:
    """A complete audit of the device's visit: a photo of its own wherever one is required,
    the first criterion's a large one; every criterion met; sealed."""
    field_device = device.field_device
    db, store = field_device.device.db, field_device.device.photos
    who = field_device.inspector_id
    audit = open_audit(db, assignment_id=device.assignment_id, inspector_id=who, edition=edition)
    small, large = _photo(store, SMALL_PHOTO), _photo(store, LARGE_PHOTO)
    for number, criterion in enumerate(c for c in edition.criteria if c.photo_required):
        sha256, size = large if number == 0 else small
        photo = NewPhoto(sha256, sha256, 2048, 1536, size, None, None)
        add_photo(db, audit.id, criterion.id, photo, caption="", by=who)
    for criterion_id in edition.criterion_ids:
        record_verdict(db, audit.id, criterion_id, Verdict.MET, by=who)
    return seal_audit(db, audit.id, field_device.key).hash


def _photo(store: Any, size: int) -> tuple[str, int]:
    data = os.urandom(size)
    sha256 = hashlib.sha256(data).hexdigest()
    store.put_verified(sha256, data)
    return sha256, size


def make_device(folder: Path, central: Central, inspector_id: str) -> FieldDevice:
    return FieldDevice(folder / inspector_id, central, inspector_id, f"ผู้ตรวจ {inspector_id}")


def direct_client(fleet: Any, device: FleetDevice, base: str) -> Closing:
    """The device's signed client, straight to ``base`` (the proxy or one instance)."""
    http = httpx.Client(base_url=base, verify=fleet.tls(), timeout=120)
    return Closing(http, device.field_device.key)


class Closing(CentralClient):
    """A signed client of its own, closed at the end of a ``with``."""

    def __enter__(self) -> Closing:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.http.close()


def direct_client_for(device: FleetDevice) -> Closing:
    """The device's signed client through the proxy, outside its recording transport."""
    transport = httpx.HTTPTransport(verify=device.transport.tls)
    http = httpx.Client(base_url=device.base, transport=transport, timeout=120)
    return Closing(http, device.field_device.key)


def applied_chain(pages: list[Page], view: str, saved: int) -> list[Page]:
    """The pages that led to the saved cursor, oldest first, back to the first pull (since 0);
    pages of a pull the device did not apply (cut short, repeated) fall out."""
    own = [page for page in pages if page.view == view]
    chain: list[Page] = []
    wanted, before = saved, len(own)
    while wanted != 0 or not chain:
        found = next((i for i in range(before - 1, -1, -1) if own[i].cursor == wanted), None)
        assert found is not None, f"{view}: no pull page ends at {wanted}"
        chain.insert(0, own[found])
        wanted, before = own[found].since, found
        if wanted == 0:
            break
    return chain


def latest(chain: list[Page]) -> dict[str, int]:
    return {change_id: seq for page in chain for change_id, seq in page.changes}
