"""The sync screen's state against the real central store app, in process: the passphrase
prompt, progress in items and bytes, refusals in words, retry, the address and the online chip.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest

from field_audit.app import Services
from field_audit.services.syncing import SyncDesk, split_reason
from field_audit.storage.models import now_utc
from field_audit.storage.outbox import all_items
from field_audit.syncing.push import Backoff, PushProgress
from field_audit.ui.i18n import tr
from field_audit.ui.run import free_port
from field_audit.ui.state.connectivity import Connectivity
from field_audit.ui.state.notices import Notices
from field_audit.ui.state.sync import SyncState, reason_words
from field_audit.ui.state.unlock import SessionKey
from sync.protocol.requests import request_key_id
from sync.server.central import Central
from sync.server.store.keys import revoke_key
from tests.server.field_device import PASSPHRASE, CutTransport, FieldDevice, PortalTransport
from tests.server.helpers import Api, World
from tests.server.test_sync_client import Clock, sealed_audit

NO_WAIT = Backoff(attempts=2, base_seconds=0.0, sleep=lambda _s: None)
WAIT = Backoff(attempts=2, base_seconds=10.0, sleep=lambda _s: None)


@pytest.fixture
def member(tmp_path: Path, world: World, central: Central) -> Iterator[FieldDevice]:
    device = FieldDevice(
        tmp_path / "member", central, world.member_a.inspector_id, world.member_a.name
    )
    yield device
    device.device.close()


def sync_state(
    member: FieldDevice,
    world: World,
    transport: httpx.BaseTransport,
    *,
    clock: Callable[[], datetime] = now_utc,
    backoff: Backoff = NO_WAIT,
) -> tuple[SyncState, Services]:
    services = Services(
        member.device.db,
        world.edition,
        central_url="http://central.test",
        photos=member.device.photos,
        keys_dir=member.device.keys_dir,
    )
    desk = SyncDesk(
        member.device.db,
        member.device.photos,
        http=lambda url: httpx.Client(transport=transport, base_url=url),
        backoff=backoff,
        clock=clock,
    )
    state = SyncState(
        services,
        notices=Notices(),
        key=SessionKey(services),
        connectivity=Connectivity(),
        desk=desk,
    )
    return state, services


def test_a_sync_asks_for_the_passphrase_once_and_shows_progress_and_refusals(
    member: FieldDevice, world: World, api: Api
) -> None:
    state, _ = sync_state(member, world, PortalTransport(api))
    assert state.lines == ()
    assert state.last is None
    assert asyncio.run(state.sync()) is None  # no passphrase yet
    assert state.key.error is not None
    assert state.key.error[0] == "กรุณาใส่รหัสผ่านกุญแจ"
    assert asyncio.run(state.sync("ผิด-ผิด-ผิด")) is None
    assert state.key.error is not None
    assert state.key.error[0].startswith("รหัสผ่านไม่ถูกต้อง")
    first = asyncio.run(state.sync(PASSPHRASE))
    assert first is not None
    assert first.pulled > 0  # the assignments came down
    assert state.key.unlocked
    assert state.connectivity.online
    assert state.said == ("sync.done", {"sent": 0, "refused": 0, "pulled": first.pulled})
    assert state.last is not None
    assert state.last.finished_at is not None

    damaged = sealed_audit(member, world, lao="cm-city")
    good = sealed_audit(member, world, lao="pattaya")
    with member.device.db.engine.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE sealed_result"
            " SET payload = CAST(replace(payload, 'cm-city', 'cm-citz') AS BLOB) WHERE hash = ?",
            (damaged,),
        )
    state.reload()
    assert [line.state for line in state.lines] == ["waiting", "waiting"]
    seen: list[PushProgress] = []

    def watch(_sender: object, field: str | None) -> None:
        if field == "progress" and state.progress is not None:
            seen.append(state.progress)

    state.subscribe(watch)
    report = asyncio.run(state.sync())  # the key stays unlocked: no passphrase again
    assert report is not None
    assert report.push.sent == [good]
    assert seen
    assert [p.items_done for p in seen] == sorted(p.items_done for p in seen)
    last = seen[-1]
    assert (last.items_done, last.items_total) == (2, 2)
    assert last.bytes_total > 0
    assert last.bytes_sent == last.bytes_total
    assert any(0 < p.bytes_sent < p.bytes_total for p in seen)  # photos counted as they go
    by_ref = {line.ref: line for line in state.lines}
    assert by_ref[good].state == "sent"
    refused = by_ref[damaged]
    assert (refused.state, refused.reason_code) == ("refused", "BAD_SIGNATURE")
    assert refused.lao_th == "เทศบาลนครเชียงใหม่"
    assert reason_words(refused, "th") == ("ลายมือชื่อดิจิทัลตรวจสอบไม่ผ่าน ข้อมูลในเครื่องอาจเสียหายหรือถูกแก้ไข")
    assert state.said is not None
    assert state.said[1]["refused"] == 1

    again = asyncio.run(state.retry())
    assert again is not None
    assert [ref for ref, _ in again.push.refused] == [damaged]  # still damaged: refused again
    assert {line.ref: line.attempts for line in state.lines}[damaged] == 2


def test_a_network_down_run_keeps_items_waiting_and_goes_offline(
    member: FieldDevice, world: World, api: Api
) -> None:
    portal = PortalTransport(api)
    state, _ = sync_state(member, world, portal)
    asyncio.run(state.sync(PASSPHRASE))
    sealed_audit(member, world)
    down = CutTransport(portal, lambda _request, _count: True)
    state_down, _ = sync_state(member, world, down)
    state_down.connectivity.online = True
    report = asyncio.run(state_down.sync(PASSPHRASE))
    assert report is not None
    assert report.push.stopped is not None
    assert state_down.said == ("sync.stopped", {})
    assert not state_down.connectivity.online
    [line] = state_down.lines
    assert (line.state, line.reason_code) == ("waiting", None)
    assert reason_words(line, "en") == (
        "The central store could not be reached last time; the next sync tries again"
    )
    assert [item.state for item in all_items(member.device.db)] == ["waiting"]


def test_the_address_is_checked_saved_and_used(member: FieldDevice, world: World, api: Api) -> None:
    state, services = sync_state(member, world, PortalTransport(api))
    assert state.address == "http://central.test"
    asyncio.run(state.save_address("central.example.go.th"))
    assert state.address_error == "sync.address_bad"
    silent = f"http://127.0.0.1:{free_port()}/"
    asyncio.run(state.save_address(silent))
    assert state.address_error is None
    assert state.address == silent  # the saved one now wins over the command line's
    assert services.inspector() is not None
    assert services.inspector().central_url == silent  # type: ignore[union-attr]
    assert not state.connectivity.online
    asyncio.run(state.save_address(""))
    assert state.address == ""
    assert asyncio.run(state.sync(PASSPHRASE)) is None
    assert state.said == ("sync.no_address", {})


def test_refusal_reasons_are_split_from_their_codes() -> None:
    assert split_reason("KEY_REVOKED: KEY_REVOKED: the key was revoked") == (
        "KEY_REVOKED",
        "the key was revoked",
    )
    assert split_reason("the central store could not be reached: timeout") == (
        None,
        "the central store could not be reached: timeout",
    )
    assert split_reason(None) == (None, None)


def test_a_revoked_key_says_so_sends_nothing_and_stays_online(
    member: FieldDevice, world: World, api: Api, central: Central
) -> None:
    portal = PortalTransport(api)
    state, _ = sync_state(member, world, portal)
    asyncio.run(state.sync(PASSPHRASE))
    sealed_audit(member, world)
    with central.session() as session:
        revoke_key(session, request_key_id(member.key.public_key), actor="clerk", reason="หาย")
    report = asyncio.run(state.sync(PASSPHRASE))
    assert report is not None
    assert state.said == ("sync.key_refused", {"code": "KEY_REVOKED"})
    assert state.connectivity.online  # the store answered: it is the key, not the network
    assert "ไม่รับกุญแจของเครื่องนี้ (KEY_REVOKED)" in tr(state.said[0], "th", **state.said[1])
    assert [item.state for item in all_items(member.device.db)] == ["waiting"]


def test_an_item_waiting_out_its_backoff_is_shown_and_sent_now_on_request(
    member: FieldDevice, world: World, api: Api
) -> None:
    portal, clock = PortalTransport(api), Clock()
    state, _ = sync_state(member, world, portal, clock=clock, backoff=WAIT)
    asyncio.run(state.sync(PASSPHRASE))
    result_hash = sealed_audit(member, world)
    cut = CutTransport(portal, lambda _request, _count: True)
    down, _ = sync_state(member, world, cut, clock=clock, backoff=WAIT)
    asyncio.run(down.sync(PASSPHRASE))
    state.reload()
    [line] = state.lines
    assert line.waits_until == clock.now + timedelta(seconds=40)
    assert state.counts()["deferred"] == 1  # the "send now" button shows

    report = asyncio.run(state.sync())
    assert report is not None
    assert report.push.deferred == [result_hash]
    assert state.said == ("sync.deferred", {"sent": 0, "refused": 0, "pulled": 0, "deferred": 1})
    assert "1 waiting a little" in tr(state.said[0], "en", **state.said[1])

    now = asyncio.run(state.retry())
    assert now is not None
    assert now.push.sent == [result_hash]
    assert state.counts() == {"waiting": 0, "sent": 1, "refused": 0, "deferred": 0}
