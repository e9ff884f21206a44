"""The central store as the country runs it, on one machine: two ``gecc-central serve``
instances (one of them with two worker processes) behind nginx with TLS, on PostgreSQL, photos
in an S3 store over HTTP (moto's server). Fifty devices, the real sync client each, sync at
once through the proxy; one instance is killed with SIGKILL in the middle and started again.

Then: every result is stored exactly once and every photo is intact; sending again changes
nothing; a nonce spent at one instance is refused by the other; each device's pulls form one
unbroken, strictly increasing chain of changes that misses nothing; no process holds a whole
photo body; the metrics add up across worker processes and the client's request id is in the
proxy's and the instance's logs; a backup restores into a fresh database and bucket, which
``verify-all`` passes, and a damaged photo there is found. Every wait is on a condition.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from field_audit.domain.edition import Edition, load_bundled_edition
from field_audit.storage import directory
from field_audit.storage.models import now_utc
from field_audit.storage.outbox import all_items
from field_audit.storage.sealed import get_sealed, sealed_for_assignment
from field_audit.sync_client.http import CentralClient
from scripts.fleet.fleet import Fleet, make_bucket, running_fleet
from scripts.fleet.processes import memory, reset_peak
from sync.protocol.certificates.model import thai_date
from sync.protocol.requests import new_nonce, request_key_id, sign_request
from sync.protocol.sealed import SEALED_AUDIT
from sync.server.central import Central, open_central
from sync.server.models import AuditLogRecord, ResultRecord
from sync.server.upkeep.sweep import verify_all
from tests.fleet.devices import (
    VIEWS,
    ChunkCounter,
    FleetDevice,
    RecordingTransport,
    applied_chain,
    direct_client,
    direct_client_for,
    latest,
    make_device,
    seal_visit,
    seed_committees,
)
from tests.postgres import fresh_database
from tests.server.conftest import POSTGRES_URL

DEVICES = 50
KILL_AFTER = 60  # photo chunks sent through the proxy, of about 200 in the run
BIG_PHOTO = 64 * 1024 * 1024
pytestmark = [
    pytest.mark.slow,
    pytest.mark.postgres,
    pytest.mark.skipif(not POSTGRES_URL, reason="GECC_TEST_POSTGRES_URL is not set"),
    pytest.mark.skipif(
        not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()),
        reason="nginx is not installed (.ci/run installs Debian's)",
    ),
]


@pytest.fixture
def fleet(tmp_path: Path, worker_id: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Fleet]:
    for name, value in (("AWS_ACCESS_KEY_ID", "fleet"), ("AWS_SECRET_ACCESS_KEY", "fleet-secret")):
        monkeypatch.setenv(name, value)  # boto3 in this process, for the checks
    for url in fresh_database("fleet", worker_id):
        with running_fleet(tmp_path / "fleet", url, workers=(1, 2)) as running:
            yield running


@pytest.fixture
def restored_database(worker_id: str) -> Iterator[str]:
    yield from fresh_database("fleet_restored", worker_id)


def test_fifty_devices_sync_through_two_instances_while_one_is_killed(
    fleet: Fleet, tmp_path: Path, restored_database: str
) -> None:
    edition = load_bundled_edition()
    central = open_central(fleet.settings())
    try:
        counter = ChunkCounter(KILL_AFTER)
        devices = prepared_devices(fleet, central, edition, counter, tmp_path / "devices")
        killed_at = run_while_killing_one(fleet, devices, counter)
        assert counter.seen > killed_at  # devices were still uploading when it went down
        settle(devices)
        check_each_result_stored_once(central, devices)
        check_every_photo_intact(central)
        check_sending_again_changes_nothing(fleet, central, devices)
        check_a_nonce_spent_at_one_instance_is_refused_by_the_other(fleet, devices[0])
        check_pulls_are_one_unbroken_increasing_chain(devices)
        check_no_process_holds_a_whole_photo(fleet, devices[0])
        check_metrics_and_request_ids(fleet, devices)
        check_a_backup_restores_into_fresh_stores(fleet, tmp_path, restored_database)
    finally:
        central.close()


def prepared_devices(
    fleet: Fleet, central: Central, edition: Edition, counter: ChunkCounter, folder: Path
) -> list[FleetDevice]:
    """Every member's device: its key enrolled, its assignment pulled, its audit sealed."""
    assigned = seed_committees(central, edition, DEVICES)

    def prepare(inspector_id: str) -> FleetDevice:
        transport = RecordingTransport(fleet.tls(), counter)
        field_device = make_device(folder, central, inspector_id)
        device = FleetDevice(field_device, assigned[inspector_id][0], transport, fleet.base)
        assert device.sync().error is None
        device.sealed = seal_visit(device, edition)
        return device

    with ThreadPoolExecutor(10) as pool:
        return list(pool.map(prepare, sorted(assigned)))


def run_while_killing_one(fleet: Fleet, devices: list[FleetDevice], counter: ChunkCounter) -> int:
    """Every device syncs twice, all at once; instance 0 is killed once ``KILL_AFTER`` photo
    chunks went out, and started again. Returns the chunk count at the kill."""
    killed_at: list[int] = []

    def kill_and_restart() -> None:
        assert counter.reached.wait(timeout=300), "the devices never got that far"
        fleet.instances[0].kill()
        killed_at.append(counter.seen)
        fleet.start_instance(0)

    killer = threading.Thread(target=kill_and_restart)
    killer.start()
    with ThreadPoolExecutor(DEVICES) as pool:
        list(pool.map(lambda device: [device.sync(), device.sync()], devices))
    killer.join(timeout=300)
    assert killed_at, "instance 0 was never killed"
    return killed_at[0]


def settle(devices: list[FleetDevice]) -> None:
    """What a device does next time at the office: send what still waits (its backoff over),
    then a last pull for everyone, once every result is in."""
    later = now_utc() + timedelta(days=1)
    for device in devices:
        for _attempt in range(3):
            if all(i.state == "sent" for i in all_items(device.field_device.device.db)):
                break
            device.sync(clock=lambda: later)
        items = all_items(device.field_device.device.db)
        assert [i.state for i in items] == ["sent"], [i.last_error for i in items]
    with ThreadPoolExecutor(10) as pool:
        reports = list(pool.map(lambda device: device.sync(), devices))
    assert [r.error for r in reports] == [None] * DEVICES


def check_each_result_stored_once(central: Central, devices: list[FleetDevice]) -> None:
    sealed = {device.sealed for device in devices}
    with central.session() as session:
        stored = session.exec(select(ResultRecord.hash)).all()  # type: ignore[call-overload]
        received = session.exec(
            select(AuditLogRecord.subject, func.count())  # type: ignore[call-overload]
            .where(AuditLogRecord.action == "result.receive")
            .group_by(AuditLogRecord.subject)
        ).all()
    assert sorted(row[0] for row in stored) == sorted(sealed)
    assert dict(received) == dict.fromkeys(sealed, 1)


def check_every_photo_intact(central: Central) -> None:
    sweep = verify_all(central, thai_date(central.clock()))
    assert sweep.problems == []
    assert (sweep.results, sweep.photos) == (DEVICES, 2 * DEVICES)


def check_sending_again_changes_nothing(
    fleet: Fleet, central: Central, devices: list[FleetDevice]
) -> None:
    """Each result again, half through the proxy and half to each instance directly: 200 and
    the stored record; a photo's first chunk again: the photo complete, as it was."""
    for number, device in enumerate(devices):
        base = fleet.base if number % 2 else fleet.instance_base(number // 2 % 2)
        with direct_client(fleet, device, base) as client:
            record = get_sealed(device.field_device.device.db, device.sealed)
            assert record is not None
            body = {
                "payload": record.payload.decode(),
                "envelope": {"signature": record.signature, "public_key": record.public_key},
            }
            answer = client.post_json("/v1/results", body)
            assert (answer.status_code, answer.json()["hash"]) == (200, device.sealed)
    check_each_result_stored_once(central, devices)
    photo = next(iter(devices[0].field_device.device.photos.root.glob("photos/*/*")), None)
    assert photo is not None
    with direct_client(fleet, devices[0], fleet.base) as client:
        answer = client.call(
            "PATCH",
            f"/v1/photos/{photo.name}",
            body=photo.read_bytes()[:1000],
            headers={"Upload-Offset": "0", "Upload-Length": str(photo.stat().st_size)},
            content_type="application/octet-stream",
        )
    assert answer.json() == {"sha256": photo.name, "offset": photo.stat().st_size, "complete": True}


def check_a_nonce_spent_at_one_instance_is_refused_by_the_other(
    fleet: Fleet, device: FleetDevice
) -> None:
    key = device.field_device.key
    headers = sign_request(
        method="GET",
        target="/v1/me",
        key_id=request_key_id(key.public_key),
        sign=key.sign,
        now=int(time.time()),
        nonce=new_nonce(),
        body=b"",
    )
    first = httpx.get(f"{fleet.instance_base(0)}/v1/me", headers=headers)
    again = httpx.get(f"{fleet.instance_base(1)}/v1/me", headers=headers)
    assert first.status_code == 200, first.text
    assert (again.status_code, again.json()["code"]) == (401, "REPLAYED_NONCE")


def check_pulls_are_one_unbroken_increasing_chain(devices: list[FleetDevice]) -> None:
    """For each view, the pages a device applied, from its first pull to its saved cursor,
    link up (each asks from the last one's cursor), their changes' sequence numbers strictly
    increase, and together they hold exactly what a pull from scratch gives now."""
    for device in devices:
        db = device.field_device.device.db
        with direct_client_for(device) as client:
            for view in VIEWS:
                chain = applied_chain(
                    device.transport.recording.pages, view, directory.cursor_of(db, view)
                )
                seqs = [seq for page in chain for _id, seq in page.changes]
                assert seqs == sorted(set(seqs)), (device.field_device.inspector_id, view)
                assert all(
                    page.since < seq <= page.cursor for page in chain for _i, seq in page.changes
                )
                assert latest(chain) == from_scratch(client, view)
        results = sealed_for_assignment(db, device.assignment_id, SEALED_AUDIT)
        assert len(results) == 5  # the whole committee's audits reached every member


def from_scratch(client: CentralClient, view: str) -> dict[str, int]:
    page = client.get_json(f"/v1/{view}?since=0")
    assert page["more"] is False
    return {str(c["id"]): int(c["seq"]) for c in page["changes"]}


def check_no_process_holds_a_whole_photo(fleet: Fleet, device: FleetDevice) -> None:
    """A 64 MiB photo in one request through the proxy: no instance's process nor the proxy's
    grows by half of it (peak resident memory from just before). A process that held the body
    whole would grow by all of it; chunks are streamed, spooled to disk past 1 MiB, and sent to
    S3 in parts of 8 MiB."""
    data = os.urandom(BIG_PHOTO)
    sha256 = hashlib.sha256(data).hexdigest()
    assert fleet.proxy is not None
    processes = [pid for child in [*fleet.instances, fleet.proxy] for pid in child.family()]
    before = {pid: memory(pid, "VmRSS") for pid in processes}
    for pid in processes:
        reset_peak(pid)
    with direct_client(fleet, device, fleet.base) as client:
        headers = {"Upload-Offset": "0", "Upload-Length": str(BIG_PHOTO)}
        answer = client.call(
            "PATCH",
            f"/v1/photos/{sha256}",
            body=data,
            headers=headers,
            content_type="application/octet-stream",
        )
    assert answer.json()["complete"] is True
    growth = {pid: memory(pid, "VmHWM") - before[pid] for pid in processes}
    assert max(growth.values()) < BIG_PHOTO // 2, growth


def check_metrics_and_request_ids(fleet: Fleet, devices: list[FleetDevice]) -> None:
    """Instance 1's two workers report as one: forty probes sent to it are counted forty
    times. A result's upload is in the proxy's log and an instance's under the device's id."""
    ready = {"method": "GET", "route": "/v1/ready", "status": "200"}
    before = scrape(fleet, 1).get(("gecc_http_requests_total", frozenset(ready.items())), 0.0)
    for _ in range(40):
        assert httpx.get(f"{fleet.instance_base(1)}/v1/ready").status_code == 200
    samples = scrape(fleet, 1)
    assert samples[("gecc_http_requests_total", frozenset(ready.items()))] - before == 40
    assert samples[("gecc_refusals_total", frozenset({("code", "REPLAYED_NONCE")}))] >= 1
    chunk = {"method": "PATCH", "route": "/v1/photos/{sha256}"}
    assert (
        samples[("gecc_sync_step_duration_seconds_count", frozenset({("step", "photo_chunk")}))] > 0
    )
    assert any(
        key[0] == "gecc_http_requests_total" and chunk.items() <= dict(key[1]).items()
        for key in samples
    )
    request_id = next(
        rid
        for rid, method, path, status in devices[0].transport.recording.answered
        if (method, path, status) == ("POST", "/v1/results", 201)
    )
    assert fleet.proxy is not None
    proxy_log = [
        json.loads(line)
        for line in (fleet.folder / "nginx" / "access.log").read_text().splitlines()
    ]
    assert any(entry["request_id"] == request_id and entry["status"] == 201 for entry in proxy_log)
    instance_lines = [
        json.loads(line)
        for child in fleet.instances
        for line in child.log.read_text().splitlines()
        if line.startswith("{")
    ]
    assert any(
        line.get("request_id") == request_id and line.get("route") == "/v1/results"
        for line in instance_lines
    )


def scrape(fleet: Fleet, number: int) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    from prometheus_client.parser import text_string_to_metric_families

    answer = httpx.get(f"{fleet.instance_base(number)}/metrics")
    assert answer.status_code == 200
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(answer.text)
        for sample in family.samples
    }


def check_a_backup_restores_into_fresh_stores(fleet: Fleet, tmp_path: Path, url: str) -> None:
    backup = tmp_path / "backup"
    made = fleet.central("backup", str(backup))
    assert f"({DEVICES} results), {2 * DEVICES + 1} photos" in made.stdout
    make_bucket(fleet.s3_url, "gecc-restored")
    elsewhere = fleet.env | {
        "GECC_CENTRAL_DATABASE_URL": url,
        "GECC_CENTRAL_S3_BUCKET": "gecc-restored",
    }
    restore = fleet.central("restore", str(backup), env=elsewhere)
    assert f"s) and {2 * DEVICES + 1} photos (" in restore.stdout
    checked = fleet.central("verify-all", env=elsewhere)
    assert f"checked {DEVICES} results, {2 * DEVICES + 1} photos" in checked.stdout
    assert "no problem(s)" in checked.stdout
    import boto3  # type: ignore[import-untyped]

    s3 = boto3.client("s3", endpoint_url=fleet.s3_url, region_name="us-east-1")
    key = next(
        o["Key"]
        for o in s3.list_objects_v2(Bucket="gecc-restored", Prefix="gecc/photos/")["Contents"]
    )
    s3.put_object(Bucket="gecc-restored", Key=key, Body=b"not the photo")
    damaged = fleet.central("verify-all", env=elsewhere, check=False)
    assert damaged.returncode == 1
    assert f"PHOTO_DAMAGED photo {key.rsplit('/', 1)[1]}: " in damaged.stdout
