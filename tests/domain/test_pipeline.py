"""The application pipeline: the seven steps, their order, the deadline and who may apply."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from field_audit.domain.pipeline import (
    ELIGIBILITY_CODES,
    Application,
    ApplicationScope,
    Blocker,
    BlockerCode,
    Decision,
    DocumentDelivery,
    OnsiteResult,
    PipelineStatus,
    Round,
    Screening,
    Step,
    find_split_applications,
    pipeline_status,
    round_for_edition,
)
from tests.factories import build, gecc_2560_shape, later_standard_shape

KINDS_2560 = frozenset({"เทศบาลนคร", "เทศบาลเมือง", "เมืองพัทยา"})
DEADLINE = date(2017, 1, 31)  # 31 มกราคม 2560
AFTER_ONSITE = date(2017, 3, 10)
ALL_STEPS = tuple(Step)


def a_round(**changes: Any) -> Round:
    """The round of fiscal year 2560 as the circular sets it out."""
    base = Round(
        fiscal_year_be=2560,
        deadline=DEADLINE,
        application_threshold=60,
        briefing_on=date(2016, 12, 15),
        accepted_kinds=KINDS_2560,
    )
    return replace(base, **changes)


def sent(**changes: Any) -> DocumentDelivery:
    """Both sets, by post and by e-mail, well before the deadline."""
    base = DocumentDelivery(
        word=True, pdf=True, by_post_or_hand_on=date(2017, 1, 20), emailed_on=date(2017, 1, 20)
    )
    return replace(base, **changes)


def an_application(**changes: Any) -> Application:
    """A town municipality that went through every step in order and was certified."""
    base = Application(
        lao_id="lao-001",
        lao_kind="เทศบาลเมือง",
        self_assessment_points=64,
        self_assessed_on=date(2017, 1, 5),
        form_filled_on=date(2017, 1, 6),
        governor_endorsed_on=date(2017, 1, 12),
        documents=sent(),
        screening=Screening(on=date(2017, 2, 3), passed=True),
        onsite_result=OnsiteResult.MEETS_CRITERIA,
        onsite_on=date(2017, 3, 1),
        decision=Decision(certify=True, on=date(2017, 3, 8)),
    )
    return replace(base, **changes)


def not_yet_sent(**changes: Any) -> Application:
    """Endorsed by the governor, documents not yet sent."""
    pending: dict[str, Any] = {
        "documents": DocumentDelivery(),
        "screening": None,
        "onsite_result": None,
        "onsite_on": None,
        "decision": None,
    }
    return an_application(**(pending | changes))


def status(
    application: Application, rnd: Round | None = None, today: date = AFTER_ONSITE
) -> PipelineStatus:
    return pipeline_status(application, rnd or a_round(), today=today)


def only(result: PipelineStatus, code: BlockerCode) -> Blocker:
    found = [b for b in result.blockers if b.code is code]
    assert len(found) == 1, result.codes
    return found[0]


# --- The happy path and the steps one by one ------------------------------------------------


def test_an_application_done_in_order_reaches_step_7_and_is_certified() -> None:
    result = status(an_application())
    assert result.blockers == ()
    assert result.steps_done == ALL_STEPS
    assert (result.current_step, result.finished, result.certified) == (None, True, True)
    assert result.eligible


def test_a_centre_the_office_decides_not_to_certify_finishes_uncertified() -> None:
    result = status(
        an_application(
            onsite_result=OnsiteResult.DOES_NOT_MEET,
            decision=Decision(certify=False, on=date(2017, 3, 8)),
        )
    )
    assert (result.finished, result.certified, result.blockers) == (True, False, ())
    assert result.onsite_result is OnsiteResult.DOES_NOT_MEET


def test_the_committees_finding_alone_certifies_nobody_the_office_decides() -> None:
    result = status(an_application(decision=None))
    assert result.current_step is Step.DECISION
    assert not result.certified
    assert result.holding[0].code is BlockerCode.AWAITING_DECISION
    assert "ผ่านเกณฑ์" in result.holding[0].message_th
    assert "ผ่านการรับรอง" not in result.holding[0].message_th


def test_a_round_without_a_briefing_date_has_no_briefing_step_to_wait_for() -> None:
    result = status(Application("x", "เทศบาลนคร"), a_round(briefing_on=None), date(2017, 1, 10))
    assert Step.BRIEFING in result.steps_done
    assert result.current_step is Step.SELF_ASSESSMENT


def test_failed_screening_holds_the_lao_with_the_offices_reason() -> None:
    screening = Screening(on=date(2017, 2, 3), passed=False, reason="ไฟล์ PDF เปิดไม่ได้")
    result = status(an_application(screening=screening))
    blocker = only(result, BlockerCode.SCREENING_FAILED)
    assert (blocker.step, result.current_step) == (Step.SCREENING, Step.SCREENING)
    assert "ไฟล์ PDF เปิดไม่ได้" in blocker.message_th
    assert not result.eligible


def test_points_that_disagree_with_the_per_criterion_claims_are_a_blocker() -> None:
    result = status(not_yet_sent(self_assessment_points=50, claimed_points=77))
    blocker = only(result, BlockerCode.CLAIMS_DISAGREE)
    assert blocker.step is Step.THRESHOLD
    assert "50" in blocker.message_en
    assert "77" in blocker.message_en
    assert not result.eligible


def test_the_steps_advance_one_by_one() -> None:
    today = date(2017, 1, 25)
    progress = [
        (
            a_round(briefing_on=date(2017, 2, 1)),
            Application(lao_id="x", lao_kind="เทศบาลนคร"),
            Step.BRIEFING,
        ),
        (a_round(), Application(lao_id="x", lao_kind="เทศบาลนคร"), Step.SELF_ASSESSMENT),
        (
            a_round(),
            not_yet_sent(form_filled_on=None, governor_endorsed_on=None),
            Step.APPLICATION_FORM,
        ),
        (a_round(), not_yet_sent(governor_endorsed_on=None), Step.GOVERNOR_ENDORSEMENT),
        (a_round(), not_yet_sent(), Step.DOCUMENTS_SENT),
        (a_round(), an_application(screening=None), Step.SCREENING),
        (a_round(), an_application(onsite_result=None, onsite_on=None), Step.ONSITE_ASSESSMENT),
    ]
    for rnd, application, step in progress:
        result = pipeline_status(application, rnd, today=today)
        assert result.current_step is step, (step, result)
        assert {s for s in Step if s < step} <= set(result.steps_done)
        assert result.blockers == ()
        assert result.waiting is not None
        assert result.waiting.step is step
        assert result.holding == (result.waiting,)
        assert result.waiting.message_th


def test_a_later_fact_on_record_counts_as_done_while_an_earlier_step_waits() -> None:
    result = status(
        not_yet_sent(form_filled_on=None, governor_endorsed_on=None), today=date(2017, 1, 25)
    )
    assert result.current_step is Step.APPLICATION_FORM
    assert result.steps_done == (Step.BRIEFING, Step.SELF_ASSESSMENT, Step.THRESHOLD)


def test_step_4_waits_at_the_threshold_once_a_score_below_it_is_recorded() -> None:
    result = status(not_yet_sent(self_assessment_points=59), today=date(2017, 1, 25))
    assert result.current_step is Step.THRESHOLD


@pytest.mark.parametrize(
    ("briefing_on", "done"),
    [
        (None, True),
        (date(2017, 1, 9), True),
        (date(2017, 1, 10), True),
        (date(2017, 1, 11), False),
    ],
)
def test_the_briefing_is_done_once_its_date_is_today_or_past(
    briefing_on: date | None, *, done: bool
) -> None:
    result = status(
        Application("x", "เทศบาลนคร"), a_round(briefing_on=briefing_on), date(2017, 1, 10)
    )
    assert (Step.BRIEFING in result.steps_done) is done


def test_a_step_dated_after_today_has_not_happened_yet() -> None:
    result = status(not_yet_sent(governor_endorsed_on=date(2017, 1, 20)), today=date(2017, 1, 15))
    assert result.current_step is Step.GOVERNOR_ENDORSEMENT
    assert result.blockers == ()


# --- The threshold, taken from the round (and so from the edition) ---------------------------


def test_a_self_assessment_below_the_threshold_is_a_blocker() -> None:
    result = status(not_yet_sent(self_assessment_points=55), today=date(2017, 1, 25))
    blocker = only(result, BlockerCode.BELOW_THRESHOLD)
    assert blocker.step is Step.THRESHOLD
    assert blocker.message_en == (
        "The self-assessment is 55 points; at least 60 are needed before applying."
    )
    assert "55 คะแนน" in blocker.message_th
    assert "ไม่น้อยกว่า 60 คะแนน" in blocker.message_th
    assert not result.eligible
    assert Step.THRESHOLD not in result.steps_done


def test_exactly_the_threshold_is_enough() -> None:
    result = status(an_application(self_assessment_points=60))
    assert result.certified


def test_the_threshold_is_the_rounds_parameter() -> None:
    strict = a_round(application_threshold=70)
    below = status(an_application(self_assessment_points=64), strict)
    assert "at least 70" in only(below, BlockerCode.BELOW_THRESHOLD).message_en
    assert status(an_application(self_assessment_points=70), strict).certified


def test_a_round_takes_its_threshold_from_the_edition() -> None:
    for shape, threshold in ((gecc_2560_shape(), 60), (later_standard_shape(), 70)):
        rnd = round_for_edition(
            build(shape), fiscal_year_be=2563, deadline=date(2020, 1, 31), accepted_kinds=None
        )
        assert rnd.application_threshold == threshold


# --- Order: threshold before applying, endorsement before sending ---------------------------


def test_endorsement_before_the_self_assessment_is_a_blocker() -> None:
    application = an_application(self_assessed_on=date(2017, 1, 13))
    result = status(application)
    blocker = only(result, BlockerCode.ENDORSED_BEFORE_SELF_ASSESSMENT)
    assert blocker.step is Step.GOVERNOR_ENDORSEMENT
    assert "12 January 2017" in blocker.message_en
    assert "13 January 2017" in blocker.message_en
    assert "12 มกราคม 2560" in blocker.message_th
    assert "13 มกราคม 2560" in blocker.message_th
    assert result.current_step is Step.GOVERNOR_ENDORSEMENT
    assert not result.certified


def test_endorsement_without_any_self_assessment_is_a_blocker() -> None:
    result = status(an_application(self_assessment_points=None, self_assessed_on=None))
    blocker = only(result, BlockerCode.ENDORSED_BEFORE_SELF_ASSESSMENT)
    assert "is not recorded" in blocker.message_en
    assert "ยังไม่มีการบันทึก" in blocker.message_th
    assert result.current_step is Step.SELF_ASSESSMENT


def test_endorsement_before_the_form_is_filled_in_is_a_blocker() -> None:
    result = status(an_application(form_filled_on=date(2017, 1, 14)))
    assert only(result, BlockerCode.ENDORSED_BEFORE_FORM).step is Step.GOVERNOR_ENDORSEMENT
    assert result.current_step is Step.GOVERNOR_ENDORSEMENT


def test_self_assessment_form_and_endorsement_on_one_day_are_in_order() -> None:
    same_day = date(2017, 1, 12)
    application = an_application(self_assessed_on=same_day, form_filled_on=same_day)
    assert status(application).blockers == ()


def test_documents_sent_before_the_endorsement_are_a_blocker() -> None:
    application = an_application(documents=sent(by_post_or_hand_on=date(2017, 1, 10)))
    result = status(application)
    blocker = only(result, BlockerCode.DOCUMENTS_BEFORE_ENDORSEMENT)
    assert blocker.step is Step.DOCUMENTS_SENT
    assert "10 January 2017" in blocker.message_en
    assert "12 January 2017" in blocker.message_en
    assert "10 มกราคม 2560" in blocker.message_th
    assert result.current_step is Step.DOCUMENTS_SENT
    assert Step.GOVERNOR_ENDORSEMENT in result.steps_done


def test_documents_sent_with_no_endorsement_at_all_are_a_blocker() -> None:
    result = status(an_application(governor_endorsed_on=None))
    blocker = only(result, BlockerCode.DOCUMENTS_BEFORE_ENDORSEMENT)
    assert "is not recorded" in blocker.message_en
    assert result.current_step is Step.GOVERNOR_ENDORSEMENT


def test_documents_sent_on_the_day_of_endorsement_are_in_order() -> None:
    day = date(2017, 1, 12)
    application = an_application(documents=sent(by_post_or_hand_on=day, emailed_on=day))
    assert status(application).blockers == ()


# --- The documents and the deadline -----------------------------------------------------------


def test_documents_sent_on_the_deadline_are_in_time() -> None:
    application = an_application(documents=sent(by_post_or_hand_on=DEADLINE, emailed_on=DEADLINE))
    result = status(application)
    assert result.blockers == ()
    assert result.certified


@pytest.mark.parametrize("channel", ["by_post_or_hand_on", "emailed_on"])
def test_documents_sent_the_day_after_the_deadline_are_late(channel: str) -> None:
    late = DEADLINE + timedelta(days=1)
    result = status(an_application(documents=sent(**{channel: late})))
    blocker = only(result, BlockerCode.DOCUMENTS_LATE)
    assert blocker.step is Step.DOCUMENTS_SENT
    assert "after the deadline of 31 January 2017" in blocker.message_en
    assert "1 กุมภาพันธ์ 2560" in blocker.message_th
    assert "31 มกราคม 2560" in blocker.message_th
    assert result.current_step is Step.DOCUMENTS_SENT
    assert not result.certified
    assert BlockerCode.DEADLINE_PASSED not in result.codes


def test_both_channels_late_make_one_blocker_naming_each() -> None:
    documents = sent(by_post_or_hand_on=date(2017, 2, 2), emailed_on=date(2017, 2, 3))
    blocker = only(status(an_application(documents=documents)), BlockerCode.DOCUMENTS_LATE)
    assert "by post or by hand on 2 February 2017 and by e-mail on 3 February 2017" in (
        blocker.message_en
    )
    assert "ทางไปรษณีย์หรือด้วยตนเอง" in blocker.message_th
    assert "ทาง e-mail" in blocker.message_th


@pytest.mark.parametrize(
    ("documents", "code"),
    [
        (sent(word=False), BlockerCode.MISSING_WORD),
        (sent(pdf=False), BlockerCode.MISSING_PDF),
        (sent(by_post_or_hand_on=None), BlockerCode.NOT_POSTED_OR_HANDED),
        (sent(emailed_on=None), BlockerCode.NOT_EMAILED),
    ],
)
def test_a_missing_set_or_channel_is_a_blocker(
    documents: DocumentDelivery, code: BlockerCode
) -> None:
    application = not_yet_sent(documents=documents)
    result = status(application, today=date(2017, 1, 25))
    assert result.codes == (code,)
    assert result.current_step is Step.DOCUMENTS_SENT


def test_missing_messages_say_what_the_circular_asks_for() -> None:
    result = status(not_yet_sent(documents=DocumentDelivery(word=True)), today=date(2017, 1, 25))
    assert result.codes == (
        BlockerCode.MISSING_PDF,
        BlockerCode.NOT_POSTED_OR_HANDED,
        BlockerCode.NOT_EMAILED,
    )
    assert "one Word file and one PDF" in result.blockers[0].message_en
    assert "ไฟล์ Word 1 ชุด และไฟล์ PDF 1 ชุด" in result.blockers[0].message_th
    assert "by post or by hand, and also by e-mail" in result.blockers[1].message_en


def test_nothing_sent_before_the_deadline_is_pending_not_blocked() -> None:
    result = status(not_yet_sent(), today=DEADLINE)
    assert result.blockers == ()
    assert result.current_step is Step.DOCUMENTS_SENT


def test_nothing_sent_by_the_day_after_the_deadline_is_a_blocker() -> None:
    result = status(not_yet_sent(), today=DEADLINE + timedelta(days=1))
    blocker = only(result, BlockerCode.DEADLINE_PASSED)
    assert result.codes == (BlockerCode.DEADLINE_PASSED,)
    assert blocker.message_en == (
        "The deadline of 31 January 2017 has passed and the documents are not complete."
    )
    assert "31 มกราคม 2560" in blocker.message_th


def test_incomplete_documents_after_the_deadline_name_the_gap_and_the_deadline() -> None:
    result = status(an_application(documents=sent(pdf=False)))
    assert result.codes == (BlockerCode.MISSING_PDF, BlockerCode.DEADLINE_PASSED)


# --- Who may apply --------------------------------------------------------------------------


def test_an_information_only_centre_is_not_eligible_and_is_told_how_to_become_one() -> None:
    result = status(an_application(centre_gives_information_only=True))
    blocker = only(result, BlockerCode.INFORMATION_ONLY_CENTRE)
    assert blocker.step is Step.APPLICATION_FORM
    assert "bringing the LAO's other services into it" in blocker.message_en
    assert blocker.message_th.startswith("ศูนย์ข้อมูลข่าวสารที่ให้บริการด้านข้อมูลข่าวสารเพียงอย่างเดียว")
    assert "บูรณาการงานบริการอื่น" in blocker.message_th
    assert not result.eligible
    assert not result.certified
    assert result.current_step is Step.APPLICATION_FORM


def test_an_lao_of_a_kind_the_round_does_not_accept_is_blocked() -> None:
    result = status(an_application(lao_kind="เทศบาลตำบล"))
    blocker = only(result, BlockerCode.KIND_NOT_ACCEPTED)
    assert blocker.step is Step.APPLICATION_FORM
    assert blocker.message_th.startswith("เทศบาลตำบล ไม่อยู่ในประเภท อปท.")
    assert "พ.ศ. 2560" in blocker.message_th
    for kind in KINDS_2560:
        assert kind in blocker.message_th
        assert kind in blocker.message_en
    assert not result.eligible


def test_the_kind_is_data_a_later_round_may_accept_more_kinds() -> None:
    wider = a_round(accepted_kinds=KINDS_2560 | {"เทศบาลตำบล", "อบต."})
    assert status(an_application(lao_kind="อบต."), wider).certified


def test_a_round_naming_no_kinds_accepts_every_kind() -> None:
    assert status(an_application(lao_kind="อบจ."), a_round(accepted_kinds=None)).certified


def test_an_application_for_one_department_is_blocked_but_the_lao_stays_eligible() -> None:
    result = status(an_application(scope=ApplicationScope.DEPARTMENT))
    blocker = only(result, BlockerCode.DEPARTMENT_SCOPE)
    assert "applies as one office" in blocker.message_en
    assert "ภาพรวมของสำนักงาน" in blocker.message_th
    assert result.eligible
    assert result.current_step is Step.APPLICATION_FORM


# --- One application per office -------------------------------------------------------------


def test_two_applications_from_one_lao_are_reported() -> None:
    apps = [an_application(), an_application(lao_id="lao-002"), an_application()]
    (report,) = find_split_applications(apps)
    assert report.lao_id == "lao-001"
    assert len(report.applications) == 2
    (blocker,) = report.blockers
    assert blocker.code is BlockerCode.DUPLICATE_APPLICATIONS
    assert blocker.message_en.startswith("LAO lao-001 has 2 applications in this round")
    assert "มีใบสมัคร 2 ใบ" in blocker.message_th


def test_department_applications_are_reported_with_both_rulings() -> None:
    registry = an_application(lao_id="lao-009", scope=ApplicationScope.DEPARTMENT)
    apps = [registry, an_application(), replace(registry, form_filled_on=date(2017, 1, 7))]
    (report,) = find_split_applications(apps)
    assert report.lao_id == "lao-009"
    assert [b.code for b in report.blockers] == [
        BlockerCode.DUPLICATE_APPLICATIONS,
        BlockerCode.DEPARTMENT_SCOPE,
    ]


def test_a_single_department_application_is_reported() -> None:
    apps = [an_application(lao_id="b", scope=ApplicationScope.DEPARTMENT)]
    (report,) = find_split_applications(apps)
    assert [b.code for b in report.blockers] == [BlockerCode.DEPARTMENT_SCOPE]


def test_one_office_application_per_lao_reports_nothing() -> None:
    assert find_split_applications([an_application(lao_id=i) for i in "abc"]) == ()


def test_reports_keep_the_order_in_which_each_lao_first_appears() -> None:
    apps = [an_application(lao_id=i) for i in "bcaab"]
    assert [r.lao_id for r in find_split_applications(apps)] == ["b", "a"]


# --- The vocabulary -------------------------------------------------------------------------


def test_every_blocker_code_is_stable_snake_case() -> None:
    for code in BlockerCode:
        assert re.fullmatch(r"[a-z]+(_[a-z]+)*", code.value)
    assert BlockerCode("documents_late") is BlockerCode.DOCUMENTS_LATE


def test_the_circulars_seven_steps_and_the_offices_two_with_thai_and_english_titles() -> None:
    assert [int(s) for s in Step] == [1, 2, 3, 4, 5, 6, 7, 8, 9]
    assert (Step.SCREENING, Step.DECISION) == (7, 9)
    assert Step.GOVERNOR_ENDORSEMENT.title.th == "เสนอ ผวจ. ให้ความเห็นชอบ"
    assert Step.BRIEFING.title.th.startswith("สถ. จัดประชุมชี้แจง")
    assert all(s.title.th and s.title.en for s in Step)


def test_a_blocker_speaks_the_language_asked_for() -> None:
    blocker = only(status(an_application(lao_kind="อบต.")), BlockerCode.KIND_NOT_ACCEPTED)
    assert blocker.message("en") == blocker.message_en
    assert blocker.message("th") == blocker.message_th


def test_impossible_rounds_and_scores_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        a_round(application_threshold=-1)
    with pytest.raises(ValueError, match="at least one kind"):
        a_round(accepted_kinds=frozenset())
    with pytest.raises(ValueError, match="negative"):
        an_application(self_assessment_points=-5)


# --- Properties -----------------------------------------------------------------------------

DAYS = st.dates(min_value=date(2016, 10, 1), max_value=date(2017, 4, 30))
MAYBE_DAY = st.none() | DAYS
APPLICATIONS = st.builds(
    Application,
    lao_id=st.just("lao"),
    lao_kind=st.sampled_from(sorted(KINDS_2560 | {"เทศบาลตำบล"})),
    scope=st.sampled_from(ApplicationScope),
    centre_gives_information_only=st.booleans(),
    self_assessment_points=st.none() | st.integers(min_value=0, max_value=80),
    self_assessed_on=MAYBE_DAY,
    form_filled_on=MAYBE_DAY,
    governor_endorsed_on=MAYBE_DAY,
    documents=st.builds(
        DocumentDelivery,
        word=st.booleans(),
        pdf=st.booleans(),
        by_post_or_hand_on=MAYBE_DAY,
        emailed_on=MAYBE_DAY,
    ),
    onsite_result=st.none() | st.sampled_from(OnsiteResult),
    onsite_on=MAYBE_DAY,
)


@given(APPLICATIONS, DAYS)
def test_the_current_step_is_the_first_step_not_done(application: Application, today: date) -> None:
    result = status(application, today=today)
    assert list(result.steps_done) == sorted(result.steps_done)
    assert result.current_step not in result.steps_done
    if result.current_step is not None:
        assert all(s in result.steps_done for s in Step if s < result.current_step)
    assert not {b.step for b in result.blockers} & set(result.steps_done)


@given(APPLICATIONS, DAYS)
def test_certified_means_no_blockers_and_eligible_means_no_eligibility_blocker(
    application: Application, today: date
) -> None:
    result = status(application, today=today)
    if result.certified:
        assert result.blockers == ()
    assert result.eligible == (not set(result.codes) & ELIGIBILITY_CODES)
    for blocker in result.blockers:
        assert "{" not in blocker.message_th + blocker.message_en
        assert re.search(r"[\u0e00-\u0e7f]", blocker.message_th)


@given(st.dates(min_value=date(2017, 1, 13), max_value=date(2017, 3, 1)))
def test_sending_is_in_time_exactly_when_it_is_on_or_before_the_deadline(day: date) -> None:
    application = an_application(documents=sent(emailed_on=day), onsite_on=date(2017, 3, 2))
    result = status(application, today=date(2017, 3, 5))
    assert (BlockerCode.DOCUMENTS_LATE in result.codes) == (day > DEADLINE)


@given(st.integers(min_value=0, max_value=100), st.integers(min_value=0, max_value=100))
def test_below_threshold_exactly_when_points_are_under_the_rounds_threshold(
    points: int, threshold: int
) -> None:
    result = status(
        an_application(self_assessment_points=points), a_round(application_threshold=threshold)
    )
    assert (BlockerCode.BELOW_THRESHOLD in result.codes) == (points < threshold)
    assert result.certified == (points >= threshold)
