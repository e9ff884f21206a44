"""Issuing certificates at the centre: only after approval and certification, idempotent,
references unique per fiscal year and province, even when issued at the same moment."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlmodel import select

from sync.protocol.canonical import parse_canonical
from sync.protocol.certificates import thai_date, valid_until_for, verify_certificate
from sync.server.central import Central
from sync.server.errors import Unavailable
from sync.server.issuer import Issuer
from sync.server.models import AuditLogRecord, CertificateRecord
from sync.server.settings import Settings
from sync.server.store.certificates import issue_for, take_sequence
from sync.server.store.reviews import ReviewState, set_review
from tests.server.certified import (
    add_lao,
    certify,
    decide_to_certify,
    issue,
    issued,
    revoke,
    trust_of,
    with_issuing_key,
)
from tests.server.helpers import ADMIN_TOKEN, ROUND_ID, World, admin_headers
from tests.server.test_results import refused


@pytest.fixture
def settings(settings: Settings, tmp_path: Path) -> Settings:
    return with_issuing_key(settings, tmp_path)


def test_a_certificate_rests_on_an_approved_committee_result_that_certifies(
    world: World, settings: Settings
) -> None:
    refused(issue(world), 409, "NO_COMMITTEE_RESULT")
    signed = certify(world, approve=False)
    body = refused(issue(world), 409, "NOT_APPROVED")
    assert body["details"] == {"result_hash": signed.hash, "state": "received"}
    with world.central.session() as session:
        set_review(session, signed.hash, ReviewState.HAS_ISSUES, comment="B07", reviewer="s")
    refused(issue(world), 409, "NOT_APPROVED")
    with world.central.session() as session:
        set_review(session, signed.hash, ReviewState.APPROVED, comment="", reviewer="s")
    body = refused(issue(world), 409, "NO_DECISION")  # approved is reviewed, not decided
    assert "มติ" in body["details"]["thai"]
    decide_to_certify(world, "cm-city", certify=False)
    refused(issue(world), 409, "DECIDED_NOT_TO_CERTIFY")
    decide_to_certify(world, "cm-city")
    answer = issue(world)
    assert answer.status_code == 201, answer.text
    body = answer.json()
    stated = body["certificate"]
    [key_id] = trust_of(settings)
    today = thai_date(world.central.clock())
    assert body["reference"] == stated["reference"] == "GECC-2560-50-0001"
    assert stated["lao"] == {"id": "cm-city", "name_th": "เทศบาลนครเชียงใหม่"}
    assert stated["service_centre_th"] == "ศูนย์บริการประชาชน เทศบาลนครเชียงใหม่"
    assert (stated["fiscal_year_be"], stated["edition"]) == (2560, "gecc-2560")
    assert stated["score"] == {"points": 80, "max_points": 80}
    assert (stated["result_hash"], stated["key_id"]) == (signed.hash, key_id)
    assert stated["issued_on"] == today.isoformat()
    assert stated["valid_until"] == valid_until_for(today).isoformat()
    assert parse_canonical(body["payload"].encode()) == stated
    verdict = verify_certificate(
        body["qr_text"], trust_list=trust_of(settings), revocations={}, today=today
    )
    assert verdict.code == "VALID"
    with world.central.session() as session:
        log = session.exec(
            select(AuditLogRecord).where(AuditLogRecord.action == "certificate.issue")
        ).one()
    assert (log.subject, log.actor, log.details["key_id"]) == (body["reference"], "somsri", key_id)


def test_a_committee_result_that_does_not_certify_is_refused(world: World) -> None:
    certify(world, B07="not_met")
    body = refused(issue(world), 409, "NOT_CERTIFIED")
    assert [r["subject"] for r in body["details"]["reasons"]] == ["B07"]


def test_issuing_again_answers_the_same_certificate(world: World) -> None:
    first = issued(world)
    again = issue(world)
    assert again.status_code == 200
    assert again.json() == first
    shown = world.api.request(
        "GET", "/v1/admin/certificates/gecc-๒๕๖๐-๕๐-๑", headers=admin_headers()
    )
    assert shown.json()["reference"] == first["reference"]
    svg = world.api.request(
        "GET", f"/v1/admin/certificates/{first['reference']}/qr.svg", headers=admin_headers()
    )
    assert svg.headers["content-type"] == "image/svg+xml"
    assert svg.text.startswith("<svg")
    with world.central.session() as session:
        assert len(session.exec(select(CertificateRecord)).all()) == 1


def test_references_count_per_fiscal_year_and_province(world: World) -> None:
    add_lao(world, "cm-rim", "เทศบาลเมืองแม่ริม", "50", centre="ศูนย์ราชการสะดวก เทศบาลเมืองแม่ริม")
    chiang_mai, pattaya, rim = (issued(world, lao) for lao in ("cm-city", "pattaya", "cm-rim"))
    assert chiang_mai["reference"] == "GECC-2560-50-0001"
    assert pattaya["reference"] == "GECC-2560-20-0001"
    assert rim["reference"] == "GECC-2560-50-0002"
    assert rim["certificate"]["service_centre_th"] == "ศูนย์ราชการสะดวก เทศบาลเมืองแม่ริม"
    with world.central.session() as session:
        assert take_sequence(session, 2561, "50") == 1
        session.rollback()  # a number taken in a transaction that did not commit is not used
        assert take_sequence(session, 2560, "50") == 3


def test_concurrent_issuers_never_share_a_number(central: Central) -> None:
    taken: list[int] = []
    start = threading.Barrier(8)

    def take() -> None:
        with central.session() as session:
            start.wait()
            number = take_sequence(session, 2570, "10")
            session.commit()
            taken.append(number)

    threads = [threading.Thread(target=take) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(taken) == list(range(1, 9))


def test_racing_issues_of_one_lao_make_one_certificate(world: World) -> None:
    certify(world)
    central = world.central
    start, answers = threading.Barrier(4), []

    def race() -> None:
        with central.session() as session:
            start.wait()
            answers.append(
                issue_for(
                    session,
                    central.issuer,
                    central.editions,
                    round_id=ROUND_ID,
                    lao_id="cm-city",
                    actor="clerk",
                    now=central.clock(),
                )
            )

    threads = [threading.Thread(target=race) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(answers) == 4
    assert sorted(a.created for a in answers) == [False, False, False, True]
    assert {a.record.reference for a in answers} == {"GECC-2560-50-0001"}
    with central.session() as session:
        assert len(session.exec(select(CertificateRecord)).all()) == 1


def test_a_revoked_certificate_is_issued_again_only_when_asked(world: World) -> None:
    first = issued(world)
    assert revoke(world, first["reference"]).status_code == 200
    body = refused(issue(world), 409, "CERTIFICATE_REVOKED")
    assert body["details"]["reference"] == first["reference"]
    again = issue(world, reissue=True)
    assert again.status_code == 201
    assert again.json()["reference"] == "GECC-2560-50-0002"  # numbers are never reused
    assert again.json()["revocation"] is None
    old = world.api.request(
        "GET", f"/v1/admin/certificates/{first['reference']}", headers=admin_headers()
    )
    assert old.json()["revocation"]["reason"] == "ปิดศูนย์บริการ"


def test_issuing_needs_the_key_its_passphrase_and_the_admin_token(
    world: World, settings: Settings
) -> None:
    certify(world)
    anonymous = world.api.request("POST", "/v1/admin/certificates", json={})
    refused(anonymous, 401, "ADMIN_TOKEN_REQUIRED")
    wrong_token = {"Authorization": "Bearer " + ADMIN_TOKEN[::-1]}
    refused(
        world.api.request("GET", "/v1/admin/certificates/x", headers=wrong_token),
        401,
        "ADMIN_TOKEN_REQUIRED",
    )
    world.central.issuer._passphrase = "not the passphrase at all"
    body = refused(issue(world), 503, "ISSUING_KEY_UNAVAILABLE")
    assert body["details"]["reason"] == "WRONG_PASSPHRASE"
    assert settings.issuing_key_file is not None
    settings.issuing_key_file.rename(settings.issuing_key_file.with_suffix(".gone"))
    refused(issue(world), 503, "NO_ISSUING_KEY")
    refused(world.api.request("GET", "/v1/trust"), 503, "NO_ISSUING_KEY")


def test_the_issuer_reads_the_keyring_again_only_when_it_changes(tmp_path: Path) -> None:
    settings = with_issuing_key(Settings(data_dir=tmp_path), tmp_path)
    assert settings.issuing_key_file is not None
    issuer = Issuer(settings.issuing_key_file, settings.issuing_key_passphrase)
    first = issuer.signing_key()
    assert issuer.signing_key() is first  # unlocked once, then kept
    assert list(issuer.trust_list()) == [first.key_id]
    assert Issuer(tmp_path / "none.json", None).trust_list() == {}
    assert Issuer(None, None).trust_list() == {}
    settings.issuing_key_file.write_text('{"format": "something else"}')
    with pytest.raises(Unavailable) as damaged:
        issuer.trust_list()  # a damaged keyring is not "no keys": every check would mislead
    assert damaged.value.code == "ISSUING_KEY_UNAVAILABLE"
    assert "passphrase" not in repr(issuer)
