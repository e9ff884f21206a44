"""`gecc-central results list`, `decisions` and `log`: what the office reads to find its work,
on results really uploaded and signed, on both databases."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from field_audit.domain.thai_calendar import be_year
from sync.protocol.certificates import THAILAND
from sync.protocol.sealed import SignedResult
from sync.server.cli import app
from sync.server.models import InspectorRecord, LaoRecord
from sync.server.settings import Settings
from tests.server.certified import certify, issue, revoke, with_issuing_key
from tests.server.helpers import World, audit_payload

runner = CliRunner()


@pytest.fixture
def settings(settings: Settings, tmp_path: Path) -> Settings:
    return with_issuing_key(settings, tmp_path)


@pytest.fixture
def env(database_url: str, tmp_path: Path) -> dict[str, str]:
    return {"GECC_CENTRAL_DATABASE_URL": database_url, "GECC_CENTRAL_DATA_DIR": str(tmp_path)}


def run(env: dict[str, str], *args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code == code, result.output
    return result.stdout


def refused(env: dict[str, str], *args: str) -> str:
    """The one ``error:`` line a refused filter prints on stderr (exit 2, nothing on stdout)."""
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    return lines[0]


def listed(env: dict[str, str], *args: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(run(env, *args, "--json"))
    return rows


def uploaded(world: World) -> tuple[SignedResult, SignedResult]:
    """Member A's audit of Pattaya (first), then cm-city's three audits and committee result."""
    pattaya = world.member_a.seal(audit_payload(world, world.member_a, lao="pattaya"))
    assert world.member_a.upload_result(pattaya).status_code == 201
    committee = certify(world, "cm-city", approve=False)
    return pattaya, committee


def test_results_list_shows_what_was_uploaded_newest_first_with_its_review(
    env: dict[str, str], world: World
) -> None:
    assert "no results" in run(env, "results", "list")
    pattaya, committee = uploaded(world)
    run(env, "review", "set", committee.hash, "--state", "approved", "--actor", "somsri")
    run(env, "review", "set", pattaya.hash, "--state", "has_issues", "--comment", "ภาพไม่ชัด")

    rows = listed(env, "results", "list")
    assert len(rows) == 5
    assert rows[0]["hash"] == committee.hash
    assert rows[-1]["hash"] == pattaya.hash
    received = [datetime.fromisoformat(r["received_at"]) for r in rows]
    assert received == sorted(received, reverse=True)
    top = rows[0]
    assert (top["kind"], top["type"], top["round_id"], top["lao_id"]) == (
        "committee",
        "gecc.committee-result",
        "fy2560",
        "cm-city",
    )
    assert top["signer"] == {"inspector_id": "insp-chair", "name": world.chair.name}
    assert (top["revision"], top["replaces"], top["superseded_by"]) == (1, None, None)
    assert (top["points"], top["meets_criteria"]) == (80, True)
    assert top["lao_name_th"] == "เทศบาลนครเชียงใหม่"
    assert top["review"]["state"] == "approved"
    assert top["review"]["reviewer"] == "somsri"
    last = rows[-1]
    assert last["review"] == {**last["review"], "state": "has_issues", "comment": "ภาพไม่ชัด"}
    assert {r["review"]["state"] for r in rows[1:-1]} == {"received"}
    assert all(r["review"]["reviewer"] is None for r in rows[1:-1])
    expected = {
        "hash", "result_id", "kind", "type", "round_id", "lao_id", "lao_name_th",
        "assignment_id", "committee_id", "signer", "uploaded_by", "revision", "replaces",
        "superseded_by", "points", "meets_criteria", "received_at", "review",
    }  # fmt: skip
    assert all(set(r) == expected for r in rows)

    text = run(env, "results", "list").splitlines()
    assert len(text) == 6
    assert text[-1] == "5 result(s)"
    first = text[0]
    assert f"{committee.hash[:16]}…" in first
    assert committee.hash not in first
    assert "committee" in first
    assert "approved" in first
    assert "80 pts meets the criteria" in first
    assert "insp-chair (นางสาวพิมพ์ชนก ศรีสวัสดิ์)" in first
    thai_year = be_year(datetime.fromisoformat(top["received_at"]).astimezone(THAILAND))
    assert f" {thai_year} " in first
    assert "น." in first
    assert "has_issues" in text[4]
    assert "pattaya" in text[4]


def test_results_list_filters_by_round_lao_kind_and_state(
    env: dict[str, str], world: World
) -> None:
    pattaya, committee = uploaded(world)
    run(env, "review", "set", committee.hash, "--state", "approved")
    run(env, "review", "set", pattaya.hash, "--state", "rejected", "--comment", "ไม่ครบ")

    def hashes(*args: str) -> list[str]:
        return [r["hash"] for r in listed(env, "results", "list", *args)]

    assert hashes("--kind", "committee") == [committee.hash]
    assert len(hashes("--kind", "audit")) == 4
    assert hashes("--lao", "pattaya") == [pattaya.hash]
    assert hashes("--lao", "krabi-town") == []
    assert len(hashes("--round", "fy2560")) == 5
    assert hashes("--state", "approved") == [committee.hash]
    assert hashes("--state", "rejected") == [pattaya.hash]
    assert hashes("--state", "has_issues") == []
    received = hashes("--state", "received")
    assert len(received) == 3
    assert {committee.hash, pattaya.hash}.isdisjoint(received)
    assert hashes("--lao", "cm-city", "--kind", "audit", "--state", "received") == received
    run(env, "review", "set", pattaya.hash, "--state", "has_issues", "--comment", "แก้ได้")
    run(env, "review", "set", pattaya.hash, "--state", "received")
    assert pattaya.hash in hashes("--state", "received")  # reviewed back to received

    assert "no round 'fy2561'" in refused(env, "results", "list", "--round", "fy2561")
    assert "no LAO 'nowhere'" in refused(env, "results", "list", "--lao", "nowhere")
    assert "not a kind of result" in refused(env, "results", "list", "--kind", "sealed")
    assert "not a review state" in refused(env, "results", "list", "--state", "pending")


def test_a_corrected_result_names_the_revision_that_replaced_it(
    env: dict[str, str], world: World
) -> None:
    first = world.member_a.seal(audit_payload(world, world.member_a, lao="pattaya"))
    world.member_a.upload_result(first)
    second = world.member_a.seal(
        audit_payload(world, world.member_a, lao="pattaya", revision=2, replaces=first.hash)
    )
    assert world.member_a.upload_result(second).status_code == 201
    rows = listed(env, "results", "list")
    assert [(r["hash"], r["revision"]) for r in rows] == [(second.hash, 2), (first.hash, 1)]
    assert (rows[0]["replaces"], rows[0]["superseded_by"]) == (first.hash, None)
    assert rows[1]["superseded_by"] == second.hash
    assert f"superseded by {second.hash[:16]}…" in run(env, "results", "list").splitlines()[1]


def test_decisions_show_each_lao_with_its_reasons_and_certificate(
    env: dict[str, str], world: World
) -> None:
    assert "no decisions" in run(env, "decisions")
    cm_city = certify(world, "cm-city")
    pattaya = certify(world, "pattaya")
    krabi = certify(world, "krabi-town", approve=False, B07="not_met")
    assert issue(world, "cm-city").status_code == 201
    reference = issue(world, "pattaya").json()["reference"]
    assert revoke(world, reference).status_code == 200

    rows = listed(env, "decisions", "--round", "fy2560")
    assert [r["lao_id"] for r in rows] == ["cm-city", "krabi-town", "pattaya"]
    by_lao = {r["lao_id"]: r for r in rows}
    city = by_lao["cm-city"]
    assert (city["meets_criteria"], city["points"], city["reasons"]) == (True, 80, [])
    assert city["decision"]["certify"] is True
    assert city["decision"]["decided_by"] == "นายอนุมัติ ลงนาม"
    assert (city["result_hash"], city["review"]["state"]) == (cm_city.hash, "approved")
    assert city["certificate"]["reference"] == "GECC-2560-50-0001"
    assert city["certificate"]["state"] == "issued"
    assert city["certificate"]["revoked_at"] is None
    assert city["lao_name_th"] == "เทศบาลนครเชียงใหม่"
    assert by_lao["pattaya"]["result_hash"] == pattaya.hash
    assert by_lao["pattaya"]["certificate"]["state"] == "revoked"
    assert by_lao["pattaya"]["certificate"]["revocation_reason"] == "ปิดศูนย์บริการ"
    not_certified = by_lao["krabi-town"]
    assert (not_certified["meets_criteria"], not_certified["level"]) == (False, None)
    assert not_certified["decision"] is None
    assert not_certified["result_hash"] == krabi.hash
    assert not_certified["review"]["state"] == "received"
    assert not_certified["certificate"] is None
    assert [r["subject"] for r in not_certified["reasons"]] == ["B07"]
    reason = not_certified["reasons"][0]
    assert reason["th"]
    assert reason["en"]

    text = run(env, "decisions")
    assert "cm-city เทศบาลนครเชียงใหม่: committee: meets the criteria / ผ่านเกณฑ์, 80 points" in text
    assert "office: certified / ผ่านการรับรอง on 2017-03-28 by นายอนุมัติ ลงนาม" in text
    assert "certificate GECC-2560-50-0001 issued" in text
    assert f"certificate {reference} revoked" in text
    assert f"result {krabi.hash[:16]}… (received)" in text
    assert "does not meet the criteria / ไม่ผ่านเกณฑ์" in text
    assert "office: not decided yet / สำนักงาน: ยังไม่มีมติ" in text
    assert f"  - {reason['th']}\n    {reason['en']}\n" in text
    assert text.rstrip().endswith("3 decision(s)")
    assert "no round 'fy2561'" in refused(env, "decisions", "--round", "fy2561")


def test_the_log_shows_office_actions_newest_first_and_filters(
    env: dict[str, str], world: World
) -> None:
    pattaya, committee = uploaded(world)
    issues = ("--state", "has_issues", "--comment", "ภาพไม่ชัด")
    run(env, "review", "set", pattaya.hash, *issues, "--actor", "somsri")
    run(env, "review", "set", pattaya.hash, "--state", "approved", "--actor", "somsri")
    run(env, "review", "set", committee.hash, "--state", "approved", "--actor", "director")

    entries = listed(env, "log")
    assert [(e["actor"], e["action"]) for e in entries[:3]] == [
        ("director", "review.set"),
        ("somsri", "review.set"),
        ("somsri", "review.set"),
    ]
    assert entries[0]["subject"] == committee.hash
    assert entries[1]["details"] == {
        "state": "approved",
        "previous": "has_issues",
        "comment": "",
    }
    ids = [e["id"] for e in entries]
    assert ids == sorted(ids, reverse=True)
    assert entries[-1]["action"] == "round.create"
    assert entries[-1]["actor"] == "clerk"
    assert set(entries[0]) == {"id", "at", "actor", "action", "subject", "details"}

    mine = listed(env, "log", "--actor", "somsri")
    assert [e["details"]["state"] for e in mine] == ["approved", "has_issues"]
    about = listed(env, "log", "--subject", pattaya.hash[:16])
    assert [e["action"] for e in about] == ["review.set", "review.set", "result.receive"]
    assert about[-1]["actor"] == "insp-a"
    assert listed(env, "log", "--subject", pattaya.hash.upper()[:16]) == []
    assert len(listed(env, "log", "--limit", "2")) == 2
    today = datetime.now(THAILAND).date()
    assert len(listed(env, "log", "--since", today.isoformat())) == len(entries)
    tomorrow = today + timedelta(days=1)
    assert listed(env, "log", "--since", tomorrow.isoformat()) == []
    assert "no entries" in run(env, "log", "--since", tomorrow.isoformat())

    text = run(env, "log", "--limit", "1")
    assert text.count("\n") == 1
    assert f"director  review.set  {committee.hash}  state=approved" in text
    assert f" {be_year(today)} " in text

    assert "--since '31/01/2017' is not a date" in refused(env, "log", "--since", "31/01/2017")
    assert "--limit 0 must be at least 1" in refused(env, "log", "--limit", "0")


def test_an_empty_log_says_so(env: dict[str, str]) -> None:
    assert run(env, "log") == "no entries / ไม่มีรายการในบันทึก\n"
    assert listed(env, "log") == []


def test_a_review_is_set_by_the_short_hash_the_list_shows(
    world: World, env: dict[str, str]
) -> None:
    committee, pattaya = uploaded(world)
    shown = f"{pattaya.hash[:16]}…"  # as `results list` prints it
    assert shown in run(env, "results", "list")
    said = run(env, "review", "set", shown, "--state", "has_issues", "--comment", "ภาพไม่ชัด")
    assert said.strip() == f"{shown} is has_issues"
    [row] = [r for r in listed(env, "results", "list") if r["hash"] == pattaya.hash]
    assert row["review"]["state"] == "has_issues"
    assert "give 8 or more hex digits" in refused(
        env, "review", "set", "abc", "--state", "approved"
    )
    assert "no result" in refused(env, "review", "set", "0" * 12, "--state", "approved")
    assert committee.hash != pattaya.hash


ESCAPES = "\x1b]0;owned\x07\x1b[2J\x9b31m"
SHOWN = "\\x1b]0;owned\\x07\\x1b[2J\\x9b31m"
LISTINGS = (
    "decisions",
    "results list",
    "log",
    "decisions --json",
    "results list --json",
    "log --json",
)


def stored_with_escapes(world: World) -> None:
    """Text stored before LAO imports refused control characters (or typed by the office)."""
    with world.central.session() as session:
        lao = session.get(LaoRecord, "cm-city")
        chair = session.get(InspectorRecord, world.chair.inspector_id)
        assert lao is not None
        assert chair is not None
        lao.name_th = f"เทศบาลนคร{ESCAPES}เชียงใหม่"
        chair.name = f"ประธาน{ESCAPES}"
        session.add_all([lao, chair])
        session.commit()


def test_listings_show_control_characters_escaped_never_raw(
    env: dict[str, str], world: World
) -> None:
    stored_with_escapes(world)
    certify(world, "cm-city")
    new_round = ["round", "create", "--id", "fy2561", "--fiscal-year", "2561"]
    run(env, *new_round, "--deadline", "2018-01-31", "--actor", f"clerk{ESCAPES}")
    outputs = {listing: run(env, *listing.split()) for listing in LISTINGS}
    for listing, out in outputs.items():
        assert not set(out) & {"\x1b", "\x07", "\x9b"}, listing
    assert f"cm-city เทศบาลนคร{SHOWN}เชียงใหม่: committee: meets the criteria" in outputs["decisions"]
    assert f"(ประธาน{SHOWN})" in outputs["results list"]
    assert f"clerk{SHOWN}  round.create" in outputs["log"]
    [decision] = json.loads(outputs["decisions --json"])
    assert decision["lao_name_th"] == f"เทศบาลนคร{ESCAPES}เชียงใหม่"  # JSON escapes, not loses


def test_results_show_reads_a_result_with_its_evidence_and_recommendations(
    world: World, env: dict[str, str]
) -> None:
    payload = audit_payload(world, world.member_a)
    first = payload["findings"][0]
    first["recommendation"] = "ควรติดป้ายบอกทางเพิ่ม"
    first["records"] = [
        {
            "kind": "interview",
            "at": "2017-03-14T03:30:00Z",
            "whom": "citizen",
            "summary": "รอคิวไม่นาน",
            "identity": "",
        },
        {"kind": "document", "title": "คู่มือการให้บริการ", "reference": "ชม 001", "page_photo": None},
    ]
    payload["recommendation"] = "ควรขยายเวลาให้บริการ"
    signed = world.member_a.seal(payload)
    assert world.member_a.upload_result(signed).status_code == 201
    shown = run(env, "results", "show", signed.hash)
    assert "ผลการประเมินของ นายสมชาย ใจดี (ฉบับที่ 1) · ประเมินทุกข้อ" in shown
    assert f"{first['criterion']}: ผ่าน" in shown
    assert "  ข้อเสนอแนะ: ควรติดป้ายบอกทางเพิ่ม" in shown
    assert "  สัมภาษณ์ ประชาชนผู้รับบริการ 14 มี.ค. 2560 10.30 น.: รอคิวไม่นาน" in shown
    assert "  เอกสารที่ตรวจ: คู่มือการให้บริการ (ชม 001)" in shown
    assert "ข้อเสนอแนะโดยรวม: ควรขยายเวลาให้บริการ" in shown
    assert json.loads(run(env, "results", "show", signed.hash, "--json"))["recommendation"]
    assert "no result" in refused(env, "results", "show", "0" * 64).lower()
