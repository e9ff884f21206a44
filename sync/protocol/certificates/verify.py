"""Checking a scanned certificate offline: one verdict, never an exception.

``verify_certificate`` answers exactly one of six statuses; ``code`` says precisely why:

    status         code             meaning
    valid          VALID            genuine, not revoked, ``today`` within its validity
    expired        EXPIRED          genuine, not revoked, ``today`` after ``valid_until``
    revoked        REVOKED          genuine, and on the key's revocation list (``revocation``)
    bad_signature  BAD_SIGNATURE    the signature does not verify for what it states
                   KEY_NOT_IN_USE   it verifies, with a key not issuing on its date of issue
    unknown_key    UNKNOWN_KEY      signed by a key id the trust list does not hold
    not_gecc       NOT_GECC         not a certificate text at all (another QR code, a URL...)
                   DAMAGED          a ``GECC1:`` text that does not decode: damaged or cut

Checks run in that order from the bottom up. ``certificate`` is set only when the signature
verified (valid, expired, revoked): what a forged or damaged text claims is never shown as
fact. A certificate dated after ``today`` is still valid: it is genuine, and the device's
clock is the likelier fault. Codes are stable: add new ones, never rename one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from sync.protocol.canonical import canonical_json
from sync.protocol.certificates.errors import DamagedText, NotGeccText
from sync.protocol.certificates.messages import MESSAGES, english_date, thai_long_date
from sync.protocol.certificates.model import Certificate, payload_of, thai_date
from sync.protocol.certificates.qr_text import decode_qr_text
from sync.protocol.certificates.revocation import Revocation
from sync.protocol.certificates.trust import TrustedKey
from sync.protocol.errors import ProtocolError
from sync.protocol.signatures import verify_signature


class Status(StrEnum):
    VALID = "valid"
    EXPIRED = "expired"
    REVOKED = "revoked"
    BAD_SIGNATURE = "bad_signature"
    UNKNOWN_KEY = "unknown_key"
    NOT_GECC = "not_gecc"


STATUS_OF_CODE: dict[str, Status] = {
    "VALID": Status.VALID,
    "EXPIRED": Status.EXPIRED,
    "REVOKED": Status.REVOKED,
    "BAD_SIGNATURE": Status.BAD_SIGNATURE,
    "KEY_NOT_IN_USE": Status.BAD_SIGNATURE,
    "UNKNOWN_KEY": Status.UNKNOWN_KEY,
    "NOT_GECC": Status.NOT_GECC,
    "DAMAGED": Status.NOT_GECC,
}


@dataclass(frozen=True)
class Verdict:
    """The answer about one scanned text; ``message(language)`` explains it to a person."""

    code: str
    certificate: Certificate | None = None
    revocation: Revocation | None = None
    key_id: str | None = None

    @property
    def status(self) -> Status:
        return STATUS_OF_CODE[self.code]

    @property
    def message_en(self) -> str:
        return MESSAGES[self.code][0].format(**self._params(english=True))

    @property
    def message_th(self) -> str:
        return MESSAGES[self.code][1].format(**self._params(english=False))

    def message(self, language: str) -> str:
        """The message in ``"en"``, or in Thai for any other language."""
        return self.message_en if language == "en" else self.message_th

    def to_json(self) -> dict[str, Any]:
        """The verdict as JSON for a web page or ``--json``; the certificate only if genuine."""
        certificate = None if self.certificate is None else payload_of(self.certificate)
        revocation = self.revocation
        return {
            "status": self.status.value,
            "code": self.code,
            "message_th": self.message_th,
            "message_en": self.message_en,
            "key_id": self.key_id,
            "certificate": certificate,
            "revocation": None if revocation is None else _revocation_json(revocation),
        }

    def _params(self, *, english: bool) -> dict[str, str]:
        show = english_date if english else thai_long_date
        params = {"key_id": self.key_id or ""}
        if self.certificate is not None:
            params["reference"] = self.certificate.reference
            params["centre"] = self.certificate.service_centre_th
            params["until_en" if english else "until_th"] = show(self.certificate.valid_until)
        if self.revocation is not None:
            revoked_on = show(thai_date(self.revocation.revoked_at))
            params["revoked_en" if english else "revoked_th"] = revoked_on
            params["reason"] = self.revocation.reason
        return params


def verify_certificate(
    text: str,
    *,
    trust_list: Mapping[str, TrustedKey],
    revocations: Mapping[str, Revocation],
    today: date,
) -> Verdict:
    """The verdict on a scanned QR ``text`` (see the module docstring).

    ``trust_list`` maps key ids to trusted keys; ``revocations`` maps references to the
    revocations the device holds (a revocation counts only for the key that issued it);
    ``today`` is the Thai calendar date.
    """
    try:
        certificate, signature = decode_qr_text(text.strip())
    except NotGeccText:
        return Verdict("NOT_GECC")
    except DamagedText:
        return Verdict("DAMAGED")
    key_id = certificate.key_id
    key = trust_list.get(key_id)
    if key is None:
        return Verdict("UNKNOWN_KEY", key_id=key_id)
    if not _genuine(certificate, signature, key):
        return Verdict("BAD_SIGNATURE", key_id=key_id)
    if not key.in_use_on(certificate.issued_on):
        return Verdict("KEY_NOT_IN_USE", key_id=key_id)
    return _standing(certificate, key_id, revocations.get(certificate.reference), today)


def _genuine(certificate: Certificate, signature: bytes, key: TrustedKey) -> bool:
    try:
        data = canonical_json(payload_of(certificate))
        verify_signature(public_key_bytes=key.public_key, data=data, signature=signature)
    except ProtocolError:
        return False
    return True


def _standing(
    certificate: Certificate, key_id: str, revocation: Revocation | None, today: date
) -> Verdict:
    if revocation is not None and revocation.key_id == key_id:
        return Verdict("REVOKED", certificate, revocation, key_id)
    if today > certificate.valid_until:
        return Verdict("EXPIRED", certificate, key_id=key_id)
    return Verdict("VALID", certificate, key_id=key_id)


def _revocation_json(revocation: Revocation) -> dict[str, str]:
    return {
        "reference": revocation.reference,
        "reason": revocation.reason,
        "revoked_at": revocation.revoked_at.isoformat(),
    }
