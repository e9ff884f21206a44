"""The /verify page in a real browser with JavaScript switched off: Debian's Chromium driven by
Playwright against a real uvicorn on 127.0.0.1. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from field_audit.evidence.qr import certificate_qr_png
from sync.server.app import build_app
from sync.server.central import open_central
from sync.server.settings import Settings
from tests.server.certified import issued, revoke, with_issuing_key
from tests.server.helpers import ADMIN_TOKEN, Api, build_world
from tests.server.test_sync_over_uvicorn import Server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
PHONE = {"width": 412, "height": 915}
LAPTOP = {"width": 1280, "height": 800}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="needs Debian's Chromium at /usr/bin/chromium (apt-get install chromium)",
    ),
]


@pytest.fixture
def certificates(tmp_path: Path) -> Iterator[tuple[Server, dict[str, Any]]]:
    """A central store on disk with a valid and a revoked certificate, served by uvicorn."""
    data_dir = tmp_path / "central"
    settings = Settings(data_dir=data_dir, admin_token=ADMIN_TOKEN, auto_migrate=True)
    settings = with_issuing_key(settings, tmp_path)
    central = open_central(settings)
    api = Api(build_app(central))
    world = build_world(central, api)
    made = {"valid": issued(world, "cm-city"), "revoked": issued(world, "pattaya")}
    revoke(world, made["revoked"]["reference"], "ศูนย์บริการย้ายไปรวมกับสำนักงานแห่งใหม่")
    api.close()
    central.close()
    running = Server(data_dir)
    running.env["GECC_CENTRAL_ISSUING_KEY_FILE"] = str(settings.issuing_key_file)
    running.env["GECC_CENTRAL_ISSUING_KEY_PASSPHRASE"] = str(settings.issuing_key_passphrase)
    running.start()
    yield running, made
    running.stop()


def test_a_citizen_checks_certificates_in_a_browser_without_javascript(
    certificates: tuple[Server, dict[str, Any]], tmp_path: Path
) -> None:
    from playwright.sync_api import expect, sync_playwright

    running, made = certificates
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    qr_png = tmp_path / "certificate-qr.png"
    qr_png.write_bytes(certificate_qr_png(made["valid"]["qr_text"]))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=PHONE, java_script_enabled=False, locale="th-TH")
        page = context.new_page()
        problems: list[str] = []
        page.on("console", lambda message: problems.append(message.text))
        page.on("pageerror", lambda error: problems.append(str(error)))

        page.goto(f"{running.base}/verify")
        expect(page.locator("h1")).to_have_text("ตรวจสอบใบรับรองศูนย์ราชการสะดวก")
        page.fill("#ref", "gecc-๒๕๖๐-๕๐-๑")
        page.get_by_role("button", name="ตรวจสอบ", exact=True).click()
        verdict = page.locator("#verdict")
        expect(verdict.locator("h2")).to_have_text("✓ใช้ได้")
        expect(verdict).to_contain_text("ศูนย์บริการประชาชน เทศบาลนครเชียงใหม่")
        expect(verdict).to_contain_text("80 จาก 80 คะแนน")
        page.screenshot(path=SCREENSHOTS / "verify-valid-th.png", full_page=True)

        page.get_by_role("link", name="English").click()
        expect(verdict.locator("h2")).to_have_text("✓Valid")
        expect(verdict).to_contain_text("80 of 80 points")
        page.screenshot(path=SCREENSHOTS / "verify-en.png", full_page=True)

        page.goto(f"{running.base}/verify")
        page.fill("#ref", made["revoked"]["reference"])
        page.get_by_role("button", name="ตรวจสอบ", exact=True).click()
        expect(verdict.locator("h2")).to_have_text("✗ถูกเพิกถอน")
        expect(verdict).to_contain_text("ศูนย์บริการย้ายไปรวมกับสำนักงานแห่งใหม่")
        page.screenshot(path=SCREENSHOTS / "verify-revoked-th.png", full_page=True)

        page.set_viewport_size(LAPTOP)
        page.goto(f"{running.base}/verify")
        page.set_input_files("#photo", str(qr_png))
        page.get_by_role("button", name="ตรวจสอบจากภาพ").click()
        expect(verdict.locator("h2")).to_have_text("✓ใช้ได้")
        expect(page.locator("#ref")).to_have_value(made["valid"]["reference"])
        page.screenshot(path=SCREENSHOTS / "verify-photo-th-1280.png", full_page=True)
        browser.close()
    assert problems == []  # no CSP violation (the inline style is allowed by its hash), no error
