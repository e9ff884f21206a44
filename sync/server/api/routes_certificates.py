"""Certificates: the office issues and revokes them (admin token); apps fetch the trust list
and the revocation lists (public: no request signature, see README-api.md for why)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Response, status
from fastapi.responses import JSONResponse

from sync.issuing.qr import certificate_qr_svg
from sync.protocol.certificates import trust_list_document
from sync.server.api.deps import AdminActor, CentralDep, SessionDep
from sync.server.api.params import Counter, KeyId, Reference
from sync.server.api.refusals import (
    ADMIN,
    DECISION_BASIS,
    INVALID,
    JSON_BODY,
    NO_ISSUING_KEY,
    NOT_FOUND,
    answers,
    refused,
)
from sync.server.api.schemas import (
    CertificateIssue,
    CertificatePublic,
    CertificateRevocation,
    RevocationListPublic,
    TrustListPublic,
    certificate_public,
)
from sync.server.errors import Conflict, Unprocessable
from sync.server.models import CertificateRecord
from sync.server.store.certificates import issue_for
from sync.server.store.revocations import reference_of, revocation_list_for, revoke
from sync.server.store.rows import require

router = APIRouter(prefix="/v1", tags=["certificates"])
admin_router = APIRouter(
    prefix="/v1/admin/certificates",
    tags=["admin"],
    dependencies=[AdminActor],
    responses=answers(ADMIN),
)
REVALIDATE = {"Cache-Control": "no-cache"}
CACHE_HEADERS = {"Cache-Control": {"description": "no-cache", "schema": {"type": "string"}}}
LIST_HEADERS = {
    **CACHE_HEADERS,
    "ETag": {"description": '"<key id>.<counter>"', "schema": {"type": "string"}},
}
BY_REFERENCE = answers(NOT_FOUND, INVALID, refused(Unprocessable, "BAD_REFERENCE"))
"""A certificate named by its reference: none issued under it, or it does not read as one."""


@router.get(
    "/trust",
    response_model=TrustListPublic,
    responses={200: {"headers": CACHE_HEADERS}, **answers(NO_ISSUING_KEY)},
)
def get_trust_list(central: CentralDep) -> JSONResponse:
    """The trust list (``gecc-trust-list/1``): every issuing key with the dates it issued on;
    NO_ISSUING_KEY (503) when the store has no issuing keyring."""
    keys = central.issuer.keyring().keys
    document = trust_list_document([k.trusted() for k in keys], exported_at=central.clock())
    return JSONResponse(document, headers=REVALIDATE)


@router.get(
    "/revocations",
    response_model=RevocationListPublic,
    responses={
        200: {"headers": LIST_HEADERS},
        304: {
            "description": "the caller's counter is the current one: no change",
            "headers": LIST_HEADERS,
        },
        **answers(NOT_FOUND, INVALID, NO_ISSUING_KEY),
    },
)
def get_revocation_list(
    central: CentralDep,
    session: SessionDep,
    key_id: KeyId,
    counter: Counter = 0,
    if_none_match: Annotated[str | None, Header()] = None,
) -> Response:
    """The signed revocation list of one issuing key's certificates (``{payload, signature}``),
    or 304 with no body when ``counter`` (or the ``If-None-Match`` ETag) is the current one."""
    stored = revocation_list_for(session, central.issuer.trust_list(), key_id, counter)
    etag = f'"{key_id}.{stored.counter if stored else counter}"'
    headers = {**REVALIDATE, "ETag": etag}
    if stored is None or if_none_match == etag:
        return Response(status_code=status.HTTP_304_NOT_MODIFIED, headers=headers)
    return Response(stored.document, media_type="application/json", headers=headers)


@admin_router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses={
        200: {"model": CertificatePublic, "description": "the standing certificate"},
        **answers(
            NOT_FOUND,
            refused(
                Conflict,
                *DECISION_BASIS,
                "NOT_CERTIFIED",
                "NO_DECISION",
                "DECIDED_NOT_TO_CERTIFY",
                "DECISION_OUTDATED",
                "CERTIFICATE_REVOKED",
                "NOT_ELIGIBLE",
                "SEQUENCE_EXHAUSTED",
                "CONFLICT",
            ),
            JSON_BODY,
            INVALID,
            refused(Unprocessable, "INVALID_CERTIFICATE", "CERTIFICATE_TOO_LARGE"),
            NO_ISSUING_KEY,
        ),
    },
)
def issue(
    body: CertificateIssue, central: CentralDep, session: SessionDep, response: Response
) -> CertificatePublic:
    """Issue the LAO's certificate for the round: 201 when new, 200 with the standing one."""
    issued = issue_for(
        session,
        central.issuer,
        central.editions,
        round_id=body.round_id,
        lao_id=body.lao_id,
        actor=body.issued_by,
        now=central.clock(),
        reissue=body.reissue,
    )
    if not issued.created:
        response.status_code = status.HTTP_200_OK
    return certificate_public(issued.record)


@admin_router.get("/{reference}", responses=BY_REFERENCE)
def get_certificate(reference: Reference, session: SessionDep) -> CertificatePublic:
    """An issued certificate, revoked or not."""
    record = require(session, CertificateRecord, reference_of(reference), "certificate")
    return certificate_public(record)


@admin_router.get(
    "/{reference}/qr.svg",
    response_class=Response,
    responses={
        200: {"content": {"image/svg+xml": {"schema": {"type": "string"}}}},
        **BY_REFERENCE,
    },
)
def get_certificate_qr(reference: Reference, session: SessionDep) -> Response:
    """The certificate's QR code as SVG, 35 mm wide in print."""
    record = require(session, CertificateRecord, reference_of(reference), "certificate")
    return Response(certificate_qr_svg(record.qr_text), media_type="image/svg+xml")


@admin_router.post(
    "/{reference}/revocation",
    responses=answers(
        NOT_FOUND,
        refused(Conflict, "ALREADY_REVOKED"),
        JSON_BODY,
        INVALID,
        refused(Unprocessable, "BAD_REFERENCE", "INVALID_INPUT"),
        NO_ISSUING_KEY,
    ),
)
def revoke_certificate(
    reference: Reference, body: CertificateRevocation, central: CentralDep, session: SessionDep
) -> CertificatePublic:
    """Revoke a certificate for a reason everyone who checks it will see; its issuing key's
    revocation list gets a higher counter."""
    record = revoke(
        session,
        central.issuer,
        reference,
        reason=body.reason,
        actor=body.revoked_by,
        now=central.clock(),
    )
    return certificate_public(record)
