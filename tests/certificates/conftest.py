"""Certificates built by small deterministic factories; an issuer with a rotating keyring."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from sync.issuing import KdfParams, create_keyring, read_keyring, unlock_issuing_key
from sync.protocol.certificates import (
    CertificateFields,
    CertificateLevel,
    SignedCertificate,
    TrustedKey,
    issue_certificate,
)

PASSPHRASE = "ออกใบรับรอง-ศูนย์กลาง-2570"
CHEAP_KDF = KdfParams(iterations=1, lanes=1, memory_kib=8)
CREATED = datetime(2026, 10, 1, 2, 0, tzinfo=UTC)
ROTATED = datetime(2028, 1, 10, 3, 0, tzinfo=UTC)
ISSUED = date(2027, 3, 15)


def fields(**changes: Any) -> CertificateFields:
    """A typical certificate: a city municipality in Nakhon Ratchasima, 72 of 80 points."""
    base = CertificateFields(
        reference="GECC-2570-30-0007",
        lao_id="3300101",
        lao_name_th="เทศบาลนครนครราชสีมา",
        service_centre_th="ศูนย์ราชการสะดวก เทศบาลนครนครราชสีมา",
        fiscal_year_be=2570,
        edition_id="gecc-2560",
        points=72,
        max_points=80,
        level=None,
        result_hash=hashlib.sha256(b"committee result").hexdigest(),
        issued_on=ISSUED,
    )
    return replace(base, **changes)


LEVELLED = {"level": CertificateLevel("advanced", "ก้าวหน้า")}


@dataclass
class Issuer:
    """The central store's keyring at ``path``, unlocked per signature as the server would."""

    path: Path

    def issue(self, certificate_fields: CertificateFields | None = None) -> SignedCertificate:
        key = unlock_issuing_key(self.path, PASSPHRASE)
        return issue_certificate(certificate_fields or fields(), sign=key.sign, key_id=key.key_id)

    def trust_list(self) -> dict[str, TrustedKey]:
        return {key.key_id: key.trusted() for key in read_keyring(self.path).keys}


@pytest.fixture
def issuer(tmp_path: Path) -> Issuer:
    path = tmp_path / "central" / "issuing-keys.json"
    create_keyring(path, PASSPHRASE, kdf=CHEAP_KDF, now=CREATED)
    return Issuer(path)


@pytest.fixture
def signed(issuer: Issuer) -> SignedCertificate:
    return issuer.issue()
