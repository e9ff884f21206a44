"""Fixtures of the console's tests: the server tests' world, and officers of every role."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fastapi import FastAPI

from sync.server.central import Central
from tests.server.console.office import Office, make_officers
from tests.server.helpers import Api, World


@pytest.fixture
def officers(central: Central) -> None:
    make_officers(central)


@pytest.fixture
def office(api: Api, app: FastAPI, officers: None) -> Iterator[Callable[[str], Office]]:
    """Sign in as a username of ``office.OFFICERS``: a browser of that officer."""
    opened: list[Office] = []

    def signed_in(username: str) -> Office:
        browser = Office.over(api, app)
        assert browser.log_in(username).status_code == 303
        opened.append(browser)
        return browser

    yield signed_in
    for browser in opened:
        browser.close()


@pytest.fixture
def anonymous(api: Api, app: FastAPI) -> Iterator[Office]:
    browser = Office.over(api, app)
    yield browser
    browser.close()


@pytest.fixture
def round_world(world: World) -> World:
    return world
