"""Certificate sizes and verification time: ``python -m scripts.bench.certificates``.

For a typical certificate (a Thai LAO name, a level, a real SHA-256): the payload in each
encoding before and after zlib (with and without the GECC1 preset dictionary), the Base45
length and QR version (level Q) of each, then the median time of ``verify_certificate`` over
``--repeat`` runs, excluding image decoding. Target: well under 1 ms a certificate.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import time
import zlib
from datetime import date

import cbor2
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from field_audit.evidence.qr import qr_version
from sync.protocol.base45 import b45encode
from sync.protocol.canonical import canonical_json
from sync.protocol.certificates import (
    QR_PREFIX,
    CertificateFields,
    CertificateLevel,
    SignedCertificate,
    TrustedKey,
    issue_certificate,
    issuing_key_id,
    payload_of,
    verify_certificate,
)
from sync.protocol.certificates.dictionary import GECC1_DICTIONARY
from sync.protocol.certificates.qr_text import fields_array
from sync.protocol.signatures import public_key_of

TARGET_MS = 1.0


def typical(key: Ed25519PrivateKey) -> SignedCertificate:
    fields = CertificateFields(
        reference="GECC-2570-30-0007",
        lao_id="3300101",
        lao_name_th="เทศบาลนครนครราชสีมา",
        service_centre_th="ศูนย์ราชการสะดวก เทศบาลนครนครราชสีมา",
        fiscal_year_be=2570,
        edition_id="gecc-2560",
        points=72,
        max_points=80,
        level=CertificateLevel("advanced", "ก้าวหน้า"),
        result_hash=hashlib.sha256(b"a committee result").hexdigest(),
        issued_on=date(2027, 3, 15),
    )
    return issue_certificate(fields, sign=key.sign, key_id=issuing_key_id(public_key_of(key)))


def packed(data: bytes, *, dictionary: bool) -> bytes:
    extra = {"zdict": GECC1_DICTIONARY} if dictionary else {}
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS, 9, **extra)  # type: ignore[arg-type]
    return packer.compress(data) + packer.flush()


def encodings(signed: SignedCertificate) -> dict[str, bytes]:
    array = fields_array(signed.certificate)
    as_json = [v.hex() if isinstance(v, bytes) else v for v in array]
    return {
        "canonical JSON object (signed bytes)": canonical_json(payload_of(signed.certificate)),
        "CBOR map (same keys)": cbor2.dumps(payload_of(signed.certificate)),
        "JSON array (hex bytes)": json.dumps(
            as_json, ensure_ascii=False, separators=(",", ":")
        ).encode(),
        "CBOR array (raw bytes) = GECC1": cbor2.dumps(array),
    }


def report_sizes(signed: SignedCertificate) -> None:
    print(f"{'encoding':<40} {'raw':>5} {'zlib':>5} {'+dict':>6} {'base45':>7} {'QR v':>5}")
    for name, data in encodings(signed).items():
        plain, with_dict = packed(data, dictionary=False), packed(data, dictionary=True)
        sizes = []
        for body in (plain, with_dict):
            text = QR_PREFIX + b45encode(signed.signature + body)
            sizes.append((len(text), qr_version(text)))
        (plain_len, plain_v), (dict_len, dict_v) = sizes
        print(
            f"{name:<40} {len(data):>5} {len(plain):>5} {len(with_dict):>6}"
            f" {plain_len:>3}/{dict_len:<3} {plain_v:>2}/{dict_v:<2}"
        )
    text = signed.qr_text
    print(f"\nGECC1 QR text: {len(text)} characters, QR version {qr_version(text)} at level Q")


def time_verification(signed: SignedCertificate, key: Ed25519PrivateKey, repeat: int) -> float:
    public_key = public_key_of(key)
    trust = {
        signed.certificate.key_id: TrustedKey(
            signed.certificate.key_id, public_key, date(2027, 1, 1)
        )
    }
    text, today, samples = signed.qr_text, date(2028, 1, 1), []
    for _ in range(repeat):
        start = time.perf_counter()
        verdict = verify_certificate(text, trust_list=trust, revocations={}, today=today)
        samples.append(time.perf_counter() - start)
        assert verdict.code == "VALID"
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1000)
    args = parser.parse_args()
    key = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"bench").digest())
    signed = typical(key)
    report_sizes(signed)
    median_ms = time_verification(signed, key, args.repeat)
    verdict = "ok" if median_ms < TARGET_MS else "OVER TARGET"
    print(
        f"verify_certificate: median {median_ms * 1000:.0f} µs over {args.repeat}"
        f" ({verdict}, target < {TARGET_MS} ms)"
    )


if __name__ == "__main__":
    main()
