"""How fast the inspector UI answers, in headless Debian Chromium driven by Playwright:

- start: from launching ``field-audit app --web`` to the assignments list on screen
  (target <= 3 s; the browser is already open, as it is on an inspector's laptop);
- verdict: from a click on a verdict button to the score panel showing the new score, for
  each of the 60 criteria (targets: median <= 100 ms, p95 <= 200 ms). Timed inside the page:
  from the click event to the frame after the new score reaches the page.

Run: ``.venv/bin/python -m scripts.bench.ui [--clicks 60] [--pause 0.3]``
Needs /usr/bin/chromium (``apt-get install chromium``).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

from tests.ui.browser import RunningApp, Screen, launch_chromium

START_TARGET_S = 3.0
MEDIAN_TARGET_MS = 100.0
P95_TARGET_MS = 200.0

# Click the button, then resolve once the score text is on the page and a frame has followed.
CLICK_TO_SCORE_JS = """([label, expected]) => new Promise((resolve, reject) => {
  const host = document.querySelector('flt-semantics-host');
  const button = [...host.querySelectorAll('[role=button]')]
    .find(element => element.textContent.trim() === label);
  if (!button) { reject('no button ' + label); return; }
  const shown = () => [...host.querySelectorAll('span')]
    .some(span => span.textContent.trim() === expected);
  const started = performance.now();
  const observer = new MutationObserver(() => {
    if (!shown()) return;
    observer.disconnect();
    requestAnimationFrame(() => resolve(performance.now() - started));
  });
  observer.observe(host, {subtree: true, childList: true, characterData: true});
  button.click();
  setTimeout(() => { observer.disconnect(); reject('no new score for ' + label); }, 5000);
})"""


def time_start(screen_page: Page, app: RunningApp) -> float:
    """Seconds from the process start to the assignments list in the accessibility tree."""
    app.start(wait=False)
    app.wait_until_serving()
    screen = Screen(screen_page)
    screen_page.context.route("**/*", screen._only_localhost)
    screen_page.goto(app.url)
    screen.enable_accessibility()
    screen.see("เทศบาลนครเชียงใหม่", timeout=30_000)
    return time.perf_counter() - app.started_at


def time_verdicts(screen: Screen, clicks: int, pause: float) -> list[float]:
    screen.text("เทศบาลนครเชียงใหม่").click()
    screen.see("ประเมินแล้ว 0/60")
    rows = [f"B{i:02}" for i in range(1, 41)] + [f"A{i:02}" for i in range(1, 21)]
    points, times = 0, []
    for criterion_id in rows[:clicks]:
        label = f"{criterion_id} ผ่าน"
        screen.reveal(screen.button(label))
        points += 1 if criterion_id.startswith("B") else 2
        times.append(screen.page.evaluate(CLICK_TO_SCORE_JS, [label, f"คะแนน {points}/80"]))
        screen.page.wait_for_timeout(pause * 1000)  # an inspector reads before the next tap
    return times


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def verdict_line(name: str, value: float, target: float, unit: str) -> str:
    ok = "ok" if value <= target else "MISSED"
    return f"{name:34} {value:8.0f} {unit}   target <= {target:.0f} {unit}  {ok}"


def time_starts(
    browser: Browser, data_dir: Path, runs: int
) -> tuple[list[float], RunningApp, Page]:
    """Start the app ``runs`` times on the same data folder (the first run creates it), each in
    a fresh browser context; the last app and page stay open for the verdict clicks.
    """
    starts: list[float] = []
    for run in range(runs):
        page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
        app = RunningApp(data_dir)
        starts.append(time_start(page, app))
        if run < runs - 1:
            page.context.close()
            app.stop()
    return starts, app, page


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clicks", type=int, default=60)
    parser.add_argument("--starts", type=int, default=3, help="app starts to time")
    parser.add_argument("--pause", type=float, default=0.3, help="seconds between clicks")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        starts, app, page = time_starts(browser, Path(folder) / "data", max(1, options.starts))
        try:
            times = time_verdicts(Screen(page), options.clicks, options.pause)
        finally:
            app.stop()
            browser.close()
    started = statistics.median(starts)
    runs = ", ".join(f"{s:.2f}" for s in starts)
    print(
        f"{'start -> assignments list, median':34} {started:8.2f} s    target <= "
        f"{START_TARGET_S:.0f} s  {'ok' if started <= START_TARGET_S else 'MISSED'}  ({runs})"
    )
    print(
        verdict_line(
            f"verdict -> score, median of {len(times)}",
            statistics.median(times),
            MEDIAN_TARGET_MS,
            "ms",
        )
    )
    print(verdict_line("verdict -> score, p95", percentile(times, 0.95), P95_TARGET_MS, "ms"))
    print(f"{'verdict -> score, max':34} {max(times):8.0f} ms")


if __name__ == "__main__":
    main()
