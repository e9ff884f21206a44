"""A database the store cannot reach: 503 DATABASE_UNAVAILABLE with Retry-After (JSON), and on
/verify a page in Thai (or English) asking to try again shortly, never a plain-text 500.

The database is really unreachable: a PostgreSQL URL whose port nobody listens on, or an SQLite
"file" that is a folder. The engine is the store's own (``make_engine``); the store is built
over it as ``open_central`` builds it, only without the schema check that needs the database."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy.engine import make_url

from sync.server.api.handlers import DATABASE_RETRY_SECONDS
from sync.server.app import build_app
from sync.server.blobs import LocalBlobStore
from sync.server.central import Central
from sync.server.database import make_engine
from sync.server.issuer import Issuer
from sync.server.settings import Settings
from tests.server.helpers import Api, Device, admin_headers


def closed_port() -> int:
    """A port on loopback that nothing listens on (bound, then closed)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.fixture
def unreachable_url(database_url: str, tmp_path: Path) -> str:
    if database_url.startswith("sqlite"):
        folder = tmp_path / "central.sqlite3.d"
        folder.mkdir()
        return f"sqlite:///{folder}"  # a folder where the file should be: cannot be opened
    url = make_url(database_url).set(host="127.0.0.1", port=closed_port())
    return url.render_as_string(hide_password=False)


@pytest.fixture
def api(settings: Settings, unreachable_url: str) -> Iterator[Api]:
    central = Central(
        settings=settings.replace(database_url=unreachable_url),
        engine=make_engine(unreachable_url, pool_size=1),
        blobs=LocalBlobStore(settings.blob_path),
        issuer=Issuer(None, None),
    )
    client = Api(build_app(central))
    yield client
    client.close()
    central.close()


def assert_try_later(answer: httpx.Response) -> None:
    assert answer.status_code == 503, answer.text
    assert answer.headers["Retry-After"] == str(DATABASE_RETRY_SECONDS)


def test_the_api_answers_503_database_unavailable(api: Api) -> None:
    answers = [
        Device(api, "insp-a", "ผู้ตรวจ").get("/v1/me"),
        api.request("GET", f"/v1/admin/results/{'a' * 64}", headers=admin_headers()),
    ]
    for answer in answers:
        assert_try_later(answer)
        assert answer.headers["content-type"] == "application/json"
        assert answer.json() == {
            "code": "DATABASE_UNAVAILABLE",
            "message": "the central store cannot reach its database just now: try again shortly",
            "details": {},
        }


def test_the_verify_page_asks_to_try_again_shortly(api: Api) -> None:
    thai = api.request("GET", "/verify?ref=GECC-2560-50-0001")
    assert_try_later(thai)
    assert thai.headers["content-type"].startswith("text/html")
    assert 'data-code="DATABASE_UNAVAILABLE"' in thai.text
    assert "ลองใหม่อีกครั้งในอีกสักครู่" in thai.text
    assert 'value="GECC-2560-50-0001"' in thai.text  # the reference stays in the form
    english = api.request("GET", "/verify?ref=GECC-2560-50-0001&lang=en")
    assert_try_later(english)
    assert "Please try again shortly" in english.text
