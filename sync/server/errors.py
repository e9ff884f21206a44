"""Errors of the central store: each has a stable ``code`` and an HTTP ``status``, carries data.

Services raise these; ``sync.server.api.handlers`` turns them into HTTP, and nothing else
does. The body is always ``{"code": ..., "message": ..., "details": {...}}``::

    CentralError                     base: code, status, message, details
    ├── NotAuthenticated       401   BAD_SIGNATURE UNKNOWN_KEY CLOCK_SKEW REPLAYED_NONCE
    │                                ADMIN_TOKEN_REQUIRED  (the request itself is not trusted)
    │                                LOGIN_FAILED ACCOUNT_LOCKED  (the office console)
    ├── KeyRevoked             403   KEY_REVOKED           (the request's or the result's key)
    ├── Forbidden              403   NOT_ASSIGNED NOT_CHAIR SIGNER_MISMATCH NOT_A_MEMBER
    │                                ROLE_REQUIRED CSRF_FAILED SAME_OFFICER  (the console)
    ├── NotFound               404   NOT_FOUND
    ├── Conflict               409   CONFLICT (details: stored_hash) SUPERSEDED REPLACES_UNKNOWN
    │                                TARGET_NOT_EMPTY DATABASE_NOT_EMPTY STORE_NOT_EMPTY
    │                                SCHEMA_MISMATCH      (gecc-central backup and restore)
    │                                CATALOG_MISMATCH UPLOAD_OFFSET_MISMATCH (details: offset)
    │                                UPLOAD_BUSY ALREADY_EXISTS INVALID_TRANSITION
    │                                NO_COMMITTEE_RESULT NOT_APPROVED NOT_CERTIFIED
    │                                CERTIFICATE_REVOKED (details: reference) ALREADY_REVOKED
    │                                SEQUENCE_EXHAUSTED    (certificates: issue and revoke)
    │                                NOT_ELIGIBLE (details: conditions, each {code, th, en})
    │                                NO_DECISION DECIDED_NOT_TO_CERTIFY DECISION_OUTDATED
    │                                RECONSOLIDATION_NEEDED KEY_NOT_VALID_WHEN_USED
    │                                CRITERIA_NOT_MET CERTIFICATE_STANDS   (decisions)
    │                                NO_CERTIFICATE (a notice of certification before the
    │                                certificate is issued: sync.server.documents)
    ├── Throttled              429   LOGIN_THROTTLED (too many failed logins from one address)
    ├── TooLarge               413   REQUEST_TOO_LARGE PHOTO_TOO_LARGE IMAGE_TOO_LARGE
    ├── Unprocessable          422   INVALID_INPUT (details: problems) INVALID_REQUEST
    │                                (details: problems, each {where, problem}: the request's
    │                                shape, or text no database keeps, such as a NUL)
    │                                MALFORMED_RESULT NOT_CANONICAL BAD_SIGNATURE BAD_PUBLIC_KEY
    │                                UNKNOWN_KEY (a result's key) PHOTO_MISSING
    │                                PHOTO_HASH_MISMATCH MEMBER_AUDIT_MISSING
    │                                MEMBER_AUDIT_INVALID CONSOLIDATION_MISMATCH
    │                                AUDIT_INCOMPLETE (details: missing) SCORE_MISMATCH
    │                                EVIDENCE_RECORD_INVALID CRITERIA_UNASSESSED
    │                                (details: unassessed)
    │                                MEMBER_OMITTED MEMBER_REPEATED ABSENCE_WITHOUT_REASON
    │                                CHAIR_ABSENT QUORUM_NOT_MET (details: problems)
    │                                FINGERPRINT_MISMATCH INVALID_CERTIFICATE (details: field)
    │                                CERTIFICATE_TOO_LARGE BAD_REFERENCE
    │                                NO_PICTURE NOT_AN_IMAGE NO_QR_CODE   (the /verify page)
    │                                NOT_A_BACKUP BACKUP_DAMAGED UNKNOWN_TABLES   (restore, backup)
    └── Unavailable            503   NO_ISSUING_KEY ISSUING_KEY_UNAVAILABLE (no keyring file,
        │                            no or a wrong passphrase, a damaged file: details: reason)
        └── TryLater           503   STORAGE_FULL (the blob store's disk is full)
                                     DATABASE_UNAVAILABLE (the database cannot be reached)
                                     STORE_UNHEALTHY (/v1/health: details.checks)
                                     answered with ``Retry-After`` (seconds): it passes

    StartupRefused                   not HTTP: the service (or a command) does not start
    ├── UnsafeSettings               settings that are inconsistent, or unsafe in production
    ├── SchemaNotCurrent             the database is not at the migrations' head
    └── DatabaseUnusable             the database URL is malformed or names a database this
                                     store cannot use, or nothing answers there (one line,
                                     never the password)

Codes are part of the protocol: add new ones, never rename or reuse one.
"""

from __future__ import annotations

from typing import Any, ClassVar


class CentralError(Exception):
    """Base of every refusal of the central store. ``code`` may be set per instance."""

    status: ClassVar[int] = 500
    code: str = "INTERNAL_ERROR"

    def __init__(self, message: str, *, code: str | None = None, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details
        if code is not None:
            self.code = code

    @property
    def headers(self) -> dict[str, str]:
        """HTTP headers that go with the refusal (none but ``TryLater``'s Retry-After)."""
        return {}


class NotAuthenticated(CentralError):
    status = 401
    code = "BAD_SIGNATURE"


class KeyRevoked(CentralError):
    status = 403
    code = "KEY_REVOKED"


class Forbidden(CentralError):
    status = 403
    code = "NOT_ASSIGNED"


class NotFound(CentralError):
    status = 404
    code = "NOT_FOUND"

    def __init__(self, what: str, key: str) -> None:
        super().__init__(f"there is no {what} {key!r}", what=what, key=key)


class Conflict(CentralError):
    status = 409
    code = "CONFLICT"


class Throttled(CentralError):
    """Too many tries; ``details["retry_after"]`` seconds is sent as ``Retry-After``."""

    status = 429
    code = "LOGIN_THROTTLED"

    @property
    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.details.get("retry_after", 60))}


class TooLarge(CentralError):
    status = 413
    code = "REQUEST_TOO_LARGE"


class Unprocessable(CentralError):
    status = 422
    code = "INVALID_INPUT"


class Unavailable(CentralError):
    """Something the store needs is not configured or cannot be opened (the issuing key)."""

    status = 503
    code = "NO_ISSUING_KEY"


class TryLater(Unavailable):
    """Something passing keeps the store from answering now; ``retry_after`` seconds is a fair
    wait, sent as the ``Retry-After`` header."""

    code = "STORAGE_FULL"

    def __init__(self, message: str, *, code: str, retry_after: int, **details: Any) -> None:
        super().__init__(message, code=code, **details)
        self.retry_after = retry_after

    @property
    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after)}


class InvalidInput(Unprocessable):
    """Input refused as a whole; ``details["problems"]`` names each problem (with its line)."""

    def __init__(self, message: str, problems: list[str]) -> None:
        super().__init__(message, problems=problems)
        self.problems = problems


class StartupRefused(Exception):
    """The service cannot start as configured; the message says what to change."""


class UnsafeSettings(StartupRefused):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("the settings are refused: " + "; ".join(problems))
        self.problems = problems


class SchemaNotCurrent(StartupRefused):
    def __init__(self, current: str | None, head: str) -> None:
        super().__init__(
            f"the database schema is at {current or 'nothing (empty database)'}, not at {head}:"
            " run `gecc-central db upgrade` first"
        )
        self.current = current
        self.head = head


class DatabaseUnusable(StartupRefused):
    """The database cannot be used: the message says why in one line."""
