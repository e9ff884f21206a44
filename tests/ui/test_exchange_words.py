"""Words of the committee, sync and certificate screens: keys built from data exist, and every
refusal the central store or the committee screen gives has Thai and English words."""

from __future__ import annotations

import pytest

from field_audit.services.certificates import NO_QR_CODE, NO_TEXT, NOT_A_PICTURE
from field_audit.services.committee import REFUSALS as COMMITTEE_REFUSALS
from field_audit.services.committee import CommitteeRefused
from field_audit.services.syncing import OutboxLine
from field_audit.storage.outbox import REFUSED, SENT, WAITING
from field_audit.ui.i18n import TEXTS, tr
from field_audit.ui.state.sync import reason_words
from field_audit.ui.words import certificates, committee, sync
from sync.protocol.certificates import Status


@pytest.mark.parametrize(
    "key",
    [f"sync.state_{s}" for s in (WAITING, SENT, REFUSED)]
    + [f"cert.status_{s.value}" for s in Status]
    + [f"cert.problem_{p.lower()}" for p in (NO_QR_CODE, NOT_A_PICTURE, NO_TEXT)],
)
def test_keys_built_from_data_exist(key: str) -> None:
    assert key in TEXTS


def test_the_screen_tables_do_not_overwrite_each_other_or_the_main_table() -> None:
    tables = [committee.TEXTS, sync.TEXTS, certificates.TEXTS]
    keys = [key for table in tables for key in table]
    assert len(keys) == len(set(keys))
    assert all(TEXTS[key] == table[key] for table in tables for key in table)


@pytest.mark.parametrize("code", sorted(COMMITTEE_REFUSALS))
def test_committee_refusals_have_both_languages(code: str) -> None:
    refused = CommitteeRefused(code)
    assert refused.message("th") != refused.message("en")
    assert refused.message("th").strip()
    assert refused.message("en").strip()


@pytest.mark.parametrize("code", sorted(sync.REFUSALS))
def test_central_store_refusals_read_as_words(code: str) -> None:
    line = OutboxLine(1, "ab" * 32, "gecc.sealed-audit", REFUSED, "ก", "A", 1, 1, code, "x")
    th, en = reason_words(line, "th"), reason_words(line, "en")
    assert th
    assert en
    assert code not in th


def test_an_unknown_refusal_names_its_code() -> None:
    line = OutboxLine(1, "ab" * 32, "gecc.sealed-audit", REFUSED, "ก", "A", 1, 1, "NEW_CODE", "")
    assert reason_words(line, "th") == tr("sync.refused_other", "th", code="NEW_CODE")
