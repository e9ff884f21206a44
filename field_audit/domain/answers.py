"""An inspector's answer on one criterion: met / not met, or a point value on a graded scale.

Most criteria are answered ``met`` or ``not_met`` (a ``Verdict``). Where an edition gives a
criterion a scale (0..N points, each step described), the answer is a ``Grade``: the points
given on that scale. On the wire and in storage a verdict is its word and a grade its number
(``answer_value``); ``parse_answer`` turns either back, refusing what the criterion does not
take. A graded criterion counts as met only at full points.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from field_audit.domain.edition import Criterion
from field_audit.domain.errors import VerdictError


class Verdict(StrEnum):
    MET = "met"
    NOT_MET = "not_met"


@dataclass(frozen=True)
class Grade:
    """The points given to a graded criterion, one of its scale's steps."""

    points: int

    def __str__(self) -> str:
        return str(self.points)


Answer = Verdict | Grade
AnswerValue = str | int
"""An answer as JSON carries it: ``"met"``, ``"not_met"`` or a whole number of points."""


def answer_value(answer: Answer) -> AnswerValue:
    return answer.points if isinstance(answer, Grade) else answer.value


def points_of(criterion: Criterion, answer: Answer | None) -> int:
    if isinstance(answer, Grade):
        return answer.points
    return criterion.points if answer is Verdict.MET else 0


def is_met(criterion: Criterion, answer: Answer | None) -> bool:
    if isinstance(answer, Grade):
        return answer.points == criterion.points
    return answer is Verdict.MET


def parse_answer(criterion: Criterion, value: object) -> Answer:
    """The answer ``value`` gives for ``criterion``, or VerdictError saying what it takes."""
    if criterion.graded:
        return _grade(criterion, value)
    if isinstance(value, str) and value in {v.value for v in Verdict}:
        return Verdict(value)
    raise VerdictError(f"the answer for {criterion.id} is {value!r}; it must be 'met' or 'not_met'")


def answer_text(answer: Answer) -> str:
    """How storage keeps an answer: its word, or a grade's points in digits."""
    return str(answer_value(answer))


def read_answer(text: str) -> Answer:
    """An answer storage kept (``answer_text``); checked against its criterion when written."""
    if text.isdigit():
        return Grade(int(text))
    return Verdict(text)


def _grade(criterion: Criterion, value: object) -> Grade:
    steps = criterion.scale_points
    if isinstance(value, int) and not isinstance(value, bool) and value in steps:
        return Grade(value)
    allowed = ", ".join(str(p) for p in steps)
    raise VerdictError(
        f"the answer for {criterion.id} is {value!r}; it is graded: give one of {allowed} points"
    )
