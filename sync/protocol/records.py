"""What a finding says beside its verdict, as signed: evidence records and a recommendation.

An evidence record (``field_audit.domain.evidence_records``) is one of::

    {kind: "interview", at, whom: citizen | staff | lao_officer, summary, identity}
    {kind: "document", title, reference, page_photo (sha256 of one of the finding's photos | null)}
    {kind: "observation", text}

``identity`` is empty unless the inspector chose to record who was interviewed (PDPA).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from sync.protocol.documents import Document, Hex64, Moment, Name, Note

Summary = Annotated[Note, StringConstraints(min_length=1, max_length=5_000)]


class InterviewEntry(Document):
    kind: Literal["interview"]
    at: Moment
    whom: Literal["citizen", "staff", "lao_officer"]
    summary: Summary
    identity: Annotated[Note, Field(max_length=300)]


class DocumentEntry(Document):
    kind: Literal["document"]
    title: Name
    reference: Annotated[Note, Field(max_length=300)]
    page_photo: Hex64 | None


class ObservationEntry(Document):
    kind: Literal["observation"]
    text: Summary


RecordEntry = Annotated[
    InterviewEntry | DocumentEntry | ObservationEntry, Field(discriminator="kind")
]
Records = Annotated[tuple[RecordEntry, ...], Field(max_length=100)]
Recommendation = Annotated[Note, Field(max_length=5_000)]
