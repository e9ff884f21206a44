"""Protocol 2 results, as earlier versions sealed them, read as protocol 3 results.

Protocol 2 had no shares, evidence records or recommendations, and only met / not met
verdicts. Its bytes stay what was signed; ``read_v2`` parses them with the protocol 2 models
(strict and closed, as every signed document) and gives the protocol 3 view of them: the
audit covers every criterion (``scope`` null) and recommends nothing.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from sync.protocol.documents import Document, Moment, Note, Token, parse_document
from sync.protocol.sealed import (
    SEALED_AUDIT,
    CommitteeResult,
    MalformedResult,
    Member,
    PhotoRef,
    Result,
    RulingEntry,
    SealedAudit,
    VerdictWord,
    _Result,
)


class _HeadV2(_Result):
    protocol: Literal[2]


class FindingV2(Document):
    criterion: Token
    verdict: VerdictWord
    note: Note
    recorded_at: Moment
    photos: Annotated[tuple[PhotoRef, ...], Field(max_length=200)]


class SealedAuditV2(_HeadV2):
    type: Literal["gecc.sealed-audit"]
    findings: Annotated[tuple[FindingV2, ...], Field(max_length=1_000)]


class RulingEntryV2(RulingEntry):
    verdict: VerdictWord


class CommitteeResultV2(_HeadV2):
    type: Literal["gecc.committee-result"]
    members: Annotated[tuple[Member, ...], Field(min_length=1, max_length=100)]
    rulings: Annotated[tuple[RulingEntryV2, ...], Field(max_length=1_000)]
    verdicts: dict[Token, VerdictWord]


def read_v2(payload_bytes: bytes, kind: str) -> Result:
    """The protocol 3 view of a protocol 2 result's canonical bytes."""
    if kind == SEALED_AUDIT:
        audit = parse_document(SealedAuditV2, payload_bytes, error=MalformedResult)
        return SealedAudit.model_validate(_audit_fields(audit))
    result = parse_document(CommitteeResultV2, payload_bytes, error=MalformedResult)
    fields = result.model_dump()
    return CommitteeResult.model_validate({**fields, "recommendations": {}, "recommendation": ""})


def _audit_fields(audit: SealedAuditV2) -> dict[str, Any]:
    fields = audit.model_dump()
    for finding in fields["findings"]:
        finding.update(recommendation="", records=())
    return {**fields, "scope": None, "recommendation": ""}
