"""Driving the console in Debian's Chromium with Playwright: an officer's browser on the
central store served by uvicorn, with its screenshots, the requests it made (all to the store
itself: nothing from a CDN) and axe-core's accessibility check of the page it shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from playwright.sync_api import Browser, Page

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[3] / "artifacts" / "screenshots"
LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@dataclass
class Officer:
    """One officer's browser (its own cookies), JavaScript off unless asked for."""

    page: Page
    base: str
    hosts: set[str] = field(default_factory=set)

    @classmethod
    def open(
        cls, browser: Browser, base: str, *, javascript: bool = False, viewport: Any = None
    ) -> Officer:
        context = browser.new_context(
            viewport=viewport or LAPTOP, java_script_enabled=javascript, locale="th-TH"
        )
        officer = cls(context.new_page(), base)
        officer.page.on("request", lambda r: officer.hosts.add(urlparse(r.url).netloc))
        return officer

    def go(self, path: str) -> Page:
        self.page.goto(self.base + path)
        return self.page

    def log_in(self, username: str, password: str) -> None:
        self.go("/office/login")
        self.page.fill("#username", username)
        self.page.fill("#password", password)
        self.page.get_by_role("button", name="เข้าสู่ระบบ").click()

    def form(self, action_ends: str) -> Any:
        """The form whose action ends with ``action_ends``."""
        return self.page.locator(f"form[action$='{action_ends}']")

    def submit(self, action_ends: str) -> None:
        self.form(action_ends).locator("button[type=submit]").first.click()

    def flash(self) -> str:
        return self.page.locator(".flash").first.inner_text()

    def shot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"console-{name}.png"
        self.page.screenshot(path=path, full_page=True)
        return path

    def axe(self) -> list[str]:
        """axe-core's WCAG 2.1 A/AA and best-practice violations on the page, in words."""
        from axe_playwright_python.base import AXE_SCRIPT  # the bundled axe.min.js

        self.page.evaluate(AXE_SCRIPT)
        found = self.page.evaluate(
            "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
            ".violations.map(v => v.id + ': ' + v.help + ' @ ' +"
            " v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))",
            AXE_TAGS,
        )
        return [str(line) for line in found]
