"""How quickly the inspector app starts and opens an audit, empty and after a year of work,
against the floor a minimal Flet app sets when served the same way; in headless Debian Chromium.

Every start is a cold process (a new ``field-audit app --web``) and a new browser context (no
cached files), timed from launching the process to the first screen's text in the page and
painted (the screenshot shows dark text):

- floor: ``scripts.bench.floor_app``, one line of text, the same web client;
- start -> assignments list, on a device with only the demo's assignments (no audits, no
  photos) and on a year of work (``scripts.bench.year``: 3 rounds, 50 audits, 3,000 photos);
- opening the largest audit (150 photos) just after that start: from the click to the audit on
  screen, and to its first thumbnails painted (the first open in the process, so the coldest);

then, on the demo device, click -> score for every criterion (``scripts.bench.ui``) and
attaching one 12-MP photo through the file chooser, from the files chosen to the photo's line
in the import report. Medians of ``--runs`` (5) unless said; the three kinds of start take turns.

Our modules' bytecode is compiled first, as Python leaves it after an app's first start (or a
wheel's install), even where the environment says not to write it (``PYTHONDONTWRITEBYTECODE``):
the figures are for every start but the very first after an update.

Targets: start <= 3 s and <= 1.5x the floor; open <= 1.5 s; click -> score median <= 100 ms,
p95 <= 200 ms.

Run: ``python -m scripts.bench.ui_year [--runs 5] [--year DIR]`` (``--year`` keeps the built
year in DIR, and reuses it when there: building it takes a few minutes).
"""

from __future__ import annotations

import argparse
import compileall
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image
from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright

from field_audit.device import open_device
from field_audit.domain.edition import load_bundled_edition
from field_audit.storage.demo import load_demo_data
from field_audit.storage.settings import write_place
from field_audit.ui.state.assignments import first_page
from scripts.bench.floor_app import TEXT as FLOOR_TEXT
from scripts.bench.sample_photos import make_photos
from scripts.bench.ui import percentile, time_verdicts
from scripts.bench.ui_photos import CLICK_TO_AUDIT_JS
from scripts.bench.year import (
    AUDITS,
    DEMO_EDITION,
    LARGEST_PHOTOS,
    PHOTOS,
    Year,
    build_year,
)
from tests.ui.browser import (
    OUTSIDE_REQUESTS,
    REPO,
    RunningApp,
    Screen,
    free_port,
    launch_chromium,
)

LAO = "เทศบาลนครเชียงใหม่"  # on the demo device
LARGEST_LAO = "เทศบาลนครนนทบุรี"  # the year's largest audit, first in its list
DARK = 100  # a pixel this dark (0-255) is text: the page is painted
START_TARGET_S = 3.0
FLOOR_RATIO = 1.5
OPEN_TARGET_S = 1.5
VIEWPORT: ViewportSize = {"width": 1280, "height": 800}  # a laptop's window


def start_and_see(
    browser: Browser, launch: Callable[[], float], url: str, text: str
) -> tuple[Screen, float]:
    """Launch (which returns its start time), load the page in a fresh context and wait for
    ``text``; returns the screen and the seconds from the launch to the text."""
    started = launch()
    wait_for_http(url)
    page = browser.new_context(viewport=VIEWPORT).new_page()
    screen = Screen(page)
    page.context.route("**/*", screen._only_localhost)
    page.goto(url)
    screen.enable_accessibility()
    screen.see(text, timeout=60_000)
    wait_until_painted(page)
    return screen, time.perf_counter() - started


def wait_until_painted(page: Page, timeout: float = 30.0) -> None:
    """Until the screen shows dark text: the accessibility tree can be a second ahead of the
    first painted frame (drawing it: fonts, shaders), for the floor as for the app."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        grey = Image.open(io.BytesIO(page.screenshot())).convert("L")
        if any(grey.histogram()[:DARK]):  # pixels darker than DARK
            return
    raise TimeoutError("the page was never painted")


def wait_for_http(url: str, timeout: float = 60.0) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.02)
    raise TimeoutError(url)


def time_floor(browser: Browser) -> float:
    port = free_port()
    started = 0.0
    process: subprocess.Popen[bytes] | None = None

    def launch() -> float:
        nonlocal started, process
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "scripts.bench.floor_app", str(port)],
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        return started

    try:
        screen, seconds = start_and_see(browser, launch, f"http://127.0.0.1:{port}/", FLOOR_TEXT)
        screen.page.context.close()
        return seconds
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=10)


def time_app(browser: Browser, data_dir: Path, *, year: Year | None) -> tuple[float, float, float]:
    """(start -> list, click -> audit on screen, click -> first thumbnails) in seconds; the
    open times are 0 unless given the ``year`` on ``data_dir`` (the demo's seven else)."""
    forget_the_place(data_dir)  # else the app reopens the audit the last run opened
    app = RunningApp(data_dir)

    def launch() -> float:
        app.start(wait=False)
        return app.started_at

    try:
        listed = year.audits if year else 7
        count = f"{min(listed, first_page(VIEWPORT['height']))} จาก {listed} รายการ"  # page 1
        screen, started = start_and_see(browser, launch, app.url, count)
        opened = pictured = 0.0
        if year:
            screen.text(LARGEST_LAO).wait_for()
            screen.page.wait_for_timeout(300)
            audit, first = screen.page.evaluate(
                CLICK_TO_AUDIT_JS, [LARGEST_LAO, "ประเมินแล้ว 60/60", "ภาพ B01 ที่ 1"]
            )
            opened, pictured = audit / 1000, first / 1000
        screen.page.context.close()
        return started, opened, pictured
    finally:
        app.stop()


def forget_the_place(data_dir: Path) -> None:
    device = open_device(data_dir)
    try:
        write_place(device.db, None)
    finally:
        device.close()


def time_answering(browser: Browser, data_dir: Path, photo: Path) -> tuple[list[float], float]:
    """Click -> score for the 60 criteria, then one 12-MP photo attached (seconds)."""
    app = RunningApp(data_dir).start()
    screen = Screen.open(browser, app.url)
    try:
        screen.see(LAO, timeout=30_000)
        clicks = time_verdicts(screen, 60, 0.3)
        button = screen.reveal(screen.button("เพิ่มภาพ A20"))  # the last clicked, on screen
        with screen.page.expect_file_chooser() as chooser:
            button.click()
        chosen = time.perf_counter()
        chooser.value.set_files([str(photo)])
        screen.see(f"{photo.name}:", timeout=60_000)
        return clicks, time.perf_counter() - chosen
    finally:
        screen.close()
        app.stop()


def line(what: str, values: list[float], unit: str = "s", target: str = "") -> str:
    shown = ", ".join(f"{v:.2f}" for v in values)
    return f"{what:44} {statistics.median(values):6.2f} {unit}  {target:22} ({shown})"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--year", type=Path, help="keep (or reuse) the year's device here")
    options = parser.parse_args()
    for package in ("field_audit", "sync"):
        compileall.compile_dir(REPO / package, quiet=1)
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        root = Path(folder)
        year_dir = options.year or root / "year"
        year = Year(AUDITS, PHOTOS, LARGEST_LAO, LARGEST_PHOTOS)  # as built before
        if not (year_dir / "field-audit.sqlite3").exists():
            built = time.perf_counter()
            year = build_year(year_dir)
            print(
                f"built a year: {year.audits} audits, {year.photos} photos, the largest "
                f"({year.largest_lao}) {year.largest_photos}, in {time.perf_counter() - built:.0f}s"
            )
        demo_dir = root / "demo"
        demo = open_device(demo_dir)  # as the app loads it, once, on an inspector's device
        load_demo_data(demo.db, load_bundled_edition(DEMO_EDITION))
        demo.close()
        browser = launch_chromium(playwright)
        found = Figures()
        for _ in range(options.runs):
            found.floor.append(time_floor(browser))
            found.empty.append(time_app(browser, demo_dir, year=None)[0])
            started, opened, pictured = time_app(browser, year_dir, year=year)
            found.year.append(started)
            found.opened.append(opened)
            found.pictured.append(pictured)
        report_starts(found)
        answer_dir = root / "answer"
        shutil.copytree(demo_dir, answer_dir)
        photo = make_photos(root, 1)[0]
        found.clicks, found.attach = time_answering(browser, answer_dir, photo)
        found.photo_bytes = photo.stat().st_size
        browser.close()
    report_answering(found)
    if OUTSIDE_REQUESTS:
        raise SystemExit(f"the page asked for addresses off this machine: {OUTSIDE_REQUESTS}")


@dataclass
class Figures:
    floor: list[float] = field(default_factory=list)
    empty: list[float] = field(default_factory=list)
    year: list[float] = field(default_factory=list)
    opened: list[float] = field(default_factory=list)
    pictured: list[float] = field(default_factory=list)
    clicks: list[float] = field(default_factory=list)
    attach: float = 0.0
    photo_bytes: int = 0


def report_starts(found: Figures) -> None:
    base = statistics.median(found.floor)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    print(line("floor: minimal Flet app -> its text", found.floor))
    for what, values in (
        ("start -> list, demo only", found.empty),
        ("start -> list, a year", found.year),
    ):
        ratio = statistics.median(values) / base
        ok = statistics.median(values) <= START_TARGET_S and ratio <= FLOOR_RATIO
        print(line(what, values, target=f"{ratio:.2f}x floor {'ok' if ok else 'MISSED'}"))
    ok = statistics.median(found.pictured) <= OPEN_TARGET_S
    print(line(f"open the largest audit ({LARGEST_PHOTOS} photos)", found.opened))
    print(line("  ... with its first thumbnails", found.pictured, target="ok" if ok else "MISSED"))


def report_answering(found: Figures) -> None:
    clicks = found.clicks
    print(
        f"{'click -> score (60 clicks)':44} median {statistics.median(clicks):.0f} ms, "
        f"p95 {percentile(clicks, 0.95):.0f} ms"
    )
    print(
        f"{'attach one 12-MP photo (chosen -> listed)':44} {found.attach:6.2f} s  "
        f"({found.photo_bytes / 1e6:.1f} MB JPEG)"
    )


if __name__ == "__main__":
    main()
