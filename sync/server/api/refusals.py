"""What a route can answer besides its success, for the OpenAPI document: built from the error
tree (``sync.server.errors``), so each status is declared with the error body's schema and the
codes it carries on that route.

A route lists the refusals it can raise, ``responses=answers(SIGNED, NOT_FOUND, ...)``; each
``refused(ErrorClass, "CODE", ...)`` takes the class's status (the one ``handlers`` answers
with) and names the codes (the class's own when none is named). The document then says, for
each status, which codes come with it: in the description, and as the ``code`` field's enum,
so a generated client can branch on them and a response outside them breaks the document.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sync.server.api.schemas import ErrorBody
from sync.server.errors import (
    CentralError,
    Conflict,
    KeyRevoked,
    NotAuthenticated,
    NotFound,
    TooLarge,
    TryLater,
    Unavailable,
    Unprocessable,
)


@dataclass(frozen=True)
class Refusal:
    """A status a route answers with, and the codes it carries there."""

    status: int
    codes: tuple[str, ...]


def refused(error: type[CentralError], *codes: str) -> Refusal:
    """``error``'s status with ``codes`` (the class's own code when none is named)."""
    return Refusal(error.status, codes or (error.code,))


Refusals = Refusal | Iterable[Refusal]

DATABASE_DOWN = refused(TryLater, "DATABASE_UNAVAILABLE")
"""Any route that reads the database, while it is out of reach (with ``Retry-After``)."""
SIGNED = (
    refused(NotAuthenticated, "BAD_SIGNATURE", "UNKNOWN_KEY", "CLOCK_SKEW", "REPLAYED_NONCE"),
    refused(KeyRevoked),
    DATABASE_DOWN,
)
"""A signed route: the request's signature, key, clock or nonce refused (``deps``), or the
database out of reach."""
ADMIN = (refused(NotAuthenticated, "ADMIN_TOKEN_REQUIRED"), DATABASE_DOWN)
"""An office route: no or a wrong admin token, or the database out of reach."""
INVALID = refused(Unprocessable, "INVALID_REQUEST")
"""A route with parameters or a body: the request's shape refused (``details.problems``)."""
TOO_LARGE = refused(TooLarge, "REQUEST_TOO_LARGE")
"""A route with a body: over the body limit (``limits.BodyLimit``)."""
JSON_BODY = (Refusal(400, ("BAD_REQUEST",)), TOO_LARGE)
"""A route with a JSON body: bytes that are not UTF-8 text (FastAPI's own refusal, answered by
``handlers``), or over the body limit."""
NOT_FOUND = refused(NotFound)
"""A route that names something by its id."""
NO_ISSUING_KEY = (
    refused(Unavailable, "NO_ISSUING_KEY", "ISSUING_KEY_UNAVAILABLE"),
    DATABASE_DOWN,
)
"""A route that needs the issuing keyring (``sync.server.issuer``) and the database."""
BUSY_OR_ELSEWHERE = refused(Conflict, "UPLOAD_OFFSET_MISMATCH", "UPLOAD_BUSY")
ROLL_AND_CONSOLIDATION = (
    "MEMBER_OMITTED",
    "QUORUM_NOT_MET",
    "ABSENCE_WITHOUT_REASON",
    "CHAIR_ABSENT",
    "MEMBER_REPEATED",
    "MEMBER_AUDIT_NOT_CURRENT",
    "MEMBER_AUDIT_MISSING",
    "MEMBER_AUDIT_INVALID",
    "CONSOLIDATION_MISMATCH",
    "CRITERIA_UNASSESSED",
    "SCORE_MISMATCH",
)
"""A committee result's roll and consolidation refused (``sync.checks.results``)."""
DECISION_BASIS = (
    "NO_COMMITTEE_RESULT",
    "NOT_APPROVED",
    "RECONSOLIDATION_NEEDED",
    "KEY_NOT_VALID_WHEN_USED",
    "NOT_A_MEMBER",
    *ROLL_AND_CONSOLIDATION,
)
"""What a decision or a certificate rests on, refused as it is checked again
(``store.decisions.basis_of``)."""
"""A photo chunk: the offset is not the server's, or another request is appending."""


def answers(*refusals: Refusals) -> dict[int | str, dict[str, Any]]:
    """The route's ``responses=``: one entry per status, the codes in order, each once."""
    codes: dict[int, list[str]] = {}
    for refusal in _flat(refusals):
        listed = codes.setdefault(refusal.status, [])
        listed.extend(code for code in refusal.codes if code not in listed)
    return {status: _response(listed) for status, listed in sorted(codes.items())}


def _flat(refusals: Iterable[Refusals]) -> Iterable[Refusal]:
    for item in refusals:
        if isinstance(item, Refusal):
            yield item
        else:
            yield from item


def _response(codes: list[str]) -> dict[str, Any]:
    code_schema = {"properties": {"code": {"enum": codes}}}
    return {
        "model": ErrorBody,
        "description": "Refused: " + ", ".join(f"`{code}`" for code in codes),
        "content": {"application/json": {"schema": code_schema}},
    }
