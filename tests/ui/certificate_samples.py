"""Certificates for the certificate screen: an issuer (created in 2016, so certificates of
2560 verify), one valid, one expired, one revoked, and a device that trusts the issuer, holds
its revocation list and keeps two of them as its LAOs' certificates. Shared by the state tests
and the browser test.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from field_audit.storage.certificates import (
    keep_certificate,
    replace_trusted_keys,
    save_revocation_list,
)
from field_audit.storage.database import Database
from sync.issuing import create_keyring, unlock_issuing_key
from sync.protocol.certificates import (
    Revocation,
    SignedCertificate,
    make_revocation_list,
    verify_revocation_list,
)
from tests.certificates.conftest import CHEAP_KDF, PASSPHRASE, Issuer, fields

REVOKED_REASON = "ศูนย์บริการปิดปรับปรุงถาวร"


@dataclass(frozen=True)
class Samples:
    issuer: Issuer
    valid: SignedCertificate
    expired: SignedCertificate
    revoked: SignedCertificate


def make_samples(folder: Path) -> Samples:
    path = folder / "issuing-keys.json"
    create_keyring(path, PASSPHRASE, kdf=CHEAP_KDF, now=datetime(2016, 10, 1, tzinfo=UTC))
    issuer = Issuer(path)
    valid = issuer.issue()  # GECC-2570-30-0007, issued 15 March 2570
    expired = issuer.issue(
        fields(reference="GECC-2560-30-0002", fiscal_year_be=2560, issued_on=date(2017, 3, 20))
    )
    revoked = issuer.issue(
        fields(
            reference="GECC-2570-20-0011",
            lao_id="pattaya",
            lao_name_th="เมืองพัทยา",
            service_centre_th="ศูนย์ราชการสะดวก เมืองพัทยา",
            points=66,
        )
    )
    return Samples(issuer, valid, expired, revoked)


def trust_on(db: Database, samples: Samples) -> None:
    """What a device keeps after a sync: the trust list and the key's revocation list."""
    trust = samples.issuer.trust_list()
    replace_trusted_keys(db, trust.values())
    key = unlock_issuing_key(samples.issuer.path, PASSPHRASE)
    scope = samples.revoked.certificate.key_id
    revocation = Revocation(
        samples.revoked.reference, scope, REVOKED_REASON, datetime(2027, 9, 1, 3, tzinfo=UTC)
    )
    listed = make_revocation_list(
        key_id=scope,
        counter=1,
        revocations=[revocation],
        issued_at=datetime(2027, 9, 1, 4, tzinfo=UTC),
        signed_by=key.key_id,
        sign=key.sign,
    )
    save_revocation_list(db, verify_revocation_list(listed.document, trust_list=trust))


def hold_on(db: Database, samples: Samples) -> None:
    """What a sync keeps of the inspector's LAOs' certificates: the valid one and the revoked."""
    for signed in (samples.valid, samples.revoked):
        keep_certificate(
            db,
            reference=signed.reference,
            round_id="fy2570",
            lao_id=signed.certificate.lao_id,
            qr_text=signed.qr_text,
        )
