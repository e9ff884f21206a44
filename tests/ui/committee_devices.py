"""Two committee devices on one visit (Chiang Mai, a-cm), made with the real sealing code: the
chair's (its profile is the chair's) and a member's, each with a sealed audit; the member's
bundle is what the chair imports. Shared by the state tests and the browser test.
"""

from __future__ import annotations

from pathlib import Path

from sqlmodel import delete

from field_audit.domain.edition import Edition
from field_audit.seal.bundles import export_bundle
from field_audit.seal.sealing import seal_audit
from field_audit.storage.demo import DEMO_INSPECTOR_ID
from field_audit.storage.models import InspectorProfile, now_utc
from tests.seal.conftest import PASSPHRASE, complete_audit
from tests.seal.test_bundles import Device

CHAIR_ID = "insp-pimchanok"
CHAIR_NAME = "นางสาวพิมพ์ชนก ศรีสวัสดิ์"
MEMBER_NAME = "นายสมชาย ใจดี"
CHAIR_NOT_MET = ("A03",)
MEMBER_NOT_MET = ("B07",)
KEY_PASSPHRASE = PASSPHRASE


def chair_device(folder: Path, edition: Edition) -> Device:
    """The chair's device: the demo, the chair's profile and key, the chair's sealed audit."""
    device = Device(folder, edition)
    with device.db.session() as session:
        session.exec(delete(InspectorProfile))
        session.add(
            InspectorProfile(
                id=CHAIR_ID, name=CHAIR_NAME, position="ประธานอนุกรรมการ", created_at=now_utc()
            )
        )
        session.commit()
    seal_on(device, edition, CHAIR_ID, CHAIR_NOT_MET)
    return device


def member_bundle(folder: Path, edition: Edition, target: Path, *, chair: Device) -> Path:
    """A member's device seals its audit (B07 not met) and exports it as a bundle; the chair's
    device has synced both members' enrolled keys, as it would at the office."""
    device = Device(folder, edition)
    chair.enrol(DEMO_INSPECTOR_ID, device.key.public_key)
    chair.enrol(CHAIR_ID, chair.key.public_key)
    result_hash = seal_on(device, edition, DEMO_INSPECTOR_ID, MEMBER_NOT_MET)
    bundle = export_bundle(device.db, device.store, result_hash, target)
    device.db.close()
    return bundle


def absent_members() -> dict[str, str]:
    """The demo committee's two other members and why they are absent from this visit."""
    return {"insp-waraporn": "ลาป่วย", "insp-thanakorn": "ติดราชการต่างจังหวัด"}


def seal_on(device: Device, edition: Edition, inspector_id: str, not_met: tuple[str, ...]) -> str:
    audit_id = complete_audit(
        device.db, edition, store=device.store, inspector_id=inspector_id, not_met=not_met
    )
    return seal_audit(device.db, audit_id, device.key).hash
