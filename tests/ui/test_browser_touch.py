"""Touch and layout on every screen, at a tablet in portrait (800x1280) and a laptop
(1280x800), in Thai and once in English: nothing cut off at an edge (the scroll width and every
node of Flutter's accessibility tree within the viewport), every control on screen at least
48 px tall and wide, every button named. A screenshot of each screen goes to
artifacts/screenshots/tour-*.png for a person to look at.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import Browser
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from field_audit.attach import attach_photos
from field_audit.domain.edition import load_bundled_edition
from field_audit.evidence.store import PhotoStore
from field_audit.signing import create_identity, keys_dir_in
from field_audit.storage.audits import open_audit
from field_audit.storage.database import open_database
from field_audit.storage.demo import DEMO_INSPECTOR_ID, load_demo_data
from field_audit.ui.i18n import tr
from tests.seal.conftest import CHEAP, PASSPHRASE, complete_audit
from tests.ui.browser import (
    CHROMIUM,
    LAPTOP,
    TABLET,
    RunningApp,
    Screen,
    layout_problems,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="needs Debian's Chromium at /usr/bin/chromium (apt-get install chromium)",
    ),
]

ROUNDS = [("th", TABLET), ("th", LAPTOP), ("en", LAPTOP)]
CHIANG_MAI = {"th": "เทศบาลนครเชียงใหม่", "en": "Chiang Mai City Municipality"}
KHON_KAEN = {"th": "เทศบาลนครขอนแก่น", "en": "Khon Kaen City Municipality"}


@pytest.fixture(scope="module")
def visit(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    """The demo with a key, a photo on Chiang Mai's B02 and Khon Kaen's audit ready to seal."""
    data = tmp_path_factory.mktemp("tour") / "data"
    edition = load_bundled_edition("gecc-2560")
    db = open_database(data)
    load_demo_data(db, edition)
    create_identity(keys_dir_in(data), PASSPHRASE, kdf=CHEAP)
    store = PhotoStore.open(data / "evidence")
    complete_audit(db, edition, "a-kk", store=store)
    audit = open_audit(db, assignment_id="a-cm", inspector_id=DEMO_INSPECTOR_ID, edition=edition)
    attach_photos(db, store, (audit.id, "B02"), [_photo()], by=DEMO_INSPECTOR_ID).result()
    db.close()
    app = RunningApp(data, demo=False).start()
    yield app
    app.stop()


def _photo() -> bytes:
    image = Image.new("RGB", (1600, 1200), (60, 120, 180))
    draw = ImageDraw.Draw(image)
    for step in range(12):
        draw.rectangle(
            (100 * step, 80 * step, 100 * step + 300, 80 * step + 200), fill=(200, 90, 40)
        )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def to_english(screen: Screen, english: str) -> None:
    """Switch the app to English and wait until ``english`` shows. A tap in the first moments
    after the accessibility tree is switched on can go to its focus instead: tap once more."""
    switch = screen.button(tr("app.switch_language_label", "th"))
    switch.click()
    try:
        screen.see(english, timeout=5_000)
    except PlaywrightTimeoutError:
        switch.click()
        screen.see(english)


class Tour:
    """One screen after another at one size and language, noting every problem found."""

    def __init__(self, screen: Screen, lang: str, size: tuple[int, int]) -> None:
        self.screen, self.lang, self.size = screen, lang, size
        self.problems: list[str] = []
        self.shots: list[Path] = []

    def t(self, key: str, **values: object) -> str:
        return tr(key, self.lang, **values)

    def check(self, name: str) -> None:
        self.screen.page.mouse.move(1, self.size[1] // 2)  # no hover tooltip in the picture
        width, height = self.size
        self.shots.append(self.screen.shot(f"tour-{name}-{self.lang}-{width}x{height}"))
        for kind, items in layout_problems(self.screen.page).items():
            self.problems += [
                f"{name} {self.lang} {width}x{height}: {kind} {item}" for item in items
            ]

    def press(self, key: str, **values: object) -> None:
        self.screen.press(self.t(key, **values))

    def see(self, key: str, **values: object) -> None:
        self.screen.see(self.t(key, **values), timeout=30_000)


@pytest.mark.parametrize(("lang", "size"), ROUNDS, ids=["th-tablet", "th-laptop", "en-laptop"])
def test_every_screen_fits_and_every_control_is_big_and_named(
    browser: Browser, visit: RunningApp, lang: str, size: tuple[int, int]
) -> None:
    screen = Screen.open(browser, visit.url, size)
    tour = Tour(screen, lang, size)
    try:
        screen.see(CHIANG_MAI["th"], timeout=60_000)
        if lang == "en":
            to_english(screen, CHIANG_MAI["en"])
        tour.check("assignments")
        for opener, title in (("key.menu", "key.title"), ("sync.open", "sync.title"),
                              ("cert.open", "cert.title")):  # fmt: skip
            tour.press(opener)
            tour.see(title)
            tour.check(opener.split(".")[0])
            tour.press("app.back_short")
            screen.see(CHIANG_MAI[lang])
        the_audit_and_its_dialogs(tour)
        the_seal_screens(tour)
    finally:
        screen.close()
    assert not tour.problems, "\n".join(tour.problems)
    assert len(tour.shots) == 12


def the_audit_and_its_dialogs(tour: Tour) -> None:
    screen = tour.screen
    screen.text(CHIANG_MAI[tour.lang]).click()
    screen.button(f"B01 {tour.t('audit.met')}").wait_for()
    tour.check("audit")
    tour.press("photos.thumb_label", id="B02", number=1)
    tour.see("photos.title", id="B02", number=1, count=1)
    tour.check("photo-dialog")
    screen.button(tour.t("photos.close")).click()
    tour.press("camera.take_label", id="B01")
    tour.see("camera.title", id="B01")
    screen.button(tour.t("camera.done")).wait_for()
    tour.check("camera-dialog")
    screen.button(tour.t("camera.done")).click()
    tour.press("records.add_label.interview", id="B01")
    screen.button(tour.t("records.cancel")).wait_for()
    tour.check("record-dialog")
    screen.button(tour.t("records.cancel")).click()
    tour.press("share.change")
    screen.button(tour.t("share.cancel")).wait_for()
    tour.check("share-dialog")
    screen.button(tour.t("share.cancel")).click()
    tour.press("committee.open")
    tour.see("committee.title")
    tour.check("committee")
    tour.press("app.back_short")
    screen.button(f"B01 {tour.t('audit.met')}").wait_for()


def the_seal_screens(tour: Tour) -> None:
    screen = tour.screen
    tour.press("seal.action")
    tour.see("seal.title")
    tour.check("seal-missing")
    tour.press("seal.back")
    tour.press("app.back")
    screen.text(KHON_KAEN[tour.lang]).click()
    tour.press("seal.action")
    screen.page.locator(f'input[aria-label="{tour.t("seal.passphrase")}"]').wait_for()
    tour.check("seal-ready")
    tour.press("seal.back")
    tour.press("app.back")
    screen.see(CHIANG_MAI[tour.lang])


@pytest.mark.parametrize(("lang", "size"), ROUNDS, ids=["th-tablet", "th-laptop", "en-laptop"])
def test_the_first_run_screens_fit_too(
    browser: Browser, tmp_path: Path, lang: str, size: tuple[int, int]
) -> None:
    """A new device: the welcome screen, then the key made with its passphrase fields."""
    app = RunningApp(tmp_path / "fresh", demo=False).start()
    screen = Screen.open(browser, app.url, size)
    tour = Tour(screen, lang, size)
    try:
        screen.see(tr("start.title", "th"), timeout=60_000)
        if lang == "en":
            to_english(screen, tr("start.title", "en"))
        tour.check("start")
        screen.type_into(screen.textbox(tour.t("start.name")), "นางสาวกานดา มีสุข")
        screen.type_into(screen.textbox(tour.t("start.position")), "นักวิเคราะห์นโยบายและแผน")
        screen.button(tour.t("start.save")).click()
        tour.see("key.title")
        screen.button(tour.t("passphrase.show")).first.wait_for()
        tour.check("key-create")
        screen.button(tour.t("passphrase.show")).first.click()
        screen.button(tour.t("passphrase.hide")).wait_for()  # the eye shows what was typed
    finally:
        screen.close()
        app.stop()
    assert not tour.problems, "\n".join(tour.problems)
