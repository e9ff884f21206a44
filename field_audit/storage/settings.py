"""The inspector's own settings on this device, kept by name in ``device_setting``: where they
were (the audit and the criterion on screen, reopened after a closed tab or a restart) and
whether the audit screen is compact. Values are short text; a value this version cannot read
is treated as absent rather than failing the start.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from field_audit.storage.database import Database
from field_audit.storage.models import DeviceSetting, now_utc

PLACE = "place"
COMPACT = "audit.compact"


@dataclass(frozen=True)
class Place:
    """Where the inspector was: an assignment's audit and the criterion at the top of its list
    (None: the top of the list)."""

    assignment_id: str
    criterion_id: str | None = None


def read_setting(db: Database, name: str) -> str | None:
    with db.session() as session:
        setting = session.get(DeviceSetting, name)
        return setting.value if setting else None


def write_setting(db: Database, name: str, value: str | None) -> None:
    """Keep ``value`` under ``name``; None forgets it."""
    with db.session() as session:
        setting = session.get(DeviceSetting, name)
        if value is None:
            if setting is not None:
                session.delete(setting)
        elif setting is None:
            session.add(DeviceSetting(name=name, value=value, updated_at=now_utc()))
        else:
            setting.value, setting.updated_at = value, now_utc()
            session.add(setting)
        session.commit()


def read_place(db: Database) -> Place | None:
    text = read_setting(db, PLACE)
    try:
        data = json.loads(text) if text else None
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("assignment"), str):
        return None
    criterion = data.get("criterion")
    return Place(data["assignment"], criterion if isinstance(criterion, str) else None)


def write_place(db: Database, place: Place | None) -> None:
    """Remember ``place`` (None: the inspector is not in an audit)."""
    value = None
    if place is not None:
        value = json.dumps({"assignment": place.assignment_id, "criterion": place.criterion_id})
    write_setting(db, PLACE, value)


def read_compact(db: Database) -> bool:
    return read_setting(db, COMPACT) == "on"


def write_compact(db: Database, compact: bool) -> None:
    write_setting(db, COMPACT, "on" if compact else "off")
