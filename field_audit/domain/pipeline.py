"""The application pipeline: where an LAO stands in the seven steps to GECC, and what blocks it.

``pipeline_status`` reads one application against its round and tells a DLA clerk the current
step, the steps done, whether the LAO is eligible, and every blocker in plain Thai and English;
when no rule stands against the current step, ``waiting`` says in words what it waits for.
``find_split_applications`` checks a whole round for the one-application-per-office ruling.

A step is done when its fact is recorded (dated no later than today) and no blocker stands
against it; the current step is the first step not done. A step not yet reached is pending,
not blocked: blockers are rules broken or, once the work has begun, things still missing.
A round with no briefing date has no briefing step to wait for. The LAO kind is a data value;
the threshold comes from the edition, never from this module. Whether a visit may be assigned
or a certificate issued is ``field_audit.domain.eligibility``, on the same facts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise

from field_audit.domain.edition import Edition, Text
from field_audit.domain.pipeline_terms import (
    AWAITING,
    ELIGIBILITY_CODES,
    STEP_TITLES,
    ApplicationScope,
    Blocker,
    BlockerCode,
    OnsiteResult,
    Step,
)
from field_audit.domain.pipeline_words import blocker, dated, finding, late_channels
from field_audit.domain.thai_calendar import format_date

__all__ = [  # the pipeline's terms are re-exported: callers need only this module
    "ELIGIBILITY_CODES",
    "STEP_TITLES",
    "Application",
    "ApplicationScope",
    "Blocker",
    "BlockerCode",
    "Decision",
    "DocumentDelivery",
    "OnsiteResult",
    "PipelineStatus",
    "Round",
    "Screening",
    "SplitApplications",
    "Step",
    "calendar_problem",
    "find_split_applications",
    "pipeline_status",
    "round_for_edition",
    "visit_window",
]


@dataclass(frozen=True)
class Round:
    """One application round and its calendar. ``accepted_kinds`` None accepts every kind of
    LAO; no briefing date means the round holds no briefing. The dates a round may give, in
    the order they must fall (``calendar_problem``, checked where a round is made):
    applications open, the deadline, document screening ends, the committee's visits (from,
    until), the results. A visit window end left None is open."""

    fiscal_year_be: int
    deadline: date
    application_threshold: int
    briefing_on: date | None = None
    accepted_kinds: frozenset[str] | None = None
    visits_from: date | None = None
    visits_until: date | None = None
    opens_on: date | None = None
    screening_until: date | None = None
    results_on: date | None = None

    def __post_init__(self) -> None:
        if self.application_threshold < 0:
            raise ValueError("application_threshold cannot be negative")
        if self.accepted_kinds is not None and not self.accepted_kinds:
            raise ValueError("accepted_kinds must name at least one kind, or be None for all")
        if self.visits_from and self.visits_until and self.visits_until < self.visits_from:
            raise ValueError("the visit window ends before it begins")

    @property
    def visit_window(self) -> tuple[date, date | None]:
        return visit_window(
            deadline=self.deadline,
            screening_until=self.screening_until,
            visits_from=self.visits_from,
            visits_until=self.visits_until,
            results_on=self.results_on,
        )

    def visit_in_window(self, visit: date) -> bool:
        start, end = self.visit_window
        return start <= visit and (end is None or visit <= end)


def visit_window(
    *,
    deadline: date,
    screening_until: date | None = None,
    visits_from: date | None = None,
    visits_until: date | None = None,
    results_on: date | None = None,
) -> tuple[date, date | None]:
    """The days a round's visits may fall on: from ``visits_from`` (else the day after
    screening ends, else after the deadline) until ``visits_until`` (else the results, else
    open)."""
    start = visits_from or (screening_until or deadline) + timedelta(days=1)
    return start, visits_until or results_on


CALENDAR = (
    ("opens_on", Text("วันเปิดรับสมัคร", "applications open")),
    ("deadline", Text("วันสุดท้ายของการส่งเอกสาร", "the deadline")),
    ("screening_until", Text("วันสิ้นสุดการตรวจเอกสาร", "document screening ends")),
    ("visits_from", Text("วันเริ่มตรวจประเมินในพื้นที่", "visits begin")),
    ("visits_until", Text("วันสิ้นสุดการตรวจประเมินในพื้นที่", "visits end")),
    ("results_on", Text("วันประกาศผล", "results")),
)
"""A round's dates in the order they must fall, each with its name."""


def calendar_problem(rnd: Round) -> Text | None:
    """The first pair of the round's dates that falls out of order, in words, or None."""
    given = [(name, getattr(rnd, field)) for field, name in CALENDAR if getattr(rnd, field)]
    for (early_name, early), (late_name, late) in pairwise(given):
        if late < early:
            return Text(
                f"{late_name.th} ({format_date(late, 'th')}) มาก่อน{early_name.th} "
                f"({format_date(early, 'th')})",
                f"{late_name.en} ({format_date(late, 'en')}) comes before {early_name.en} "
                f"({format_date(early, 'en')})",
            )
    return None


def round_for_edition(
    edition: Edition,
    *,
    fiscal_year_be: int,
    deadline: date,
    briefing_on: date | None = None,
    accepted_kinds: frozenset[str] | None = None,
    visits_from: date | None = None,
    visits_until: date | None = None,
    opens_on: date | None = None,
    screening_until: date | None = None,
    results_on: date | None = None,
) -> Round:
    """A round whose application threshold is the edition's own."""
    return Round(
        fiscal_year_be=fiscal_year_be,
        deadline=deadline,
        application_threshold=edition.rule.application_threshold,
        briefing_on=briefing_on,
        accepted_kinds=accepted_kinds,
        visits_from=visits_from,
        visits_until=visits_until,
        opens_on=opens_on,
        screening_until=screening_until,
        results_on=results_on,
    )


@dataclass(frozen=True)
class DocumentDelivery:
    """The two sets (Word, PDF) and the two channels: post or by hand, and e-mail."""

    word: bool = False
    pdf: bool = False
    by_post_or_hand_on: date | None = None
    emailed_on: date | None = None

    @property
    def started(self) -> bool:
        return self.word or self.pdf or self.sent_dates != ()

    @property
    def sent_dates(self) -> tuple[date, ...]:
        return tuple(d for d in (self.by_post_or_hand_on, self.emailed_on) if d is not None)


@dataclass(frozen=True)
class Screening:
    """The office's check of the documents before any visit: passed or not, and why."""

    on: date
    passed: bool
    reason: str = ""


@dataclass(frozen=True)
class Decision:
    """The office's decision on the committee's result: certify the LAO or not."""

    certify: bool
    on: date


@dataclass(frozen=True)
class Application:
    """One LAO's application in one round, as the clerk has recorded it so far.
    ``claimed_points`` is what the LAO's per-criterion self-assessment adds up to, if recorded."""

    lao_id: str
    lao_kind: str
    scope: ApplicationScope = ApplicationScope.OFFICE
    centre_gives_information_only: bool = False
    self_assessment_points: int | None = None
    claimed_points: int | None = None
    self_assessed_on: date | None = None
    form_filled_on: date | None = None
    governor_endorsed_on: date | None = None
    documents: DocumentDelivery = field(default_factory=DocumentDelivery)
    screening: Screening | None = None
    onsite_result: OnsiteResult | None = None
    onsite_on: date | None = None
    decision: Decision | None = None

    def __post_init__(self) -> None:
        if self.self_assessment_points is not None and self.self_assessment_points < 0:
            raise ValueError("self_assessment_points cannot be negative")


@dataclass(frozen=True)
class PipelineStatus:
    """Where an application stands. ``current_step`` is None once every step is done;
    ``waiting`` says what the current step waits for when no blocker stands against it."""

    current_step: Step | None
    steps_done: tuple[Step, ...]
    eligible: bool
    blockers: tuple[Blocker, ...]
    onsite_result: OnsiteResult | None
    waiting: Blocker | None = None
    decision: Decision | None = None

    @property
    def finished(self) -> bool:
        return self.current_step is None

    @property
    def certified(self) -> bool:
        """Every step done and the office decided to certify the LAO."""
        return self.finished and self.decision is not None and self.decision.certify

    @property
    def holding(self) -> tuple[Blocker, ...]:
        """What holds the LAO at its current step, in words: its blockers, or what it awaits."""
        here = tuple(b for b in self.blockers if b.step is self.current_step)
        return here or ((self.waiting,) if self.waiting else ())

    @property
    def codes(self) -> tuple[BlockerCode, ...]:
        return tuple(b.code for b in self.blockers)


@dataclass(frozen=True)
class SplitApplications:
    """An LAO that broke the one-application-per-office ruling, with its applications."""

    lao_id: str
    applications: tuple[Application, ...]
    blockers: tuple[Blocker, ...]


def pipeline_status(application: Application, round: Round, *, today: date) -> PipelineStatus:
    """The step ``application`` has reached in ``round`` as of ``today``, with its blockers."""
    blockers = tuple(_blockers(application, round, today))
    blocked = {b.step for b in blockers}
    done = tuple(
        s for s in Step if _fact_recorded(s, application, round, today) and s not in blocked
    )
    current = next((s for s in Step if s not in done), None)
    return PipelineStatus(
        current_step=current,
        steps_done=done,
        eligible=not any(b.code in ELIGIBILITY_CODES for b in blockers),
        blockers=blockers,
        onsite_result=application.onsite_result,
        waiting=None if current in blocked | {None} else _awaiting(current, application, round),
        decision=application.decision,
    )


def find_split_applications(applications: Iterable[Application]) -> tuple[SplitApplications, ...]:
    """LAOs of one round with more than one application, or one scoped to a department.

    An LAO applies once, as one office (every unit in it must meet the standard). The result
    keeps the order in which each LAO first appears.
    """
    by_lao: dict[str, list[Application]] = {}
    for application in applications:
        by_lao.setdefault(application.lao_id, []).append(application)
    found = (_split(lao_id, tuple(apps)) for lao_id, apps in by_lao.items())
    return tuple(report for report in found if report.blockers)


def _split(lao_id: str, applications: tuple[Application, ...]) -> SplitApplications:
    blockers: list[Blocker] = []
    if len(applications) > 1:
        blockers.append(
            blocker(BlockerCode.DUPLICATE_APPLICATIONS, lao=lao_id, count=len(applications))
        )
    if any(a.scope is ApplicationScope.DEPARTMENT for a in applications):
        blockers.append(blocker(BlockerCode.DEPARTMENT_SCOPE))
    return SplitApplications(lao_id, applications, tuple(blockers))


def _happened(day: date | None, today: date) -> bool:
    return day is not None and day <= today


def _fact_recorded(step: Step, app: Application, rnd: Round, today: date) -> bool:
    """Whether the fact a step stands for is on record, order and rules aside."""
    points = app.self_assessment_points
    docs = app.documents
    facts = {
        Step.BRIEFING: rnd.briefing_on is None or _happened(rnd.briefing_on, today),
        Step.SELF_ASSESSMENT: points is not None and not _after(app.self_assessed_on, today),
        Step.APPLICATION_FORM: _happened(app.form_filled_on, today),
        Step.THRESHOLD: points is not None and points >= rnd.application_threshold,
        Step.GOVERNOR_ENDORSEMENT: _happened(app.governor_endorsed_on, today),
        Step.DOCUMENTS_SENT: _documents_complete(docs, today),
        Step.SCREENING: app.screening is not None and app.screening.passed,
        Step.ONSITE_ASSESSMENT: app.onsite_result is not None and not _after(app.onsite_on, today),
        Step.DECISION: app.decision is not None and not _after(app.decision.on, today),
    }
    return facts[step]


def _awaiting(step: Step | None, app: Application, rnd: Round) -> Blocker | None:
    if step is None:
        return None
    return blocker(
        AWAITING[step],
        briefing=rnd.briefing_on,
        deadline=rnd.deadline,
        finding=finding(app.onsite_result),
    )


def _after(day: date | None, today: date) -> bool:
    return day is not None and day > today


def _documents_complete(docs: DocumentDelivery, today: date) -> bool:
    channels = (docs.by_post_or_hand_on, docs.emailed_on)
    return docs.word and docs.pdf and all(_happened(d, today) for d in channels)


def _blockers(app: Application, rnd: Round, today: date) -> Iterator[Blocker]:
    yield from _eligibility_blockers(app, rnd)
    yield from _order_blockers(app)
    yield from _document_blockers(app, rnd, today)


def _eligibility_blockers(app: Application, rnd: Round) -> Iterator[Blocker]:
    if rnd.accepted_kinds is not None and app.lao_kind not in rnd.accepted_kinds:
        accepted = ", ".join(sorted(rnd.accepted_kinds))
        yield blocker(
            BlockerCode.KIND_NOT_ACCEPTED,
            kind=app.lao_kind,
            fy=rnd.fiscal_year_be,
            accepted=accepted,
        )
    if app.centre_gives_information_only:
        yield blocker(BlockerCode.INFORMATION_ONLY_CENTRE)
    if app.scope is ApplicationScope.DEPARTMENT:
        yield blocker(BlockerCode.DEPARTMENT_SCOPE)
    points = app.self_assessment_points
    if points is not None and points < rnd.application_threshold:
        yield blocker(
            BlockerCode.BELOW_THRESHOLD, points=points, threshold=rnd.application_threshold
        )
    if points is not None and app.claimed_points is not None and points != app.claimed_points:
        yield blocker(BlockerCode.CLAIMS_DISAGREE, points=points, claimed=app.claimed_points)
    screening = app.screening
    if screening is not None and not screening.passed:
        reason = screening.reason or "-"
        yield blocker(BlockerCode.SCREENING_FAILED, on=screening.on, reason=reason)


def _order_blockers(app: Application) -> Iterator[Blocker]:
    """The self-assessment and the form come before endorsement; endorsement before sending."""
    endorsed = app.governor_endorsed_on
    if endorsed is not None:
        assessed = app.self_assessed_on
        if app.self_assessment_points is None or (assessed is not None and assessed > endorsed):
            yield blocker(
                BlockerCode.ENDORSED_BEFORE_SELF_ASSESSMENT,
                endorsed=endorsed,
                when=dated(assessed),
            )
        if app.form_filled_on is None or app.form_filled_on > endorsed:
            yield blocker(
                BlockerCode.ENDORSED_BEFORE_FORM, endorsed=endorsed, when=dated(app.form_filled_on)
            )
    sent = app.documents.sent_dates
    if sent and (endorsed is None or min(sent) < endorsed):
        yield blocker(
            BlockerCode.DOCUMENTS_BEFORE_ENDORSEMENT, sent=min(sent), when=dated(endorsed)
        )


def _document_blockers(app: Application, rnd: Round, today: date) -> Iterator[Blocker]:
    """Once sending has begun, whatever is missing or late; after the deadline, incompleteness."""
    docs = app.documents
    if docs.started:
        yield from _missing_documents(docs, today)
        late = [(ch, d) for ch, d in _channels(docs) if d is not None and d > rnd.deadline]
        if late:
            yield blocker(
                BlockerCode.DOCUMENTS_LATE, sent=late_channels(late), deadline=rnd.deadline
            )
    if today > rnd.deadline and not _documents_complete(docs, today):
        yield blocker(BlockerCode.DEADLINE_PASSED, deadline=rnd.deadline)


def _missing_documents(docs: DocumentDelivery, today: date) -> Iterator[Blocker]:
    if not docs.word:
        yield blocker(BlockerCode.MISSING_WORD)
    if not docs.pdf:
        yield blocker(BlockerCode.MISSING_PDF)
    if not _happened(docs.by_post_or_hand_on, today):
        yield blocker(BlockerCode.NOT_POSTED_OR_HANDED)
    if not _happened(docs.emailed_on, today):
        yield blocker(BlockerCode.NOT_EMAILED)


def _channels(docs: DocumentDelivery) -> tuple[tuple[Text, date | None], ...]:
    by_post = Text("ทางไปรษณีย์หรือด้วยตนเอง", "by post or by hand")
    return ((by_post, docs.by_post_or_hand_on), (Text("ทาง e-mail", "by e-mail"), docs.emailed_on))
