"""Reports' view-models from what was signed: the committee's result with the members' sealed
audits it counts, or one inspector's sealed audit. Both sides call these (the app on what the
device holds, the central store on what it received), so the two print the same report.

The signed documents carry the roles, the recommendations (each member's per criterion and
overall; the committee's as the chair consolidated them) and the evidence records (interviews
in general terms, documents seen, observations); what they do not carry is given by the
caller: the committee's name and the inspector's role.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Literal

from field_audit.documents.errors import BadReportInput
from field_audit.documents.views import (
    ROLE_TH,
    WHOM_TH,
    CriterionView,
    DocumentSeen,
    Evidence,
    Interview,
    Member,
    MemberVerdict,
    Observation,
    Photo,
    ReportView,
    VerdictWord,
)
from field_audit.domain.edition import Edition
from field_audit.domain.errors import DomainError
from field_audit.domain.scoring import parse_verdicts, score_verdicts
from field_audit.domain.thai_calendar import format_thai_moment
from sync.protocol.documents import serialise
from sync.protocol.records import DocumentEntry, InterviewEntry, RecordEntry
from sync.protocol.sealed import (
    AbsentMember,
    CommitteeResult,
    CountedMember,
    Finding,
    SealedAudit,
    result_hash,
)

_ROLE_RANK = {role: rank for rank, role in enumerate(ROLE_TH)}


def committee_report_view(
    committee: CommitteeResult,
    members: list[SealedAudit],
    *,
    edition: Edition | None,
    committee_name: str = "",
) -> ReportView:
    """The committee's report; raise ``BadReportInput`` when an audit it counts is missing."""
    audits = _audits_by_inspector(committee, members)
    names = {m.inspector_id: m.name for m in committee.members}
    criteria = tuple(
        _criterion(
            cid,
            committee.verdicts.get(cid),
            edition=edition,
            audits=audits,
            names=names,
            committee=committee,
        )
        for cid in _criterion_order(committee.verdicts, edition)
    )
    return _report(
        committee,
        edition,
        kind="committee",
        committee_name=committee_name,
        members=tuple(sorted((_member(m) for m in committee.members), key=_rank)),
        criteria=criteria,
        photos=tuple(_photos(((names[i], a) for i, a in audits.items()), criteria)),
    )


def inspector_report_view(
    audit: SealedAudit, *, edition: Edition | None, role: str = "member", committee_name: str = ""
) -> ReportView:
    """One inspector's own report of their sealed audit (not the committee's result)."""
    signer = audit.signer
    findings = {f.criterion: f for f in audit.findings}
    criteria = tuple(
        _own_criterion(cid, findings[cid], edition, signer.name)
        for cid in _criterion_order(dict.fromkeys(findings, ""), edition)
    )
    member = Member(signer.name, role, signer.fingerprint, result_hash(serialise(audit)))
    return _report(
        audit,
        edition,
        kind="inspector",
        committee_name=committee_name,
        members=(member,),
        criteria=criteria,
        photos=tuple(_photos([(signer.name, audit)], criteria)),
    )


def _report(
    result: CommitteeResult | SealedAudit,
    edition: Edition | None,
    *,
    kind: Literal["committee", "inspector"],
    committee_name: str,
    members: tuple[Member, ...],
    criteria: tuple[CriterionView, ...],
    photos: tuple[Photo, ...],
) -> ReportView:
    score = result.score
    return ReportView(
        kind=kind,
        lao_name=result.lao.name_th,
        lao_kind=result.lao.kind,
        lao_id=result.lao.id,
        fiscal_year_be=result.round.fiscal_year_be,
        visit_date=date.fromisoformat(result.visit_date),
        sealed_at=moment(result.sealed_at),
        edition_id=result.edition.id,
        edition_hash=result.edition.hash,
        working_wording=edition is not None and edition.wording == "working",
        committee_name=committee_name or result.committee_id,
        points=score.points,
        max_points=score.max_points,
        meets_criteria=score.meets_criteria,
        level_th=_level_th(edition, score.level),
        reasons=_reasons(edition, result),
        members=members,
        criteria=criteria,
        result_hash=result_hash(serialise(result)),
        recommendations=(result.recommendation,) if result.recommendation else (),
        photos=photos,
    )


def moment(text: str) -> datetime:
    """A signed document's UTC time (checked when it was parsed)."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _audits_by_inspector(
    committee: CommitteeResult, members: list[SealedAudit]
) -> dict[str, SealedAudit]:
    given = {result_hash(serialise(m)): m for m in members}
    found = {}
    for entry in committee.counted:
        audit = given.get(entry.audit_hash)
        if audit is None:
            raise BadReportInput(f"the sealed audit of {entry.name} is not among the inputs")
        found[entry.inspector_id] = audit
    return found


def _member(entry: CountedMember | AbsentMember) -> Member:
    if isinstance(entry, AbsentMember):
        return Member(entry.name, entry.role, absent_reason=entry.reason)
    return Member(entry.name, entry.role, entry.fingerprint, entry.audit_hash)


def _rank(member: Member) -> int:
    return _ROLE_RANK.get(member.role, len(_ROLE_RANK))


def _criterion(
    cid: str,
    verdict: str | int | None,
    *,
    edition: Edition | None,
    audits: Mapping[str, SealedAudit],
    names: Mapping[str, str],
    committee: CommitteeResult,
) -> CriterionView:
    said = []
    for inspector_id, audit in audits.items():
        finding = _finding(audit, cid)
        if finding is not None:
            said.append(MemberVerdict(names[inspector_id], _word(finding.verdict), finding.note))
    ruling = next((r.reason for r in committee.rulings if r.criterion == cid), None)
    title, points = _title(edition, cid)
    advice = committee.recommendations.get(cid)
    findings = [f for f in (_finding(a, cid) for a in audits.values()) if f is not None]
    return CriterionView(
        cid,
        title,
        points,
        _word(verdict),
        tuple(said),
        ruling,
        recommendations=(advice,) if advice else (),
        evidence=tuple(evidence_of(e) for f in findings for e in f.records),
    )


def _own_criterion(cid: str, finding: Finding, edition: Edition | None, name: str) -> CriterionView:
    title, points = _title(edition, cid)
    verdict = _word(finding.verdict)
    return CriterionView(
        cid,
        title,
        points,
        verdict,
        (MemberVerdict(name, verdict, finding.note),),
        recommendations=(finding.recommendation,) if finding.recommendation else (),
        evidence=tuple(evidence_of(e) for e in finding.records),
    )


def evidence_of(entry: RecordEntry) -> Evidence:
    """A signed evidence record as the documents print it (an interview in general terms;
    who it was only if the inspector recorded it)."""
    if isinstance(entry, InterviewEntry):
        when = format_thai_moment(moment(entry.at))
        return Interview(when, _named(entry) if entry.identity else entry.whom, entry.summary)
    if isinstance(entry, DocumentEntry):
        return DocumentSeen(entry.title, entry.reference, entry.page_photo)
    return Observation(entry.text)


def _named(entry: InterviewEntry) -> str:
    return f"{WHOM_TH.get(entry.whom, entry.whom)} ({entry.identity})"


def _photos(
    audits: Iterable[tuple[str, SealedAudit]], criteria: tuple[CriterionView, ...]
) -> list[Photo]:
    """Every photo once, in the order of the criteria, then of the members."""
    order = {c.id: index for index, c in enumerate(criteria)}
    seen: dict[str, Photo] = {}
    for name, audit in audits:
        for finding in audit.findings:
            for ref in finding.photos:
                when = moment(ref.captured_at) if ref.captured_at else None
                photo = Photo(ref.sha256, finding.criterion, ref.caption, when, name)
                seen.setdefault(ref.sha256, photo)
    return sorted(seen.values(), key=lambda p: order.get(p.criterion, len(order)))


def _finding(audit: SealedAudit, criterion: str) -> Finding | None:
    return next((f for f in audit.findings if f.criterion == criterion), None)


def _word(verdict: str | int | None) -> VerdictWord | None:
    if isinstance(verdict, int) or verdict in ("met", "not_met"):
        return verdict  # type: ignore[return-value]
    return None


def _title(edition: Edition | None, cid: str) -> tuple[str, int]:
    criterion = edition.criterion(cid) if edition else None
    return (criterion.title.th, criterion.points) if criterion else ("", 0)


def _criterion_order(verdicts: Mapping[str, object], edition: Edition | None) -> list[str]:
    if edition is None:
        return sorted(verdicts)
    known = [c for c in edition.criterion_ids if c in verdicts]
    return known + sorted(c for c in verdicts if edition.criterion(c) is None)


def _level_th(edition: Edition | None, level_id: str | None) -> str | None:
    if edition is None or level_id is None:
        return None
    level = next((lv for lv in edition.rule.levels if lv.id == level_id), None)
    return level.title.th if level else level_id


def _reasons(edition: Edition | None, result: CommitteeResult | SealedAudit) -> tuple[str, ...]:
    if edition is None:
        return ()
    if isinstance(result, CommitteeResult):
        raw: dict[str, str | int] = dict(result.verdicts)
    else:
        raw = {f.criterion: f.verdict for f in result.findings}
    try:
        verdicts = parse_verdicts(edition, raw)
    except DomainError:  # checked when the result was received; print it without reasons
        return ()
    return tuple(reason.th for reason in score_verdicts(edition, verdicts).reasons)
