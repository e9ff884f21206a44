"""The composition root and the services the UI calls, over a real device database."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from field_audit.app import AppConfig, Services, build_services
from field_audit.domain.answers import Verdict
from field_audit.storage.assignments import is_empty
from field_audit.storage.demo import DEMO_INSPECTOR_ID
from field_audit.ui.run import free_port
from field_audit.ui.state.connectivity import Connectivity, watch_central
from field_audit.ui.state.writer import SerialWriter


def test_build_services_loads_the_demo_only_when_asked_and_empty(tmp_path: Path) -> None:
    plain = build_services(AppConfig(tmp_path / "plain"))
    assert is_empty(plain.db)
    assert plain.inspector() is None
    plain.close()
    demo = build_services(AppConfig(tmp_path / "demo", demo_if_empty=True))
    assert len(demo.assignments(DEMO_INSPECTOR_ID)) == 7
    demo.close()
    again = build_services(AppConfig(tmp_path / "demo", demo_if_empty=True))
    assert len(again.assignments(DEMO_INSPECTOR_ID)) == 7
    again.close()


def test_an_opened_audit_carries_claims_notes_and_photo_counts(demo_services: Services) -> None:
    view = next(v for v in demo_services.assignments(DEMO_INSPECTOR_ID) if v.lao.id == "cm-city")
    snapshot = demo_services.open_audit(view, DEMO_INSPECTOR_ID)
    assert snapshot.editable
    assert len(snapshot.claims) == 60
    demo_services.record_verdict(snapshot.audit_id, "B04", Verdict.MET, by=DEMO_INSPECTOR_ID)
    demo_services.record_note(snapshot.audit_id, "B04", "ป้ายชัด", by=DEMO_INSPECTOR_ID)
    again = demo_services.open_audit(view, DEMO_INSPECTOR_ID)
    assert again.audit_id == snapshot.audit_id
    assert again.verdicts == {"B04": Verdict.MET}
    assert again.notes == {"B04": "ป้ายชัด"}
    assert again.photo_counts == {}


def test_no_central_url_means_offline(demo_services: Services) -> None:
    assert demo_services.central_url() is None
    assert not demo_services.central_reachable()


class Answer(BaseHTTPRequestHandler):
    """Any page answers 200; ``/v1/health`` answers what the server's ``health`` says."""

    def do_GET(self) -> None:
        status = self.server.health if self.path == "/v1/health" else 200  # type: ignore[attr-defined]
        self.send_response(status)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def central() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Answer)
    server.health = 200  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def services_of(demo_services: Services, server: ThreadingHTTPServer) -> Services:
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    return Services(demo_services.db, demo_services.edition, central_url=url)


def test_a_central_store_whose_health_is_good_is_online(
    demo_services: Services, central: ThreadingHTTPServer
) -> None:
    assert services_of(demo_services, central).central_reachable()


@pytest.mark.parametrize("health", [503, 404])
def test_a_store_that_answers_but_is_not_healthy_is_offline(
    demo_services: Services, central: ThreadingHTTPServer, health: int
) -> None:
    """503: the store is up but its database or photo store is not; 404: not a central store
    at all (a captive portal answers any page). Either way a sync cannot happen."""
    central.health = health  # type: ignore[attr-defined]
    assert not services_of(demo_services, central).central_reachable()


def test_a_central_store_that_does_not_answer_is_offline(demo_services: Services) -> None:
    silent = f"http://127.0.0.1:{free_port()}/"
    services = Services(demo_services.db, demo_services.edition, central_url=silent)
    assert not services.central_reachable(timeout=0.5)


def test_connectivity_is_watched_off_the_event_loop() -> None:
    connectivity = Connectivity()
    calls: list[str] = []

    def reachable() -> bool:
        calls.append(threading.current_thread().name)
        return True

    async def watch_once() -> None:
        task = asyncio.create_task(watch_central(reachable, connectivity, every=0.01))
        while not connectivity.online:
            await asyncio.sleep(0.005)
        task.cancel()

    asyncio.run(watch_once())
    assert connectivity.online
    assert calls[0] != threading.main_thread().name


def test_writes_run_in_the_order_asked(writer: SerialWriter) -> None:
    done: list[int] = []

    async def ask_many() -> None:
        await asyncio.gather(*(writer.run(done.append, i) for i in range(20)))

    asyncio.run(ask_many())
    assert done == list(range(20))
