"""The certificate screen's work: check a GECC certificate offline, from a picture of its QR
code or from its text, against this device's trusted issuing keys and revocations, and draw a
certificate's QR code again from its text; the certificates issued to this inspector's LAOs,
each checked the same way whenever they are listed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from field_audit.evidence.errors import PhotoRefused
from field_audit.evidence.qr import certificate_qr_png
from field_audit.evidence.qr_decode import decode_qr_texts
from field_audit.storage.certificates import held_certificates, revocations, trusted_keys
from field_audit.storage.database import Database
from field_audit.storage.models import now_utc
from sync.protocol.certificates import (
    QR_PREFIX,
    CertificateError,
    Verdict,
    decode_qr_text,
    thai_date,
    verify_certificate,
)

NO_QR_CODE = "NO_QR_CODE"
NOT_A_PICTURE = "NOT_A_PICTURE"
NO_TEXT = "NO_TEXT"


@dataclass(frozen=True)
class CertificateCheck:
    """The verdict on what was given, or why there was nothing to check (``problem``)."""

    verdict: Verdict | None
    problem: str | None
    text: str | None
    qr_png: bytes | None
    claimed_reference: str | None = None  # what an unverified text says: never shown as fact

    @property
    def genuine(self) -> bool:
        return self.verdict is not None and self.verdict.certificate is not None


@dataclass(frozen=True)
class TrustState:
    keys: int
    revoked: int


@dataclass(frozen=True)
class HeldCheck:
    """A certificate held for one of this inspector's LAOs, and its verdict today."""

    reference: str
    lao_id: str
    qr_text: str
    verdict: Verdict


class CertificateDesk:
    """Checks certificates against what this device's database trusts and knows revoked."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def trust(self) -> TrustState:
        return TrustState(len(trusted_keys(self.db)), len(revocations(self.db)))

    def held(self, *, today: date | None = None) -> list[HeldCheck]:
        """The certificates issued to this inspector's LAOs (pulled at sync), each checked."""
        verdict = self.verifier(today)
        return [
            HeldCheck(record.reference, record.lao_id, record.qr_text, verdict(record.qr_text))
            for record in held_certificates(self.db)
        ]

    def verifier(self, today: date | None = None) -> Callable[[str], Verdict]:
        """A check of QR texts against the trust and revocations held now, as of ``today``
        (Thailand's date by default); the lists are read once for every text it checks."""
        trust, revoked = trusted_keys(self.db), revocations(self.db)
        day = today or thai_date(now_utc())
        return lambda text: verify_certificate(
            text, trust_list=trust, revocations=revoked, today=day
        )

    def check_picture(self, data: bytes, *, today: date | None = None) -> CertificateCheck:
        """Find the GECC code in a picture (the first QR code if none is GECC) and check it."""
        try:
            texts = decode_qr_texts(data)
        except PhotoRefused:
            return CertificateCheck(None, NOT_A_PICTURE, None, None)
        if not texts:
            return CertificateCheck(None, NO_QR_CODE, None, None)
        text = next((t for t in texts if t.startswith(QR_PREFIX)), texts[0])
        return self.check_text(text, today=today)

    def check_text(self, text: str, *, today: date | None = None) -> CertificateCheck:
        """Check a certificate's QR text (as typed or pasted)."""
        text = text.strip()
        if not text:
            return CertificateCheck(None, NO_TEXT, None, None)
        verdict = self.verifier(today)(text)
        claimed = _claimed_reference(text) if verdict.certificate is None else None
        drawable = verdict.certificate is not None or claimed is not None
        return CertificateCheck(verdict, None, text, _qr_png(text) if drawable else None, claimed)


def _claimed_reference(text: str) -> str | None:
    try:
        certificate, _signature = decode_qr_text(text)
    except CertificateError:
        return None
    return certificate.reference


def _qr_png(text: str) -> bytes | None:
    """The certificate's QR code drawn again (None if the text cannot be drawn as one)."""
    try:
        return certificate_qr_png(text, box_size=6)
    except ValueError:
        return None
