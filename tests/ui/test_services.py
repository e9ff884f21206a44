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
    def do_GET(self) -> None:
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def central() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Answer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_a_central_store_that_answers_is_online(demo_services: Services, central: str) -> None:
    services = Services(demo_services.db, demo_services.edition, central_url=central)
    assert services.central_reachable()


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
