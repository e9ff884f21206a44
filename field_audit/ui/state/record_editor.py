"""The dialog that adds an evidence record to a finding: an interview with a service user, a
document seen, or an observation. The fields are plain values kept as typed; ``problems``
checks them with the domain's rule (``record_problems``) before anything is written, so the
inspector sees what is wrong in the dialog, in words.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

import flet as ft

from field_audit.domain.edition import Text
from field_audit.domain.evidence_records import (
    DocumentSeen,
    Interview,
    Observation,
    Record,
    Whom,
    record_problems,
)
from field_audit.domain.thai_calendar import THAILAND

KINDS = ("interview", "document", "observation")


class RecordEditor(ft.Observable):
    """Which record is being written (None: the dialog is closed) and what is wrong with it."""

    open_for: tuple[str, str] | None  # (criterion id, kind)
    problem: Text | None
    record_identity: bool

    def __init__(self, now: datetime | None = None) -> None:
        self.open_for = None
        self.problem = None
        self.record_identity = False
        self._now = now
        self.fields: dict[str, str] = {}

    def start(self, criterion_id: str, kind: str) -> None:
        clock = (self._now or datetime.now(THAILAND)).astimezone(THAILAND)
        self.fields = {"whom": Whom.CITIZEN.value, "time": f"{clock:%H.%M}", "page_photo": ""}
        self.problem, self.record_identity = None, False
        self.open_for = (criterion_id, kind if kind in KINDS else "observation")

    def close(self) -> None:
        self.open_for = None

    def type(self, name: str, value: str) -> None:
        """Keep a field's value as typed (no re-render)."""
        self.fields[name] = value

    def choose_identity(self, chosen: bool) -> None:
        """Record who was interviewed: only with their consent (PDPA)."""
        self.record_identity = chosen

    def record(self) -> Record | None:
        """The record the fields describe; None (with ``problem`` set) if the time is wrong."""
        assert self.open_for is not None
        kind = self.open_for[1]
        if kind == "document":
            photo = self.fields.get("page_photo") or None
            return DocumentSeen(self._text("title"), self._text("reference"), photo)
        if kind == "observation":
            return Observation(self._text("text"))
        at = self._interview_time()
        if at is None:
            self.problem = Text("เวลาต้องเขียนเป็น ชั่วโมง.นาที เช่น 10.30", "write the time as 10.30")
            return None
        identity = self._text("identity") if self.record_identity else ""
        return Interview(at, Whom(self.fields.get("whom", "citizen")), self._text("text"), identity)

    def problems(self, record: Record, photos: Collection[str]) -> bool:
        """Whether ``record`` breaks a rule; the first problem is kept to be shown."""
        found = record_problems(record, photos)
        self.problem = found[0] if found else None
        return bool(found)

    def _text(self, name: str) -> str:
        return self.fields.get(name, "").strip()

    def _interview_time(self) -> datetime | None:
        clock = (self._now or datetime.now(THAILAND)).astimezone(THAILAND)
        hours, _, minutes = self._text("time").replace(":", ".").partition(".")
        if not (hours.isdigit() and minutes.isdigit() and int(hours) < 24 and int(minutes) < 60):
            return None
        day = clock.replace(hour=0, minute=0, second=0, microsecond=0)
        return day + timedelta(hours=int(hours), minutes=int(minutes))
