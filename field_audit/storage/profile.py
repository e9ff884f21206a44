"""The inspector's own settings kept in the device's profile: who works on this device (name,
position) and the central store's address.
"""

from __future__ import annotations

import uuid

from sqlmodel import select

from field_audit.domain.audit import AuditStatus
from field_audit.storage.database import Database
from field_audit.storage.errors import NotFound
from field_audit.storage.models import AuditRecord, InspectorProfile, now_utc


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


def adopt_inspector_id(db: Database, inspector_id: str, *, name: str) -> str | None:
    """Take ``inspector_id`` (the office's id for this device's key) as this device's inspector;
    returns the id it replaces, or None when nothing changed.

    The audits not yet sealed move to the new id; sealed ones keep the id they were signed
    with. A device with no profile yet gets one under ``name``.
    """
    with db.session() as session:
        profile = session.exec(select(InspectorProfile)).first()
        if profile is not None and profile.id == inspector_id:
            return None
        old = profile.id if profile is not None else None
        adopted = InspectorProfile(
            id=inspector_id,
            name=profile.name if profile is not None else name,
            position=profile.position if profile is not None else "",
            central_url=profile.central_url if profile is not None else None,
            created_at=profile.created_at if profile is not None else now_utc(),
        )
        if profile is not None:
            session.delete(profile)
            session.flush()
            drafts = session.exec(
                select(AuditRecord).where(
                    AuditRecord.inspector_id == old, AuditRecord.status == AuditStatus.DRAFT.value
                )
            )
            for audit in drafts:
                audit.inspector_id = inspector_id
                session.add(audit)
        session.add(adopted)
        session.commit()
    return old
