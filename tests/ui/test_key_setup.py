"""The signing key on screen: first run asks for it after the profile; a passphrase typed twice
makes it off the event loop; its fingerprint and QR code are shown; the central store's address
is optional. Real SQLite and a real key file (with a cheap KDF); no page.
"""

from __future__ import annotations

import asyncio
import re
import threading

import pytest

from field_audit.app import Services
from field_audit.domain.edition import Edition
from field_audit.services.onsite import KeyInfo
from field_audit.storage.assignments import inspector_profile
from field_audit.storage.database import Database
from field_audit.storage.demo import load_demo_data
from field_audit.ui.state.notices import Notices
from field_audit.ui.state.session import AppState
from field_audit.ui.state.writer import SerialWriter
from tests.seal.conftest import CHEAP
from tests.ui.conftest import run

GOOD = "ลานจอดรถ-2569"
SPOKEN = re.compile(r"\d{5}( \d{5}){5}")


class Watched(Services):
    """Services that note which thread made the key."""

    made_on: str = ""

    def create_key(self, passphrase: str) -> KeyInfo:
        self.made_on = threading.current_thread().name
        return super().create_key(passphrase)


@pytest.fixture
def fresh(db: Database, edition: Edition) -> Watched:
    return Watched(db, edition, central_url=None, kdf=CHEAP)


@pytest.fixture
def first_run(fresh: Watched, writer: SerialWriter) -> AppState:
    app = AppState(fresh, Notices(), writer)
    app.save_profile("นางสาวกานดา มีสุข", "นักวิเคราะห์นโยบายและแผน")
    assert app.screen == "key"
    assert app.key is not None
    return app


def test_a_short_passphrase_is_refused_in_words(first_run: AppState) -> None:
    assert first_run.key is not None
    run(first_run.key.create("สั้น", "สั้น"))
    assert first_run.key.key is None
    assert first_run.key.error is not None
    assert "อย่างน้อย 8 ตัวอักษร" in first_run.key.error.th
    assert "at least 8 characters" in first_run.key.error.en


def test_the_two_passphrases_must_match(first_run: AppState) -> None:
    assert first_run.key is not None
    run(first_run.key.create(GOOD, GOOD + "x"))
    assert first_run.key.key is None
    assert first_run.key.error is not None
    assert first_run.key.error.th == "รหัสผ่านทั้งสองช่องไม่ตรงกัน"


def test_the_key_is_made_off_the_event_loop_and_shown(first_run: AppState, fresh: Watched) -> None:
    key = first_run.key
    assert key is not None
    busy: list[bool] = []

    def listener(_sender: object, field: str | None) -> None:
        if field == "busy":
            busy.append(key.busy)

    key.subscribe(listener)
    run(key.create(GOOD, GOOD))
    assert busy == [True, False]
    assert fresh.made_on != threading.main_thread().name
    assert key.key is not None
    assert SPOKEN.fullmatch(key.key.fingerprint)
    assert key.key.qr_png.startswith(b"\x89PNG")
    assert key.key.enrolment_text.startswith("GECC-KEY:1:")
    assert key.error is None
    run(first_run.leave_key())
    assert first_run.screen == "assignments"
    assert fresh.signing_key() == key.key


def test_the_central_address_is_optional_and_checked(first_run: AppState, fresh: Watched) -> None:
    key = first_run.key
    assert key is not None
    key.save_central_url("gecc.example.go.th")
    assert key.central_note is not None
    assert not key.central_ok
    assert "http://" in key.central_note.th
    key.save_central_url(" https://gecc.example.go.th ")
    assert key.central_ok
    profile = inspector_profile(fresh.db)
    assert profile is not None
    assert profile.central_url == "https://gecc.example.go.th"
    key.save_central_url("")
    profile = inspector_profile(fresh.db)
    assert profile is not None
    assert profile.central_url is None


def test_a_device_with_a_key_skips_the_key_screen_at_first_run(
    fresh: Watched, writer: SerialWriter
) -> None:
    fresh.create_key(GOOD)
    app = AppState(fresh, Notices(), writer)
    app.save_profile("นายสมชาย ใจดี", "")
    assert app.screen == "assignments"


def test_my_key_from_the_app_bar_and_back(
    db: Database, edition: Edition, writer: SerialWriter
) -> None:
    load_demo_data(db, edition)  # the demo has a profile but no key
    app = AppState(Services(db, edition, central_url=None, kdf=CHEAP), Notices(), writer)
    assert app.screen == "assignments"
    app.open_key()
    assert app.screen == "key"
    assert app.key is not None
    assert app.key.key is None
    run(app.key.create(GOOD, GOOD))
    assert app.key.key is not None
    run(app.go_back())
    assert app.screen == "assignments"
    app.open_key()
    assert app.key is not None
    assert app.key.key is not None  # shown again without a passphrase
    run(app.key.create(GOOD, GOOD))  # a second key is never made over the first
    assert app.key.error is None


def test_creating_twice_at_once_makes_one_key(first_run: AppState) -> None:
    key = first_run.key
    assert key is not None

    async def twice() -> None:
        await asyncio.gather(key.create(GOOD, GOOD), key.create(GOOD, GOOD))

    run(twice())
    assert key.key is not None
    assert key.error is None
