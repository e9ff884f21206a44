"""The sync screen in a real browser against a real central store (uvicorn on loopback, photo
chunks slowed so progress can be seen): a refused item shows its reason in words, the
passphrase unlocks the key for the session, the progress bars move, the waiting audit goes.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser
from sqlmodel import select

from field_audit.storage.models import InspectorProfile
from field_audit.sync_client.transfer import CHUNK_BYTES
from field_audit.syncing.pull import pull_all
from field_audit.syncing.push import Backoff
from field_audit.syncing.run import sync_now
from sync.server.app import build_app
from sync.server.central import open_central
from sync.server.settings import Settings
from tests.server.field_device import PASSPHRASE, FieldDevice, PortalTransport
from tests.server.helpers import ADMIN_TOKEN, Api, build_world
from tests.server.test_sync_client import sealed_audit
from tests.ui.browser import CHROMIUM, TABLET, RunningApp, Screen, free_port

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="needs Debian's Chromium at /usr/bin/chromium (apt-get install chromium)",
    ),
]

NO_WAIT = Backoff(attempts=2, base_seconds=0.0, sleep=lambda _s: None)
CHUNK_DELAY_S = "0.35"


@dataclass(frozen=True)
class Prepared:
    app: RunningApp
    refused: str
    waiting: str
    key_files: dict[str, bytes]


class CentralProcess:
    """The central store (photo chunks slowed) served by uvicorn in a child process."""

    def __init__(self, data_dir: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "GECC_CENTRAL_DATA_DIR": str(data_dir),
            "GECC_CENTRAL_ADMIN_TOKEN": ADMIN_TOKEN,
            "GECC_TEST_CHUNK_DELAY_S": CHUNK_DELAY_S,
        }
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> CentralProcess:
        command = [sys.executable, "-m", "uvicorn", "tests.ui.slow_central:slow_app_from_env"]
        command += ["--factory", "--host", "127.0.0.1", "--port", str(self.port)]
        self.process = subprocess.Popen([*command, "--log-level", "warning"], env=self.env)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{self.url}/openapi.json", timeout=1)
                return self
            except httpx.TransportError:
                time.sleep(0.1)
        raise AssertionError("uvicorn did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Prepared]:
    """A member's device that synced once (one audit refused: its bytes were damaged), with a
    second sealed audit (a 3 MB photo among its 23) waiting; the central store serving."""
    folder = tmp_path_factory.mktemp("sync")
    central = open_central(
        Settings(data_dir=folder / "central", admin_token=ADMIN_TOKEN, auto_migrate=True)
    )
    api = Api(build_app(central))
    world = build_world(central, api)
    member = FieldDevice(folder / "data", central, world.member_a.inspector_id, world.member_a.name)
    client = member.client(PortalTransport(api))
    db = member.device.db
    pull_all(db, client)
    refused = sealed_audit(member, world, lao="pattaya")
    with db.engine.begin() as connection:  # damaged on the device: the store refuses it
        connection.exec_driver_sql(
            "UPDATE sealed_result SET payload = CAST(replace(payload, 'pattaya', 'pattayz')"
            " AS BLOB) WHERE hash = ?",
            (refused,),
        )
    sync_now(db, member.device.photos, client, backoff=NO_WAIT)
    waiting = sealed_audit(member, world, lao="cm-city", big_photo=3 * CHUNK_BYTES)
    server = CentralProcess(folder / "central")
    with db.session() as session:
        profile = session.exec(select(InspectorProfile)).one()
        profile.central_url = server.url
        session.add(profile)
        session.commit()
    key_files = {p.name: p.read_bytes() for p in member.device.keys_dir.iterdir()}
    member.device.close()
    api.close()
    central.close()
    server.start()
    app = RunningApp(folder / "data", demo=False).start()
    yield Prepared(app, refused, waiting, key_files)
    app.stop()
    server.stop()


def settled_shot(screen: Screen, name: str) -> None:
    """A screenshot once the last change has been painted too (the accessibility tree can run
    ahead of the picture when both cores are busy)."""
    screen.page.wait_for_timeout(800)
    screen.shot(name)


def outbox_states(data_dir: Path) -> dict[str, str]:
    with sqlite3.connect(data_dir / "field-audit.sqlite3") as connection:
        rows = connection.execute("SELECT ref, state FROM outbox").fetchall()
    return dict(rows)


def test_a_sync_shows_progress_and_the_refused_item_in_words(
    browser: Browser, prepared: Prepared
) -> None:
    screen = Screen.open(browser, prepared.app.url, TABLET)
    try:
        screen.see("เทศบาลนครเชียงใหม่")
        screen.see("ออนไลน์", timeout=30_000)  # the central store answers
        screen.button("ซิงค์").click()
        screen.see("ส่งและรับข้อมูลกับศูนย์ข้อมูลกลาง")
        screen.see("ถูกปฏิเสธ")
        screen.see("ลายมือชื่อดิจิทัลตรวจสอบไม่ผ่าน")
        screen.see("ซิงค์ล่าสุด")
        screen.type_into(screen.textbox("รหัสผ่านกุญแจของผู้ตรวจ"), PASSPHRASE)
        screen.button("ซิงค์ตอนนี้").click()
        screen.see("ส่งแล้ว 0/1 รายการ", timeout=30_000)
        screen.see("ภาพถ่าย")
        settled_shot(screen, "sync-progress-th-800x1280")
        screen.see("ซิงค์เสร็จ", timeout=90_000)
        screen.see("กุญแจปลดล็อกแล้วสำหรับการใช้งานครั้งนี้")
        screen.see("ส่งแล้ว")
        settled_shot(screen, "sync-done-th-800x1280")
        states = outbox_states(prepared.app.data_dir)
        assert states == {prepared.refused: "refused", prepared.waiting: "sent"}
        screen.page.set_viewport_size({"width": 1280, "height": 800})
        screen.see("ซิงค์เสร็จ")
        settled_shot(screen, "sync-done-th-1280x800")
    finally:
        screen.close()


def test_the_key_file_is_left_as_it_was(prepared: Prepared) -> None:
    """Unlocking for the session kept the key in memory: the keys folder still holds exactly
    the sealed key file it held before, byte for byte."""
    keys = prepared.app.data_dir / "keys"
    assert {p.name: p.read_bytes() for p in keys.iterdir()} == prepared.key_files
