"""``field-audit audit list / show / start / answer``: an audit done, scripted and checked at a
terminal, on a real device database, refusing what the audit screen refuses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from field_audit.cli.main import app
from field_audit.domain.edition import load_bundled_edition
from field_audit.signing import KdfParams, create_identity, keys_dir_in
from field_audit.storage.audits import audit_findings
from field_audit.storage.database import open_database
from tests.seal.conftest import PASSPHRASE, complete_audit

runner = CliRunner()


def invoke(*args: str, code: int = 0, stdin: str | None = None) -> Any:
    result = runner.invoke(app, list(args), input=stdin)
    assert result.exit_code == code, result.output
    return result


def as_json(*args: str) -> Any:
    return json.loads(invoke(*args, "--json").stdout)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "device"
    invoke("demo", "--data-dir", str(folder))
    return folder


def started(data_dir: Path, assignment: str = "a-cm") -> str:
    sheet = as_json("audit", "start", assignment, "--data-dir", str(data_dir))
    return str(sheet["id"])


def test_list_is_empty_then_names_the_audit_its_lao_and_progress(data_dir: Path) -> None:
    assert "no audits" in invoke("audit", "list", "--data-dir", str(data_dir)).stdout
    assert as_json("audit", "list", "--data-dir", str(data_dir)) == []
    audit = started(data_dir)
    [line] = as_json("audit", "list", "--data-dir", str(data_dir))
    total = len(load_bundled_edition("gecc-2563").criteria)
    assert line == {
        "id": audit,
        "revision": 1,
        "assignment": "a-cm",
        "lao": {"id": "cm-city", "th": "เทศบาลนครเชียงใหม่", "en": "Chiang Mai City Municipality"},
        "inspector": line["inspector"],
        "state": "draft",
        "answered": 0,
        "total": total,
        "sealed_hash": None,
    }
    text = invoke("audit", "list", "--data-dir", str(data_dir)).stdout
    assert f"{audit}  เทศบาลนครเชียงใหม่  draft  0/{total}" in text


def test_answer_with_a_note_by_a_short_id_shows_in_show_and_list(data_dir: Path) -> None:
    audit = started(data_dir)
    out = invoke(
        "audit", "answer", audit[:8], "P01", "met", "--note", "มีป้ายบอกทาง",
        "--data-dir", str(data_dir),
    ).stdout  # fmt: skip
    assert "P01  ผ่าน" in out
    assert "มีป้ายบอกทาง" in out
    invoke("audit", "answer", audit[:8], "p02", "not_met", "--data-dir", str(data_dir))
    sheet = as_json("audit", "show", audit, "--data-dir", str(data_dir))
    by_id = {row["id"]: row for row in sheet["criteria"]}
    assert by_id["P01"] == {**by_id["P01"], "answer": "met", "note": "มีป้ายบอกทาง"}
    assert by_id["P02"]["answer"] == "not_met"
    assert sheet["score"]["answered"] == 2
    [line] = as_json("audit", "list", "--data-dir", str(data_dir))
    assert line["answered"] == 2
    db = open_database(data_dir)
    findings = audit_findings(db, audit)
    db.close()
    assert findings["P01"].verdict == "met"  # the same rows the audit screen writes


def test_a_graded_criterion_takes_points_on_its_scale_only(data_dir: Path) -> None:
    audit = started(data_dir)
    invoke("audit", "answer", audit, "QA21", "3", "--data-dir", str(data_dir))
    sheet = as_json("audit", "show", audit, "--data-dir", str(data_dir))
    assert {r["id"]: r["answer"] for r in sheet["criteria"]}["QA21"] == 3
    wrong = invoke("audit", "answer", audit, "QA21", "met", "--data-dir", str(data_dir), code=2)
    assert "graded" in wrong.stderr
    off_scale = invoke("audit", "answer", audit, "QA21", "9", "--data-dir", str(data_dir), code=2)
    assert "0, 1, 2, 3, 4, 5" in off_scale.stderr
    points = invoke("audit", "answer", audit, "P01", "1", "--data-dir", str(data_dir), code=2)
    assert "'met' or 'not_met'" in points.stderr


def test_unknown_criterion_and_audit_are_one_clear_line_and_exit_2(data_dir: Path) -> None:
    audit = started(data_dir)
    unknown = invoke("audit", "answer", audit, "B99", "met", "--data-dir", str(data_dir), code=2)
    assert unknown.stderr.startswith("error: gecc-2563 has no criterion 'B99'")
    assert "ไม่มีเกณฑ์ข้อ B99" in unknown.stderr
    assert unknown.stdout == ""
    missing = invoke("audit", "show", "ffffffff", "--data-dir", str(data_dir), code=2)
    assert missing.stderr == "error: no audit 'ffffffff' on this device\n"
    nobody = invoke("audit", "start", "a-nowhere", "--data-dir", str(data_dir), code=2)
    assert "no assignment 'a-nowhere'" in nobody.stderr


def test_a_sealed_audit_refuses_an_answer_with_exit_3_and_keeps_its_hash(
    data_dir: Path,
) -> None:
    edition = load_bundled_edition("gecc-2563")
    db = open_database(data_dir)
    audit = complete_audit(db, edition)
    db.close()
    create_identity(keys_dir_in(data_dir), PASSPHRASE, kdf=KdfParams(1, 1, 8))
    sealed = invoke(
        "seal", audit, "--data-dir", str(data_dir), "--passphrase-stdin", stdin=PASSPHRASE + "\n"
    ).stdout
    result_hash = sealed.strip().split(": ")[1]
    [line] = as_json("audit", "list", "--data-dir", str(data_dir))
    assert (line["state"], line["sealed_hash"]) == ("sealed", result_hash)
    assert line["answered"] == line["total"]
    refused = invoke(
        "audit", "answer", audit, "P01", "not_met", "--data-dir", str(data_dir), code=3
    )
    assert "is sealed" in refused.stderr
    assert "ปิดผนึกแล้ว" in refused.stderr
    assert (
        as_json("audit", "show", audit, "--data-dir", str(data_dir))["criteria"][0]["answer"]
        == "met"
    )
    assert f"sealed {result_hash}" in invoke("audit", "list", "--data-dir", str(data_dir)).stdout
