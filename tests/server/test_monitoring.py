"""Health, readiness, metrics and request ids (SQLite and PostgreSQL): what a load balancer, a
monitoring system and whoever reads the logs depend on."""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import text

from sync.server.app import build_app
from sync.server.blobs import LocalBlobStore
from sync.server.central import Central
from sync.server.database import make_engine
from sync.server.issuer import Issuer
from sync.server.monitoring.health import cached_head
from sync.server.monitoring.logs import JsonFormatter
from sync.server.settings import Settings
from tests.server.helpers import Api, Device, World
from tests.server.test_database_outage import unreachable_url  # noqa: F401 - a fixture

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def scrape(api: Api) -> Samples:
    answer = api.request("GET", "/metrics")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/plain")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(answer.text)
        for sample in family.samples
    }


def sample(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def test_a_healthy_store_says_so_check_by_check(world: World) -> None:
    answer = world.api.request("GET", "/v1/health")
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["status"] == "ok"
    assert [c["name"] for c in body["checks"]] == ["database", "schema", "blobs"]
    assert all(c["ok"] for c in body["checks"])
    assert world.api.request("GET", "/v1/ready").json() == {"status": "ready"}


def test_a_store_without_its_photo_folder_is_unhealthy_but_ready(
    world: World, settings: Settings
) -> None:
    shutil.rmtree(settings.blob_path / "photos")
    answer = world.api.request("GET", "/v1/health")
    assert answer.status_code == 503
    assert answer.headers["Retry-After"] == "30"
    body = answer.json()
    assert body["code"] == "STORE_UNHEALTHY"
    checks = {c["name"]: c for c in body["details"]["checks"]}
    assert (checks["database"]["ok"], checks["schema"]["ok"]) == (True, True)
    assert checks["blobs"] == {
        "name": "blobs",
        "ok": False,
        "detail": "the photo store does not answer",
    }
    assert str(settings.blob_path) not in answer.text  # the public answer names no path
    assert world.api.request("GET", "/v1/ready").status_code == 200


def test_a_schema_behind_the_release_is_unhealthy_with_what_to_run(world: World) -> None:
    with world.central.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0004'"))
    try:
        answer = world.api.request("GET", "/v1/health")
    finally:  # the PostgreSQL database is the worker's, kept between tests
        with world.central.engine.begin() as connection:
            connection.execute(
                text("UPDATE alembic_version SET version_num = :head"), {"head": cached_head()}
            )
    assert answer.status_code == 503
    schema = next(c for c in answer.json()["details"]["checks"] if c["name"] == "schema")
    assert schema["ok"] is False
    assert "the schema is at 0004" in schema["detail"]
    assert "gecc-central db upgrade" in schema["detail"]


@pytest.fixture
def cut_off(settings: Settings, unreachable_url: str) -> Iterator[Api]:  # noqa: F811
    central = Central(
        settings=settings.replace(database_url=unreachable_url),
        engine=make_engine(unreachable_url, pool_size=1),
        blobs=LocalBlobStore(settings.blob_path),
        issuer=Issuer(None, None),
    )
    client = Api(build_app(central))
    yield client
    client.close()
    central.close()


def test_a_database_out_of_reach_is_unhealthy_and_the_reason_is_logged(
    cut_off: Api, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="sync.server"):
        answer = cut_off.request("GET", "/v1/health", headers={"X-Request-ID": "probe-17"})
    assert answer.status_code == 503
    checks = answer.json()["details"]["checks"]
    assert [(c["name"], c["ok"]) for c in checks] == [("database", False), ("blobs", True)]
    assert checks[0]["detail"] == "the database does not answer"
    logged = [r for r in caplog.records if r.getMessage().startswith("health: the database")]
    assert logged
    assert json.loads(JsonFormatter().format(logged[0]))["level"] == "error"
    assert cut_off.request("GET", "/v1/ready").status_code == 200


def test_requests_are_counted_by_route_template_status_and_refusal(world: World) -> None:
    device = world.member_a
    before = scrape(world.api)
    assert device.get("/v1/me").status_code == 200
    assert device.get("/v1/results?since=0").status_code == 200
    stranger = Device(world.api, "insp-nobody", "ไม่มีใคร")
    assert stranger.get("/v1/me").status_code == 401
    data = b"one photo's bytes" * 100
    device.upload_photo(data)
    after = scrape(world.api)

    def grew(name: str, **labels: str) -> float:
        return sample(after, name, **labels) - sample(before, name, **labels)

    me = {"method": "GET", "route": "/v1/me"}
    assert grew("gecc_http_requests_total", **me, status="200") == 1
    assert grew("gecc_http_requests_total", **me, status="401") == 1
    assert grew("gecc_refusals_total", code="UNKNOWN_KEY") == 1
    chunk = {"method": "PATCH", "route": "/v1/photos/{sha256}"}
    assert grew("gecc_http_requests_total", **chunk, status="200") == 1
    assert grew("gecc_http_received_bytes_total", route="/v1/photos/{sha256}") == len(data)
    assert grew("gecc_http_request_duration_seconds_count", **me) == 2
    assert grew("gecc_sync_step_duration_seconds_count", step="identity") == 2
    assert grew("gecc_sync_step_duration_seconds_count", step="pull") == 1
    assert grew("gecc_sync_step_duration_seconds_count", step="photo_chunk") == 1
    assert not any(sha in str(key) for key in after for sha in ("a" * 64,))


def test_a_path_no_route_takes_is_counted_as_unmatched(world: World) -> None:
    for path in ("/v1/nothing-here", "/v1/also/nothing"):
        assert world.api.request("GET", path).status_code == 404
    found = scrape(world.api)
    labels = {"method": "GET", "route": "unmatched", "status": "404"}
    assert sample(found, "gecc_http_requests_total", **labels) == 2
    assert not any("nothing-here" in str(key) for key in found)


def test_the_request_id_is_the_clients_or_a_new_one_and_comes_back(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="sync.server.access"):
        given = world.api.request("GET", "/v1/ready", headers={"X-Request-ID": "dev-42.a:b"})
        made = world.api.request("GET", "/v1/ready")
        odd = world.api.request("GET", "/v1/ready", headers={"X-Request-ID": "a b\tc"})
    assert given.headers["X-Request-ID"] == "dev-42.a:b"
    assert len(made.headers["X-Request-ID"]) == 32
    assert odd.headers["X-Request-ID"] not in ("a b\tc", made.headers["X-Request-ID"])
    lines = [json.loads(JsonFormatter().format(r)) for r in caplog.records]
    ids = [line.get("request_id") for line in lines]
    assert ids == [r.headers["X-Request-ID"] for r in (given, made, odd)]
    first = lines[0]
    assert first["message"] == "request"
    assert (first["method"], first["route"], first["status"]) == ("GET", "/v1/ready", 200)


def test_json_lines_carry_the_fields_and_the_traceback() -> None:
    try:
        raise ValueError("a broken thing")
    except ValueError:
        record = logging.LogRecord(
            "sync.server", logging.ERROR, __file__, 1, "failed %s", ("x",), None
        )
        import sys

        record.exc_info = sys.exc_info()
    record.fields = {"route": "/v1/me"}
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "failed x"
    assert line["route"] == "/v1/me"
    assert "ValueError: a broken thing" in line["exception"]
    assert line["time"].endswith("+00:00")


def test_health_and_ready_are_documented_and_metrics_is_not(world: World) -> None:
    paths = world.api.request("GET", "/openapi.json").json()["paths"]
    assert set(paths["/v1/health"]) == {"get"}
    assert "503" in paths["/v1/health"]["get"]["responses"]
    assert "/v1/ready" in paths
    assert "/metrics" not in paths


def test_the_sync_client_sends_a_request_id(tmp_path: Path, world: World) -> None:
    from tests.server.field_device import FieldDevice, PortalTransport

    seen: list[str] = []

    class Recording(PortalTransport):
        def handle_request(self, request):  # type: ignore[no-untyped-def]
            seen.append(request.headers.get("X-Request-ID", ""))
            return super().handle_request(request)

    device = FieldDevice(tmp_path / "dev", world.central, "insp-new", "ผู้ตรวจใหม่")
    client = device.client(Recording(world.api))
    client.get_json("/v1/me")
    client.get_json("/v1/me")
    device.device.close()
    assert len(seen) == 2
    assert all(len(s) == 32 for s in seen)
    assert seen[0] != seen[1]
