"""How fast an audit with all criteria and 120 photo thumbnails opens in the inspector UI
(target <= 1.5 s), in headless Debian Chromium driven by Playwright.

The data folder is prepared before the app starts: the demo, every criterion of Chiang Mai's
audit answered, and 120 photos (five on each of the 24 criteria that need one; 1600x1200,
textured like phone photos, so thumbnails weigh 10-20 KB) taken in through ``attach_photos``.
Timed inside the page, from the click on the assignment to the frame after the first criterion's
thumbnails reach the page (the audit comes in one update with every thumbnail's bytes). Each
open after the first goes back to the list and opens the audit again; the first open also pays
for loading Flet's image and dialog controls.

Run: ``.venv/bin/python -m scripts.bench.ui_photos [--photos 120] [--opens 5]``
Needs /usr/bin/chromium (``apt-get install chromium``).
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter
from playwright.sync_api import sync_playwright

from field_audit.attach import attach_photos
from field_audit.device import open_device
from field_audit.domain.answers import Verdict
from field_audit.domain.edition import load_bundled_edition
from field_audit.evidence.store import Kind
from field_audit.storage.audits import open_audit, record_verdict
from field_audit.storage.demo import DEMO_INSPECTOR_ID, load_demo_data
from field_audit.storage.photos import photos_of
from tests.ui.browser import RunningApp, Screen, launch_chromium

TARGET_S = 1.5
SIZE = (1600, 1200)
LAO = "เทศบาลนครเชียงใหม่"

# Click the assignment; note when the audit is on the page, then resolve once the first
# criterion's first thumbnail (an image named "ภาพ B02 ที่ 1") is there and a frame has followed.
CLICK_TO_AUDIT_JS = """([name, audit, image]) => new Promise((resolve, reject) => {
  const host = document.querySelector('flt-semantics-host');
  const card = [...host.querySelectorAll('[flt-tappable]')]
    .find(element => element.textContent.includes(name)
      || (element.getAttribute('aria-label') || '').includes(name));
  if (!card) { reject('no assignment ' + name); return; }
  const opened = () => [...host.querySelectorAll('span, flt-semantics')]
    .some(element => element.textContent.trim() === audit);
  const pictured = () => host.querySelector(`[role=img][aria-label="${image}"]`);
  const started = performance.now();
  let audited = null;
  const observer = new MutationObserver(() => {
    if (audited === null && opened()) audited = performance.now() - started;
    if (!pictured()) return;
    observer.disconnect();
    requestAnimationFrame(() => requestAnimationFrame(
      () => resolve([audited ?? performance.now() - started, performance.now() - started])));
  });
  observer.observe(host, {subtree: true, childList: true, characterData: true, attributes: true});
  card.click();
  setTimeout(() => { observer.disconnect(); reject('the audit did not open'); }, 15000);
})"""


def photo(seed: int) -> bytes:
    """A 1600x1200 JPEG with gradients, shapes and grain (its thumbnail weighs 10-20 KB)."""
    rnd = random.Random(seed)
    gradient = Image.linear_gradient("L").resize(SIZE)
    base = Image.merge("RGB", (gradient, Image.radial_gradient("L").resize(SIZE), gradient))
    draw = ImageDraw.Draw(base)
    for _ in range(70):
        x, y, s = rnd.randrange(SIZE[0]), rnd.randrange(SIZE[1]), rnd.randrange(20, 300)
        colour = (rnd.randrange(256), rnd.randrange(256), rnd.randrange(256))
        draw.ellipse((x, y, x + s, y + s * 0.7), fill=colour)
        draw.line((x, y, rnd.randrange(SIZE[0]), rnd.randrange(SIZE[1])), fill=colour, width=5)
    grain = Image.effect_noise(SIZE, 50).filter(ImageFilter.GaussianBlur(0.6))
    picture = Image.blend(base, Image.merge("RGB", (grain, grain, grain)), 0.25)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


def prepare(data_dir: Path, count: int) -> tuple[int, float]:
    """The demo with Chiang Mai answered and ``count`` photos attached; returns the number of
    photos and the thumbnails' mean size in KB."""
    edition = load_bundled_edition()
    device = open_device(data_dir)
    load_demo_data(device.db, edition)
    audit = open_audit(
        device.db, assignment_id="a-cm", inspector_id=DEMO_INSPECTOR_ID, edition=edition
    ).id
    for criterion in edition.criteria:
        record_verdict(device.db, audit, criterion.id, Verdict.MET, by=DEMO_INSPECTOR_ID)
    needing = [c.id for c in edition.criteria if c.photo_required]
    for number, criterion_id in enumerate(needing):
        share = count // len(needing) + (1 if number < count % len(needing) else 0)
        sources = [photo(number * 100 + k) for k in range(share)]
        attach_photos(
            device.db, device.photos, (audit, criterion_id), sources, by=DEMO_INSPECTOR_ID
        ).result()
    records = photos_of(device.db, audit)
    sizes = [
        device.photos.path(r.thumb_sha256, kind=Kind.THUMBNAIL).stat().st_size for r in records
    ]
    device.close()
    return len(records), statistics.mean(sizes) / 1024 if sizes else 0.0


def time_opens(app: RunningApp, opens: int, shot: Path | None) -> list[tuple[float, float]]:
    """(audit on screen, first thumbnails on screen) in seconds, for each open."""
    times = []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        screen = Screen.open(browser, app.url)
        try:
            screen.see(LAO, timeout=30_000)
            for run in range(opens):
                screen.text(LAO).wait_for()
                screen.page.wait_for_timeout(300)
                audit, pictured = screen.page.evaluate(
                    CLICK_TO_AUDIT_JS, [LAO, "ประเมินแล้ว 60/60", "ภาพ B02 ที่ 1"]
                )
                times.append((audit / 1000, pictured / 1000))
                if run == 0 and shot is not None:
                    screen.page.mouse.move(1, 400)
                    screen.page.wait_for_timeout(500)
                    screen.page.screenshot(path=str(shot))
                screen.button("กลับไปหน้ารายการ").click()
                screen.see(LAO)
                screen.page.wait_for_timeout(300)
        finally:
            screen.close()
            browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--photos", type=int, default=120)
    parser.add_argument("--opens", type=int, default=5, help="times the audit is opened")
    parser.add_argument("--shot", type=Path, help="save a screenshot of the first open here")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "data"
        started = time.perf_counter()
        count, thumb_kb = prepare(data_dir, options.photos)
        prepared = time.perf_counter() - started
        app = RunningApp(data_dir).start()
        try:
            times = time_opens(app, max(1, options.opens), options.shot)
        finally:
            app.stop()
    print(f"prepared {count} photos (thumbnails {thumb_kb:.1f} KB on average) in {prepared:.1f} s")
    report("audit on screen", [audit for audit, _ in times], count)
    report("audit + first thumbnails on screen", [pictured for _, pictured in times], count)


def report(what: str, times: list[float], count: int) -> None:
    median = statistics.median(times)
    ok = "ok" if max(times) <= TARGET_S else "MISSED"
    runs = ", ".join(f"{t:.2f}" for t in times)
    print(
        f"{what + f' ({count} photos), median':50} {median:5.2f} s  target <= {TARGET_S} s  {ok}"
        f"  ({runs})"
    )


if __name__ == "__main__":
    main()
