"""Words on screen: one translation table, both languages for every key, errors in plain words."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from field_audit.domain.edition import Category, EvidenceKind
from field_audit.domain.errors import TransitionError
from field_audit.storage.errors import AuditLocked, NotFound
from field_audit.ui.i18n import TEXTS, kind_name, other_language, tr
from field_audit.ui.state.assignments import STATES
from field_audit.ui.state.audit import FILTERS
from field_audit.ui.state.notices import Notices, describe

UI = Path(__file__).resolve().parents[2] / "field_audit" / "ui"


def test_every_phrase_has_thai_and_english() -> None:
    for key, (th, en) in TEXTS.items():
        assert th.strip(), key
        assert en.strip(), key
        assert set(re.findall(r"{(\w+)}", th)) == set(re.findall(r"{(\w+)}", en)), key


def test_every_key_the_views_use_is_in_the_table() -> None:
    used = set()
    for path in UI.rglob("*.py"):
        used |= set(re.findall(r'\btr\(\s*"([a-z_.]+)"', path.read_text(encoding="utf-8")))
    assert used, "the scan found no keys"
    assert used - TEXTS.keys() == set()


@pytest.mark.parametrize(
    "key",
    [f"state.{s}" for s in ("all", *STATES)]
    + [f"filter.{f}" for f in FILTERS]
    + [f"category.{c.value}" for c in Category]
    + [f"evidence.{e.value}" for e in EvidenceKind],
)
def test_keys_built_from_data_exist(key: str) -> None:
    assert key in TEXTS


def test_thai_unless_english() -> None:
    assert tr("audit.progress", "th", answered=37, total=60) == "ประเมินแล้ว 37/60"
    assert tr("audit.progress", "en", answered=37, total=60) == "answered 37/60"
    assert tr("audit.met", "xx") == "ผ่าน"
    assert other_language("th") == "en"
    assert other_language("en") == "th"


def test_lao_kinds_are_data_with_english_names_where_known() -> None:
    assert kind_name("เทศบาลนคร", "en") == "City municipality"
    assert kind_name("เทศบาลนคร", "th") == "เทศบาลนคร"
    assert kind_name("อปท. แบบใหม่", "en") == "อปท. แบบใหม่"


@pytest.mark.parametrize(
    ("error", "key"),
    [
        (AuditLocked("a1", "sealed"), "error.locked"),
        (NotFound("audit", "a1"), "error.not_found"),
        (TransitionError("seal the audit", "draft", ("complete",)), "error.rule"),
        (sqlite3.OperationalError("disk I/O error"), "error.disk"),
        (OSError(28, "No space left on device"), "error.disk"),
        (RuntimeError("boom"), "error.unexpected"),
    ],
)
def test_errors_become_words(error: Exception, key: str) -> None:
    assert describe(error)[0] == key


def test_a_wrapped_sqlite_error_is_a_disk_problem() -> None:
    class Wrapped(Exception):
        orig = sqlite3.OperationalError("database is locked")

    assert describe(Wrapped())[0] == "error.disk"


def test_a_notice_keeps_both_languages_and_no_traceback(caplog: pytest.LogCaptureFixture) -> None:
    notices = Notices()
    notices.report(RuntimeError("internal detail"))
    notice = notices.current
    assert notice is not None
    assert notice.text("th").startswith("เกิดข้อผิดพลาดที่ไม่คาดคิด")
    assert notice.text("en").startswith("Something unexpected went wrong")
    assert "internal detail" not in notice.th + notice.en
    assert "internal detail" in caplog.text  # the detail goes to the log
    notices.report(RuntimeError("again"))
    assert notices.current is not None
    assert notices.current.serial == 2
    notices.dismiss()
    assert notices.current is None


def test_one_register_one_word_for_sealing_and_one_for_a_valid_certificate() -> None:
    from sync.server.web.texts import HEADINGS

    thai = [th for th, _en in TEXTS.values()]
    assert not [t for t in thai if "ของฉัน" in t]  # ท่าน, as a government form addresses one
    assert not [t for t in thai if re.search(r"ลงนามแล้ว|ลงนามและ|และลงนาม", t)]  # ปิดผนึก
    assert TEXTS["cert.status_valid"][0] == HEADINGS["VALID"][1][0] == "ใช้ได้"


def test_times_are_written_the_thai_way() -> None:
    from datetime import UTC, datetime

    from field_audit.ui.views.exchange_parts import moment_text

    moment = datetime(2026, 12, 3, 3, 0, tzinfo=UTC)
    assert moment_text(moment, "th") == "3 ธ.ค. 2569 10.00 น."
    assert moment_text(moment, "en") == "3 December 2026 10:00"
