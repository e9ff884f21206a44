"""The certificate screen's state, without a page: pictures and texts checked on the device."""

from __future__ import annotations

from pathlib import Path

import pytest

from field_audit.app import Services
from field_audit.evidence.qr import certificate_qr_png, enrolment_qr_png
from field_audit.ui.state.certificates import HELD, CertificateState
from field_audit.ui.state.notices import Notices
from tests.ui.certificate_samples import REVOKED_REASON, Samples, hold_on, make_samples, trust_on
from tests.ui.conftest import run


@pytest.fixture
def samples(tmp_path: Path) -> Samples:
    return make_samples(tmp_path / "central")


@pytest.fixture
def state(services: Services, samples: Samples) -> CertificateState:
    trust_on(services.db, samples)
    return CertificateState(services, notices=Notices())


def test_a_picture_of_a_valid_certificate(state: CertificateState, samples: Samples) -> None:
    assert (state.trust.keys, state.trust.revoked) == (1, 1)
    run(state.check_picture("cert.png", certificate_qr_png(samples.valid.qr_text)))
    check = state.check
    assert check is not None
    assert check.verdict is not None
    assert check.verdict.status.value == "valid"
    assert check.verdict.message_th.startswith("ใช้ได้: ใบรับรอง GECC-2570-30-0007")
    assert check.verdict.certificate is not None
    assert check.verdict.certificate.points == 72
    assert check.qr_png is not None  # drawn again to show
    assert state.source == "cert.png"


def test_expired_and_revoked_say_why(state: CertificateState, samples: Samples) -> None:
    run(state.check_text(samples.expired.qr_text))
    assert state.check is not None
    assert state.check.verdict is not None
    assert state.check.verdict.status.value == "expired"
    assert "19 มีนาคม 2563" in state.check.verdict.message_th  # พ.ศ. dates
    run(state.check_picture("pattaya.png", certificate_qr_png(samples.revoked.qr_text)))
    verdict = state.check.verdict
    assert verdict is not None
    assert verdict.status.value == "revoked"
    assert verdict.revocation is not None
    assert verdict.revocation.reason == REVOKED_REASON
    assert REVOKED_REASON in verdict.message_th


def test_what_is_not_a_certificate(state: CertificateState, services: Services) -> None:
    run(state.check_picture("key.png", enrolment_qr_png("GECC-KEY:1:abc:123")))
    assert state.check is not None
    assert state.check.verdict is not None
    assert state.check.verdict.status.value == "not_gecc"
    assert state.check.qr_png is None
    run(state.check_picture("notes.txt", b"not a picture"))
    assert state.check.problem == "NOT_A_PICTURE"
    run(state.check_text("   "))
    assert state.check.problem == "NO_TEXT"


def test_an_altered_text_is_not_genuine_and_its_claims_are_not_facts(
    state: CertificateState, samples: Samples
) -> None:
    text = samples.valid.qr_text
    altered = text[:-6] + ("A" if text[-6] != "A" else "B") + text[-5:]
    run(state.check_text(altered))
    check = state.check
    assert check is not None
    assert check.verdict is not None
    assert check.verdict.status.value in ("bad_signature", "not_gecc")
    assert check.verdict.certificate is None


def test_without_a_trust_list_nothing_is_confirmed_but_the_code_is_shown(
    services: Services, samples: Samples
) -> None:
    state = CertificateState(services, notices=Notices())
    assert state.trust.keys == 0
    run(state.check_text(samples.valid.qr_text))
    check = state.check
    assert check is not None
    assert check.verdict is not None
    assert check.verdict.status.value == "unknown_key"
    assert check.claimed_reference == "GECC-2570-30-0007"
    assert check.qr_png is not None


def test_the_certificates_of_the_inspectors_laos_are_listed_with_their_status_today(
    services: Services, samples: Samples
) -> None:
    assert CertificateState(services, notices=Notices()).held == []
    trust_on(services.db, samples)
    hold_on(services.db, samples)
    state = CertificateState(services, notices=Notices())
    listed = {held.reference: held.verdict.status.value for held in state.held}
    assert listed == {"GECC-2570-30-0007": "valid", "GECC-2570-20-0011": "revoked"}
    pattaya = next(held for held in state.held if held.lao_id == "pattaya")
    run(state.show_held(pattaya))
    assert state.source == HELD
    assert state.check is not None
    assert state.check.qr_png is not None  # its QR code, drawn to show
    assert state.check.verdict is not None
    assert state.check.verdict.revocation is not None
    assert state.check.verdict.revocation.reason == REVOKED_REASON


def test_a_held_certificate_is_not_trusted_without_the_trust_list(
    services: Services, samples: Samples
) -> None:
    hold_on(services.db, samples)
    state = CertificateState(services, notices=Notices())
    assert {held.verdict.status.value for held in state.held} == {"unknown_key"}
