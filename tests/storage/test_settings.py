"""The inspector's settings on the device (the place, the compact mode), how far each audit has
got within its scope, and the phrases written before in notes. Real SQLite."""

from __future__ import annotations

from field_audit.domain.answers import Verdict
from field_audit.domain.edition import Edition
from field_audit.storage.answering import PHRASE_MAX_CHARS, Progress, audit_progress, note_phrases
from field_audit.storage.audits import open_audit, record_note, record_verdict
from field_audit.storage.database import Database
from field_audit.storage.demo import DEMO_INSPECTOR_ID, load_demo_data
from field_audit.storage.settings import (
    Place,
    read_compact,
    read_place,
    read_setting,
    write_compact,
    write_place,
    write_setting,
)
from field_audit.storage.shares import set_scope

ME = DEMO_INSPECTOR_ID


def started(db: Database, edition: Edition, assignment_id: str, inspector_id: str = ME) -> str:
    return open_audit(
        db, assignment_id=assignment_id, inspector_id=inspector_id, edition=edition
    ).id


def test_a_setting_is_kept_replaced_and_forgotten(db: Database) -> None:
    assert read_setting(db, "x") is None
    write_setting(db, "x", "1")
    write_setting(db, "x", "2")
    assert read_setting(db, "x") == "2"
    write_setting(db, "x", None)
    assert read_setting(db, "x") is None
    write_setting(db, "x", None)  # forgetting what is not there is fine


def test_the_place_and_the_compact_mode_round_trip(db: Database) -> None:
    assert read_place(db) is None
    write_place(db, Place("a-cm", "B07"))
    assert read_place(db) == Place("a-cm", "B07")
    write_place(db, Place("a-cm"))
    assert read_place(db) == Place("a-cm", None)
    write_place(db, None)
    assert read_place(db) is None
    assert not read_compact(db)
    write_compact(db, True)
    assert read_compact(db)


def test_a_place_in_an_unknown_shape_reads_as_none(db: Database) -> None:
    for value in ("[]", '{"assignment": 3}', "{", '"a-cm"'):
        write_setting(db, "place", value)
        assert read_place(db) is None


def test_progress_counts_the_answers_within_the_scope(db: Database, edition: Edition) -> None:
    assert load_demo_data(db, edition)
    cm, kk = started(db, edition, "a-cm"), started(db, edition, "a-kk")
    for criterion_id in ("B01", "B02", "A01"):
        record_verdict(db, cm, criterion_id, Verdict.MET, by=ME)
    record_verdict(db, kk, "B01", Verdict.NOT_MET, by=ME)
    set_scope(db, kk, frozenset({"B02", "B03"}))  # the B01 answer stays, outside the share
    assert audit_progress(db, [cm, kk]) == {cm: Progress(3, 60), kk: Progress(0, 2)}
    assert audit_progress(db, []) == {}


def test_phrases_come_from_this_inspectors_other_audits_on_the_same_edition(
    db: Database, edition: Edition
) -> None:
    assert load_demo_data(db, edition)
    cm, kk, hy = (started(db, edition, a) for a in ("a-cm", "a-kk", "a-hy"))
    other = started(db, edition, "a-krabi", inspector_id="someone-else")
    record_note(db, cm, "B01", "มีรถสองแถว\n\n" + "ก" * (PHRASE_MAX_CHARS + 1), by=ME)
    record_note(db, hy, "B01", "ป้ายชัดเจน\nมีรถสองแถว", by=ME)
    record_note(db, other, "B01", "ของคนอื่น", by="someone-else")
    assert note_phrases(db, inspector_id=ME, edition_id=edition.id, besides=kk) == {
        "B01": ["มีรถสองแถว", "ป้ายชัดเจน"]  # the most used first; long lines are not phrases
    }
    assert note_phrases(db, inspector_id=ME, edition_id=edition.id, besides=hy) == {
        "B01": ["มีรถสองแถว"]
    }
    assert note_phrases(db, inspector_id=ME, edition_id="gecc-2563", besides=kk) == {}
