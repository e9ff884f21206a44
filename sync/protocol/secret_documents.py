"""Reading the small JSON documents that hold a passphrase-sealed secret (the inspector's key
file, the central store's issuing keyring): typed fields, base64url bytes, UTC times, and the
Argon2id parameters, each refused with ``Malformed`` when it is not what the writer wrote.
"""

from __future__ import annotations

import base64
import binascii
from datetime import UTC, datetime
from typing import Any, TypeVar

from sync.protocol.passphrase_seal import MAX_KDF, KdfParams

TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
_T = TypeVar("_T")


class Malformed(Exception):
    """A secret document this version did not write; callers report it as damage."""


def field(document: object, name: str, kind: type[_T]) -> _T:
    if not isinstance(document, dict) or name not in document:
        raise Malformed(f"the field {name!r} is missing")
    value = document[name]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise Malformed(f"the field {name!r} is not a {kind.__name__}")
    return value


def bytes_field(document: object, name: str, size: int) -> bytes:
    text = field(document, name, str)
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as error:
        raise Malformed(f"the field {name!r} is not base64url") from error
    if len(raw) != size:
        raise Malformed(f"the field {name!r} holds {len(raw)} bytes, not {size}")
    return raw


def time_field(document: object, name: str) -> datetime:
    text = field(document, name, str)
    try:
        return datetime.strptime(text, TIME_FORMAT).replace(tzinfo=UTC)
    except ValueError as error:
        raise Malformed(f"the field {name!r} is not a time like 2027-01-31T08:30:00Z") from error


def time_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(TIME_FORMAT)


def encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def kdf_params(document: dict[str, Any]) -> KdfParams:
    """Argon2id parameters, refused above ``MAX_KDF`` (an altered file must not exhaust us)."""
    if document.get("name") != "argon2id":
        raise Malformed("its key derivation is not argon2id")
    try:
        kdf = KdfParams(
            field(document, "iterations", int),
            field(document, "lanes", int),
            field(document, "memory_kib", int),
        )
    except ValueError as error:
        raise Malformed(str(error)) from error
    if not kdf.within(MAX_KDF):
        raise Malformed(f"it asks for more work than {MAX_KDF}")
    return kdf
