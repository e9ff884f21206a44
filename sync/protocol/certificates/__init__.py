"""GECC certificates: issued by the central store, printed with a QR code, verified offline.

Public API::

    issue_certificate(fields, *, sign, key_id) -> SignedCertificate      (.qr_text, .payload_bytes)
    SignedCertificate.from_stored(payload_bytes, signature) -> SignedCertificate
    verify_certificate(text, *, trust_list, revocations, today) -> Verdict
    make_revocation_list(*, key_id, counter, revocations, issued_at, signed_by, sign)
    verify_revocation_list(document, *, trust_list, known=None) -> RevocationList
    trust_list_document(keys, *, exported_at) / parse_trust_list(document) -> {key_id: key}
    trust_list_bytes / parse_trust_list_bytes, revocation_list_bytes /
    read_revocation_list_bytes: the same documents as canonical bytes (files, answers)
    issuing_key_id(public_key) -> str
    format_reference / parse_reference / read_reference, valid_until_for(issued_on)

Formats: the signed payload (``model``), the QR text ``GECC1:`` (``qr_text``), the trust list
(``trust``), revocation lists (``revocation``), verdicts (``verify``), errors (``errors``).
Framework-free: the standard library, ``cryptography`` (via ``sync.protocol.signatures``)
and ``cbor2``.
"""

from sync.protocol.certificates.errors import (
    BadReference,
    CertificateError,
    CertificateTooLarge,
    DamagedText,
    InvalidCertificate,
    MalformedDocument,
    NotGeccText,
    RevocationReplay,
    UnknownIssuingKey,
)
from sync.protocol.certificates.issuing import SignedCertificate, issue_certificate
from sync.protocol.certificates.model import (
    CERTIFICATE,
    THAILAND,
    Certificate,
    CertificateFields,
    CertificateLevel,
    certificate_of,
    payload_of,
    thai_date,
    valid_until_for,
)
from sync.protocol.certificates.qr_text import (
    MAX_QR_TEXT_LENGTH,
    MAX_QR_VERSION,
    QR_ERROR_CORRECTION,
    QR_PREFIX,
    decode_qr_text,
    encode_qr_text,
)
from sync.protocol.certificates.reference import (
    Reference,
    format_reference,
    parse_reference,
    read_reference,
)
from sync.protocol.certificates.revocation import (
    REVOCATION_LIST,
    Revocation,
    RevocationList,
    RevocationState,
    make_revocation_list,
    read_revocation_list_bytes,
    revocation_list_bytes,
    verify_revocation_list,
)
from sync.protocol.certificates.trust import (
    TRUST_LIST_FORMAT,
    TrustedKey,
    issuing_key_id,
    parse_trust_list,
    parse_trust_list_bytes,
    trust_list_bytes,
    trust_list_document,
)
from sync.protocol.certificates.verify import Status, Verdict, verify_certificate

__all__ = [
    "CERTIFICATE",
    "MAX_QR_TEXT_LENGTH",
    "MAX_QR_VERSION",
    "QR_ERROR_CORRECTION",
    "QR_PREFIX",
    "REVOCATION_LIST",
    "THAILAND",
    "TRUST_LIST_FORMAT",
    "BadReference",
    "Certificate",
    "CertificateError",
    "CertificateFields",
    "CertificateLevel",
    "CertificateTooLarge",
    "DamagedText",
    "InvalidCertificate",
    "MalformedDocument",
    "NotGeccText",
    "Reference",
    "Revocation",
    "RevocationList",
    "RevocationReplay",
    "RevocationState",
    "SignedCertificate",
    "Status",
    "TrustedKey",
    "UnknownIssuingKey",
    "Verdict",
    "certificate_of",
    "decode_qr_text",
    "encode_qr_text",
    "format_reference",
    "issue_certificate",
    "issuing_key_id",
    "make_revocation_list",
    "parse_reference",
    "parse_trust_list",
    "parse_trust_list_bytes",
    "payload_of",
    "read_reference",
    "read_revocation_list_bytes",
    "revocation_list_bytes",
    "thai_date",
    "trust_list_bytes",
    "trust_list_document",
    "valid_until_for",
    "verify_certificate",
    "verify_revocation_list",
]
