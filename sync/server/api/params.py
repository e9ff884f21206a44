"""The formats of the API's path and query parameters, as the OpenAPI document states them.

Hashes are SHA-256 in 64 lower-case hex digits (photos, results, editions); an issuing key's
id is 11 base64url characters (``sync.protocol.certificates.trust``); cursors and counters are
what a 64-bit signed integer column holds. ``REFERENCE`` is what ``read_reference`` takes from
a person (``sync.protocol.certificates.reference``): GECC in any case, then the fiscal year,
the province code and the sequence, in ASCII or Thai digits, split by spaces, dashes, ``_``
or ``.``. It is stated, not enforced here, so a reference that does not read stays
BAD_REFERENCE; tests/server/test_openapi.py checks that whatever it admits reads.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query
from pydantic import StringConstraints

SHA256_PATTERN = r"^[0-9a-f]{64}$"
KEY_ID_PATTERN = r"^[A-Za-z0-9_-]{11}$"
MAX_SEQ = 2**63 - 1
"""The largest value of a BIGINT (PostgreSQL) or INTEGER (SQLite) column."""

_SPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
"""Exactly what Python's ``str.strip`` and ``\\s`` take for white space."""
_SEP = f"[{_SPACE}\\-\u2010-\u2015\u2212_.]"
_DIGIT = "[0-9\u0e50-\u0e59]"
_ZERO = "[0\u0e50]"
_NONZERO = "[1-9\u0e51-\u0e59]"
_YEAR = f"{_ZERO}*[2\u0e52][5-9\u0e55-\u0e59]{_DIGIT}{{2}}"
_SEQUENCE = (
    f"({_NONZERO}{_DIGIT}{{0,3}}|{_ZERO}{_NONZERO}{_DIGIT}{{0,2}}"
    f"|{_ZERO}{{2}}{_NONZERO}{_DIGIT}?|{_ZERO}{{3}}{_NONZERO})"
)
REFERENCE_PATTERN = (
    f"^{_SEP}*[Gg][Ee][Cc][Cc]{_SEP}+{_YEAR}{_SEP}+{_DIGIT}{{1,2}}{_SEP}+{_SEQUENCE}{_SEP}*$"
)

Sha256Text = Annotated[str, StringConstraints(pattern=SHA256_PATTERN)]
PhotoHash = Annotated[
    str, Path(pattern=SHA256_PATTERN, description="the photo's SHA-256, lower-case hex")
]
ResultHash = Annotated[
    str, Path(pattern=SHA256_PATTERN, description="the result's hash: SHA-256 of its payload")
]
EditionHash = Annotated[
    str,
    Path(pattern=SHA256_PATTERN, description="the edition's content hash (SHA-256, hex)"),
]
Reference = Annotated[
    str,
    Path(
        description="a certificate's reference as people type it: GECC-2560-50-0001,"
        " gecc 2560 50 1, Thai digits",
        examples=["GECC-2560-50-0001"],
        json_schema_extra={"pattern": REFERENCE_PATTERN},
    ),
]
Since = Annotated[
    int, Query(ge=0, le=MAX_SEQ, description="the cursor of the previous pull; 0 at first")
]
Limit = Annotated[int, Query(ge=1, le=5000, description="at most this many changes")]
KeyId = Annotated[
    str, Query(pattern=KEY_ID_PATTERN, description="an issuing key's id (11 base64url characters)")
]
Counter = Annotated[
    int,
    Query(ge=0, le=MAX_SEQ, description="the counter of the list the caller holds; 0 for none"),
]
