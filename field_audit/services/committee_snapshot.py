"""What the committee screen shows of one visit (``CommitteeSnapshot``): the roll, each member's
latest sealed audit (with their share of the work and their recommendations), the
consolidation, the chair's rulings and recommendations, and the committee's seal."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from field_audit.domain.attendance import Roll
from field_audit.domain.committee import CommitteeResult, CriterionOutcome
from field_audit.domain.edition import Edition
from field_audit.seal.committee import KeyProblem, MemberAudit
from field_audit.seal.errors import BundleRefused

OVERALL = ""
"""The key of an overall recommendation among the per-criterion ones."""


@dataclass(frozen=True)
class MemberLine:
    """One member's latest sealed audit of the visit."""

    inspector_id: str
    name: str
    fingerprint: str
    revision: int
    points: int
    max_points: int
    meets_criteria: bool
    result_hash: str
    share: int | None = None
    """How many criteria the member's audit covers, when the work was divided."""


@dataclass(frozen=True)
class CommitteeSeal:
    """The committee's sealed result for the visit, sealed here or imported: its score (a
    finding: the centre meets the criteria or not) and the audits it counted."""

    result_hash: str
    revision: int
    points: int
    max_points: int
    meets_criteria: bool
    sealed_at: datetime
    signer_name: str
    counted: frozenset[str]  # the hashes of the members' audits it counted


@dataclass(frozen=True)
class CommitteeSnapshot:
    """Everything the committee screen shows for one visit. While a member is still awaited
    (``roll.accounted`` is False) there is no committee score and no "all agree"."""

    assignment_id: str
    committee_id: str
    roll: Roll
    members: tuple[MemberLine, ...]
    edition: Edition | None
    result: CommitteeResult | None
    chair_id: str | None
    chair_name: str | None
    sealed: CommitteeSeal | None
    key_problems: tuple[KeyProblem, ...]
    problem: BundleRefused | None  # why there is no consolidation (other editions)
    recommendations: dict[str, str] = field(default_factory=dict)
    """The chair's consolidated recommendations: criterion id (``OVERALL``) -> text."""
    suggestions: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    """What members recommended: criterion id (``OVERALL``) -> (member's name, text)."""

    def is_chair(self, inspector_id: str) -> bool:
        return self.chair_id is not None and self.chair_id == inspector_id

    def member(self, inspector_id: str) -> MemberLine | None:
        return next((m for m in self.members if m.inspector_id == inspector_id), None)

    @property
    def consolidated(self) -> CommitteeResult | None:
        """The consolidation, once every member is accounted for (None before)."""
        return self.result if self.roll.accounted else None

    @property
    def stale(self) -> bool:
        """Sealed, but a member's audit arrived or changed since: consolidate and seal again."""
        current = frozenset(m.result_hash for m in self.members)
        return self.sealed is not None and self.sealed.counted != current

    @property
    def ready_to_seal(self) -> bool:
        result = self.consolidated
        return (
            (self.sealed is None or self.stale)
            and self.roll.quorum_met
            and result is not None
            and result.score is not None
            and not self.key_problems
        )

    def disagreements(self) -> list[CriterionOutcome]:
        """Criteria where the members did not all say the same, or that are disputed."""
        result = self.consolidated
        if result is None:
            return []
        return [o for o in result.outcomes if o.disagreement or o.disputed]


def member_line(member: MemberAudit) -> MemberLine:
    audit = member.audit
    return MemberLine(
        inspector_id=member.inspector_id,
        name=audit.signer.name,
        fingerprint=audit.signer.fingerprint,
        revision=audit.revision,
        points=audit.score.points,
        max_points=audit.score.max_points,
        meets_criteria=audit.score.meets_criteria,
        result_hash=member.hash,
        share=len(audit.scope) if audit.scope is not None else None,
    )


def suggestions_of(members: list[MemberAudit]) -> dict[str, tuple[tuple[str, str], ...]]:
    """Each member's recommendations, per criterion and overall, for the chair to consolidate."""
    found: dict[str, list[tuple[str, str]]] = {}
    for member in members:
        audit, name = member.audit, member.audit.signer.name
        for finding in audit.findings:
            if finding.recommendation.strip():
                found.setdefault(finding.criterion, []).append((name, finding.recommendation))
        if audit.recommendation.strip():
            found.setdefault(OVERALL, []).append((name, audit.recommendation))
    return {k: tuple(v) for k, v in found.items()}
