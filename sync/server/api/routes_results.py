"""Push of signed results (sealed audits and committee results), and the office's review."""

from __future__ import annotations

from fastapi import APIRouter, Response, status
from pydantic import ValidationError

from sync.protocol.errors import ProtocolError
from sync.protocol.sealed import Envelope, SignedResult, from_envelope
from sync.server.api.deps import AdminActor, CentralDep, CurrentInspector, SessionDep
from sync.server.api.params import ResultHash
from sync.server.api.refusals import (
    ADMIN,
    INVALID,
    JSON_BODY,
    NOT_FOUND,
    ROLL_AND_CONSOLIDATION,
    SIGNED,
    answers,
    refused,
)
from sync.server.api.schemas import AuditPublic, AuditUpload, ReviewUpdate, audit_public
from sync.server.errors import Conflict, Forbidden, KeyRevoked, NotFound, Unprocessable
from sync.server.models import ResultRecord
from sync.server.store.results import receive_result
from sync.server.store.reviews import set_review

router = APIRouter(prefix="/v1", tags=["results"])
admin_router = APIRouter(
    prefix="/v1/admin", tags=["admin"], dependencies=[AdminActor], responses=answers(ADMIN)
)
RESULT_REFUSED = (
    refused(KeyRevoked),
    refused(Forbidden, "SIGNER_MISMATCH", "NOT_ASSIGNED", "NOT_CHAIR", "NOT_A_MEMBER"),
    refused(Conflict, "CONFLICT", "CATALOG_MISMATCH", "SUPERSEDED", "REPLACES_UNKNOWN"),
    INVALID,
    refused(
        Unprocessable,
        "NOT_CANONICAL",
        "UNSUPPORTED_VALUE",
        "BAD_SIGNATURE",
        "BAD_PUBLIC_KEY",
        "MALFORMED_RESULT",
        "UNKNOWN_KEY",
        "PHOTO_MISSING",
        "AUDIT_INCOMPLETE",
        "EVIDENCE_RECORD_INVALID",
        *ROLL_AND_CONSOLIDATION,
    ),
)
"""A signed result refused (README-api.md's table): its bytes, its key, its signer, its
assignment, its edition, its photos, its committee's consolidation, its revision chain."""


@router.post(
    "/results",
    status_code=status.HTTP_201_CREATED,
    responses={
        200: {"model": AuditPublic, "description": "already stored: the stored record"},
        **answers(SIGNED, JSON_BODY, RESULT_REFUSED),
    },
)
def upload_result(
    upload: AuditUpload,
    caller: CurrentInspector,
    central: CentralDep,
    session: SessionDep,
    response: Response,
) -> AuditPublic:
    """Check and store a signed result; 201 when new, 200 with the stored record when the
    same result (id and hash) was stored before."""
    received = receive_result(session, central.editions, _signed(upload), caller)
    if not received.created:
        response.status_code = status.HTTP_200_OK
    return audit_public(session, received.record)


@admin_router.get("/results/{result_hash}", responses=answers(NOT_FOUND, INVALID))
def get_result(result_hash: ResultHash, session: SessionDep) -> AuditPublic:
    """A stored result with its scores, review and the committee's finding (admin token)."""
    record = session.get(ResultRecord, result_hash)
    if record is None:
        raise NotFound("result", result_hash)
    return audit_public(session, record)


@admin_router.put(
    "/results/{result_hash}/review",
    responses=answers(
        NOT_FOUND,
        refused(Conflict, "INVALID_TRANSITION"),
        JSON_BODY,
        INVALID,
        refused(Unprocessable, "INVALID_INPUT"),
    ),
)
def review_result(
    result_hash: ResultHash, update: ReviewUpdate, session: SessionDep
) -> AuditPublic:
    """Set the office's review state of a result, with a comment (admin token)."""
    set_review(session, result_hash, update.state, comment=update.comment, reviewer=update.reviewer)
    record = session.get(ResultRecord, result_hash)
    assert record is not None
    return audit_public(session, record)


def _signed(upload: AuditUpload) -> SignedResult:
    """The signed result sent. Text no database can keep inside the payload (a NUL escaped in
    its JSON, which the guard at the door does not parse) is refused when the typed document
    is parsed: MALFORMED_RESULT naming the field."""
    try:
        payload_bytes = upload.payload.encode("utf-8")
        envelope = Envelope.model_validate(upload.envelope.model_dump())
        return from_envelope(payload_bytes, envelope)
    except UnicodeEncodeError:
        raise Unprocessable("the payload is not valid Unicode text", code="NOT_CANONICAL") from None
    except ValidationError:
        raise Unprocessable(
            "the envelope's signature and public key are base64url text", code="BAD_SIGNATURE"
        ) from None
    except ProtocolError as error:
        raise Unprocessable(str(error), code=error.code) from error
