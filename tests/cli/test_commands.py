"""The command line as a user runs it: JSON shapes, bad input (exit 2, one line), light imports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from field_audit.cli.main import app
from field_audit.domain.edition import Edition

runner = CliRunner()


def run(*args: str) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout) if "--json" in args else result.stdout


def refused(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: ")
    return lines[0]


def write(path: Path, value: Any) -> Path:
    path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    return path


def all_met(edition: Edition, **overrides: str) -> dict[str, str]:
    return {**dict.fromkeys(edition.criterion_ids, "met"), **overrides}


def test_catalog_json_has_every_field(edition: Edition) -> None:
    document = run("catalog", "--json")
    assert document["edition"] == "gecc-2560"
    assert document["edition_hash"] == edition.content_hash
    assert len(document["criteria"]) == 60
    first = document["criteria"][0]
    expected = {"id", "block", "points", "category", "title", "look_for", "evidence"}
    assert expected | {"photo_required", "mandatory", "graded"} <= set(first)
    assert first["title"]["th"]


def test_catalog_reads_another_edition(tmp_path: Path) -> None:
    from tests.factories import later_standard_shape

    document = run(
        "catalog", "--edition", str(write(tmp_path / "e.json", later_standard_shape())), "--json"
    )
    assert document["edition"] == "test-later"
    assert len(document["criteria"]) == 62


def test_score_json_shape_and_the_79_point_trap(tmp_path: Path, edition: Edition) -> None:
    verdicts = all_met(edition, B07="not_met")
    result = run("score", str(write(tmp_path / "v.json", {"verdicts": verdicts})), "--json")
    keys = {"edition", "points", "max_points", "answered", "complete", "meets_criteria"}
    keys |= {"meets_application_threshold", "level", "reasons", "by_category", "by_block"}
    assert keys <= set(result)
    assert (result["by_block"]["basic"]["met"], result["by_block"]["advanced"]["met"]) == (39, 20)
    assert (result["points"], result["meets_criteria"]) == (79, False)
    assert result["reasons"][0]["en"] == "Basic criteria: B07 is not met (every one must be met)"
    assert result["reasons"][0]["th"] == "เกณฑ์ขั้นพื้นฐาน ข้อ B07 ไม่ผ่าน (ต้องผ่านทุกข้อ)"


def test_score_text_in_thai(tmp_path: Path, edition: Edition) -> None:
    output = run("score", str(write(tmp_path / "v.json", {"verdicts": all_met(edition)})))
    assert "80/80 — ผ่านเกณฑ์" in output


def test_committee_lists_disputes_and_takes_rulings(tmp_path: Path, edition: Edition) -> None:
    a = write(tmp_path / "a.json", {"member": "ก", "verdicts": all_met(edition, A03="not_met")})
    b = write(tmp_path / "b.json", {"member": "ข", "verdicts": all_met(edition)})
    result = run("committee", str(a), str(b), "--json")
    assert result["disputed"] == ["A03"]
    assert result["score"] is None
    rulings = write(
        tmp_path / "r.json", {"rulings": {"A03": {"verdict": "met", "reason": "มีหลักฐาน"}}}
    )
    ruled = run("committee", str(a), str(b), "--rulings", str(rulings), "--json")
    assert ruled["score"]["points"] == 80


def test_committee_text_speaks_in_words_and_thai_lists(tmp_path: Path, edition: Edition) -> None:
    a = write(tmp_path / "a.json", {"member": "สมชาย", "verdicts": all_met(edition, A03="not_met")})
    b = write(tmp_path / "b.json", {"member": "มาลี", "verdicts": all_met(edition)})
    output = run("committee", str(a), str(b))
    assert "กรรมการ: สมชาย และ มาลี" in output
    assert "A03: สมชาย ไม่ผ่าน และ มาลี ผ่าน (ต้องให้ประธานวินิจฉัย)" in output
    assert "ประธานต้องวินิจฉัยข้อ A03" in output
    assert "not_met" not in output
    english = run("committee", str(a), str(b), "--lang", "en")
    assert "A03: สมชาย not met and มาลี met (the chair must rule)" in english


def test_committee_of_shares_names_what_nobody_assessed(tmp_path: Path, edition: Edition) -> None:
    basic = [c.id for c in edition.criteria if c.block == "basic"]
    advanced = [c.id for c in edition.criteria if c.block == "advanced"][:-1]
    a = write(
        tmp_path / "a.json",
        {"member": "ก", "scope": basic, "verdicts": dict.fromkeys(basic, "met")},
    )
    b = write(
        tmp_path / "b.json",
        {"member": "ข", "scope": advanced, "verdicts": dict.fromkeys(advanced, "met")},
    )
    result = run("committee", str(a), str(b), "--json")
    assert result["unassessed"] == ["A20"]
    assert result["score"] is None
    assert "ยังไม่มีกรรมการคนใดประเมินข้อ A20" in run("committee", str(a), str(b))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "is not valid JSON"),
        ('{"verdicts": {"Z01": "met"}}', "unknown criterion id 'Z01'"),
        ('{"verdicts": {"B01": "passed"}}', "it must be 'met' or 'not_met'"),
        ('{"votes": {}}', 'needs a "verdicts" object'),
        ("[1]", "must hold a JSON object"),
    ],
)
def test_bad_score_input_exits_2_with_one_clear_line(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "v.json"
    path.write_text(content, encoding="utf-8")
    assert message in refused("score", str(path), "--json")


def test_a_key_given_twice_is_refused_naming_it(tmp_path: Path, edition: Edition) -> None:
    twice = tmp_path / "twice.json"
    twice.write_text('{"verdicts": {"B01": "met", "B01": "not_met"}}', encoding="utf-8")
    assert 'the key "B01" is given twice' in refused("score", str(twice), "--json")
    member = tmp_path / "member.json"
    member.write_text('{"member": "ก", "member": "ข", "verdicts": {}}', encoding="utf-8")
    other = write(tmp_path / "other.json", {"member": "ค", "verdicts": all_met(edition)})
    assert 'the key "member" is given twice' in refused("committee", str(member), str(other))
    rulings = tmp_path / "rulings.json"
    rulings.write_text('{"rulings": {}, "rulings": {}}', encoding="utf-8")
    line = refused("committee", str(other), str(other), "--rulings", str(rulings))
    assert 'the key "rulings" is given twice' in line


def test_missing_file_and_malformed_edition_are_refused(tmp_path: Path) -> None:
    assert "does not exist" in refused("score", str(tmp_path / "absent.json"))
    from tests.factories import gecc_2560_shape

    document = gecc_2560_shape()
    document["criteria"][1]["id"] = "B01"
    edition_file = write(tmp_path / "dup.json", document)
    assert "duplicate criterion id 'B01'" in refused("catalog", "--edition", str(edition_file))


def test_committee_refuses_a_member_twice_and_a_bad_ruling(
    tmp_path: Path, edition: Edition
) -> None:
    a = write(tmp_path / "a.json", {"member": "ก", "verdicts": all_met(edition)})
    assert "appears more than once" in refused("committee", str(a), str(a))
    b = write(tmp_path / "b.json", {"member": "ข", "verdicts": all_met(edition)})
    rulings = write(
        tmp_path / "r.json", {"rulings": {"B01": {"verdict": "not_met", "reason": "x"}}}
    )
    assert "B01 is not disputed" in refused("committee", str(a), str(b), "--rulings", str(rulings))


def test_demo_fills_the_given_data_dir_once(tmp_path: Path) -> None:
    assert "loaded into" in run("demo", "--data-dir", str(tmp_path))
    assert "already in" in run("demo", "--data-dir", str(tmp_path))
    assert (tmp_path / "field-audit.sqlite3").exists()


def test_score_does_not_import_flet_or_the_database(tmp_path: Path, edition: Edition) -> None:
    verdicts = write(tmp_path / "v.json", {"verdicts": all_met(edition)})
    probe = (
        "import sys\n"
        "from field_audit.cli.main import app\n"
        f"app(['score', {str(verdicts)!r}, '--json'], standalone_mode=False)\n"
        "print(sorted(m for m in ('flet', 'sqlalchemy', 'PIL', 'fastapi') if m in sys.modules))\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert output.stdout.strip().splitlines()[-1] == "[]"
