"""Hardening: forged and odd bundles on a chair's device that knows the committee.

Each case is a bundle an attacker or a broken device could hand the chair: a key revoked or
never enrolled, an impostor's key, a revision chain that forks, jumps or claims another
member's result, an audit without its photos or with a false score, a committee result that
leaves a member out, lacks a quorum or records the chair absent, and documents of odd shapes.
Every one is refused with its code and words in Thai and English, and the chair's device is
byte for byte what it was: its database dump and every file under its folder.
"""

from __future__ import annotations

import errno
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from field_audit.domain.edition import Edition
from field_audit.evidence.files import OsDiskWrites
from field_audit.evidence.store import PhotoStore
from field_audit.seal.bundle_format import write_bundle
from field_audit.seal.bundles import export_bundle, import_bundle
from field_audit.seal.committee import Sitting, mark_absent, seal_committee
from field_audit.seal.errors import BundleRefused
from field_audit.seal.sealing import seal_audit
from field_audit.storage.database import DATABASE_FILE
from field_audit.storage.demo import DEMO_INSPECTOR_ID
from field_audit.storage.sealed import get_sealed
from sync.protocol.canonical import canonical_json
from sync.protocol.sealed import SignedResult, parse_result
from tests.hardening.snapshot import device_database, files
from tests.seal.conftest import complete_audit, make_key
from tests.seal.test_bundles import CHAIR_ID, Device

WARAPORN, THANAKORN = "insp-waraporn", "insp-thanakorn"
VISIT = Sitting("a-cm", "fy2570-c3")


@dataclass
class Visit:
    chair: Device
    member: Device
    third: Device
    edition: Edition
    folder: Path

    def member_audit(self, **changes: Any) -> bytes:
        """The member's sealed audit payload, as JSON to change and sign again."""
        audit_id = complete_audit(self.member.db, self.edition, store=self.member.store)
        signed = seal_audit(self.member.db, audit_id, self.member.key)
        return signed.payload_bytes

    def signed_by(self, device: Device, payload: dict[str, Any]) -> SignedResult:
        data = canonical_json(payload)
        return SignedResult(data, device.key.sign(data), device.key.public_key)

    def bundle(self, *signed: SignedResult, photos_from: Device | None = None) -> Path:
        """A bundle written by the real writer around these signed results (main first)."""
        named = set()
        for s in signed:
            try:
                result = parse_result(s.payload_bytes)
            except Exception:
                continue
            named |= {p.sha256 for f in getattr(result, "findings", ()) for p in f.photos}
        store = (photos_from or self.member).store
        target = self.folder / f"forged-{len(list(self.folder.glob('forged-*')))}.gecc"
        write_bundle(
            target,
            main=signed[0].hash,
            results={s.hash: (s.payload_bytes, s.envelope()) for s in signed},
            photos={sha: store.path(sha) for sha in named if store.contains(sha)},
        )
        return target


@pytest.fixture
def visit(tmp_path: Path, edition: Edition) -> Visit:
    chair, member, third = (Device(tmp_path / n, edition) for n in ("chair", "member", "third"))
    for device in (chair, member, third):
        device.enrol(CHAIR_ID, chair.key.public_key)
        device.enrol(DEMO_INSPECTOR_ID, member.key.public_key)
        device.enrol(WARAPORN, third.key.public_key)
    return Visit(chair, member, third, edition, tmp_path / "bundles")


def held(device: Device) -> tuple[list[str], dict[str, str]]:
    return device_database(device.folder / DATABASE_FILE), files(device.folder / "evidence")


def refused_whole(device: Device, bundle: Path) -> BundleRefused:
    """Import the bundle; it must be refused with words and change nothing on the device."""
    before = held(device)
    with pytest.raises(BundleRefused) as refused:
        import_bundle(device.db, device.store, bundle)
    assert refused.value.message("th")
    assert refused.value.message("en")
    assert held(device) == before
    return refused.value


def changed(payload: bytes, change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    value: dict[str, Any] = json.loads(payload)
    change(value)
    return value


# --- keys ----------------------------------------------------------------------------------


def test_a_member_key_revoked_at_the_office_is_refused(visit: Visit) -> None:
    visit.folder.mkdir()
    signed = visit.signed_by(visit.member, json.loads(visit.member_audit()))
    visit.chair.enrol(
        DEMO_INSPECTOR_ID, visit.member.key.public_key, datetime(2026, 1, 1, tzinfo=UTC)
    )
    assert refused_whole(visit.chair, visit.bundle(signed)).code == "KEY_REVOKED"


def test_a_member_with_no_enrolled_key_is_never_accepted(visit: Visit, tmp_path: Path) -> None:
    visit.folder.mkdir()
    stranger_key_device = Device(tmp_path / "fresh", visit.edition)  # synced no keys at all
    signed = visit.signed_by(visit.member, json.loads(visit.member_audit()))
    assert refused_whole(stranger_key_device, visit.bundle(signed)).code == "NO_ENROLLED_KEY"


def test_an_impostor_signing_as_a_member_is_refused(visit: Visit, tmp_path: Path) -> None:
    visit.folder.mkdir()
    impostor = make_key(tmp_path / "impostor")
    payload = changed(
        visit.member_audit(), lambda p: p["signer"].update(fingerprint=impostor.fingerprint)
    )
    data = canonical_json(payload)
    forged = SignedResult(data, impostor.sign(data), impostor.public_key)
    assert refused_whole(visit.chair, visit.bundle(forged)).code == "UNKNOWN_SIGNER_KEY"


def test_a_result_signed_with_a_members_older_live_key_is_accepted(
    visit: Visit, tmp_path: Path
) -> None:
    visit.folder.mkdir()
    signed = visit.signed_by(visit.member, json.loads(visit.member_audit()))
    replacement = make_key(tmp_path / "replacement")
    visit.chair.enrol(DEMO_INSPECTOR_ID, replacement.public_key)  # a second key, the first live
    report = import_bundle(visit.chair.db, visit.chair.store, visit.bundle(signed))
    assert report.newly_imported == [signed.hash]


# --- revision chains -------------------------------------------------------------------------


def test_a_member_result_claiming_to_replace_the_chairs_audit_is_refused(visit: Visit) -> None:
    visit.folder.mkdir()
    chairs = seal_audit(
        visit.chair.db,
        complete_audit(
            visit.chair.db, visit.edition, store=visit.chair.store, inspector_id=CHAIR_ID
        ),
        visit.chair.key,
    )
    claim = changed(visit.member_audit(), lambda p: p.update(revision=2, replaces=chairs.hash))
    refused = refused_whole(visit.chair, visit.bundle(visit.signed_by(visit.member, claim)))
    assert refused.code == "BROKEN_CHAIN"
    assert get_sealed(visit.chair.db, chairs.hash) is not None  # the chair's audit stands


def _first_imported(visit: Visit) -> tuple[bytes, SignedResult]:
    payload = visit.member_audit()
    first = visit.signed_by(visit.member, json.loads(payload))
    import_bundle(visit.chair.db, visit.chair.store, visit.bundle(first))
    return payload, first


def test_a_fork_of_a_held_revision_is_refused(visit: Visit) -> None:
    visit.folder.mkdir()
    payload, first = _first_imported(visit)
    one = changed(payload, lambda p: p.update(revision=2, replaces=first.hash, result_id="r2a"))
    import_bundle(
        visit.chair.db,
        visit.chair.store,
        visit.bundle(
            visit.signed_by(visit.member, one), visit.signed_by(visit.member, json.loads(payload))
        ),
    )
    other = changed(payload, lambda p: p.update(revision=2, replaces=first.hash, result_id="r2b"))
    assert (
        refused_whole(visit.chair, visit.bundle(visit.signed_by(visit.member, other))).code
        == "SUPERSEDED"
    )


def test_a_jump_in_revisions_is_refused(visit: Visit) -> None:
    visit.folder.mkdir()
    payload, first = _first_imported(visit)
    jump = changed(payload, lambda p: p.update(revision=9, replaces=first.hash, result_id="r9"))
    assert (
        refused_whole(visit.chair, visit.bundle(visit.signed_by(visit.member, jump))).code
        == "BROKEN_CHAIN"
    )


def test_a_second_first_revision_is_refused(visit: Visit) -> None:
    visit.folder.mkdir()
    payload, _first = _first_imported(visit)
    again = changed(payload, lambda p: p.update(result_id="another-first"))
    assert (
        refused_whole(visit.chair, visit.bundle(visit.signed_by(visit.member, again))).code
        == "SUPERSEDED"
    )


def test_a_later_revision_naming_no_predecessor_is_refused(visit: Visit) -> None:
    visit.folder.mkdir()
    late = changed(visit.member_audit(), lambda p: p.update(revision=3))
    assert (
        refused_whole(visit.chair, visit.bundle(visit.signed_by(visit.member, late))).code
        == "BROKEN_CHAIN"
    )


# --- completeness and scores ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda p: [f.update(photos=[]) for f in p["findings"]], "AUDIT_INCOMPLETE"),
        (lambda p: p["findings"].pop(), "AUDIT_INCOMPLETE"),
        (lambda p: p["score"].update(points=79, meets_criteria=False), "SCORE_MISMATCH"),
        (lambda p: p["findings"].append(dict(p["findings"][0])), "MALFORMED_RESULT"),
    ],
    ids=["no-photos", "a-criterion-unanswered", "a-false-score", "a-criterion-twice"],
)
def test_an_audit_that_breaks_the_sealing_rule_is_refused(
    visit: Visit, change: Callable[[dict[str, Any]], None], code: str
) -> None:
    visit.folder.mkdir()
    forged = changed(visit.member_audit(), change)
    assert (
        refused_whole(visit.chair, visit.bundle(visit.signed_by(visit.member, forged))).code == code
    )


# --- the committee's roll --------------------------------------------------------------------


def _committee_payload(visit: Visit) -> tuple[dict[str, Any], SignedResult, SignedResult]:
    """A real committee result on the chair's device (chair and member counted, two absent),
    its payload to change and sign again with the chair's key, and the two audits."""
    chair_audit = seal_audit(
        visit.chair.db,
        complete_audit(
            visit.chair.db, visit.edition, store=visit.chair.store, inspector_id=CHAIR_ID
        ),
        visit.chair.key,
    )
    member = visit.signed_by(visit.member, json.loads(visit.member_audit()))
    import_bundle(visit.chair.db, visit.chair.store, visit.bundle(member))
    for who in (WARAPORN, THANAKORN):
        mark_absent(visit.chair.db, VISIT, who, reason="ลาป่วย", chair_id=CHAIR_ID)
    signed = seal_committee(
        visit.chair.db, VISIT, visit.chair.key, chair_id=CHAIR_ID, chair_name="ประธาน"
    )
    return json.loads(signed.payload_bytes), chair_audit, member


def _by_id(payload: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {m["inspector_id"]: m for m in payload["members"]}


ROLL_FORGERIES: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "a-held-audit-marked-absent": (
        lambda p: _by_id(p)[DEMO_INSPECTOR_ID].update(
            status="absent", reason="ไม่มา", audit_hash=None, fingerprint=None
        ),
        "MEMBER_OMITTED",
    ),
    "a-member-left-off-the-list": (
        lambda p: p.update(members=[m for m in p["members"] if m["inspector_id"] != THANAKORN]),
        "MEMBER_OMITTED",
    ),
    "an-absence-without-reason": (
        lambda p: _by_id(p)[WARAPORN].update(reason=" "),
        "MALFORMED_RESULT",
    ),
    "a-stranger-on-the-list": (
        lambda p: p["members"].append(
            {
                "status": "absent",
                "inspector_id": "mr-x",
                "name": "นายเอ็กซ์",
                "role": "member",
                "reason": "ลา",
            }
        ),
        "NOT_A_MEMBER",
    ),
}


@pytest.mark.parametrize("case", sorted(ROLL_FORGERIES))
def test_a_committee_result_that_does_not_account_for_every_member_is_refused(
    visit: Visit, case: str
) -> None:
    visit.folder.mkdir()
    payload, chair_audit, member = _committee_payload(visit)
    change, code = ROLL_FORGERIES[case]
    change(payload)
    for entry in payload["members"]:
        for key in [k for k, v in entry.items() if v is None]:
            del entry[key]
    forged = visit.signed_by(visit.chair, payload)
    verifier = visit.third
    import_bundle(
        verifier.db, verifier.store, visit.bundle(member)
    )  # the third holds the member's audit
    bundle = visit.bundle(forged, chair_audit, member, photos_from=visit.chair)
    assert refused_whole(verifier, bundle).code == code


def test_a_committee_result_below_quorum_is_refused(visit: Visit, tmp_path: Path) -> None:
    visit.folder.mkdir()
    payload, chair_audit, _member = _committee_payload(visit)
    only_chair = [m for m in payload["members"] if m["inspector_id"] == CHAIR_ID]
    others = [
        {"status": "absent", "inspector_id": i, "name": n, "role": r, "reason": "ลา"}
        for i, n, r in (
            (DEMO_INSPECTOR_ID, "นายสมชาย ใจดี", "member"),
            (WARAPORN, "นางวราภรณ์ ทองคำ", "member"),
            (THANAKORN, "นายธนากร วงศ์ไทย", "secretary"),
        )
    ]
    payload["members"] = only_chair + others
    fresh = Device(tmp_path / "fresh", visit.edition)
    fresh.enrol(CHAIR_ID, visit.chair.key.public_key)
    forged = visit.signed_by(visit.chair, payload)
    refused = refused_whole(fresh, visit.bundle(forged, chair_audit, photos_from=visit.chair))
    assert refused.code == "QUORUM_NOT_MET"


# --- odd shapes ------------------------------------------------------------------------------

ODD_PAYLOADS: dict[str, Callable[[dict[str, Any]], None]] = {
    "round-as-text": lambda p: p.update(round="x"),
    "lao-as-a-list": lambda p: p.update(lao=[]),
    "signer-without-its-id": lambda p: p["signer"].pop("inspector_id"),
    "findings-as-text": lambda p: p.update(findings="abc"),
    "a-finding-without-photos": lambda p: p["findings"][0].pop("photos"),
    "a-verdict-as-an-object": lambda p: p["findings"][0].update(verdict={"x": 1}),
    "protocol-1": lambda p: p.update(protocol=1),
    "a-number-as-text": lambda p: p.update(revision="1"),
    "an-unknown-field": lambda p: p.update(certified=True),
}


@pytest.mark.parametrize("case", sorted(ODD_PAYLOADS))
def test_a_signed_payload_of_an_odd_shape_is_refused_naming_it(visit: Visit, case: str) -> None:
    visit.folder.mkdir()
    odd = changed(visit.member_audit(), ODD_PAYLOADS[case])
    refused = refused_whole(visit.chair, visit.bundle(visit.signed_by(visit.member, odd)))
    assert refused.code == "MALFORMED_RESULT"


ODD_MANIFESTS = {
    "main-as-a-number": {"format": "gecc-bundle/2", "main": 5, "results": [], "photos": []},
    "results-of-objects": {
        "format": "gecc-bundle/2",
        "main": "a" * 64,
        "results": [{"x": 1}],
        "photos": [],
    },
    "not-a-bundle": {"format": "something/1"},
    "a-list": [],
}


@pytest.mark.parametrize("case", sorted(ODD_MANIFESTS))
def test_a_manifest_of_an_odd_shape_is_refused(visit: Visit, case: str) -> None:
    import zipfile

    from field_audit.seal.zip_layout import canonical_entry

    visit.folder.mkdir()
    target = visit.folder / "odd.gecc"
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr(
            canonical_entry("manifest.json", compressed=True), canonical_json(ODD_MANIFESTS[case])
        )
    assert refused_whole(visit.chair, target).code == "NOT_A_BUNDLE"


def test_a_zip_claiming_more_entries_than_a_bundle_has_is_refused_before_it_is_read(
    visit: Visit,
) -> None:
    visit.folder.mkdir()
    target = visit.folder / "many.gecc"
    end = b"PK\x05\x06" + (0).to_bytes(4, "little") + (65535).to_bytes(2, "little") * 2
    target.write_bytes(b"\0" * 1000 + end + (0).to_bytes(10, "little"))
    assert refused_whole(visit.chair, target).code == "TOO_MANY_ENTRIES"


# --- faults ----------------------------------------------------------------------------------


class FullAfter(OsDiskWrites):
    """A disk that takes ``room`` bytes, then is full (ENOSPC), as a real one would be."""

    def __init__(self, room: int) -> None:
        self.room = room

    def write(self, fd: int, data: memoryview) -> int:
        if self.room <= 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        taken = min(len(data), self.room)
        self.room -= taken
        return super().write(fd, data[:taken])


def test_an_import_onto_a_full_disk_writes_nothing(visit: Visit) -> None:
    visit.folder.mkdir()
    audit_id = complete_audit(visit.member.db, visit.edition, store=visit.member.store)
    signed = seal_audit(visit.member.db, audit_id, visit.member.key)
    bundle = export_bundle(
        visit.member.db, visit.member.store, signed.hash, visit.folder / "m.gecc"
    )
    full = PhotoStore(visit.chair.store.root, disk=FullAfter(room=5_000))
    before = held(visit.chair)
    with pytest.raises(BundleRefused) as refused:
        import_bundle(visit.chair.db, full, bundle)
    assert refused.value.code == "DISK_FULL"
    assert "พื้นที่ในเครื่องเต็ม" in refused.value.message("th")
    assert held(visit.chair) == before  # no photo, no temp file, no result
