"""Office administration: rounds, LAO import from CSV, pipeline, committees, keys, audit log."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlmodel import Session, select

from field_audit.domain.edition import edition_hash, load_bundled_edition
from field_audit.domain.pipeline import BlockerCode, Step
from sync.protocol.signatures import enrolment_text, key_fingerprint, public_key_of
from sync.server.central import Central
from sync.server.errors import CentralError, InvalidInput
from sync.server.models import AuditLogRecord, EditionRecord, LaoRecord, RoundRecord
from sync.server.store.admin import Member, NewRound, assign, create_committee, create_round
from sync.server.store.editions import EditionCache
from sync.server.store.keys import enrol_key, find_key, revoke_key
from sync.server.store.laos import import_laos
from sync.server.store.pipeline import record_pipeline

HEADER = "lao_id,name_th,kind,province_code,province_th\n"
GOOD = "cm-city,เทศบาลนครเชียงใหม่,เทศบาลนคร,50,เชียงใหม่\n"


@pytest.fixture
def session(central: Central) -> Iterator[Session]:
    with central.session() as opened:
        yield opened


def opened_round(session: Session) -> RoundRecord:
    return create_round(
        session, NewRound("fy2560", 2560, date(2017, 1, 31)), load_bundled_edition(), actor="clerk"
    )


def code_of(error: pytest.ExceptionInfo[CentralError]) -> str:
    return error.value.code


def test_a_round_keeps_its_edition_document_and_hash(session: Session) -> None:
    record = opened_round(session)
    edition = load_bundled_edition()
    assert (record.edition_id, record.edition_hash) == ("gecc-2560", edition.content_hash)
    kept = session.get(EditionRecord, record.edition_hash)
    assert kept is not None
    assert edition_hash(json.loads(kept.document)) == edition.content_hash
    with pytest.raises(CentralError) as error:
        opened_round(session)
    assert code_of(error) == "ALREADY_EXISTS"


def test_a_csv_saved_by_excel_with_a_bom_imports_thai_names(session: Session) -> None:
    data = ("\ufeff" + HEADER + GOOD + "pattaya,เมืองพัทยา,เมืองพัทยา,20,ชลบุรี\r\n").encode("utf-8")
    report = import_laos(session, data, actor="clerk", source="laos.csv")
    assert (report.added, report.updated) == (2, 0)
    lao = session.get(LaoRecord, "cm-city")
    assert lao is not None
    assert (lao.name_th, lao.province_th) == ("เทศบาลนครเชียงใหม่", "เชียงใหม่")
    again = import_laos(session, (HEADER + GOOD).encode("utf-8"), actor="clerk", source="again.csv")
    assert (again.added, again.updated) == (0, 1)


def test_bad_rows_are_reported_by_line_and_nothing_is_half_imported(session: Session) -> None:
    data = (
        HEADER
        + GOOD
        + ",ไม่มีรหัส,เทศบาลเมือง,20,\n"
        + "\n"
        + "krabi town,เทศบาลเมืองกระบี่,เทศบาลเมือง,Krabi,\n"
        + "cm-city,ซ้ำ,เทศบาลนคร,50,,extra\n"
    ).encode("utf-8")
    with pytest.raises(InvalidInput) as error:
        import_laos(session, data, actor="clerk", source="laos.csv")
    problems = error.value.problems
    assert [p.split(":")[0] for p in problems] == ["line 3", "line 5", "line 5", "line 6", "line 6"]
    assert "repeats line 2" in problems[-1]
    assert session.exec(select(LaoRecord)).all() == []


def test_control_characters_in_any_cell_are_refused_by_line_and_nothing_imported(
    session: Session,
) -> None:
    data = (
        HEADER
        + GOOD
        + "pattaya,\x1b[2J\x1b]0;owned\x07เมืองพัทยา,เมืองพัทยา,20,ชลบุรี\n"
        + "krabi,เทศบาลเมือง\x00กระบี่,เทศบาลเมือง,81,\n"
        + 'trang,"เทศบาลนคร\nตรัง",เทศบาลนคร,92,\n'
        + "phuket,เทศบาลนครภูเก็ต,เทศบาลนคร,83,ภูเก็ต\x9b31m\u2028เมือง\n"
        + "yala,เทศบาลนครยะลา,เทศบาล\tนคร,95,\n"
        + "songkhla,เทศบาลนคร\u202eสงขลา,เทศบาลนคร,90,\n"
    ).encode("utf-8")
    with pytest.raises(InvalidInput) as error:
        import_laos(session, data, actor="clerk", source="laos.csv")
    assert error.value.problems == [
        "line 3: name_th holds control characters (U+001B, U+0007): only printable text is"
        " imported",
        "line 4: name_th holds control characters (U+0000): only printable text is imported",
        "line 5: name_th holds control characters (U+000A): only printable text is imported",
        "line 7: province_th holds control characters (U+009B, U+2028): only printable text is"
        " imported",
        "line 8: kind holds control characters (U+0009): only printable text is imported",
        "line 9: name_th holds control characters (U+202E): only printable text is imported",
    ]
    assert session.exec(select(LaoRecord)).all() == []
    assert session.exec(select(AuditLogRecord)).all() == []


def test_a_csv_in_another_encoding_or_with_a_wrong_header_is_refused(session: Session) -> None:
    with pytest.raises(InvalidInput) as error:
        import_laos(session, (HEADER + GOOD).encode("cp874"), actor="clerk", source="x.csv")
    assert error.value.problems[0].startswith("line 2: not UTF-8")
    with pytest.raises(InvalidInput) as error:
        import_laos(session, b"lao_id,name,kind\n", actor="clerk", source="x.csv")
    assert "line 1: missing column 'name_th'" in error.value.problems


def test_the_pipeline_records_steps_and_tells_what_blocks(
    central: Central, session: Session
) -> None:
    opened_round(session)
    import_laos(session, (HEADER + GOOD).encode(), actor="clerk", source="x.csv")
    facts = {"self_assessment_points": 55, "self_assessed_on": date(2016, 12, 1)}
    status = record_pipeline(
        session,
        central.editions,
        round_id="fy2560",
        lao_id="cm-city",
        facts=facts,
        actor="clerk",
        today=date(2016, 12, 20),
    )
    assert BlockerCode.BELOW_THRESHOLD in status.codes
    assert not status.eligible
    status = record_pipeline(
        session,
        central.editions,
        round_id="fy2560",
        lao_id="cm-city",
        facts={"self_assessment_points": 72, "form_filled_on": date(2016, 12, 2)},
        actor="clerk",
        today=date(2016, 12, 20),
    )
    assert status.eligible
    # the round was opened without a briefing date: it holds no briefing to wait for
    assert status.current_step is Step.GOVERNOR_ENDORSEMENT
    assert [b.code for b in status.holding] == [BlockerCode.AWAITING_ENDORSEMENT]
    with pytest.raises(InvalidInput):
        record_pipeline(
            session,
            central.editions,
            round_id="fy2560",
            lao_id="cm-city",
            facts={"colour": "blue"},
            actor="clerk",
            today=date(2016, 12, 20),
        )


def test_a_committee_has_exactly_one_chair_and_no_repeated_member(session: Session) -> None:
    opened_round(session)
    for members in (
        [Member("a", "ก", "member")],
        [Member("a", "ก", "chair"), Member("b", "ข", "chair")],
        [Member("a", "ก", "chair"), Member("a", "ก", "member")],
    ):
        with pytest.raises(InvalidInput):
            create_committee(
                session,
                committee_id="c",
                round_id="fy2560",
                name_th="ค",
                members=members,
                actor="clerk",
            )


def test_an_lao_is_assigned_only_to_a_committee_of_the_same_round(session: Session) -> None:
    opened_round(session)
    create_round(
        session, NewRound("fy2561", 2561, date(2018, 1, 31)), load_bundled_edition(), actor="clerk"
    )
    import_laos(session, (HEADER + GOOD).encode(), actor="clerk", source="x.csv")
    create_committee(
        session,
        committee_id="c",
        round_id="fy2561",
        name_th="ค",
        members=[Member("a", "ก", "chair")],
        actor="clerk",
    )
    with pytest.raises(InvalidInput):
        assign(
            session,
            EditionCache(),
            round_id="fy2560",
            lao_id="cm-city",
            committee_id="c",
            visit_date=date(2017, 3, 1),
            actor="clerk",
            today=date(2017, 2, 1),
        )


def enrol(session: Session, text: str, read_out: str, inspector: str = "insp-a") -> str:
    return enrol_key(
        session,
        inspector_id=inspector,
        enrolment_text=text,
        fingerprint_read_out=read_out,
        actor="clerk",
        name="นายสมชาย ใจดี",
    ).key_id


def test_a_key_is_enrolled_only_when_the_fingerprint_read_out_matches(session: Session) -> None:
    public_key = public_key_of(Ed25519PrivateKey.generate())
    text, fingerprint = enrolment_text(public_key), key_fingerprint(public_key)
    wrong = ("1" if fingerprint[0] != "1" else "2") + fingerprint[1:]
    with pytest.raises(CentralError) as error:
        enrol(session, text, wrong)
    assert code_of(error) == "FINGERPRINT_MISMATCH"
    assert find_key(session, fingerprint) is None
    with pytest.raises(CentralError) as error:
        enrol(session, text.replace("GECC-KEY:1:", "GECC-KEY:1:x"), fingerprint)
    assert code_of(error) == "BAD_PUBLIC_KEY"
    key_id = enrol(session, text, fingerprint.replace(" ", ""))
    assert enrol(session, text, fingerprint) == key_id
    with pytest.raises(CentralError) as error:
        enrol(session, text, fingerprint, inspector="insp-b")
    assert code_of(error) == "ALREADY_EXISTS"


def test_a_key_is_revoked_by_fingerprint_once_and_never_enrolled_again(session: Session) -> None:
    public_key = public_key_of(Ed25519PrivateKey.generate())
    text, fingerprint = enrolment_text(public_key), key_fingerprint(public_key)
    enrol(session, text, fingerprint)
    revoked = revoke_key(session, fingerprint, actor="clerk", reason="lost")
    assert revoked.revoked_at is not None
    for action in (
        lambda: revoke_key(session, fingerprint, actor="clerk"),
        lambda: enrol(session, text, fingerprint),
    ):
        with pytest.raises(CentralError):
            action()


def test_every_office_action_lands_in_the_audit_log(session: Session) -> None:
    opened_round(session)
    import_laos(session, (HEADER + GOOD).encode(), actor="somsri", source="laos.csv")
    log = session.exec(select(AuditLogRecord).order_by(AuditLogRecord.id)).all()  # type: ignore[arg-type]
    assert [(e.actor, e.action, e.subject) for e in log] == [
        ("clerk", "round.create", "fy2560"),
        ("somsri", "lao.import", "laos.csv"),
    ]
    assert log[1].details == {"added": 1, "rows": 1}
