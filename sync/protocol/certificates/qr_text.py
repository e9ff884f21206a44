"""The text in a certificate's QR code: the whole signed certificate, verifiable offline.

Format ``GECC1`` (in the manner of the EU Digital COVID Certificate's ``HC1:``)::

    "GECC1:" + Base45( signature (64 bytes) || zlib( CBOR array of the fields ) )

- The fields travel as one CBOR array (RFC 8949), by position, with the hash and the key id as
  raw bytes and dates as days since 1970-01-01::

      [reference, lao_id, lao_name_th, service_centre_th, fiscal_year_be, edition_id,
       points, max_points, level_id | null, level_name_th | null, result_hash (32 bytes),
       issued_on (days), valid_until (days), key_id (8 bytes)]

  This is only how the fields travel. What is signed is the canonical JSON of the payload
  (``model.payload_of``), which the reader rebuilds from the fields: the one signing rule of
  the project holds, and the QR carries no key names. The array must be exactly what
  ``cbor2`` writes for it, so each certificate has one text.
- zlib (RFC 1950) at level 9 with the frozen preset dictionary ``GECC1_DICTIONARY``; its
  Adler-32 check makes a damaged text fail as damaged rather than as a bad signature.
- Base45 (RFC 9285) keeps to the QR alphanumeric alphabet, so the symbol is drawn in
  alphanumeric mode; error correction level Q (25 %), version 15 at most
  (``MAX_QR_TEXT_LENGTH`` characters), about 35 mm square in print.

``decode_qr_text`` raises ``NotGeccText`` for a text without the prefix and ``DamagedText`` for
one whose content does not decode to the fields; it does not check the signature.
"""

from __future__ import annotations

import base64
import zlib
from datetime import date, timedelta
from typing import Any

import cbor2

from sync.protocol.base45 import b45decode, b45encode
from sync.protocol.certificates.dictionary import GECC1_DICTIONARY
from sync.protocol.certificates.errors import CertificateTooLarge, DamagedText, NotGeccText
from sync.protocol.certificates.model import Certificate, CertificateLevel
from sync.protocol.signatures import SIGNATURE_SIZE

QR_PREFIX = "GECC1:"
QR_ERROR_CORRECTION = "Q"
MAX_QR_VERSION = 15
MAX_QR_TEXT_LENGTH = 426
"""Alphanumeric characters that fit a version-15 QR code at level Q."""

MAX_INFLATED_BYTES = 4096
_EPOCH = date(1970, 1, 1)
_HASH_BYTES = 32
_KEY_ID_BYTES = 8
_SHAPE = (str, str, str, str, int, str, int, int, str | None, str | None, bytes, int, int, bytes)


def encode_qr_text(certificate: Certificate, signature: bytes) -> str:
    """Return the QR text of a signed certificate; raise ``CertificateTooLarge``."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS, 9, zdict=GECC1_DICTIONARY)
    packed = compressor.compress(cbor2.dumps(fields_array(certificate))) + compressor.flush()
    text = QR_PREFIX + b45encode(signature + packed)
    if len(text) > MAX_QR_TEXT_LENGTH:
        raise CertificateTooLarge(length=len(text), limit=MAX_QR_TEXT_LENGTH)
    return text


def decode_qr_text(text: str) -> tuple[Certificate, bytes]:
    """Return the certificate and signature in a QR text; raise NotGeccText or DamagedText."""
    if not text.startswith(QR_PREFIX):
        raise NotGeccText(f"{text[:40]!r} does not start with {QR_PREFIX}")
    try:
        data = b45decode(text[len(QR_PREFIX) :])
    except ValueError as error:
        raise DamagedText(f"the text is not Base45 ({error})") from error
    signature, packed = data[:SIGNATURE_SIZE], data[SIGNATURE_SIZE:]
    fields = _unpack(_inflate(packed))
    return _certificate(fields), signature


def fields_array(certificate: Certificate) -> list[Any]:
    """The fields of ``certificate`` in their ``GECC1`` order and forms."""
    level = certificate.level
    return [
        certificate.reference,
        certificate.lao_id,
        certificate.lao_name_th,
        certificate.service_centre_th,
        certificate.fiscal_year_be,
        certificate.edition_id,
        certificate.points,
        certificate.max_points,
        None if level is None else level.id,
        None if level is None else level.name_th,
        bytes.fromhex(certificate.result_hash),
        (certificate.issued_on - _EPOCH).days,
        (certificate.valid_until - _EPOCH).days,
        _key_id_bytes(certificate.key_id),
    ]


def _inflate(packed: bytes) -> bytes:
    decompressor = zlib.decompressobj(zlib.MAX_WBITS, zdict=GECC1_DICTIONARY)
    try:
        data = decompressor.decompress(packed, MAX_INFLATED_BYTES)
    except zlib.error as error:
        raise DamagedText(f"the compressed fields are damaged ({error})") from error
    if not decompressor.eof or decompressor.unused_data or decompressor.unconsumed_tail:
        raise DamagedText("the compressed fields are cut short, too long or followed by data")
    return data


def _unpack(data: bytes) -> list[Any]:
    try:
        fields = cbor2.loads(data, max_depth=2, allow_indefinite=False)
    except (cbor2.CBORDecodeError, ValueError, TypeError, OverflowError) as error:
        raise DamagedText(f"the fields are not CBOR ({error})") from error
    if not _has_shape(fields) or cbor2.dumps(fields) != data:
        raise DamagedText("the fields are not a GECC1 field array")
    return list(fields)


def _has_shape(fields: object) -> bool:
    if not isinstance(fields, list) or len(fields) != len(_SHAPE):
        return False
    typed = all(
        isinstance(v, k) and not isinstance(v, bool) for v, k in zip(fields, _SHAPE, strict=True)
    )
    sized = len(fields[10]) == _HASH_BYTES and len(fields[13]) == _KEY_ID_BYTES
    return typed and sized and (fields[8] is None) == (fields[9] is None)


def _certificate(fields: list[Any]) -> Certificate:
    try:
        issued_on, valid_until = (_EPOCH + timedelta(days=d) for d in fields[11:13])
    except OverflowError as error:
        raise DamagedText("a date is out of range") from error
    return Certificate(
        reference=fields[0],
        lao_id=fields[1],
        lao_name_th=fields[2],
        service_centre_th=fields[3],
        fiscal_year_be=fields[4],
        edition_id=fields[5],
        points=fields[6],
        max_points=fields[7],
        level=None if fields[8] is None else CertificateLevel(fields[8], fields[9]),
        result_hash=fields[10].hex(),
        issued_on=issued_on,
        valid_until=valid_until,
        key_id=_key_id_text(fields[13]),
    )


def _key_id_bytes(key_id: str) -> bytes:
    return base64.urlsafe_b64decode(key_id + "=")


def _key_id_text(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")
