"""The page around the app, in a real browser: nothing asked of the network, a loading screen in
Thai and English, and a page saying what to do when the app's local service has stopped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from tests.ui.browser import (
    CHROMIUM,
    LAPTOP,
    OUTSIDE_REQUESTS,
    TABLET,
    RunningApp,
    Screen,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="needs Debian's Chromium at /usr/bin/chromium (apt-get install chromium)",
    ),
]

LAO = "เทศบาลนครเชียงใหม่"


def test_a_request_off_the_machine_is_refused_and_noted(
    browser: Browser, running: RunningApp
) -> None:
    """The harness the other browser tests rely on: an outside address is caught."""
    screen = Screen.open(browser, running.url)
    try:
        screen.see(LAO, timeout=30_000)
        assert OUTSIDE_REQUESTS == []
        failed = screen.page.evaluate(
            "() => fetch('https://example.org/x').then(() => false, () => true)"
        )
        assert failed
        assert screen.outside_requests == ["https://example.org/x"]
        assert OUTSIDE_REQUESTS == ["https://example.org/x"]
    finally:
        OUTSIDE_REQUESTS.clear()  # this test's own request, asked for on purpose
        screen.close()


@pytest.mark.parametrize("size", [LAPTOP, TABLET], ids=["laptop", "tablet"])
def test_the_loading_screen_is_thai_and_english(
    browser: Browser, running: RunningApp, size: tuple[int, int]
) -> None:
    """Held before the compiled client arrives, the page shows its own loading screen."""
    held: list[Any] = []

    def hold(route: Any) -> None:  # Playwright takes no built-in method as a handler
        held.append(route)

    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    screen = Screen(context.new_page())
    context.route("**/*", screen._only_localhost)
    # Routed after (so before) the one above: answered once the loading screen is seen.
    context.route("**/main.dart.wasm", hold)
    try:
        screen.page.goto(running.url)
        loading = screen.page.locator("#loading")
        loading.get_by_text("กำลังเปิดแอปตรวจประเมิน…").wait_for()
        assert "Opening the field audit app…" in loading.inner_text()
        assert screen.page.evaluate("() => document.fonts.check('20px Sarabun', 'ก')")
        screen.page.wait_for_timeout(300)  # the font drawn
        width = screen.page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= size[0]
        screen.page.screenshot(path=str(_shot(f"loading-th-{size[0]}x{size[1]}")))
        for _ in range(600):  # until the page asks for the compiled client (handled meanwhile)
            if held:
                break
            screen.page.wait_for_timeout(50)
        assert held, "the page never asked for the compiled client"
        held[0].continue_()
        screen.enable_accessibility()
        screen.see(LAO, timeout=30_000)
        assert screen.page.locator("#loading").count() == 0
    finally:
        screen.close()


@pytest.mark.parametrize("size", [LAPTOP, TABLET], ids=["laptop", "tablet"])
def test_a_stopped_service_is_said_in_thai_and_english(
    browser: Browser, tmp_path: Path, size: tuple[int, int]
) -> None:
    app = RunningApp(tmp_path / "data").start()
    screen = Screen.open(browser, app.url, size)
    try:
        screen.see(LAO, timeout=30_000)
        stopped = screen.page.get_by_role("alertdialog", name="แอปหยุดทำงานแล้ว", exact=False)
        assert not stopped.is_visible()
        app.kill()
        stopped.wait_for(state="visible", timeout=15_000)
        shown = stopped.inner_text()
        for words in ("The app has stopped", "field-audit app", "อีกครั้ง", "run field-audit"):
            assert words in shown
        width = screen.page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= size[0]
        screen.page.wait_for_timeout(300)  # the font drawn
        screen.page.screenshot(path=str(_shot(f"service-stopped-th-{size[0]}x{size[1]}")))
        app.start()  # the same port: the page finds the app again and the notice goes
        stopped.wait_for(state="hidden", timeout=30_000)
        screen.see(LAO, timeout=30_000)
    finally:
        screen.close()
        app.stop()


def _shot(name: str) -> Path:
    from tests.ui.browser import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / f"{name}.png"
