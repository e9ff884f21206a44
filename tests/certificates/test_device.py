"""On the device: trust and revocation lists loaded from files, then certificates checked."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from field_audit.cli.main import app
from field_audit.evidence.qr import certificate_qr_png
from field_audit.storage.certificates import (
    replace_trusted_keys,
    revocation_states,
    revocations,
    save_revocation_list,
    trusted_keys,
)
from field_audit.storage.database import Database
from sync.issuing import export_trust_list
from sync.protocol.certificates import RevocationReplay, SignedCertificate
from tests.certificates.conftest import Issuer
from tests.certificates.test_revocation import revocation_list

runner = CliRunner()


def invoke(*args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, result.output
    return result.output


@pytest.fixture
def device(tmp_path: Path, issuer: Issuer) -> Path:
    """A device that has loaded the central store's trust list from a file."""
    folder = tmp_path / "device"
    trust_file = tmp_path / "trust.json"
    trust_file.write_text(json.dumps(export_trust_list(issuer.path), ensure_ascii=False))
    assert "trusted issuing keys" in invoke(
        "certificate", "trust", str(trust_file), "--data-dir", str(folder)
    )
    return folder


def test_storage_keeps_keys_and_refuses_a_replay_inside_its_transaction(
    db: Database, issuer: Issuer, signed: SignedCertificate
) -> None:
    assert replace_trusted_keys(db, issuer.trust_list().values()) == 1
    assert trusted_keys(db) == issuer.trust_list()
    scope = signed.certificate.key_id
    second = revocation_list(issuer, scope, 2, [signed.reference])
    assert save_revocation_list(db, second)
    assert not save_revocation_list(db, second)  # the same list again: no change
    assert revocations(db)[signed.reference].reason == "ปิดศูนย์บริการ"
    assert revocation_states(db)[scope].counter == 2
    with pytest.raises(RevocationReplay):
        save_revocation_list(db, revocation_list(issuer, scope, 1, []))
    assert signed.reference in revocations(db)


def test_verify_a_text_then_revoke_it_then_refuse_a_replayed_older_list(
    device: Path, issuer: Issuer, signed: SignedCertificate, tmp_path: Path
) -> None:
    data = ("--data-dir", str(device), "--today", "2028-06-01")
    assert "valid (VALID)" in invoke("certificate", "verify", "--text", signed.qr_text, *data)
    scope = signed.certificate.key_id
    older = tmp_path / "older.json"
    older.write_text(json.dumps(revocation_list(issuer, scope, 1, []).document))
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps(revocation_list(issuer, scope, 2, [signed.reference]).document))
    assert "accepted" in invoke("certificate", "revocations", str(older), "--data-dir", str(device))
    assert "accepted" in invoke("certificate", "revocations", str(newer), "--data-dir", str(device))
    assert "unchanged" in invoke(
        "certificate", "revocations", str(newer), "--data-dir", str(device)
    )
    replay = invoke("certificate", "revocations", str(older), "--data-dir", str(device), code=2)
    assert "REVOCATION_REPLAY" in replay or "older or conflicting" in replay
    output = invoke("certificate", "verify", "--text", signed.qr_text, "--json", *data, code=1)
    verdict = json.loads(output)
    assert (verdict["status"], verdict["code"]) == ("revoked", "REVOKED")
    assert verdict["revocation"]["reason"] == "ปิดศูนย์บริการ"


def test_verify_reads_the_qr_from_a_picture(
    device: Path, signed: SignedCertificate, tmp_path: Path
) -> None:
    picture = tmp_path / "certificate.png"
    picture.write_bytes(certificate_qr_png(signed.qr_text))
    output = invoke(
        "certificate",
        "verify",
        "--image",
        str(picture),
        "--data-dir",
        str(device),
        "--today",
        "2031-01-01",
        code=1,
    )
    assert "expired (EXPIRED)" in output
    assert "หมดอายุ" in output


def test_an_unknown_key_and_a_foreign_code_are_not_valid(
    tmp_path: Path, signed: SignedCertificate
) -> None:
    empty = ("--data-dir", str(tmp_path / "empty"))
    assert "unknown_key" in invoke(
        "certificate", "verify", "--text", signed.qr_text, *empty, code=1
    )
    assert "not_gecc (NOT_GECC)" in invoke(
        "certificate", "verify", "--text", "https://example.org", *empty, code=1
    )


def test_bad_input_exits_2(tmp_path: Path) -> None:
    assert "exactly one of" in invoke("certificate", "verify", "--data-dir", str(tmp_path), code=2)
    blank = tmp_path / "blank.png"
    blank.write_bytes(b"not a picture")
    assert "cannot read a picture" in invoke(
        "certificate", "verify", "--image", str(blank), "--data-dir", str(tmp_path), code=2
    )
    bad = tmp_path / "trust.json"
    bad.write_text('{"format": "something else"}')
    assert "not a trust list" in invoke(
        "certificate", "trust", str(bad), "--data-dir", str(tmp_path), code=2
    )


def test_pdf_prints_a_valid_certificate_only(
    device: Path, signed: SignedCertificate, tmp_path: Path
) -> None:
    output, data = tmp_path / "certificate.pdf", ("--data-dir", str(device))
    when = ("--today", "2028-06-01")
    invoke("certificate", "pdf", "--text", signed.qr_text, "-o", str(output), *data, *when)
    assert output.read_bytes().startswith(b"%PDF")
    expired = ("--today", "2030-03-15")
    refused = invoke(
        "certificate", "pdf", "--text", signed.qr_text, "-o", "x.pdf", *data, *expired, code=1
    )
    assert "Expired" in refused
    refused = invoke("certificate", "pdf", "--text", "https://x", "-o", "x.pdf", *data, code=1)
    assert "not a GECC certificate" in refused


def test_loaded_revocations_are_stamped_in_utc(
    db: Database, issuer: Issuer, signed: SignedCertificate
) -> None:
    replace_trusted_keys(db, issuer.trust_list().values())
    save_revocation_list(
        db, revocation_list(issuer, signed.certificate.key_id, 1, [signed.reference])
    )
    assert revocations(db)[signed.reference].revoked_at == datetime(2027, 9, 1, tzinfo=UTC)
