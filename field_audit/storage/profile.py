"""The inspector's own settings kept in the device's profile: who works on this device (name,
position) and the central store's address.
"""

from __future__ import annotations

import uuid

from sqlmodel import select

from field_audit.storage.database import Database
from field_audit.storage.errors import NotFound
from field_audit.storage.models import InspectorProfile, now_utc


def save_profile(db: Database, *, name: str, position: str) -> InspectorProfile:
    """Create the device's one inspector profile, or rename the one there is."""
    with db.session() as session:
        profile = session.exec(select(InspectorProfile)).first() or InspectorProfile(
            id=str(uuid.uuid4()), name=name, created_at=now_utc()
        )
        profile.name, profile.position = name.strip(), position.strip()
        session.add(profile)
        session.commit()
        return profile


def save_central_url(db: Database, url: str | None) -> None:
    """Keep ``url`` (None: no central store) as the address this device syncs with."""
    with db.session() as session:
        profile = session.exec(select(InspectorProfile)).first()
        if profile is None:
            raise NotFound("inspector profile", "this device")
        profile.central_url = url
        session.add(profile)
        session.commit()
