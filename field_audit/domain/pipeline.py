"""The application pipeline: where an LAO stands in the seven steps to GECC, and what blocks it.

``pipeline_status`` reads one application against its round and tells a DLA clerk the current
step, the steps done, whether the LAO is eligible, and every blocker in plain Thai and English.
``find_split_applications`` checks a whole round for the one-application-per-office ruling.

A step is done when its fact is recorded (dated no later than today) and no blocker stands
against it; the current step is the first step not done. A step not yet reached is pending,
not blocked: blockers are rules broken or, once the work has begun, things still missing.
The LAO kind is a data value; the threshold comes from the edition, never from this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum, StrEnum

from field_audit.domain.edition import Edition, Text
from field_audit.domain.thai_calendar import format_date


class Step(IntEnum):
    """The seven steps to GECC of the DLA circular, in order."""

    BRIEFING = 1
    SELF_ASSESSMENT = 2
    APPLICATION_FORM = 3
    THRESHOLD = 4
    GOVERNOR_ENDORSEMENT = 5
    DOCUMENTS_SENT = 6
    ONSITE_ASSESSMENT = 7

    @property
    def title(self) -> Text:
        return STEP_TITLES[self]


STEP_TITLES: dict[Step, Text] = {
    Step.BRIEFING: Text("สถ. จัดประชุมชี้แจงแนวทางการประเมิน", "DLA holds a briefing"),
    Step.SELF_ASSESSMENT: Text("อปท. ประเมินตนเองตามเกณฑ์คุณภาพ", "The LAO assesses itself"),
    Step.APPLICATION_FORM: Text("กรอกใบสมัคร และแบบประเมินตนเอง", "The LAO fills in the forms"),
    Step.THRESHOLD: Text("ผลการประเมินตนเองผ่านเกณฑ์", "The self-assessment reaches the threshold"),
    Step.GOVERNOR_ENDORSEMENT: Text("เสนอ ผวจ. ให้ความเห็นชอบ", "The governor endorses it"),
    Step.DOCUMENTS_SENT: Text("ส่งเอกสารการสมัคร", "The documents are sent"),
    Step.ONSITE_ASSESSMENT: Text("คณะกรรมการตรวจประเมินในพื้นที่", "The committee assesses on site"),
}


class ApplicationScope(StrEnum):
    OFFICE = "office"
    DEPARTMENT = "department"


class OnsiteResult(StrEnum):
    CERTIFIED = "certified"
    NOT_CERTIFIED = "not_certified"


class BlockerCode(StrEnum):
    """Stable codes of every blocker; the UI and the reports key on these, never on wording."""

    KIND_NOT_ACCEPTED = "kind_not_accepted"
    INFORMATION_ONLY_CENTRE = "information_only_centre"
    DEPARTMENT_SCOPE = "department_scope"
    DUPLICATE_APPLICATIONS = "duplicate_applications"
    BELOW_THRESHOLD = "below_threshold"
    ENDORSED_BEFORE_SELF_ASSESSMENT = "endorsed_before_self_assessment"
    ENDORSED_BEFORE_FORM = "endorsed_before_form"
    DOCUMENTS_BEFORE_ENDORSEMENT = "documents_before_endorsement"
    DOCUMENTS_LATE = "documents_late"
    MISSING_WORD = "missing_word"
    MISSING_PDF = "missing_pdf"
    NOT_POSTED_OR_HANDED = "not_posted_or_handed"
    NOT_EMAILED = "not_emailed"
    DEADLINE_PASSED = "deadline_passed"


# Blockers about the LAO and its centre rather than its paperwork: any makes the LAO ineligible.
ELIGIBILITY_CODES = frozenset(
    {
        BlockerCode.KIND_NOT_ACCEPTED,
        BlockerCode.INFORMATION_ONLY_CENTRE,
        BlockerCode.BELOW_THRESHOLD,
    }
)


@dataclass(frozen=True)
class Blocker:
    """One reason the application cannot move on, at the step it belongs to."""

    code: BlockerCode
    step: Step
    message_th: str
    message_en: str

    def message(self, language: str) -> str:
        return self.message_en if language == "en" else self.message_th


@dataclass(frozen=True)
class Round:
    """One application round. ``accepted_kinds`` None accepts every kind of LAO."""

    fiscal_year_be: int
    deadline: date
    application_threshold: int
    briefing_on: date | None = None
    accepted_kinds: frozenset[str] | None = None

    def __post_init__(self) -> None:
        if self.application_threshold < 0:
            raise ValueError("application_threshold cannot be negative")
        if self.accepted_kinds is not None and not self.accepted_kinds:
            raise ValueError("accepted_kinds must name at least one kind, or be None for all")


def round_for_edition(
    edition: Edition,
    *,
    fiscal_year_be: int,
    deadline: date,
    briefing_on: date | None = None,
    accepted_kinds: frozenset[str] | None = None,
) -> Round:
    """A round whose application threshold is the edition's own."""
    return Round(
        fiscal_year_be=fiscal_year_be,
        deadline=deadline,
        application_threshold=edition.rule.application_threshold,
        briefing_on=briefing_on,
        accepted_kinds=accepted_kinds,
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
class Application:
    """One LAO's application in one round, as the clerk has recorded it so far."""

    lao_id: str
    lao_kind: str
    scope: ApplicationScope = ApplicationScope.OFFICE
    centre_gives_information_only: bool = False
    self_assessment_points: int | None = None
    self_assessed_on: date | None = None
    form_filled_on: date | None = None
    governor_endorsed_on: date | None = None
    documents: DocumentDelivery = field(default_factory=DocumentDelivery)
    onsite_result: OnsiteResult | None = None
    onsite_on: date | None = None

    def __post_init__(self) -> None:
        if self.self_assessment_points is not None and self.self_assessment_points < 0:
            raise ValueError("self_assessment_points cannot be negative")


@dataclass(frozen=True)
class PipelineStatus:
    """Where an application stands. ``current_step`` is None once every step is done."""

    current_step: Step | None
    steps_done: tuple[Step, ...]
    eligible: bool
    blockers: tuple[Blocker, ...]
    onsite_result: OnsiteResult | None

    @property
    def finished(self) -> bool:
        return self.current_step is None

    @property
    def certified(self) -> bool:
        """Every step done and the committee certified the centre."""
        return self.finished and self.onsite_result is OnsiteResult.CERTIFIED

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
    return PipelineStatus(
        current_step=next((s for s in Step if s not in done), None),
        steps_done=done,
        eligible=not any(b.code in ELIGIBILITY_CODES for b in blockers),
        blockers=blockers,
        onsite_result=application.onsite_result,
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
            _blocker(BlockerCode.DUPLICATE_APPLICATIONS, lao=lao_id, count=len(applications))
        )
    if any(a.scope is ApplicationScope.DEPARTMENT for a in applications):
        blockers.append(_blocker(BlockerCode.DEPARTMENT_SCOPE))
    return SplitApplications(lao_id, applications, tuple(blockers))


def _happened(day: date | None, today: date) -> bool:
    return day is not None and day <= today


def _fact_recorded(step: Step, app: Application, rnd: Round, today: date) -> bool:
    """Whether the fact a step stands for is on record, order and rules aside."""
    points = app.self_assessment_points
    docs = app.documents
    facts = {
        Step.BRIEFING: _happened(rnd.briefing_on, today),
        Step.SELF_ASSESSMENT: points is not None and not _after(app.self_assessed_on, today),
        Step.APPLICATION_FORM: _happened(app.form_filled_on, today),
        Step.THRESHOLD: points is not None and points >= rnd.application_threshold,
        Step.GOVERNOR_ENDORSEMENT: _happened(app.governor_endorsed_on, today),
        Step.DOCUMENTS_SENT: _documents_complete(docs, today),
        Step.ONSITE_ASSESSMENT: app.onsite_result is not None and not _after(app.onsite_on, today),
    }
    return facts[step]


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
        yield _blocker(
            BlockerCode.KIND_NOT_ACCEPTED,
            kind=app.lao_kind,
            fy=rnd.fiscal_year_be,
            accepted=accepted,
        )
    if app.centre_gives_information_only:
        yield _blocker(BlockerCode.INFORMATION_ONLY_CENTRE)
    if app.scope is ApplicationScope.DEPARTMENT:
        yield _blocker(BlockerCode.DEPARTMENT_SCOPE)
    points = app.self_assessment_points
    if points is not None and points < rnd.application_threshold:
        yield _blocker(
            BlockerCode.BELOW_THRESHOLD, points=points, threshold=rnd.application_threshold
        )


def _order_blockers(app: Application) -> Iterator[Blocker]:
    """The self-assessment and the form come before endorsement; endorsement before sending."""
    endorsed = app.governor_endorsed_on
    if endorsed is not None:
        assessed = app.self_assessed_on
        if app.self_assessment_points is None or (assessed is not None and assessed > endorsed):
            yield _blocker(
                BlockerCode.ENDORSED_BEFORE_SELF_ASSESSMENT,
                endorsed=endorsed,
                when=_dated(assessed),
            )
        if app.form_filled_on is None or app.form_filled_on > endorsed:
            yield _blocker(
                BlockerCode.ENDORSED_BEFORE_FORM, endorsed=endorsed, when=_dated(app.form_filled_on)
            )
    sent = app.documents.sent_dates
    if sent and (endorsed is None or min(sent) < endorsed):
        yield _blocker(
            BlockerCode.DOCUMENTS_BEFORE_ENDORSEMENT, sent=min(sent), when=_dated(endorsed)
        )


def _document_blockers(app: Application, rnd: Round, today: date) -> Iterator[Blocker]:
    """Once sending has begun, whatever is missing or late; after the deadline, incompleteness."""
    docs = app.documents
    if docs.started:
        yield from _missing_documents(docs, today)
        late = [(ch, d) for ch, d in _channels(docs) if d is not None and d > rnd.deadline]
        if late:
            yield _blocker(
                BlockerCode.DOCUMENTS_LATE, sent=_late_channels(late), deadline=rnd.deadline
            )
    if today > rnd.deadline and not _documents_complete(docs, today):
        yield _blocker(BlockerCode.DEADLINE_PASSED, deadline=rnd.deadline)


def _missing_documents(docs: DocumentDelivery, today: date) -> Iterator[Blocker]:
    if not docs.word:
        yield _blocker(BlockerCode.MISSING_WORD)
    if not docs.pdf:
        yield _blocker(BlockerCode.MISSING_PDF)
    if not _happened(docs.by_post_or_hand_on, today):
        yield _blocker(BlockerCode.NOT_POSTED_OR_HANDED)
    if not _happened(docs.emailed_on, today):
        yield _blocker(BlockerCode.NOT_EMAILED)


def _channels(docs: DocumentDelivery) -> tuple[tuple[Text, date | None], ...]:
    by_post = Text("ทางไปรษณีย์หรือด้วยตนเอง", "by post or by hand")
    return ((by_post, docs.by_post_or_hand_on), (Text("ทาง e-mail", "by e-mail"), docs.emailed_on))


# --- The words a clerk reads. Dates are worded per language: Thai ones in the Buddhist era. ---

_TWO_SETS = (
    "ต้องส่งเอกสาร 2 ชุด คือ ไฟล์ Word 1 ชุด และไฟล์ PDF 1 ชุด",
    "two sets are needed: one Word file and one PDF.",
)
_BOTH_WAYS = (
    "ต้องส่งทางไปรษณีย์หรือด้วยตนเอง และส่งทาง e-mail ด้วย",
    "the documents go by post or by hand, and also by e-mail.",
)
_MESSAGES: dict[BlockerCode, tuple[Step, str, str]] = {
    BlockerCode.KIND_NOT_ACCEPTED: (
        Step.APPLICATION_FORM,
        "{kind} ไม่อยู่ในประเภท อปท. ที่สมัครได้ในรอบปีงบประมาณ พ.ศ. {fy} (รอบนี้รับสมัครเฉพาะ {accepted})",
        "{kind} is not a kind of LAO that can apply in the round of fiscal year B.E. {fy} "
        "(this round accepts only {accepted}).",
    ),
    BlockerCode.INFORMATION_ONLY_CENTRE: (
        Step.APPLICATION_FORM,
        "ศูนย์ข้อมูลข่าวสารที่ให้บริการด้านข้อมูลข่าวสารเพียงอย่างเดียว ไม่ถือว่าเป็นศูนย์ราชการสะดวก "
        "เพราะศูนย์ราชการสะดวกต้องให้บริการได้หลายเรื่อง แต่พัฒนาให้เป็นศูนย์ราชการสะดวกได้ "
        "โดยบูรณาการงานบริการอื่นของ อปท. เข้ามาอยู่ในศูนย์",
        "A centre that only gives information (an information centre) is not a GECC on its own, "
        "because a GECC serves many kinds of requests. It can become one by bringing the LAO's "
        "other services into it.",
    ),
    BlockerCode.DEPARTMENT_SCOPE: (
        Step.APPLICATION_FORM,
        "ใบสมัครครอบคลุมเพียงฝ่ายเดียว อปท. ต้องสมัครในภาพรวมของสำนักงาน อปท. "
        "และทุกงานในสำนักงานต้องได้มาตรฐาน",
        "The application covers one department only. The LAO applies as one office, "
        "and every unit in it must meet the standard.",
    ),
    BlockerCode.DUPLICATE_APPLICATIONS: (
        Step.APPLICATION_FORM,
        "อปท. {lao} มีใบสมัคร {count} ใบในรอบนี้ ควรสมัครเพียงใบเดียวในภาพรวมของสำนักงาน ไม่แยกเป็นรายฝ่าย",
        "LAO {lao} has {count} applications in this round; it should send one, for the whole "
        "office, not one per department.",
    ),
    BlockerCode.BELOW_THRESHOLD: (
        Step.THRESHOLD,
        "ผลการประเมินตนเองได้ {points} คะแนน ต้องได้ไม่น้อยกว่า {threshold} คะแนนก่อนจึงจะสมัครได้",
        "The self-assessment is {points} points; at least {threshold} are needed before applying.",
    ),
    BlockerCode.ENDORSED_BEFORE_SELF_ASSESSMENT: (
        Step.GOVERNOR_ENDORSEMENT,
        "ผวจ. ให้ความเห็นชอบเมื่อ {endorsed} แต่การประเมินตนเอง{when} "
        "ต้องประเมินตนเองให้ผ่านเกณฑ์ก่อนเสนอ ผวจ.",
        "The governor endorsed the application on {endorsed}, but the self-assessment {when}; "
        "the LAO assesses itself before the application goes to the governor.",
    ),
    BlockerCode.ENDORSED_BEFORE_FORM: (
        Step.GOVERNOR_ENDORSEMENT,
        "ผวจ. ให้ความเห็นชอบเมื่อ {endorsed} แต่การกรอกใบสมัคร{when} ต้องกรอกใบสมัครก่อนเสนอ ผวจ.",
        "The governor endorsed the application on {endorsed}, but the application form {when}; "
        "the form is filled in before it goes to the governor.",
    ),
    BlockerCode.DOCUMENTS_BEFORE_ENDORSEMENT: (
        Step.DOCUMENTS_SENT,
        "ส่งเอกสารเมื่อ {sent} แต่ความเห็นชอบของ ผวจ. {when} ต้องให้ ผวจ. เห็นชอบก่อน แล้วจึงส่งเอกสาร",
        "The documents were sent on {sent}, but the governor's endorsement {when}; "
        "the governor endorses the application before the documents are sent.",
    ),
    BlockerCode.DOCUMENTS_LATE: (
        Step.DOCUMENTS_SENT,
        "ส่งเอกสาร{sent} เลยกำหนดส่งวันที่ {deadline}",
        "The documents were sent {sent}, after the deadline of {deadline}.",
    ),
    BlockerCode.MISSING_WORD: (
        Step.DOCUMENTS_SENT,
        f"ยังขาดไฟล์ Word {_TWO_SETS[0]}",
        f"The Word file is missing; {_TWO_SETS[1]}",
    ),
    BlockerCode.MISSING_PDF: (
        Step.DOCUMENTS_SENT,
        f"ยังขาดไฟล์ PDF {_TWO_SETS[0]}",
        f"The PDF is missing; {_TWO_SETS[1]}",
    ),
    BlockerCode.NOT_POSTED_OR_HANDED: (
        Step.DOCUMENTS_SENT,
        f"ยังไม่ได้ส่งเอกสารทางไปรษณีย์หรือด้วยตนเอง {_BOTH_WAYS[0]}",
        f"The documents have not been sent by post or by hand; {_BOTH_WAYS[1]}",
    ),
    BlockerCode.NOT_EMAILED: (
        Step.DOCUMENTS_SENT,
        f"ยังไม่ได้ส่งเอกสารทาง e-mail {_BOTH_WAYS[0]}",
        f"The documents have not been sent by e-mail; {_BOTH_WAYS[1]}",
    ),
    BlockerCode.DEADLINE_PASSED: (
        Step.DOCUMENTS_SENT,
        "พ้นกำหนดส่งเอกสารวันที่ {deadline} แล้ว แต่ยังส่งเอกสารไม่ครบ",
        "The deadline of {deadline} has passed and the documents are not complete.",
    ),
}


def _blocker(code: BlockerCode, **values: object) -> Blocker:
    """The blocker ``code`` with its message templates filled in, each in its own language."""
    step, template_th, template_en = _MESSAGES[code]
    return Blocker(
        code=code,
        step=step,
        message_th=template_th.format_map(_worded(values, "th")),
        message_en=template_en.format_map(_worded(values, "en")),
    )


def _worded(values: dict[str, object], language: str) -> dict[str, str]:
    return {name: _word(value, language) for name, value in values.items()}


def _word(value: object, language: str) -> str:
    if isinstance(value, date):
        return format_date(value, language)
    if isinstance(value, Text):
        return value.in_language(language)
    return str(value)


def _dated(day: date | None) -> Text:
    """How a message says when an earlier step happened, or that it is not on record."""
    if day is None:
        return Text("ยังไม่มีการบันทึก", "is not recorded")
    return Text(f"ลงวันที่ {format_date(day, 'th')}", f"is dated {format_date(day, 'en')}")


def _late_channels(late: list[tuple[Text, date]]) -> Text:
    th = " และ".join(f"{channel.th} เมื่อ {format_date(d, 'th')}" for channel, d in late)
    en = " and ".join(f"{channel.en} on {format_date(d, 'en')}" for channel, d in late)
    return Text(th, en)
