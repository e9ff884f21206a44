"""Errors of certificate issuing and of revocation lists, each with a stable ``code``.

    ProtocolError (sync.protocol.errors)
    ├── BadSignature            BAD_SIGNATURE          a revocation list's signature fails
    └── CertificateError        CERTIFICATE_ERROR      base of this package's refusals
        ├── BadReference        BAD_REFERENCE          not a GECC-<year>-<province>-<seq> text
        ├── InvalidCertificate  INVALID_CERTIFICATE    a field cannot go on a certificate
        │                                              (``field``)
        ├── CertificateTooLarge CERTIFICATE_TOO_LARGE  its QR would exceed the version limit
        │                                              (``length``, ``limit``)
        ├── NotGeccText         NOT_GECC               a QR text without the ``GECC1:`` prefix
        ├── DamagedText         DAMAGED                a ``GECC1:`` text that does not decode
        ├── MalformedDocument   MALFORMED_DOCUMENT     a trust list or revocation list that
        │                                              this version did not write
        ├── UnknownIssuingKey   UNKNOWN_ISSUING_KEY    signed by a key not in the trust list
        │                                              (``key_id``)
        └── RevocationReplay    REVOCATION_REPLAY      an older revocation list than the one held
                                                       (``counter``, ``known_counter``)

A certificate being checked is never refused by an exception: ``verify_certificate`` returns a
``Verdict`` whose codes are listed in ``sync.protocol.certificates.verify``.
Codes are part of the protocol: add new ones, never rename or reuse one.
"""

from __future__ import annotations

from typing import ClassVar

from sync.protocol.errors import ProtocolError


class CertificateError(ProtocolError):
    """Base of every refusal about certificates, trust lists and revocation lists."""

    code: ClassVar[str] = "CERTIFICATE_ERROR"


class BadReference(CertificateError):
    """Text that is not a certificate reference such as ``GECC-2570-50-0007``."""

    code: ClassVar[str] = "BAD_REFERENCE"


class InvalidCertificate(CertificateError):
    """A field that cannot go on a certificate; ``field`` names it."""

    code: ClassVar[str] = "INVALID_CERTIFICATE"

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason, message=f"{field}: {reason}")
        self.field = field


class CertificateTooLarge(CertificateError):
    """The certificate's QR text is longer than fits the largest allowed QR version."""

    code: ClassVar[str] = "CERTIFICATE_TOO_LARGE"

    def __init__(self, *, length: int, limit: int) -> None:
        super().__init__(
            f"the QR text is {length} characters and at most {limit} fit; shorten the service"
            " centre's name"
        )
        self.length = length
        self.limit = limit


class NotGeccText(CertificateError):
    """A scanned text that is not a GECC certificate at all (another QR code, a URL...)."""

    code: ClassVar[str] = "NOT_GECC"


class DamagedText(CertificateError):
    """A text with the certificate prefix whose content does not decode: damaged or cut."""

    code: ClassVar[str] = "DAMAGED"


class MalformedDocument(CertificateError):
    """A trust list or revocation list that is not exactly what this version writes."""

    code: ClassVar[str] = "MALFORMED_DOCUMENT"


class UnknownIssuingKey(CertificateError):
    """A revocation list signed by a key the trust list lacks (``key_id``)."""

    code: ClassVar[str] = "UNKNOWN_ISSUING_KEY"

    def __init__(self, key_id: str) -> None:
        super().__init__(f"no trusted issuing key has the id {key_id[:60]!r}")
        self.key_id = key_id


class RevocationReplay(CertificateError):
    """A revocation list older than (or conflicting with) the one already accepted."""

    code: ClassVar[str] = "REVOCATION_REPLAY"

    def __init__(self, *, key_id: str, counter: int, known_counter: int) -> None:
        super().__init__(
            f"the revocation list for key {key_id} has counter {counter}, but counter"
            f" {known_counter} is already held; an older or conflicting list is refused"
        )
        self.key_id = key_id
        self.counter = counter
        self.known_counter = known_counter
