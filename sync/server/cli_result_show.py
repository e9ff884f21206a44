"""``gecc-central results show HASH``: one received result as the office reads it, in Thai.

A sealed audit: the signer, the share it covers, each finding (the answer in words, the note,
the recommendation, the evidence records: interviews in general terms, documents seen,
observations) and the overall recommendation. A committee result: the roll (each member's role
and whether counted or absent, and why), the rulings with their reasons, and the committee's
recommendations. ``--json`` prints the signed document itself. Stored text is printed with its
control characters escaped, as every listing does.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated

import typer

from field_audit.domain.evidence_records import WHOM_NAMES
from field_audit.domain.roles import role_name
from field_audit.domain.thai_calendar import format_thai_moment
from field_audit.domain.wording import listed
from sync.protocol.records import DocumentEntry, InterviewEntry, RecordEntry
from sync.protocol.sealed import CommitteeResult, Finding, Result, SealedAudit
from sync.server.cli_common import with_store
from sync.server.plain_text import json_visible, visible

WHOM = {w.value: name.th for w, name in WHOM_NAMES.items()}


def results_show(
    result_hash: Annotated[str, typer.Argument(help="the result's SHA-256 (results list)")],
    as_json: Annotated[bool, typer.Option("--json", help="the signed document")] = False,
) -> None:
    """One received result in words: findings with their evidence and recommendations, or the
    committee's roll, rulings and recommendations."""
    from sync.protocol.sealed import parse_result  # noqa: PLC0415
    from sync.server.models import ResultRecord  # noqa: PLC0415
    from sync.server.store.rows import require  # noqa: PLC0415

    payload = with_store(lambda _c, s: require(s, ResultRecord, result_hash, "result").payload)
    if as_json:
        typer.echo(json_visible(json.dumps(json.loads(payload), ensure_ascii=False, indent=2)))
        return
    for line in result_lines(parse_result(payload)):
        typer.echo(visible(line))


def result_lines(result: Result) -> list[str]:
    head = [f"{result.lao.name_th} · ปีงบประมาณ {result.round.fiscal_year_be} · {result.visit_date}"]
    if isinstance(result, SealedAudit):
        return head + _audit_lines(result)
    return head + _committee_lines(result)


def _audit_lines(audit: SealedAudit) -> list[str]:
    scope = "ทุกข้อ" if audit.scope is None else f"ส่วนที่ได้รับ {len(audit.scope)} ข้อ"
    lines = [f"ผลการประเมินของ {audit.signer.name} (ฉบับที่ {audit.revision}) · ประเมิน{scope}"]
    for finding in audit.findings:
        lines += _finding_lines(finding)
    if audit.recommendation:
        lines.append(f"ข้อเสนอแนะโดยรวม: {audit.recommendation}")
    return lines


def _finding_lines(finding: Finding) -> list[str]:
    lines = [f"{finding.criterion}: {_answer(finding.verdict)}"]
    if finding.note:
        lines.append(f"  บันทึก: {finding.note}")
    if finding.recommendation:
        lines.append(f"  ข้อเสนอแนะ: {finding.recommendation}")
    lines += [f"  {_record(entry)}" for entry in finding.records]
    if finding.photos:
        lines.append(f"  ภาพถ่าย {len(finding.photos)} ภาพ")
    return lines


def _record(entry: RecordEntry) -> str:
    if isinstance(entry, InterviewEntry):
        named = f" ({entry.identity})" if entry.identity else ""
        when = format_thai_moment(datetime.fromisoformat(entry.at.replace("Z", "+00:00")))
        return f"สัมภาษณ์ {WHOM[entry.whom]}{named} {when}: {entry.summary}"
    if isinstance(entry, DocumentEntry):
        reference = f" ({entry.reference})" if entry.reference else ""
        return f"เอกสารที่ตรวจ: {entry.title}{reference}"
    return f"ข้อสังเกต: {entry.text}"


def _committee_lines(result: CommitteeResult) -> list[str]:
    lines = [f"ผลของคณะกรรมการ (ฉบับที่ {result.revision}) ปิดผนึกโดย {result.signer.name}"]
    for member in result.members:
        state = "นับผล" if member.status == "counted" else f"ไม่มา — {member.reason}"
        lines.append(f"  {member.name} ({role_name(member.role, 'th')}): {state}")
    lines += [
        f"ประธานวินิจฉัย {r.criterion}: {_answer(r.verdict)} — {r.reason}" for r in result.rulings
    ]
    score = result.score
    finding = "ผ่านเกณฑ์" if score.meets_criteria else "ไม่ผ่านเกณฑ์"
    lines.append(f"คะแนน {score.points}/{score.max_points} · {finding}")
    not_met = [c for c, v in result.verdicts.items() if v in ("not_met", 0)]
    if not_met:
        lines.append(f"ข้อที่ไม่ผ่าน: {listed(not_met, 'th')}")
    lines += [f"ข้อเสนอแนะ {c}: {text}" for c, text in result.recommendations.items()]
    if result.recommendation:
        lines.append(f"ข้อเสนอแนะโดยรวม: {result.recommendation}")
    return lines


def _answer(value: str | int) -> str:
    if isinstance(value, int):
        return f"{value} คะแนน"
    return "ผ่าน" if value == "met" else "ไม่ผ่าน"
