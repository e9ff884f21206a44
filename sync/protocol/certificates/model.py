"""The certificate: its fields, the rule for how long it is valid, and its signed payload.

The signed payload is canonical JSON (``sync.protocol.canonical``), like every signed thing::

    {"type": "gecc.certificate", "protocol": 1,
     "reference": "GECC-2570-50-0007",
     "lao": {"id", "name_th"}, "service_centre_th",
     "fiscal_year_be": 2570, "edition": "gecc-2560",
     "score": {"points", "max_points"}, "level": null | {"id", "name_th"},
     "result_hash": hex SHA-256 of the committee result's payload bytes,
     "issued_on": "2027-03-15", "valid_until": "2030-03-14",
     "key_id": the issuing key's id (``sync.protocol.certificates.trust``)}

**Validity**: three years, the last day included: ``valid_until`` is the day before the third
anniversary of ``issued_on`` (issued 15 March 2570, valid to 14 March 2573 inclusive), as Thai
official certificates count "three years from the date of issue". For 29 February the
anniversary in a common year is 1 March, so the period is never shorter than three years.
All certificate dates are calendar dates in Thailand (UTC+7, no daylight saving).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

from sync.protocol.certificates.errors import BadReference, InvalidCertificate
from sync.protocol.certificates.reference import parse_reference

CERTIFICATE = "gecc.certificate"
PROTOCOL_VERSION = 1
VALID_YEARS = 3
THAILAND = timezone(timedelta(hours=7), "Asia/Bangkok")

MAX_NAME_LENGTH = 120
MAX_ID_LENGTH = 40
MAX_POINTS = 10_000
_ID = re.compile(r"[A-Za-z0-9._:-]+")
_HASH = re.compile(r"[0-9a-f]{64}")
_KEY_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass(frozen=True)
class CertificateLevel:
    """A level of certification, where the edition has levels (e.g. ระดับก้าวหน้า)."""

    id: str
    name_th: str


@dataclass(frozen=True)
class CertificateFields:
    """What the issuer decides; ``issue_certificate`` adds ``valid_until`` and ``key_id``."""

    reference: str
    lao_id: str
    lao_name_th: str
    service_centre_th: str
    fiscal_year_be: int
    edition_id: str
    points: int
    max_points: int
    level: CertificateLevel | None
    result_hash: str
    issued_on: date


@dataclass(frozen=True)
class Certificate(CertificateFields):
    """Every field a certificate states, as signed."""

    valid_until: date
    key_id: str


def valid_until_for(issued_on: date) -> date:
    """The last day a certificate issued on ``issued_on`` is valid (see the module docstring)."""
    return _anniversary(issued_on, VALID_YEARS) - timedelta(days=1)


def thai_date(moment: datetime) -> date:
    """The calendar date in Thailand at an aware ``moment``."""
    return moment.astimezone(THAILAND).date()


def complete(fields: CertificateFields, *, key_id: str) -> Certificate:
    """Return the certificate of ``fields`` signed by ``key_id``; raise ``InvalidCertificate``."""
    check_fields(fields)
    _check(_KEY_ID.fullmatch(key_id) is not None, "key_id", "is not an 11-character key id")
    values = {f.name: getattr(fields, f.name) for f in dataclasses.fields(CertificateFields)}
    return Certificate(**values, valid_until=valid_until_for(fields.issued_on), key_id=key_id)


def check_fields(fields: CertificateFields) -> None:
    """Raise ``InvalidCertificate`` naming the first field that cannot go on a certificate."""
    _check_reference(fields)
    _check_id("lao_id", fields.lao_id)
    _check_name("lao_name_th", fields.lao_name_th)
    _check_name("service_centre_th", fields.service_centre_th)
    _check_id("edition_id", fields.edition_id)
    _check(0 <= fields.points <= fields.max_points <= MAX_POINTS, "points", "0 <= points <= max")
    if fields.level is not None:
        _check_id("level.id", fields.level.id)
        _check_name("level.name_th", fields.level.name_th)
    _check(_HASH.fullmatch(fields.result_hash) is not None, "result_hash", "is not hex SHA-256")


def payload_of(certificate: Certificate) -> dict[str, Any]:
    """The signed payload of ``certificate`` (its canonical JSON is what is signed)."""
    level = certificate.level
    return {
        "type": CERTIFICATE,
        "protocol": PROTOCOL_VERSION,
        "reference": certificate.reference,
        "lao": {"id": certificate.lao_id, "name_th": certificate.lao_name_th},
        "service_centre_th": certificate.service_centre_th,
        "fiscal_year_be": certificate.fiscal_year_be,
        "edition": certificate.edition_id,
        "score": {"points": certificate.points, "max_points": certificate.max_points},
        "level": None if level is None else {"id": level.id, "name_th": level.name_th},
        "result_hash": certificate.result_hash,
        "issued_on": certificate.issued_on.isoformat(),
        "valid_until": certificate.valid_until.isoformat(),
        "key_id": certificate.key_id,
    }


def certificate_of(payload: dict[str, Any]) -> Certificate:
    """The certificate a payload states; raise ``InvalidCertificate`` if it is not one.

    Exactly the fields ``payload_of`` writes are accepted, so ``payload_of`` inverts this.
    """
    try:
        certificate = _read_payload(payload)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise InvalidCertificate("payload", f"is not a certificate payload ({error})") from error
    if payload_of(certificate) != payload:
        raise InvalidCertificate("payload", "holds fields or values this version does not write")
    return certificate


def _read_payload(payload: dict[str, Any]) -> Certificate:
    level = payload["level"]
    return Certificate(
        reference=_typed(payload["reference"], str),
        lao_id=_typed(payload["lao"]["id"], str),
        lao_name_th=_typed(payload["lao"]["name_th"], str),
        service_centre_th=_typed(payload["service_centre_th"], str),
        fiscal_year_be=_typed(payload["fiscal_year_be"], int),
        edition_id=_typed(payload["edition"], str),
        points=_typed(payload["score"]["points"], int),
        max_points=_typed(payload["score"]["max_points"], int),
        level=None if level is None else _level(level),
        result_hash=_typed(payload["result_hash"], str),
        issued_on=date.fromisoformat(_typed(payload["issued_on"], str)),
        valid_until=date.fromisoformat(_typed(payload["valid_until"], str)),
        key_id=_typed(payload["key_id"], str),
    )


def _level(level: dict[str, Any]) -> CertificateLevel:
    return CertificateLevel(_typed(level["id"], str), _typed(level["name_th"], str))


def _typed(value: Any, kind: type) -> Any:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise TypeError(f"{value!r} is not a {kind.__name__}")
    return value


def _anniversary(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a common year: the day after 28 February
        return date(day.year + years, 3, 1)


def _check_reference(fields: CertificateFields) -> None:
    try:
        reference = parse_reference(fields.reference)
    except BadReference as error:
        raise InvalidCertificate("reference", error.reason) from error
    same_year = reference.fiscal_year_be == fields.fiscal_year_be
    _check(same_year, "fiscal_year_be", "differs from the reference's fiscal year")


def _check_id(field: str, value: str) -> None:
    ok = len(value) <= MAX_ID_LENGTH and _ID.fullmatch(value) is not None
    _check(ok, field, f"is not an id of 1-{MAX_ID_LENGTH} letters, digits and ._:-")


def _check_name(field: str, value: str) -> None:
    _check(0 < len(value) <= MAX_NAME_LENGTH, field, f"is empty or over {MAX_NAME_LENGTH} chars")
    _check(value == value.strip(), field, "starts or ends with spaces")
    _check(_CONTROL.search(value) is None, field, "holds control characters or line breaks")


def _check(ok: bool, field: str, reason: str) -> None:
    if not ok:
        raise InvalidCertificate(field, reason)
