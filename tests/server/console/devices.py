"""Inspectors' devices for the console's whole-round test: the real app's database, key and
sync client against a central store served by uvicorn, their keys enrolled by the clerk in the
console (not behind its back), and sealed audits with real JPEG photos, captured on the visit's
day at the LAO (and one the day before, for the plausibility check to find)."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx
from PIL import Image, ImageDraw

from field_audit.device import Device, open_device
from field_audit.domain.answers import Verdict
from field_audit.domain.edition import Edition
from field_audit.seal.sealing import seal_audit
from field_audit.signing import KdfParams, UnlockedKey, create_identity, unlock
from field_audit.storage.audits import open_audit, record_verdict
from field_audit.storage.models import InspectorProfile, now_utc
from field_audit.storage.photos import NewPhoto, add_photo
from field_audit.sync_client.http import CentralClient
from field_audit.syncing.push import Backoff
from field_audit.syncing.run import sync_now
from sync.protocol.signatures import enrolment_text, key_fingerprint

NO_WAIT = Backoff(attempts=2, base_seconds=0.0, sleep=lambda _s: None)
ON_THE_DAY = datetime(2017, 3, 14, 3, 30, tzinfo=UTC)  # 10:30 in Thailand
THE_DAY_BEFORE = datetime(2017, 3, 13, 9, 0, tzinfo=UTC)
AT_THE_LAO = (18.7883, 98.9853)
COLOURS = ("#1d3766", "#1a7f37", "#b35c00", "#6b2d8a", "#0f6e7a")


@dataclass
class Inspector:
    """One inspector's device."""

    device: Device
    key: UnlockedKey
    inspector_id: str
    name: str

    @classmethod
    def at(cls, folder: Path, inspector_id: str, name: str) -> Inspector:
        device = open_device(folder)
        create_identity(device.keys_dir, "รหัสผ่านของผู้ตรวจ", kdf=KdfParams(1, 1, 8))
        with device.db.session() as session:
            session.add(InspectorProfile(id=inspector_id, name=name, created_at=now_utc()))
            session.commit()
        return cls(device, unlock(device.keys_dir, "รหัสผ่านของผู้ตรวจ"), inspector_id, name)

    @property
    def enrolment(self) -> tuple[str, str]:
        """What the clerk types: the QR code's text, and the fingerprint read out."""
        public = self.key.public_key
        return enrolment_text(public), key_fingerprint(public)

    def sync(self, base_url: str) -> None:
        with httpx.Client(base_url=base_url, timeout=60) as http:
            report = sync_now(
                self.device.db, self.device.photos, CentralClient(http, self.key), backoff=NO_WAIT
            )
        assert report.error is None, report.error

    def seal(self, assignment_id: str, edition: Edition, *, late_photo: bool = False) -> str:
        """A complete audit, every criterion met, a real photo wherever one is required."""
        db = self.device.db
        audit = open_audit(
            db, assignment_id=assignment_id, inspector_id=self.inspector_id, edition=edition
        )
        for number, criterion in enumerate(c for c in edition.criteria if c.photo_required):
            data = _jpeg(f"{criterion.id} {self.inspector_id}", COLOURS[number % len(COLOURS)])
            sha256 = hashlib.sha256(data).hexdigest()
            self.device.photos.put_verified(sha256, data)
            when = THE_DAY_BEFORE if late_photo and number == 0 else ON_THE_DAY
            photo = NewPhoto(sha256, sha256, 480, 360, len(data), when, AT_THE_LAO)
            add_photo(
                db,
                audit.id,
                criterion.id,
                photo,
                caption=criterion.title.th[:60],
                by=self.inspector_id,
            )
        for criterion_id in edition.criterion_ids:
            record_verdict(db, audit.id, criterion_id, Verdict.MET, by=self.inspector_id)
        return seal_audit(db, audit.id, self.key).hash


def _jpeg(label: str, colour: str) -> bytes:
    picture = Image.new("RGB", (480, 360), colour)
    draw = ImageDraw.Draw(picture)
    draw.rectangle((40, 60, 440, 300), outline="white", width=6)
    draw.text((60, 80), label, fill="white")
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=80)
    return out.getvalue()
