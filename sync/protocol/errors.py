"""Errors of the wire protocol, each with a stable ``code`` that the server sends as-is.

    ProtocolError         base; ``code`` is a class attribute; every error has ``reason``
    ├── UnsupportedValue  UNSUPPORTED_VALUE  a value has no canonical JSON form (``path``)
    ├── NotCanonical      NOT_CANONICAL      bytes are not exactly canonical JSON (``offset``)
    ├── BadPublicKey      BAD_PUBLIC_KEY     a public key or enrolment text is malformed
    ├── BadSignature      BAD_SIGNATURE      a signature is malformed or does not verify
    ├── UnknownKey        UNKNOWN_KEY        a signed request names a key the verifier lacks
    └── ClockSkew         CLOCK_SKEW         a signed request was made too far from now

Codes are part of the protocol: add new ones, never rename or reuse one.
"""

from __future__ import annotations

from typing import ClassVar


class ProtocolError(Exception):
    """Base of every protocol refusal; ``code`` names it on the wire."""

    code: ClassVar[str] = "PROTOCOL_ERROR"

    def __init__(self, reason: str, *, message: str | None = None) -> None:
        super().__init__(message or reason)
        self.reason = reason


class UnsupportedValue(ProtocolError):
    """A value has no canonical JSON form; ``path`` locates it, e.g. ``findings[3].score``."""

    code: ClassVar[str] = "UNSUPPORTED_VALUE"

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(reason, message=f"{path}: {reason}")
        self.path = path


class NotCanonical(ProtocolError):
    """Bytes that do not parse, or that parse but are not exactly their canonical form.

    ``offset`` is the index of the first byte that differs from the canonical form, when the
    bytes parsed; ``None`` when they did not.
    """

    code: ClassVar[str] = "NOT_CANONICAL"

    def __init__(self, reason: str, offset: int | None = None) -> None:
        where = "" if offset is None else f" (first difference at byte {offset})"
        super().__init__(reason, message=reason + where)
        self.offset = offset


class BadPublicKey(ProtocolError):
    """A public key that is not 32 raw bytes, or text that does not encode one."""

    code: ClassVar[str] = "BAD_PUBLIC_KEY"


class BadSignature(ProtocolError):
    """A signature that is malformed or does not verify for these bytes and this key."""

    code: ClassVar[str] = "BAD_SIGNATURE"


class UnknownKey(ProtocolError):
    """A signed request names a key id the verifier does not know (``key_id``)."""

    code: ClassVar[str] = "UNKNOWN_KEY"

    def __init__(self, key_id: str) -> None:
        super().__init__(f"no enrolled key has the id {key_id[:60]!r}")
        self.key_id = key_id


class ClockSkew(ProtocolError):
    """A signed request's ``created`` time is more than ``max_skew`` seconds from ``now``."""

    code: ClassVar[str] = "CLOCK_SKEW"

    def __init__(self, *, created: int, now: int, max_skew: int) -> None:
        super().__init__(
            f"the request was signed at {created}, {abs(now - created)} s from the verifier's "
            f"clock ({now}); at most {max_skew} s are allowed: check the device's clock"
        )
        self.created = created
        self.now = now
        self.max_skew = max_skew
