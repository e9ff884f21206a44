"""Driving the real app in Chromium: start ``field-audit app --web`` as a process, open it in a
headless Debian Chromium with Playwright, and find controls through Flutter's accessibility tree.
Shared by the browser tests and the UI benchmark (scripts/bench/ui.py).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, FloatRect, Locator, Page, Playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
FAKE_CAMERA_ARGS = [  # a test pattern as the camera, allowed without asking
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
]
REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "artifacts" / "screenshots"
BLANK_PNG_BYTES = 12_000
LAPTOP = (1280, 800)
TABLET = (800, 1280)


def field_audit_command() -> str:
    return str(Path(sys.executable).parent / "field-audit")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class RunningApp:
    """One ``field-audit app --web`` process on a free localhost port."""

    data_dir: Path
    demo: bool = True
    demo_edition: str = "gecc-2560"
    """The demo's current round's edition: these tests were written on 2560's ids."""
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self, *, wait: bool = True) -> RunningApp:
        args = ["app", "--web", "--port", str(self.port), "--data-dir", str(self.data_dir)]
        args += ["--no-browser"] + (["--demo-if-empty"] if self.demo else [])
        args += ["--demo-edition", self.demo_edition]
        log = (self.data_dir.parent / f"app-{self.port}.log").open("ab")
        self.started_at = time.perf_counter()
        self.process = subprocess.Popen(
            [field_audit_command(), *args],
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "GECC_CENTRAL_URL": ""},
        )
        log.close()
        if wait:
            self.wait_until_serving()
        return self

    def wait_until_serving(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(f"the app exited with {self.process.returncode}")
            try:
                with urllib.request.urlopen(self.url, timeout=1) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.02)
        raise TimeoutError(f"the app did not answer on {self.url}")

    def kill(self) -> None:
        """SIGKILL: no clean shutdown, as when a tablet's battery dies."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.kill()


def launch_chromium(playwright: Playwright, *, fake_camera: bool = False) -> Browser:
    extra = FAKE_CAMERA_ARGS if fake_camera else []
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS + extra)


SCREENS_OPENED: list[Screen] = []  # the pages the running test opened, for its failure report
OUTSIDE_REQUESTS: list[str] = []
"""Every address any page asked for off this machine; a test with any fails (tests/ui/conftest)."""


@dataclass
class Screen:
    """One browser page on the app, with the helpers a test needs to act like an inspector."""

    page: Page
    outside_requests: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)  # what went wrong in the page, for failures

    @classmethod
    def open(
        cls,
        browser: Browser,
        url: str,
        size: tuple[int, int] = LAPTOP,
        *,
        permissions: tuple[str, ...] = (),
        geolocation: tuple[float, float] | None = None,
    ) -> Screen:
        """A new page at ``size``; ``permissions`` (e.g. camera, geolocation) granted, and
        ``geolocation`` the (lat, lon) the browser reports."""
        where = {"latitude": geolocation[0], "longitude": geolocation[1]} if geolocation else None
        context = browser.new_context(
            viewport={"width": size[0], "height": size[1]},
            permissions=list(permissions),
            geolocation=where,  # type: ignore[arg-type]
        )
        screen = cls(context.new_page())
        context.route("**/*", screen._only_localhost)
        screen._watch()
        screen.page.goto(url)
        screen.enable_accessibility()
        return screen

    def _watch(self) -> None:
        """Note the app's connection closing, the page's own errors and Flet's warnings, to
        name in a failure (``SCREENS_OPENED`` lets the test report add them)."""
        started = time.monotonic()

        def note(event: str) -> None:
            self.events.append(f"{time.monotonic() - started:6.2f}s {event}")

        SCREENS_OPENED.append(self)
        self.page.on("websocket", lambda ws: ws.on("close", lambda _: note("websocket closed")))
        self.page.on("pageerror", lambda error: note(f"page error: {error}"))
        self.page.on(
            "console", lambda m: note(f"console: {m.text[:300]}") if "Flet" in m.text else None
        )
        self.page.on(
            "framenavigated",
            lambda frame: note(f"navigated to {frame.url}") if frame.parent_frame is None else None,
        )

    def _only_localhost(self, route: Any) -> None:
        """The app must work with no network, and try none: anything not on this machine is
        refused and noted (the test then fails: ``OUTSIDE_REQUESTS``)."""
        if route.request.url.startswith("http://127.0.0.1"):
            route.continue_()
        else:
            self.outside_requests.append(route.request.url)
            OUTSIDE_REQUESTS.append(route.request.url)
            route.abort()

    def enable_accessibility(self) -> None:
        """Flutter builds its accessibility tree (what get_by_role reads) once asked to."""
        placeholder = self.page.locator("flt-semantics-placeholder")
        placeholder.wait_for(state="attached", timeout=60_000)
        placeholder.evaluate("element => element.click()")
        self.page.locator("flt-semantics-host flt-semantics").first.wait_for(
            state="attached", timeout=30_000
        )

    def button(self, name: str, *, exact: bool = True) -> Locator:
        return self.page.get_by_role("button", name=name, exact=exact)

    def text(self, text: str) -> Locator:
        """Text on screen: its own node, or part of a card that Flutter reads out as one label."""
        labelled = self.page.locator(f'flt-semantics-host [aria-label*="{text}"]')
        return self.page.get_by_text(text, exact=False).or_(labelled).first

    def type_into(self, field: Locator, text: str) -> None:
        """Focus the field first, as a finger would: Flutter connects its editor on focus. A
        screen that re-renders (a save just made) can move the field under a bar between
        finding it and the click: then it is brought into view again."""
        for attempt in range(3):
            try:
                field.click(timeout=5_000)
                break
            except PlaywrightTimeoutError:
                if attempt == 2:
                    raise
                self.reveal(field)
        self.page.wait_for_timeout(150)
        field.fill(text)

    def to_assignments(self) -> None:
        """Show the assignments list: a new tab (or a restart) reopens the audit the inspector
        was on, so go back from it first."""
        back, title = self.button("กลับไปหน้ารายการ"), self.text("งานตรวจประเมินที่ได้รับมอบหมาย")
        back.or_(title).first.wait_for(timeout=30_000)
        if back.count():
            back.click()
        title.wait_for()

    def textbox(self, name: str) -> Locator:
        """The field labelled exactly ``name``: a focused editor can carry a label holding
        the whole screen's text (names included), and a click on it lands on whatever lies
        at its middle."""
        return self.page.get_by_role("textbox", name=name, exact=True)

    def note_field(self, criterion_id: str) -> Locator:
        return self.page.get_by_role("group", name=f"{criterion_id} บันทึก").get_by_role("textbox")

    def field_text(self, field: Locator) -> str:
        """What a text field shows; Flutter puts it in the DOM once the field has focus."""
        field.click()
        self.page.wait_for_timeout(200)
        return field.input_value()

    def see(self, text: str, timeout: float = 15_000) -> None:
        self.text(text).wait_for(timeout=timeout)

    def reveal(self, locator: Locator, *, below: int | None = None) -> Locator:
        """Scroll the list until ``locator`` is on screen (lists build only what is near the
        view): towards it when it is built above or below, else down, then back up."""
        height = self.page.viewport_size["height"] if self.page.viewport_size else 800
        limit = below or height - 60
        step = 240
        for attempt in range(120):
            if attempt == 60:
                step = -240  # not found below: look above
            if locator.count():
                box = _box(locator.first)
                if box and 0 < box["y"] < limit and _on_top(locator.first, box):
                    return locator.first
                if box:
                    step = -240 if box["y"] <= height / 2 else 240  # covered: to the middle
            self.page.mouse.move(300, height * 0.6)
            self.page.mouse.wheel(0, step)
            self.page.wait_for_timeout(120)
        raise AssertionError(f"never came into view: {locator}")

    def press(self, name: str) -> None:
        """Click the button with this accessible name, scrolling it into view first."""
        self.reveal(self.button(name)).click()

    def shot(self, name: str) -> Path:
        """Save a screenshot once the page is painted (the accessibility tree can be ahead of
        the first painted frame; a blank page compresses to a few kilobytes).
        """
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        deadline = time.monotonic() + 10
        self.page.wait_for_timeout(400)  # let the last frame settle
        while len(self.page.screenshot(path=path)) < BLANK_PNG_BYTES:
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"the page stayed blank: {path}; what the app says it shows: "
                    f"{self.semantics_text()[:300]!r}; events: {self.events}"
                )
            self.page.wait_for_timeout(200)
        return path

    def semantics_text(self) -> str:
        """The text of the app's accessibility tree (what it reports on screen)."""
        host = self.page.locator("flt-semantics-host")
        return " ".join(host.all_inner_texts()).strip() if host.count() else ""

    def close(self) -> None:
        self.page.context.close()


def _box(locator: Locator) -> FloatRect | None:
    """The element's box, or None when the list rebuilt it while we looked (it is found again
    on the next pass); Playwright would otherwise wait its full timeout for the old node."""
    try:
        return locator.bounding_box(timeout=2_000)
    except PlaywrightTimeoutError:
        return None


def _on_top(locator: Locator, box: FloatRect) -> bool:
    """Whether a click at the element's middle reaches it, not a bar or button laid over it
    (a click there would wait its whole timeout for the cover to move)."""
    middle = [box["x"] + box["width"] / 2, box["y"] + min(box["height"], 40) / 2]
    try:
        reached: bool = locator.evaluate(_REACHED, middle, timeout=2_000)
    except PlaywrightTimeoutError:
        return False
    return reached


_REACHED = """(element, [x, y]) => {
  const top = document.elementFromPoint(x, y);
  return !!top && (top === element || element.contains(top) || top.contains(element));
}"""


CONTROL_ROLES = ("button", "checkbox", "radio", "switch", "link", "tab", "slider", "menuitem")
_LAYOUT_PROBE = """([roles, minimum]) => {
  const width = window.innerWidth, height = window.innerHeight;
  const found = {scroll: [], overflow: [], small: [], unnamed: [], merged: []};
  // The page must not pan sideways. (Flutter's text ruler, an off-screen <p>, makes the
  // scroll width large, but the body hides it: what counts is whether the page scrolls.)
  window.scrollTo(200, 0);
  if (window.scrollX !== 0) found.scroll.push(['window', window.scrollX]);
  window.scrollTo(0, 0);
  // A node half scrolled out of its list is clipped: measure only those wholly in view.
  const wholly_shown = (node, box) => {
    if (box.top <= 1 || box.bottom >= height - 1) return false;  // maybe cut by the window
    for (let up = node.parentElement; up; up = up.parentElement) {
      const style = getComputedStyle(up);
      if (!['scroll', 'auto', 'hidden'].includes(style.overflowY)) continue;
      const frame = up.getBoundingClientRect();
      if (box.top < frame.top - 0.5 || box.bottom > frame.bottom + 0.5) return false;
    }
    return true;
  };
  for (const node of document.querySelectorAll('flt-semantics')) {
    const box = node.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const role = node.getAttribute('role') || '';
    const label = (node.getAttribute('aria-label') || node.innerText || '').trim().slice(0, 70);
    // Laid-out content keeps a margin: a node that starts inside the page and reaches its
    // right edge, or passes either edge, was cut off there (Flutter clips, it does not scroll).
    if (box.left < -1 || box.right > width + 1 || (box.left > 2 && box.right >= width - 1)) {
      found.overflow.push([role, label, Math.round(box.left), Math.round(box.right)]);
    }
    // A text field's node is its editable line, not the drawn box around it: named, not sized.
    const input = node.querySelector(':scope > input, :scope > textarea');
    // A field is named by its one-line label. Flutter merges a field with no other field beside
    // it into the node around it: one text box named with every line of its card or screen.
    const field_name = input === null ? '' : input.getAttribute('aria-label') || '';
    if (field_name.includes('\\n')) found.merged.push([field_name.slice(0, 70)]);
    const control = roles.includes(role) || input !== null;
    if (!control || !wholly_shown(node, box)) continue;
    if (input === null && (box.height < minimum || box.width < minimum)) {
      found.small.push([role || 'textbox', label, Math.round(box.width), Math.round(box.height)]);
    }
    const named = label || (input && input.getAttribute('aria-label'));
    if (!named) found.unnamed.push([role || 'textbox', Math.round(box.left), Math.round(box.top)]);
  }
  return found;
}"""


def layout_problems(page: Page, *, minimum: float = 47.5) -> dict[str, list[list[object]]]:
    """What breaks the touch and layout rules on the page as it stands, read from Flutter's
    accessibility tree: a page that pans sideways (``scroll``), a node cut off at an
    edge (``overflow``), a control on screen under ``minimum`` px tall or wide (``small``), a
    control with no accessible name (``unnamed``), a text field merged with the text around it
    (``merged``). Empty lists: all is well."""
    found: dict[str, list[list[object]]] = page.evaluate(
        _LAYOUT_PROBE, [list(CONTROL_ROLES), minimum]
    )
    return found
