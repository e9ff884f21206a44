"""Evidence records between their signed form (``sync.protocol.records``) and the domain's."""

from __future__ import annotations

from datetime import UTC, datetime

from field_audit.domain.evidence_records import (
    DocumentSeen,
    Interview,
    Observation,
    Record,
    Whom,
)
from sync.protocol.records import DocumentEntry, InterviewEntry, ObservationEntry, RecordEntry


def record_of(entry: RecordEntry) -> Record:
    if isinstance(entry, InterviewEntry):
        at = datetime.fromisoformat(entry.at.replace("Z", "+00:00"))
        return Interview(at, Whom(entry.whom), entry.summary, entry.identity)
    if isinstance(entry, DocumentEntry):
        return DocumentSeen(entry.title, entry.reference, entry.page_photo)
    return Observation(entry.text)


def entry_of(record: Record) -> RecordEntry:
    if isinstance(record, Interview):
        return InterviewEntry(
            kind="interview",
            at=record.at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            whom=record.whom.value,
            summary=record.summary,
            identity=record.identity,
        )
    if isinstance(record, DocumentSeen):
        return DocumentEntry(
            kind="document",
            title=record.title,
            reference=record.reference,
            page_photo=record.page_photo,
        )
    return ObservationEntry(kind="observation", text=record.text)
