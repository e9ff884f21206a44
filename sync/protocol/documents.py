"""Typed signed documents: one model per document, one parser from canonical bytes, one
serialiser to them.

Every signed document of the protocol (the sealed audit and the committee result in
``sealed``, the bundle manifest in ``manifest``) is a pydantic model built on ``Document``:
strict (no coercion: ``"1"`` is not 1, ``true`` is not 1), closed (an unknown field is
refused), frozen, and with every field required (a nullable field is written as ``null``), so
that ``serialise(parse(x)) == x`` holds byte for byte for every valid document.

``parse_document`` first checks that the bytes are exactly canonical JSON
(``sync.protocol.canonical``: UTF-8, sorted keys, no floats, nesting at most 64 deep; else
``NotCanonical``), then validates them against the model: a refusal is ``DocumentError``
naming the first field that is wrong (``findings[3].verdict``) and why. Nothing else escapes.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints, ValidationError

from sync.protocol.canonical import canonical_json, parse_canonical
from sync.protocol.errors import ProtocolError

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_OR_BREAK = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


class DocumentError(ProtocolError):
    """Bytes that are not a document of the expected kind; ``field`` names where."""

    code = "MALFORMED_DOCUMENT"

    def __init__(self, reason: str, *, field: str = "") -> None:
        super().__init__(f"{field}: {reason}" if field else reason)
        self.field = field


class Document(BaseModel):
    """Base of every signed document: strict, closed, frozen, every field required."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


D = TypeVar("D", bound=Document)


def parse_document(model: type[D], data: bytes, *, error: type[DocumentError]) -> D:
    """The ``model`` document in ``data`` (canonical JSON), or ``error`` naming the field."""
    parse_canonical(data)
    try:
        return model.model_validate_json(data)
    except ValidationError as invalid:
        first = invalid.errors(include_url=False)[0]
        raise error(first["msg"], field=_path(first["loc"])) from None


def serialise(document: Document) -> bytes:
    """The canonical bytes of ``document``: the only bytes that are signed or hashed."""
    return canonical_json(document.model_dump(mode="json"))


def _path(location: tuple[int | str, ...]) -> str:
    text = ""
    for step in location:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text or "(document)"


def _no_control(text: str) -> str:
    if _CONTROL.search(text):
        raise ValueError("holds control characters")
    return text


def is_one_line(text: str) -> bool:
    """Whether ``text`` can be a ``Name``: no control characters or breaks, no outer spaces."""
    return _CONTROL_OR_BREAK.search(text) is None and text == text.strip()


def _one_line(text: str) -> str:
    if not is_one_line(text):
        raise ValueError("holds control characters or line breaks, or outer spaces")
    return text


def _real_date(text: str) -> str:
    date.fromisoformat(text)  # a ValueError names an impossible day such as 2027-02-30
    return text


def _real_moment(text: str) -> str:
    datetime.fromisoformat(text.replace("Z", "+00:00"))
    return text


Hex64 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
"""A SHA-256 as 64 lowercase hex digits."""

TOKEN_PATTERN = r"^[A-Za-z0-9._:@-]{1,100}$"
Token = Annotated[str, StringConstraints(pattern=TOKEN_PATTERN)]
"""An id: 1-100 ASCII letters, digits and ``._:@-``."""

Name = Annotated[str, StringConstraints(min_length=1, max_length=300), AfterValidator(_one_line)]
"""A name on one line: no control characters, no surrounding spaces."""

Note = Annotated[str, StringConstraints(max_length=10_000), AfterValidator(_no_control)]
"""Free text an inspector typed: line breaks and tabs allowed, other control characters not."""

IsoDate = Annotated[
    str, StringConstraints(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"), AfterValidator(_real_date)
]
Moment = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$"),
    AfterValidator(_real_moment),
]
"""A time in UTC to the second, written ``2027-03-15T02:00:00Z``."""

Fingerprint = Annotated[str, StringConstraints(pattern=r"^[0-9]{5}( [0-9]{5}){5}$")]
"""A key fingerprint: six groups of five digits (``sync.protocol.signatures``)."""
