"""Inspectors' device keys: enrolment at the office, revocation, and signed-request checks.

Enrolment takes the text of the inspector's QR code (``GECC-KEY:1:...``) and the fingerprint
the inspector reads out; they must match, or nothing is enrolled (FINGERPRINT_MISMATCH).
A revoked key stays on record as a tombstone (with a new ``seq``) and is never enrolled again.

``authenticate`` checks one signed request (``sync.protocol.requests``) and remembers its
nonce in the database until the request could no longer be accepted anyway, so a replay is
refused by every server instance, not only the one that saw the original.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from sync.protocol.errors import ProtocolError
from sync.protocol.requests import VerifiedRequest, request_key_id, verify_request
from sync.protocol.signatures import decode_public_key, key_fingerprint, parse_enrolment_text
from sync.server.database import begin_write
from sync.server.errors import (
    Conflict,
    InvalidInput,
    KeyRevoked,
    NotAuthenticated,
    NotFound,
    Unprocessable,
)
from sync.server.models import DeviceKeyRecord, InspectorRecord, NonceRecord, now_utc
from sync.server.store.changes import log_action, next_seq

PRUNE_ONE_IN = 64  # prune expired nonces on about one request in this many
PRUNE_MARGIN_SECONDS = 60  # for clocks of several server instances that differ a little


@dataclass(frozen=True)
class Caller:
    """Who signed a request: the inspector, their key, and what the signature vouches for."""

    inspector_id: str
    key_id: str
    verified: VerifiedRequest


def enrol_key(
    session: Session,
    *,
    inspector_id: str,
    enrolment_text: str,
    fingerprint_read_out: str,
    actor: str,
    name: str | None = None,
) -> DeviceKeyRecord:
    """Enrol the key in ``enrolment_text`` for the inspector, if the fingerprints agree."""
    public_key = _parse_enrolment(enrolment_text)
    fingerprint = key_fingerprint(public_key)
    if re.sub(r"\D", "", fingerprint_read_out) != fingerprint.replace(" ", ""):
        raise Unprocessable(
            "the fingerprint read out is not this key's: do not enrol it",
            code="FINGERPRINT_MISMATCH",
            expected=fingerprint,
        )
    seq = next_seq(session)
    key_id = request_key_id(public_key)
    existing = session.get(DeviceKeyRecord, key_id)
    if existing is not None:
        session.rollback()
        return _already_enrolled(existing, inspector_id)
    _ensure_inspector(session, inspector_id, name, seq)
    record = DeviceKeyRecord(
        key_id=key_id,
        inspector_id=inspector_id,
        fingerprint=fingerprint,
        enrolled_at=now_utc(),
        enrolled_by=actor,
        seq=seq,
    )
    session.add(record)
    log_action(
        session,
        actor=actor,
        action="key.enrol",
        subject=key_id,
        inspector=inspector_id,
        fingerprint=fingerprint,
    )
    session.commit()
    return record


def revoke_key(session: Session, key: str, *, actor: str, reason: str = "") -> DeviceKeyRecord:
    """Revoke a key named by its key id or its fingerprint; revoking twice is refused."""
    seq = next_seq(session)
    record = find_key(session, key)
    if record is None:
        raise NotFound("device key", key)
    if record.revoked_at is not None:
        raise Conflict("the key is already revoked", code="ALREADY_EXISTS", key_id=record.key_id)
    record.revoked_at, record.revoked_by, record.seq = now_utc(), actor, seq
    session.add(record)
    log_action(
        session,
        actor=actor,
        action="key.revoke",
        subject=record.key_id,
        reason=reason,
        inspector=record.inspector_id,
    )
    session.commit()
    return record


def find_key(session: Session, key: str) -> DeviceKeyRecord | None:
    """The key whose id is ``key``, or whose fingerprint has the digits of ``key``."""
    record = session.get(DeviceKeyRecord, key)
    digits = re.sub(r"\D", "", key)
    if record is not None or len(digits) != 30:
        return record
    spaced = " ".join(digits[i : i + 5] for i in range(0, 30, 5))
    return session.exec(
        select(DeviceKeyRecord).where(DeviceKeyRecord.fingerprint == spaced)
    ).first()


def authenticate(
    session: Session,
    *,
    method: str,
    target: str,
    headers: Mapping[str, str],
    body: bytes | None,
    now: int,
    max_skew: int,
) -> Caller:
    """Check a signed request and spend its nonce; commits. See the module docstring."""
    begin_write(session)
    keys: dict[str, DeviceKeyRecord] = {}
    try:
        verified = verify_request(
            method=method,
            target=target,
            headers=headers,
            body=body,
            now=now,
            max_skew=max_skew,
            lookup=lambda key_id: _lookup(session, key_id, keys),
        )
    except ProtocolError as error:
        raise NotAuthenticated(str(error), code=error.code) from error
    record = keys[verified.key_id]
    if record.revoked_at is not None:
        raise KeyRevoked("this device key was revoked by the office", key_id=record.key_id)
    _spend_nonce(session, verified, expires_at=verified.created + max_skew, now=now)
    return Caller(inspector_id=record.inspector_id, key_id=record.key_id, verified=verified)


def _lookup(session: Session, key_id: str, found: dict[str, DeviceKeyRecord]) -> bytes | None:
    record = session.get(DeviceKeyRecord, key_id)
    if record is None:
        return None
    found[key_id] = record
    return decode_public_key(key_id)


def _spend_nonce(session: Session, verified: VerifiedRequest, *, expires_at: int, now: int) -> None:
    """Remember the nonce; a nonce whose request has expired cannot be replayed anyway."""
    session.add(NonceRecord(key_id=verified.key_id, nonce=verified.nonce, expires_at=expires_at))
    try:
        # The insert must reach the database inside this try: pruning below runs a statement,
        # and its autoflush would otherwise raise a replay's IntegrityError unrecognised.
        session.flush()
        if prunes_now(verified.nonce):
            cutoff = now - PRUNE_MARGIN_SECONDS
            session.execute(delete(NonceRecord).where(col(NonceRecord.expires_at) < cutoff))
        session.commit()
    except IntegrityError:
        session.rollback()
        raise NotAuthenticated(
            "this request was already received (its nonce is spent)", code="REPLAYED_NONCE"
        ) from None


def prunes_now(nonce: str) -> bool:
    """Whether the request with this nonce also prunes expired nonces (one in PRUNE_ONE_IN)."""
    return hashlib.sha256(nonce.encode()).digest()[0] % PRUNE_ONE_IN == 0


def _parse_enrolment(text: str) -> bytes:
    try:
        return parse_enrolment_text(text)
    except ProtocolError as error:
        raise Unprocessable(str(error), code=error.code) from error


def _already_enrolled(existing: DeviceKeyRecord, inspector_id: str) -> DeviceKeyRecord:
    if existing.inspector_id != inspector_id:
        raise Conflict(
            "this key is enrolled to another inspector",
            code="ALREADY_EXISTS",
            inspector=existing.inspector_id,
        )
    if existing.revoked_at is not None:
        raise KeyRevoked("this key was revoked and cannot be enrolled again")
    return existing


def _ensure_inspector(session: Session, inspector_id: str, name: str | None, seq: int) -> None:
    if session.get(InspectorRecord, inspector_id) is not None:
        return
    if not name:
        raise InvalidInput(
            f"inspector {inspector_id!r} is not known",
            [f"give the inspector's name (--name) to add {inspector_id!r}"],
        )
    session.add(InspectorRecord(id=inspector_id, name=name, seq=seq))
    session.flush()
