"""Fixtures for the UI tests: services over a real device database, with or without the demo."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from playwright.sync_api import Browser, sync_playwright

from field_audit.app import Services
from field_audit.domain.edition import Edition
from field_audit.storage.database import Database
from field_audit.storage.demo import load_demo_data
from field_audit.ui.state.notices import LOGGED_AS_SHOWN, Notices
from field_audit.ui.state.session import AppState
from field_audit.ui.state.writer import SerialWriter
from tests.ui.browser import OUTSIDE_REQUESTS, RunningApp, launch_chromium


@pytest.fixture
def services(db: Database, edition: Edition) -> Services:
    """An empty device: no profile, no assignments."""
    return Services(db, edition, central_url=None)


@pytest.fixture
def demo_services(services: Services, edition: Edition) -> Services:
    assert load_demo_data(services.db, edition)
    return services


@pytest.fixture
def writer() -> Iterator[SerialWriter]:
    serial = SerialWriter()
    yield serial
    serial.close()


@pytest.fixture
def app(demo_services: Services, writer: SerialWriter) -> AppState:
    """The demo inspector's session, on the assignments screen."""
    return AppState(demo_services, Notices(), writer)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, launched once for a module's pages (a module may ask for another)."""
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def running(tmp_path: Path) -> Iterator[RunningApp]:
    """``field-audit app`` on a fresh device with the demo, for one test."""
    app = RunningApp(tmp_path / "data").start()
    yield app
    app.stop()


@pytest.fixture(autouse=True)
def nothing_leaves_the_machine() -> Iterator[None]:
    """Any browser page asking for anything off this machine fails the test, naming what (the
    page is refused it too: ``Screen._only_localhost``). Checked after every other fixture's
    teardown, so pages opened and closed by fixtures count as well."""
    OUTSIDE_REQUESTS.clear()
    yield
    asked, OUTSIDE_REQUESTS[:] = list(OUTSIDE_REQUESTS), []
    assert not asked, "the page asked for addresses off this machine:\n" + "\n".join(asked)


TRACEBACK = "Traceback (most recent call last):"


@pytest.fixture(autouse=True)
def no_unhandled_error_in_the_apps_log(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test that ran the app (its log beside the data folder, ``RunningApp``) fails if the
    app logged an error it did not show the inspector: one no handler caught, or a session
    whose receive loop died, which leaves the page on screen but deaf."""
    yield
    folder = request.node.funcargs.get("tmp_path")
    if not isinstance(folder, Path):
        return
    for log in sorted(folder.rglob("app-*.log")):
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
        for number, line in enumerate(lines):
            unhandled = line == TRACEBACK and (number == 0 or lines[number - 1] != LOGGED_AS_SHOWN)
            shown = "\n".join(lines[max(0, number - 2) : number + 30])
            assert not unhandled, f"{log.name}:\n{shown}"
            assert "Receive loop error" not in line, f"{log.name}:\n{shown}"


T = TypeVar("T")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run one of the state's async methods to completion, as the UI's event loop would."""
    return asyncio.run(coroutine)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """A failed browser test's report shows what its open pages saw (see ``Screen._watch``)."""
    from tests.ui.browser import SCREENS_OPENED

    if call.when == "setup":
        SCREENS_OPENED.clear()
    report = yield
    if report.failed and call.when == "call":
        for number, screen in enumerate(SCREENS_OPENED):
            report.sections.append((f"browser page {number} events", "\n".join(screen.events)))
    return report
