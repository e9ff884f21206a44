"""The gecc-central commands, on the same databases as the rest of the store's tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from typer.testing import CliRunner

from sync.protocol.signatures import enrolment_text, key_fingerprint, public_key_of
from sync.server.cli import app
from sync.server.schema import head_revision

runner = CliRunner()


@pytest.fixture
def env(database_url: str, tmp_path: Path) -> dict[str, str]:
    return {"GECC_CENTRAL_DATABASE_URL": database_url, "GECC_CENTRAL_DATA_DIR": str(tmp_path)}


def run(env: dict[str, str], *args: str, code: int = 0) -> str:
    result = runner.invoke(app, ["--help"] if not args else list(args), env=env)
    assert result.exit_code == code, result.output
    return result.output


def test_the_office_sets_up_a_round_from_the_command_line(
    env: dict[str, str], tmp_path: Path
) -> None:
    out = run(
        env,
        "round",
        "create",
        "--id",
        "fy2560",
        "--fiscal-year",
        "2560",
        "--deadline",
        "2017-01-31",
        "--briefing-on",
        "2016-12-15",
        "--visits-from",
        "2017-02-15",
        "--visits-until",
        "2017-03-31",
        "--kind",
        "เทศบาลนคร",
        "--actor",
        "somsri",
    )
    assert "edition gecc-2560" in out
    csv = tmp_path / "laos.csv"
    csv.write_bytes(
        "\ufefflao_id,name_th,kind,province_code\n"
        "cm-city,เทศบาลนครเชียงใหม่,เทศบาลนคร,50\n"
        "tambon,อบต.ตัวอย่าง,อบต.,50\n".encode()
    )
    assert "2 LAO(s) added" in run(env, "lao", "import", str(csv))
    run(
        env,
        "committee",
        "create",
        "--id",
        "c1",
        "--round",
        "fy2560",
        "--name-th",
        "ชุดที่ 1",
        "--chair",
        "insp-chair:นางสาวพิมพ์ชนก",
        "--member",
        "insp-a:นายสมชาย",
    )
    visit = ("--round", "fy2560", "--committee", "c1", "--visit-date", "2017-03-14")
    refused = run(env, "assign", "--lao", "cm-city", *visit, code=2)
    assert "[awaiting_self_assessment] ยังไม่ได้บันทึกผลการประเมินตนเองของ อปท." in refused
    assert "[awaiting_screening]" in refused
    out = run(env, "pipeline", "set", "fy2560", "cm-city", "--self-points", "55")
    assert "below_threshold" in out
    facts = (
        ("--self-points", "66"),
        ("--self-assessed-on", "2017-01-05"),
        ("--form-filled-on", "2017-01-06"),
        ("--endorsed-on", "2017-01-12"),
        ("--word",),
        ("--pdf",),
        ("--posted-on", "2017-01-20"),
        ("--emailed-on", "2017-01-20"),
    )
    out = run(env, "pipeline", "set", "fy2560", "cm-city", *(x for f in facts for x in f))
    assert "now [awaiting_screening]" in out
    failed = run(env, "pipeline", "screen", "fy2560", "cm-city", "--failed", code=2)
    assert "needs its reason" in failed
    out = run(env, "pipeline", "screen", "fy2560", "cm-city", "--passed", "--on", "2017-02-03")
    assert "step 8:" in out
    assert "now [awaiting_visit]" in out
    early = run(env, "assign", "--lao", "cm-city", *visit[:-1], "2016-12-10", code=2)
    assert "[visit_outside_window]" in early
    assert "[visit_before_briefing]" in early
    assert "cm-city -> c1" in run(env, "assign", "--lao", "cm-city", *visit)
    tambon = run(env, "assign", "--lao", "tambon", *visit, code=2)
    assert "[kind_not_accepted]" in tambon


def test_an_override_is_an_office_decision_with_its_reason_and_officer(
    env: dict[str, str], tmp_path: Path
) -> None:
    run(
        env,
        "round",
        "create",
        "--id",
        "fy2560",
        "--fiscal-year",
        "2560",
        "--deadline",
        "2017-01-31",
    )
    csv = tmp_path / "laos.csv"
    csv.write_text("lao_id,name_th,kind,province_code\nx,อบต.ตัวอย่าง,อบต.,50\n", encoding="utf-8")
    run(env, "lao", "import", str(csv))
    run(env, "committee", "create", "--id", "c1", "--round", "fy2560", "--name-th", "ชุด",
        "--chair", "insp-chair:ประธาน")  # fmt: skip
    visit = ("--round", "fy2560", "--lao", "x", "--committee", "c1", "--visit-date", "2017-03-14")
    refused = run(env, "assign", *visit, code=2)
    assert "[deadline_passed]" in refused
    run(env, "pipeline", "override", "fy2560", "x", "--code", "nonsense", "--reason", "r",
        "--officer", "o", code=2)  # fmt: skip
    codes = ["awaiting_self_assessment", "awaiting_form", "awaiting_endorsement",
             "awaiting_screening", "deadline_passed"]  # fmt: skip
    waived = [a for c in codes for a in ("--code", c)]
    reason = ("--reason", "ทดลองรอบนำร่องตามคำสั่งที่ 12/2560", "--officer", "นายอนุมัติ")
    out = run(env, "pipeline", "override", "fy2560", "x", *waived, *reason)
    assert "waived by นายอนุมัติ" in out
    assert "x -> c1" in run(env, "assign", *visit)
    shown = run(env, "pipeline", "show", "fy2560", "x")
    assert "override: awaiting_endorsement" in shown
    assert "ทดลองรอบนำร่องตามคำสั่งที่ 12/2560" in shown
    assert "eligibility.override" in run(env, "log")


def test_bad_rows_exit_2_with_their_line_numbers(env: dict[str, str], tmp_path: Path) -> None:
    csv = tmp_path / "laos.csv"
    csv.write_text("lao_id,name_th,kind,province_code\n,ไม่มีรหัส,เทศบาลนคร,5\n", encoding="utf-8")
    out = run(env, "lao", "import", str(csv), code=2)
    assert "line 2: lao_id is empty" in out
    assert "line 2: province_code '5' must be two digits" in out


def test_a_key_is_enrolled_after_the_clerk_confirms_the_fingerprint(env: dict[str, str]) -> None:
    public_key = public_key_of(Ed25519PrivateKey.generate())
    text, fingerprint = enrolment_text(public_key), key_fingerprint(public_key)
    out = run(env, "key", "enrol", "insp-a", text, "--fingerprint", "0" * 30, "--name", "ก", code=2)
    assert "fingerprint" in out
    result = runner.invoke(
        app, ["key", "enrol", "insp-a", text, "--name", "ก"], input=fingerprint + "\n", env=env
    )
    assert result.exit_code == 0, result.output
    assert f"enrolled for insp-a: {fingerprint}" in result.output
    assert "revoked" in run(env, "key", "revoke", fingerprint, "--reason", "lost")
    run(env, "key", "revoke", fingerprint, code=2)


def test_reviewing_an_unknown_result_exits_2(env: dict[str, str]) -> None:
    out = run(env, "review", "set", "0" * 64, "--state", "approved", code=2)
    assert "no result" in out
    assert "not a review state" in run(env, "review", "set", "0" * 64, "--state", "done", code=2)


def test_db_upgrade_and_current(env: dict[str, str]) -> None:
    head = head_revision()
    assert f"schema at {head}" in run(env, "db", "upgrade")
    assert f"current: {head}; head: {head}" in run(env, "db", "current")


def test_the_help_lists_the_commands_quickly() -> None:
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "sync.server.cli_main", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "lao" in completed.stdout
    assert "sqlalchemy" not in completed.stderr
