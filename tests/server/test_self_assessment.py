"""The LAO's self-assessment per criterion: recorded at the office (checked against the round's
edition, points computed), pulled with the assignment, and set beside the inspector's verdicts
on the device."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from field_audit.domain.answers import Verdict
from field_audit.storage.assignments import self_claims
from field_audit.syncing.pull import pull_all
from sync.server.central import Central
from sync.server.cli import app
from sync.server.errors import InvalidInput
from sync.server.store.self_assessment import parse_self_claims_csv, record_self_claims
from tests.server.field_device import FieldDevice, PortalTransport
from tests.server.helpers import ROUND_ID, Api, World
from tests.server.test_pull import pulled

runner = CliRunner()


def claims_of(world: World, not_met: tuple[str, ...] = ()) -> dict[str, str]:
    return {c: "not_met" if c in not_met else "met" for c in world.edition.criterion_ids}


def record(world: World, lao: str, claims: dict[str, str]) -> None:
    with world.central.session() as session:
        record_self_claims(
            session,
            world.central.editions,
            round_id=ROUND_ID,
            lao_id=lao,
            claims=claims,
            actor="clerk",
            today=date(2017, 2, 1),
        )


@pytest.fixture
def member(tmp_path: Path, world: World, central: Central) -> Iterator[FieldDevice]:
    device = FieldDevice(
        tmp_path / "member", central, world.member_a.inspector_id, world.member_a.name
    )
    yield device
    device.device.close()


def test_the_claims_travel_with_the_assignment_and_make_the_points(world: World) -> None:
    cursor = pulled(world.member_a, "assignments")["cursor"]
    record(world, "cm-city", claims_of(world, not_met=("B07", "A03")))
    [change] = pulled(world.member_a, "assignments", cursor)["changes"]
    assert change["record"]["self_claims"]["B07"] == "not_met"
    assert change["record"]["self_claims"]["B01"] == "met"
    assert change["record"]["self_assessment_points"] == 80 - 1 - 2  # by the edition's rule


def test_the_device_sets_each_claim_beside_the_criterion(
    world: World, api: Api, member: FieldDevice
) -> None:
    record(world, "cm-city", claims_of(world, not_met=("B07",)))
    db = member.device.db
    pull_all(db, member.client(PortalTransport(api)))
    claims = self_claims(db, world.assignments["cm-city"])
    assert len(claims) == 60
    assert claims["B07"] is Verdict.NOT_MET
    assert claims["A20"] is Verdict.MET
    record(world, "cm-city", claims_of(world))  # the LAO's corrected form replaces the old one
    pull_all(db, member.client(PortalTransport(api)))
    assert set(self_claims(db, world.assignments["cm-city"]).values()) == {Verdict.MET}


def test_a_self_assessment_that_does_not_fit_the_edition_is_refused(world: World) -> None:
    claims = claims_of(world)
    del claims["A20"]
    claims |= {"Z99": "met", "B01": "yes"}
    with pytest.raises(InvalidInput) as refused:
        record(world, "cm-city", claims)
    assert set(refused.value.problems) == {
        "Z99: not a criterion of gecc-2560",
        "B01: 'yes' is not met or not_met",
        "A20: no claim",
    }
    assert pulled(world.member_a, "assignments")["changes"][0]["record"]["self_claims"] == {}


def test_the_csv_file_reads_thai_words_and_names_its_bad_lines() -> None:
    text = "lao_id,criterion_id,claim\ncm-city,B01,ผ่าน\ncm-city,B02,ไม่ผ่าน\npattaya,B01,met\n"
    assert parse_self_claims_csv(text.encode("utf-8-sig")) == {
        "cm-city": {"B01": "met", "B02": "not_met"},
        "pattaya": {"B01": "met"},
    }
    bad = "lao_id,criterion_id,claim\ncm-city,B01,met\ncm-city,B01,met\ncm-city,B02,maybe\n"
    with pytest.raises(InvalidInput) as refused:
        parse_self_claims_csv(bad.encode())
    assert refused.value.problems == [
        "line 3: B01 of cm-city is given twice",
        "line 4: 'maybe' is not met, not_met, ผ่าน or ไม่ผ่าน",
    ]
    with pytest.raises(InvalidInput, match="first line"):
        parse_self_claims_csv(b"lao,criterion,claim\n")


def test_the_office_records_a_round_of_self_assessments_from_a_csv_file(
    world: World, database_url: str, tmp_path: Path
) -> None:
    env = {"GECC_CENTRAL_DATABASE_URL": database_url, "GECC_CENTRAL_DATA_DIR": str(tmp_path)}
    rows = [f"cm-city,{c},{'ไม่ผ่าน' if c == 'B07' else 'ผ่าน'}" for c in world.edition.criterion_ids]
    good = tmp_path / "self.csv"
    good.write_text("lao_id,criterion_id,claim\n" + "\n".join(rows) + "\n", encoding="utf-8")
    cursor = pulled(world.member_a, "assignments")["cursor"]
    bad = tmp_path / "bad.csv"
    bad.write_text("lao_id,criterion_id,claim\nnowhere,B01,met\n", encoding="utf-8")
    refused = runner.invoke(app, ["pipeline", "self-assessment", ROUND_ID, str(bad)], env=env)
    assert refused.exit_code == 2
    assert "nowhere: no such LAO" in refused.output
    assert pulled(world.member_a, "assignments", cursor)["changes"] == []  # nothing kept
    done = runner.invoke(app, ["pipeline", "self-assessment", ROUND_ID, str(good)], env=env)
    assert done.exit_code == 0, done.output
    assert "1 LAO" in done.output
    [change] = pulled(world.member_a, "assignments", cursor)["changes"]
    assert change["record"]["self_claims"]["B07"] == "not_met"
    assert change["record"]["self_assessment_points"] == 79
