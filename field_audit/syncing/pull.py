"""Pulling from the central store what this inspector's assignments need, incrementally.

Each view is pulled from its saved cursor, applied as upserts, and only then is the cursor
saved, so an interrupted pull repeats (harmlessly) rather than skips. Editions are checked
against their content hash and validated before they are kept; results of the inspector's
committees are kept only if their signature verifies; certificates of the inspector's LAOs
only if their QR text is a GECC certificate for that LAO (whether it is genuine, expired or
revoked is decided each time it is shown). Last come the certificate trust and revocation
lists (``field_audit.syncing.trust``).
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from field_audit.domain.edition import Edition, parse_edition
from field_audit.domain.errors import EditionError
from field_audit.seal.sealing import row_of
from field_audit.storage import directory
from field_audit.storage.certificates import forget_certificate, keep_certificate
from field_audit.storage.database import Database
from field_audit.storage.sealed import save_imported
from field_audit.sync_client.errors import Refused
from field_audit.sync_client.http import CentralClient
from field_audit.sync_client.transfer import edition_document, pull_view
from field_audit.syncing.trust import pull_trust
from sync.protocol.certificates import CertificateError, decode_qr_text
from sync.protocol.errors import ProtocolError
from sync.protocol.sealed import Envelope, from_envelope, verify_result

VIEWS = ("rounds", "committees", "assignments", "certificates", "results")


def pull_all(db: Database, client: CentralClient) -> int:
    """Pull every view, then the certificate lists; returns how many changes were applied."""
    applied = 0
    for view in VIEWS:
        changes, cursor = pull_view(client, view, directory.cursor_of(db, view))
        for change in changes:
            _apply(db, client, view, change)
        directory.save_cursor(db, view, cursor)
        applied += len(changes)
    return applied + pull_trust(db, client)


def _apply(db: Database, client: CentralClient, view: str, change: dict[str, Any]) -> None:
    record = change.get("record")
    if change.get("deleted") or record is None:
        if view == "assignments":
            directory.withdraw_assignment(db, change["id"])
        elif view == "certificates":
            forget_certificate(db, change["id"])
        return
    if view == "rounds":
        _ensure_edition(db, client, record["edition"]["hash"])
        directory.apply_round(db, record)
    elif view == "committees":
        directory.apply_committee(db, record)
    elif view == "assignments":
        directory.apply_assignment(db, record)
    elif view == "certificates":
        _keep_certificate(db, record)
    else:
        _keep_result(db, record)


def _ensure_edition(db: Database, client: CentralClient, content_hash: str) -> None:
    if directory.has_edition(db, content_hash):
        return
    answer = edition_document(client, content_hash)
    edition = _checked_edition(answer["document"], content_hash)
    directory.apply_edition(db, edition)


def _checked_edition(document: Any, content_hash: str) -> Edition:
    try:
        edition = parse_edition(document, source="edition from the central store")
    except EditionError as error:
        raise Refused("CATALOG_MISMATCH", str(error), 0, {}) from None
    if edition.content_hash != content_hash:
        raise Refused("CATALOG_MISMATCH", "the edition does not match its hash", 0, {})
    return edition


def _keep_result(db: Database, record: dict[str, Any]) -> None:
    """Keep a result the central store verified, if it verifies here too."""
    try:
        payload_bytes = str(record["payload"]).encode("utf-8")
        signed = from_envelope(payload_bytes, Envelope.model_validate(record["envelope"]))
        result = verify_result(signed)
    except (ProtocolError, ValidationError, KeyError, UnicodeEncodeError):
        return  # a result that does not verify is not kept; the office sees it on its side
    save_imported(db, [row_of(signed, result)])


def _keep_certificate(db: Database, record: dict[str, Any]) -> None:
    try:
        certificate, _signature = decode_qr_text(str(record["qr_text"]))
    except CertificateError:
        return  # not a GECC certificate: nothing to show
    if (certificate.reference, certificate.lao_id) != (record["reference"], record["lao_id"]):
        return  # a QR code that names another certificate or LAO than its record
    keep_certificate(
        db,
        reference=certificate.reference,
        round_id=str(record["round_id"]),
        lao_id=certificate.lao_id,
        qr_text=str(record["qr_text"]),
    )
