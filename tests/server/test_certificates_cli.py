"""The `gecc-central issuing-key` and `gecc-central certificate` commands, on both databases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import select
from typer.testing import CliRunner

from sync.protocol.certificates import parse_trust_list
from sync.server.cli import app
from sync.server.models import AuditLogRecord
from sync.server.store.reviews import ReviewState, set_review
from tests.server.certified import certify
from tests.server.helpers import World

runner = CliRunner()
PASSPHRASE = "รหัสผ่านกุญแจออกใบรับรองของสำนักงาน"


@pytest.fixture
def env(database_url: str, tmp_path: Path) -> dict[str, str]:
    return {
        "GECC_CENTRAL_DATABASE_URL": database_url,
        "GECC_CENTRAL_DATA_DIR": str(tmp_path),
        "GECC_CENTRAL_ISSUING_KEY_FILE": str(tmp_path / "secret" / "issuing-keys.json"),
        "GECC_CENTRAL_ISSUING_KEY_PASSPHRASE": PASSPHRASE,
    }


def run(env: dict[str, str], *args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code == code, result.output
    return result.output


def test_the_office_issues_shows_and_revokes_certificates_and_rotates_the_key(
    env: dict[str, str], world: World, tmp_path: Path
) -> None:
    created = run(env, "issuing-key", "create", "--actor", "director")
    first_key = created.split()[2]
    assert "already exists" in run(env, "issuing-key", "create", code=2)
    certify(world, "cm-city")
    certify(world, "pattaya")
    out = run(env, "certificate", "issue", "--round", "fy2560", "--lao", "cm-city")
    assert "certificate GECC-2560-50-0001 issued for cm-city (round fy2560)" in out
    assert f"key {first_key}" in out
    assert "GECC1:" in out
    again = run(env, "certificate", "issue", "--round", "fy2560", "--lao", "cm-city")
    assert "GECC-2560-50-0001 already issued" in again
    svg = tmp_path / "qr.svg"
    shown = run(env, "certificate", "show", "gecc-2560-50-1", "--svg", str(svg))
    assert '"service_centre_th": "ศูนย์บริการประชาชน เทศบาลนครเชียงใหม่"' in shown
    assert svg.read_text().startswith("<svg")
    rotated = run(env, "issuing-key", "rotate")
    assert f"{first_key} retired" in rotated
    out = run(env, "certificate", "issue", "--round", "fy2560", "--lao", "pattaya")
    assert "GECC-2560-20-0001 issued" in out
    assert f"key {first_key}" not in out
    trust_file = tmp_path / "trust.json"
    listing = run(env, "issuing-key", "show", "--trust-list", str(trust_file))
    assert len([line for line in listing.splitlines() if "current" in line]) == 1
    assert len(parse_trust_list(json.loads(trust_file.read_text()))) == 2
    out = run(env, "certificate", "revoke", "GECC-2560-50-0001", "--reason", "ยุบรวมศูนย์บริการ")
    assert "revoked: ยุบรวมศูนย์บริการ" in out
    assert "already revoked" in run(
        env, "certificate", "revoke", "GECC-2560-50-0001", "--reason", "x", code=2
    )
    with world.central.session() as session:
        actions = set(session.exec(select(AuditLogRecord.action)).all())
    expected = {"issuing_key.create", "issuing_key.rotate", "certificate.issue"}
    assert expected | {"certificate.revoke"} <= actions


def test_refusals_exit_2_with_their_reason(env: dict[str, str], world: World) -> None:
    signed = certify(world, "cm-city", approve=False)
    issue = ("certificate", "issue", "--round", "fy2560", "--lao", "cm-city")
    assert "not approved" in run(env, *issue, code=2)
    with world.central.session() as session:
        set_review(session, signed.hash, ReviewState.APPROVED, comment="", reviewer="somsri")
    assert "has not recorded its decision" in run(env, *issue, code=2)
    decide = ("decide", "fy2560", "cm-city", "--decided-on", "2017-03-28")
    empty = run(env, *decide, "--certify", "--basis", " ", "--decided-by", "x", code=2)
    assert "the basis (the meeting or order) is empty" in empty
    basis = "มติคณะกรรมการอำนวยการ ครั้งที่ 2/2560"
    out = run(env, *decide, "--certify", "--basis", basis, "--decided-by", "นายอนุมัติ ลงนาม")
    assert "certified / ผ่านการรับรอง" in out
    assert "issuing-key create" in run(env, *issue, code=2)
    assert "GECC_CENTRAL_ISSUING_KEY_FILE" in run(
        {**env, "GECC_CENTRAL_ISSUING_KEY_FILE": ""}, "issuing-key", "show", code=2
    )
    run(env, "issuing-key", "create")
    wrong = {**env, "GECC_CENTRAL_ISSUING_KEY_PASSPHRASE": "another passphrase entirely"}
    assert "passphrase does not open" in run(wrong, *issue, code=2)
    assert "passphrase does not open" in run(wrong, "issuing-key", "rotate", code=2)
    short = {**env, "GECC_CENTRAL_ISSUING_KEY_FILE": env["GECC_CENTRAL_DATA_DIR"] + "/k2.json"}
    assert "12 characters" in run(
        {**short, "GECC_CENTRAL_ISSUING_KEY_PASSPHRASE": "short"}, "issuing-key", "create", code=2
    )
