"""The device's real sync client against the real central store app (SQLite and PostgreSQL):
pull, push photos first, resume after a cut, refusals kept without blocking the others."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import anyio
import httpx
import pytest
from sqlmodel import delete, select

from field_audit.domain.answers import Verdict
from field_audit.seal.sealing import seal_audit
from field_audit.signing import KdfParams, create_identity, unlock
from field_audit.storage.assignments import list_assignments
from field_audit.storage.audits import audit_scope, open_audit, record_verdict
from field_audit.storage.models import AuditRecord, CommitteeMember, InspectorProfile, now_utc
from field_audit.storage.outbox import all_items, retry_refused
from field_audit.storage.photos import NewPhoto, add_photo
from field_audit.storage.sealed import get_sealed
from field_audit.storage.shares import planned_shares
from field_audit.sync_client.http import CentralClient
from field_audit.sync_client.transfer import CHUNK_BYTES
from field_audit.syncing.pull import pull_all
from field_audit.syncing.push import Backoff, PushProgress
from field_audit.syncing.run import sync_now
from sync.protocol.requests import request_key_id
from sync.server.central import Central
from sync.server.store.keys import revoke_key
from sync.server.store.shares import set_share
from tests.server.field_device import PASSPHRASE, CutTransport, FieldDevice, PortalTransport
from tests.server.helpers import Api, World, admin_headers

NO_WAIT = Backoff(attempts=3, base_seconds=0.0, sleep=lambda _s: None)


@pytest.fixture
def transport(api: Api) -> PortalTransport:
    return PortalTransport(api)


@pytest.fixture
def member(tmp_path: Path, world: World, central: Central) -> Iterator[FieldDevice]:
    device = FieldDevice(
        tmp_path / "member", central, world.member_a.inspector_id, world.member_a.name
    )
    yield device
    device.device.close()


def sealed_audit(
    device: FieldDevice, world: World, lao: str = "cm-city", big_photo: int = 0
) -> str:
    """A complete audit with a photo wherever required (the first one ``big_photo`` bytes)."""
    db, store, edition = device.device.db, device.device.photos, world.edition
    audit = open_audit(
        db, assignment_id=world.assignments[lao], inspector_id=device.inspector_id, edition=edition
    )
    for number, criterion in enumerate(c for c in edition.criteria if c.photo_required):
        data = os.urandom(big_photo if number == 0 and big_photo else 30_000)
        sha256 = store_bytes(store, data)
        add_photo(
            db,
            audit.id,
            criterion.id,
            NewPhoto(sha256, sha256, 2048, 1536, len(data), None, None),
            caption="",
            by=device.inspector_id,
        )
    for criterion_id in edition.criterion_ids:
        record_verdict(db, audit.id, criterion_id, Verdict.MET, by=device.inspector_id)
    return seal_audit(db, audit.id, device.key).hash


def store_bytes(store: object, data: bytes) -> str:
    import hashlib

    sha256 = hashlib.sha256(data).hexdigest()
    store.put_verified(sha256, data)  # type: ignore[attr-defined]
    return sha256


def server_has(api: Api, result_hash: str) -> bool:
    return (
        api.request("GET", f"/v1/admin/results/{result_hash}", headers=admin_headers()).status_code
        == 200
    )


def test_pull_brings_the_assignments_of_the_inspectors_committees(
    member: FieldDevice, transport: PortalTransport, world: World
) -> None:
    report = sync_now(
        member.device.db, member.device.photos, member.client(transport), backoff=NO_WAIT
    )
    assert report.error is None
    views = list_assignments(member.device.db, inspector_id=member.inspector_id)
    assert sorted(v.lao.id for v in views) == ["cm-city", "pattaya"]  # not krabi-town (c2)
    assert views[0].round.edition_id == "gecc-2560"
    again = sync_now(
        member.device.db, member.device.photos, member.client(transport), backoff=NO_WAIT
    )
    assert again.pulled == 0


def test_pull_brings_the_rounds_calendar_the_roles_and_the_division_of_the_work(
    member: FieldDevice, transport: PortalTransport, world: World
) -> None:
    basic = [c.id for c in world.edition.criteria if c.block == "basic"]
    with world.central.session() as session:
        set_share(
            session,
            world.central.editions,
            world.assignments["cm-city"],
            member.inspector_id,
            basic,
            actor="secretary",
        )
    report = sync_now(
        member.device.db, member.device.photos, member.client(transport), backoff=NO_WAIT
    )
    assert report.error is None
    db = member.device.db
    with db.session() as session:
        shares = planned_shares(session, world.assignments["cm-city"])
        roles = dict(session.exec(select(CommitteeMember.inspector_id, CommitteeMember.role)).all())
    assert shares == {member.inspector_id: frozenset(basic)}
    assert roles[world.chair.inspector_id] == "chair"
    view = next(v for v in list_assignments(db, inspector_id=member.inspector_id))
    assert (view.round.visits_from, view.round.visits_until) == (
        date(2017, 2, 15),
        date(2017, 3, 31),
    )
    assert not view.outside_window
    audit = open_audit(
        db,
        assignment_id=world.assignments["cm-city"],
        inspector_id=member.inspector_id,
        edition=world.edition,
    )
    assert audit_scope(audit) == frozenset(basic)  # the audit starts from the planned share


def test_a_sealed_audit_goes_up_with_its_photos_once(
    member: FieldDevice, transport: PortalTransport, world: World, api: Api
) -> None:
    client = member.client(transport)
    pull_all(member.device.db, client)
    result_hash = sealed_audit(member, world)
    report = sync_now(member.device.db, member.device.photos, client, backoff=NO_WAIT)
    assert report.push.sent == [result_hash]
    assert server_has(api, result_hash)
    assert [i.state for i in all_items(member.device.db)] == ["sent"]
    stored = get_sealed(member.device.db, result_hash)
    assert stored is not None
    again = sync_now(member.device.db, member.device.photos, client, backoff=NO_WAIT)
    assert again.push.sent == []


SMALL_PHOTOS = 23  # the photos other than the big one in ``sealed_audit``
ALLOWANCE = 4096  # bytes of a photo that may go out again after a cut (none do today)


def cut_inside_the_photo_of(size: int) -> Callable[[httpx.Request, int], bool]:
    """Drop, once, the second chunk of the photo of ``size`` bytes: whatever order the photos go
    up in, the cut lands inside that photo, when the server holds exactly its first chunk."""
    cuts = 0

    def cut(request: httpx.Request, _count: int) -> bool:
        nonlocal cuts
        if not is_chunk_of(request, size) or request.headers["Upload-Offset"] != str(CHUNK_BYTES):
            return False
        cuts += 1
        return cuts == 1

    return cut


def is_chunk_of(request: httpx.Request, size: int) -> bool:
    return request.method == "PATCH" and request.headers["Upload-Length"] == str(size)


def requests_for(requests: list[httpx.Request], photo: httpx.URL) -> list[httpx.Request]:
    return [r for r in requests if r.url.path == photo.path]


def assert_only_the_rest_went(requests: list[httpx.Request], size: int, held: int) -> None:
    """The client knew where the upload stood (the missing list says), and its first request
    for the photo appended only what was missing."""
    chunks = [r for r in requests if r.method == "PATCH"]
    assert sum(len(r.content) for r in chunks) <= size - held + ALLOWANCE
    assert "0" not in {r.headers["Upload-Offset"] for r in chunks}  # never again from the start
    assert requests[0] is chunks[0]
    assert chunks[0].headers["Upload-Offset"] == str(held)


def test_a_cut_in_the_middle_of_a_photo_resumes_without_resending_it(
    member: FieldDevice, transport: PortalTransport, world: World, api: Api
) -> None:
    pull_all(member.device.db, member.client(transport))
    big = 3 * CHUNK_BYTES + 12_345
    result_hash = sealed_audit(member, world, big_photo=big)
    cutting = CutTransport(transport, cut_inside_the_photo_of(big))
    report = sync_now(
        member.device.db, member.device.photos, member.client(cutting), backoff=NO_WAIT
    )
    assert report.push.sent == [result_hash]  # the run's own retry finished the job
    [cut] = cutting.dropped
    after = cutting.log[cutting.log.index(cut) + 1 :]
    assert_only_the_rest_went(requests_for(after, cut.url), big, held=CHUNK_BYTES)
    photo_bytes = big + 30_000 * SMALL_PHOTOS
    assert 0 <= cutting.bytes_sent - photo_bytes <= 200_000  # nothing twice; JSON requests only
    assert server_has(api, result_hash)


def test_the_next_sync_after_a_cut_sends_only_the_rest_of_the_photo(
    member: FieldDevice, transport: PortalTransport, world: World, api: Api
) -> None:
    pull_all(member.device.db, member.client(transport))
    big = 3 * CHUNK_BYTES + 12_345
    result_hash = sealed_audit(member, world, big_photo=big)
    cutting = CutTransport(transport, cut_inside_the_photo_of(big))
    once = Backoff(attempts=1, base_seconds=0.0, sleep=lambda _s: None)
    first = sync_now(member.device.db, member.device.photos, member.client(cutting), backoff=once)
    assert first.error is not None  # the run stopped at the cut
    [cut] = cutting.dropped

    watching = CutTransport(transport, lambda _request, _count: False)
    seen: list[PushProgress] = []
    second = sync_now(
        member.device.db,
        member.device.photos,
        member.client(watching),
        backoff=NO_WAIT,
        on_progress=lambda p: seen.append(replace(p)),
    )
    assert second.push.sent == [result_hash]
    assert_only_the_rest_went(requests_for(watching.log, cut.url), big, held=CHUNK_BYTES)
    assert seen[-1].bytes_sent == seen[-1].bytes_total  # what the server held counts as done
    assert server_has(api, result_hash)


def test_a_photo_held_whole_but_never_checked_is_finished_by_the_next_sync(
    member: FieldDevice, transport: PortalTransport, world: World, api: Api, central: Central
) -> None:
    """The store took every byte of a photo and went down before it checked them (so it holds
    them but does not have the photo): the next sync asks it to finish with an empty chunk."""
    pull_all(member.device.db, member.client(transport))
    big = 2 * CHUNK_BYTES + 777
    result_hash = sealed_audit(member, world, big_photo=big)
    path = next(p for p in member.device.photos.root.glob("photos/*/*") if p.stat().st_size == big)

    async def whole() -> AsyncIterator[bytes]:
        yield path.read_bytes()

    anyio.run(lambda: central.blobs.append(path.name, 0, whole(), limit=big, expected_sha256=None))
    watching = CutTransport(transport, lambda _request, _count: False)
    report = sync_now(
        member.device.db, member.device.photos, member.client(watching), backoff=NO_WAIT
    )
    assert report.push.sent == [result_hash]
    chunks = [r for r in watching.log if r.method == "PATCH" and r.url.path.endswith(path.name)]
    assert [(r.headers["Upload-Offset"], r.content) for r in chunks] == [(str(big), b"")]
    assert server_has(api, result_hash)


def test_a_network_down_run_keeps_everything_waiting(
    member: FieldDevice, transport: PortalTransport, world: World
) -> None:
    pull_all(member.device.db, member.client(transport))
    result_hash = sealed_audit(member, world)
    down = CutTransport(transport, lambda _request, _count: True)
    report = sync_now(member.device.db, member.device.photos, member.client(down), backoff=NO_WAIT)
    assert report.error is not None
    assert "could not be reached" in report.error
    [item] = all_items(member.device.db)
    assert (item.state, item.ref, item.attempts) == ("waiting", result_hash, 1)
    later = sync_now(
        member.device.db, member.device.photos, member.client(transport), backoff=NO_WAIT
    )
    assert later.push.sent == [result_hash]


class Clock:
    """The device's idea of now, moved on by the test instead of waiting."""

    def __init__(self) -> None:
        self.now = datetime(2017, 3, 14, 3, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


WAIT = Backoff(attempts=2, base_seconds=10.0, sleep=lambda _s: None)  # then 40 s to wait


def test_an_item_that_met_a_network_failure_waits_out_its_backoff(
    member: FieldDevice, transport: PortalTransport, world: World, api: Api
) -> None:
    db, photos, clock = member.device.db, member.device.photos, Clock()
    pull_all(db, member.client(transport))
    result_hash = sealed_audit(member, world)
    down = CutTransport(transport, lambda _request, _count: True)
    assert sync_now(db, photos, member.client(down), backoff=WAIT, clock=clock).error is not None
    [item] = all_items(db)
    assert item.next_attempt_at == clock.now + timedelta(seconds=40)

    clock.now += timedelta(seconds=39)
    early = sync_now(db, photos, member.client(transport), backoff=WAIT, clock=clock)
    assert (early.push.sent, early.push.deferred, early.error) == ([], [result_hash], None)
    assert not server_has(api, result_hash)
    [item] = all_items(db)
    assert (item.state, item.attempts) == ("waiting", 1)  # not tried, not counted

    clock.now += timedelta(seconds=1)
    due = sync_now(db, photos, member.client(transport), backoff=WAIT, clock=clock)
    assert (due.push.sent, due.push.deferred) == ([result_hash], [])
    assert server_has(api, result_hash)


def test_sending_again_now_does_not_wait_out_the_backoff(
    member: FieldDevice, transport: PortalTransport, world: World, api: Api
) -> None:
    """``--retry-refused`` and the sync screen's "send again now" also free waiting items."""
    db, photos, clock = member.device.db, member.device.photos, Clock()
    pull_all(db, member.client(transport))
    result_hash = sealed_audit(member, world)
    down = CutTransport(transport, lambda _request, _count: True)
    sync_now(db, photos, member.client(down), backoff=WAIT, clock=clock)
    assert retry_refused(db, now=clock()) == 0  # nothing was refused; the waiting item is freed
    again = sync_now(db, photos, member.client(transport), backoff=WAIT, clock=clock)
    assert again.push.sent == [result_hash]
    assert server_has(api, result_hash)


def test_a_refused_item_is_kept_with_its_reason_and_does_not_block_others(
    member: FieldDevice, transport: PortalTransport, world: World, api: Api
) -> None:
    client = member.client(transport)
    pull_all(member.device.db, client)
    first = sealed_audit(member, world, lao="cm-city")
    second = sealed_audit(member, world, lao="pattaya")
    with member.device.db.engine.begin() as connection:  # damage the first on the device
        connection.exec_driver_sql(
            "UPDATE sealed_result"
            " SET payload = CAST(replace(payload, 'cm-city', 'cm-citz') AS BLOB)"
            " WHERE hash = ?",
            (first,),
        )
    report = sync_now(member.device.db, member.device.photos, client, backoff=NO_WAIT)
    assert report.push.sent == [second]
    [(ref, reason)] = report.push.refused
    assert ref == first
    assert reason.startswith("BAD_SIGNATURE")
    states = {i.ref: (i.state, i.last_error) for i in all_items(member.device.db)}
    assert states[first][0] == "refused"
    assert states[second] == ("sent", None)
    assert get_sealed(member.device.db, first) is not None  # kept on the device
    assert not server_has(api, first)
    assert retry_refused(member.device.db) == 1


def test_an_unassigned_inspector_is_refused_with_its_code(
    member: FieldDevice, transport: PortalTransport, world: World, central: Central, tmp_path: Path
) -> None:
    outsider = FieldDevice(
        tmp_path / "outsider", central, world.other_chair.inspector_id, "นายธนากร"
    )
    pull_all(outsider.device.db, member.client(transport))  # the assignment rows, as if copied
    sealed_audit(outsider, world, lao="cm-city")
    report = sync_now(
        outsider.device.db, outsider.device.photos, outsider.client(transport), backoff=NO_WAIT
    )
    [(_, reason)] = report.push.refused
    assert reason.startswith("NOT_ASSIGNED")
    outsider.device.close()


def test_a_revoked_key_is_refused_and_nothing_is_lost(
    member: FieldDevice, transport: PortalTransport, world: World, central: Central
) -> None:
    pull_all(member.device.db, member.client(transport))
    result_hash = sealed_audit(member, world)
    with central.session() as session:
        revoke_key(session, request_key_id(member.key.public_key), actor="clerk", reason="เครื่องหาย")
    report = sync_now(
        member.device.db, member.device.photos, member.client(transport), backoff=NO_WAIT
    )
    assert report.error is not None
    assert report.error.startswith("KEY_REVOKED")  # the run stops before sending anything
    assert (report.push.sent, report.push.refused) == ([], [])
    [item] = all_items(member.device.db)
    assert (item.ref, item.state) == (result_hash, "waiting")  # kept for a new key's enrolment
    assert get_sealed(member.device.db, result_hash) is not None


def own_first_run(device: FieldDevice) -> str:
    """The profile as the app's first run makes it, before the office enrolled the key: the
    device names its inspector with an id of its own."""
    own_id = str(uuid.uuid4())
    with device.device.db.session() as session:
        session.exec(delete(InspectorProfile))
        session.add(InspectorProfile(id=own_id, name="นางวราภรณ์ ตรวจดี", created_at=now_utc()))
        session.commit()
    return own_id


def test_a_device_set_up_on_its_own_takes_the_inspector_id_the_office_enrolled(
    member: FieldDevice, transport: PortalTransport, world: World
) -> None:
    own_id = own_first_run(member)
    db = member.device.db
    pull_all(db, member.client(transport))
    draft = open_audit(
        db, assignment_id=world.assignments["cm-city"], inspector_id=own_id, edition=world.edition
    )
    first = sync_now(db, member.device.photos, member.client(transport), backoff=NO_WAIT)
    assert first.error is None
    with db.session() as session:
        [profile] = session.exec(select(InspectorProfile)).all()
        moved = session.get(AuditRecord, draft.id)
    assert (profile.id, profile.name) == (world.member_a.inspector_id, "นางวราภรณ์ ตรวจดี")
    assert moved is not None
    assert moved.inspector_id == world.member_a.inspector_id  # the draft follows
    result_hash = sealed_audit(member, world)  # completes and seals that same draft
    later = sync_now(db, member.device.photos, member.client(transport), backoff=NO_WAIT)
    assert later.push.sent == [result_hash]  # accepted: it names the enrolled inspector


def test_a_key_the_office_has_not_enrolled_stops_the_sync_and_sends_nothing(
    member: FieldDevice, transport: PortalTransport, world: World, tmp_path: Path
) -> None:
    pull_all(member.device.db, member.client(transport))
    result_hash = sealed_audit(member, world)
    create_identity(tmp_path / "new-key", PASSPHRASE, kdf=KdfParams(1, 1, 8))
    replaced = unlock(tmp_path / "new-key", PASSPHRASE)  # made on the road, not yet enrolled
    client = CentralClient(
        httpx.Client(transport=transport, base_url="http://central.test"), replaced
    )
    report = sync_now(member.device.db, member.device.photos, client, backoff=NO_WAIT)
    assert report.error is not None
    assert report.error.startswith("UNKNOWN_KEY")
    [item] = all_items(member.device.db)
    assert (item.ref, item.state, item.attempts) == (result_hash, "waiting", 0)
