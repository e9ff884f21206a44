"""Issuing a certificate: complete the fields, sign their canonical JSON, make the QR text.

The central store calls ``issue_certificate`` with the fields it decided (the reference with
the sequence it allocated, the committee result's hash...), its issuing key's ``sign`` and
``key_id`` (``sync.issuing``), and keeps ``payload_bytes`` and ``signature``; the QR text can be
made again from them at any time (``SignedCertificate.from_stored``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sync.protocol.canonical import canonical_json, parse_canonical
from sync.protocol.certificates.errors import InvalidCertificate
from sync.protocol.certificates.model import (
    Certificate,
    CertificateFields,
    certificate_of,
    complete,
    payload_of,
)
from sync.protocol.certificates.qr_text import encode_qr_text
from sync.protocol.errors import NotCanonical
from sync.protocol.signatures import SIGNATURE_SIZE

Sign = Callable[[bytes], bytes]


@dataclass(frozen=True)
class SignedCertificate:
    """A certificate, the exact bytes that were signed, and the 64-byte Ed25519 signature."""

    certificate: Certificate
    payload_bytes: bytes
    signature: bytes

    @property
    def reference(self) -> str:
        return self.certificate.reference

    @property
    def qr_text(self) -> str:
        """``GECC1:...``, the text to draw as the certificate's QR code."""
        return encode_qr_text(self.certificate, self.signature)

    @classmethod
    def from_stored(cls, payload_bytes: bytes, signature: bytes) -> SignedCertificate:
        """Rebuild from what the store kept; raise ``InvalidCertificate`` (checks no signature)."""
        try:
            payload = parse_canonical(payload_bytes)
        except NotCanonical as error:
            raise InvalidCertificate("payload", f"is not canonical JSON ({error})") from error
        if not isinstance(payload, dict):
            raise InvalidCertificate("payload", "is not a JSON object")
        if len(signature) != SIGNATURE_SIZE:
            raise InvalidCertificate("signature", f"is not {SIGNATURE_SIZE} bytes")
        return cls(certificate_of(payload), payload_bytes, signature)


def issue_certificate(fields: CertificateFields, *, sign: Sign, key_id: str) -> SignedCertificate:
    """Sign a certificate stating ``fields`` with the issuing key ``key_id``.

    ``sign(bytes) -> 64-byte signature`` must be that key's. Raises ``InvalidCertificate``
    naming the first unacceptable field, or ``CertificateTooLarge`` when its QR would not fit
    version 15 at level Q.
    """
    certificate = complete(fields, key_id=key_id)
    payload_bytes = canonical_json(payload_of(certificate))
    signature = sign(payload_bytes)
    encode_qr_text(certificate, signature)  # refuse an oversized certificate now, not in print
    return SignedCertificate(certificate, payload_bytes, signature)
