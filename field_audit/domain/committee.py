"""Committee consolidation: members' verdicts for one visit become the committee's verdicts.

Per criterion the members who assessed it vote (every member, or where the work was divided,
those whose share holds it: ``field_audit.domain.shares``). More than half of the votes for one
answer decide; otherwise (a tie, or graded answers spread with no majority) the criterion is
disputed and the chair must rule on it with a reason. A criterion nobody assessed is
unassessed: no ruling can stand in for an assessment, so it blocks the committee's score until
a member assesses it. A ruling on a criterion that is not disputed is refused, so the chair
cannot quietly overturn a majority.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from field_audit.domain.answers import Answer, answer_value
from field_audit.domain.edition import Edition
from field_audit.domain.errors import RulingError, VerdictError
from field_audit.domain.scoring import Score, score_verdicts
from field_audit.domain.shares import Scope


@dataclass(frozen=True)
class MemberVerdicts:
    """One member's answers; ``scope`` the criteria their audit covers (None: all of them)."""

    member: str
    verdicts: Mapping[str, Answer]
    scope: Scope | None = None

    def assessed(self, criterion_id: str) -> bool:
        return self.scope is None or criterion_id in self.scope


@dataclass(frozen=True)
class Ruling:
    criterion_id: str
    verdict: Answer
    reason: str


@dataclass(frozen=True)
class CriterionOutcome:
    """``votes``: the answer of each member who assessed the criterion (None: not answered)."""

    criterion_id: str
    votes: Mapping[str, Answer | None]
    majority: Answer | None
    ruling: Ruling | None

    @property
    def unassessed(self) -> bool:
        """No member's audit covers this criterion."""
        return not self.votes

    @property
    def disputed(self) -> bool:
        return bool(self.votes) and self.majority is None

    @property
    def disagreement(self) -> bool:
        """Members who answered did not all say the same."""
        return len({v for v in self.votes.values() if v is not None}) > 1

    @property
    def verdict(self) -> Answer | None:
        return self.ruling.verdict if self.ruling else self.majority

    def to_json(self) -> dict[str, Any]:
        return {
            "criterion": self.criterion_id,
            "votes": {m: _value(v) for m, v in self.votes.items()},
            "majority": _value(self.majority),
            "unassessed": self.unassessed,
            "disputed": self.disputed,
            "disagreement": self.disagreement,
            "ruling": _ruling_json(self.ruling),
            "verdict": _value(self.verdict),
        }


@dataclass(frozen=True)
class CommitteeResult:
    edition_id: str
    members: tuple[str, ...]
    outcomes: tuple[CriterionOutcome, ...]
    score: Score | None

    @property
    def unresolved(self) -> tuple[str, ...]:
        return tuple(o.criterion_id for o in self.outcomes if o.verdict is None)

    @property
    def disputed(self) -> tuple[str, ...]:
        return tuple(o.criterion_id for o in self.outcomes if o.disputed)

    @property
    def unassessed(self) -> tuple[str, ...]:
        return tuple(o.criterion_id for o in self.outcomes if o.unassessed)

    @property
    def disagreements(self) -> tuple[str, ...]:
        return tuple(o.criterion_id for o in self.outcomes if o.disagreement)

    @property
    def verdicts(self) -> dict[str, Answer]:
        return {o.criterion_id: o.verdict for o in self.outcomes if o.verdict is not None}

    def to_json(self) -> dict[str, Any]:
        return {
            "edition": self.edition_id,
            "members": list(self.members),
            "criteria": [o.to_json() for o in self.outcomes],
            "disputed": list(self.disputed),
            "unassessed": list(self.unassessed),
            "unresolved": list(self.unresolved),
            "disagreements": list(self.disagreements),
            "verdicts": {k: answer_value(v) for k, v in self.verdicts.items()},
            "score": self.score.to_json() if self.score else None,
        }


def consolidate(
    edition: Edition, members: Sequence[MemberVerdicts], rulings: Sequence[Ruling] = ()
) -> CommitteeResult:
    """The committee's verdicts by majority, with the chair's rulings on disputed criteria."""
    _check_members(members)
    outcomes = [_outcome(criterion_id, members) for criterion_id in edition.criterion_ids]
    outcomes = _apply_rulings(outcomes, rulings)
    result = CommitteeResult(edition.id, tuple(m.member for m in members), tuple(outcomes), None)
    if result.unresolved:
        return result
    return CommitteeResult(
        result.edition_id, result.members, result.outcomes, score_verdicts(edition, result.verdicts)
    )


def majority_of(votes: Sequence[Answer | None]) -> Answer | None:
    """The answer more than half of the answering members gave; None when no answer has that
    (a tie between met and not met, graded answers spread) or when nobody answered."""
    given = [v for v in votes if v is not None]
    ranked = Counter(given).most_common(1)
    if not ranked or ranked[0][1] * 2 <= len(given):
        return None
    return ranked[0][0]


def _check_members(members: Sequence[MemberVerdicts]) -> None:
    if not members:
        raise VerdictError("a committee result needs at least one member's verdicts")
    repeated = [name for name, n in Counter(m.member for m in members).items() if n > 1]
    if repeated:
        raise VerdictError(f"member {repeated[0]!r} appears more than once")


def _outcome(criterion_id: str, members: Sequence[MemberVerdicts]) -> CriterionOutcome:
    votes = {m.member: m.verdicts.get(criterion_id) for m in members if m.assessed(criterion_id)}
    return CriterionOutcome(criterion_id, votes, majority_of(list(votes.values())), None)


def _apply_rulings(
    outcomes: list[CriterionOutcome], rulings: Sequence[Ruling]
) -> list[CriterionOutcome]:
    by_id = {o.criterion_id: o for o in outcomes}
    for ruling in rulings:
        outcome = by_id.get(ruling.criterion_id)
        if outcome is None:
            raise RulingError(f"ruling names unknown criterion {ruling.criterion_id!r}")
        if outcome.unassessed:
            raise RulingError(
                f"nobody assessed criterion {ruling.criterion_id}; a member must assess it "
                "before the committee can decide it"
            )
        if not outcome.disputed:
            raise RulingError(
                f"criterion {ruling.criterion_id} is not disputed (the majority said "
                f"{outcome.majority}); the chair rules only on disputed criteria"
            )
        if outcome.ruling is not None:
            raise RulingError(f"criterion {ruling.criterion_id} has two rulings; give one")
        if not ruling.reason.strip():
            raise RulingError(f"the ruling on {ruling.criterion_id} needs a reason")
        by_id[ruling.criterion_id] = CriterionOutcome(
            outcome.criterion_id, outcome.votes, outcome.majority, ruling
        )
    return [by_id[o.criterion_id] for o in outcomes]


def _ruling_json(ruling: Ruling | None) -> dict[str, Any] | None:
    if ruling is None:
        return None
    return {"verdict": answer_value(ruling.verdict), "reason": ruling.reason}


def _value(answer: Answer | None) -> str | int | None:
    return None if answer is None else answer_value(answer)
