"""Starting the app: the server first, the device opened in the background, failures in words."""

from __future__ import annotations

import asyncio
import gc
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import tomllib
import urllib.request
from pathlib import Path

import flet as ft
import pytest
from starlette.responses import FileResponse
from starlette.staticfiles import StaticFiles

from field_audit.app import Services
from field_audit.cli.paths import where_data_lives
from field_audit.device import EVIDENCE_FOLDER
from field_audit.signing import keys_dir_in
from field_audit.storage.database import DATABASE_FILE
from field_audit.ui import mobile, run, theme
from field_audit.ui.run import FLET_NAMES, Startup, wait_for_server
from field_audit.ui.web_client import flet_web_dir, prepared_web_client, thai_fallback_path
from tests.ui.browser import RunningApp, field_audit_command, free_port

UI = Path(__file__).resolve().parents[2] / "field_audit" / "ui"


def test_the_warm_up_knows_every_flet_name_the_ui_uses() -> None:
    used = set()
    for path in UI.rglob("*.py"):
        used |= set(re.findall(r"\bft\.([A-Z]\w*)", path.read_text(encoding="utf-8")))
    assert used <= set(FLET_NAMES)
    for name in FLET_NAMES:
        assert getattr(ft, name) is not None


def test_sessions_get_the_services_built_in_the_background(services: Services) -> None:
    startup = Startup(lambda: services, after=lambda: None)
    assert asyncio.run(startup.services()) is services
    assert startup.error(timeout=5) is None


def test_reading_the_first_screen_ahead_leaves_failures_to_the_session(
    demo_services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[list[str]] = []

    def unreadable(audit_ids: list[str]) -> None:
        asked.append(audit_ids)
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(demo_services, "progress", unreadable)
    run.read_first_screen(demo_services)  # says nothing: the session reads again and says why
    assert len(asked) == 1  # the demo's inspector's assignments were read before it


def test_a_session_that_stops_waiting_leaves_the_services_to_the_others(
    services: Services,
) -> None:
    opened = threading.Event()

    def slow() -> Services:
        opened.wait(10)
        return services

    startup = Startup(slow, after=lambda: None)

    async def stop_waiting() -> None:  # as when the server stops while the device opens
        waiting = asyncio.create_task(startup.services())
        await asyncio.sleep(0)
        waiting.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiting

    asyncio.run(stop_waiting())
    opened.set()
    assert startup.error(timeout=5) is None  # not cancelled: built, for the next session
    assert asyncio.run(startup.services()) is services
    startup.close()


def test_a_device_that_cannot_be_opened_is_reported(services: Services) -> None:
    def broken() -> Services:
        raise PermissionError(13, "Permission denied", "/data")

    startup = Startup(broken, after=lambda: None)
    assert isinstance(startup.error(timeout=5), PermissionError)
    with pytest.raises(PermissionError):
        asyncio.run(startup.services())
    startup.close()


@pytest.mark.parametrize("opens", [True, False], ids=["opened", "failed"])
def test_garbage_collection_waits_for_the_device_to_load_and_then_resumes(
    services: Services, opens: bool
) -> None:
    collecting: list[bool] = []

    def build() -> Services:
        collecting.append(gc.isenabled())
        if not opens:
            raise PermissionError(13, "Permission denied", "/data")
        return services

    run.pause_gc()
    try:
        startup = Startup(build, after=lambda: None)
        startup.error(timeout=5)
        assert collecting == [False]  # paused while loading
        assert gc.isenabled()  # and on again, whether the device opened or not
    finally:
        gc.enable()
        gc.unfreeze()  # what loading froze, in this test's process


def test_the_first_screen_loads_no_network_client() -> None:
    """The HTTP client (httpx, with rich and pygments for its command line) is a tenth of the
    app's start; only the sync screen and the central store's check need it."""
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; import field_audit.app; from field_audit.ui import run; "
            "run.warm_up(); print(*sys.modules)",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert "field_audit.ui.views.assignments" in loaded  # what the first screen needs
    assert "httpx" not in loaded


def test_waiting_for_the_server_returns_once_it_listens() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        started = time.monotonic()
        wait_for_server("127.0.0.1", server.getsockname()[1], timeout=5)
        assert time.monotonic() - started < 1
    started = time.monotonic()
    wait_for_server("127.0.0.1", free_port(), timeout=0.3)
    assert time.monotonic() - started < 2


def test_the_app_command_serves_offline_with_the_thai_font(tmp_path: Path) -> None:
    app = RunningApp(tmp_path / "data").start()
    try:
        with urllib.request.urlopen(app.url + "assets/fonts/Sarabun-Regular.ttf") as font:
            assert len(font.read()) > 50_000
        with urllib.request.urlopen(app.url) as page:
            index = page.read().decode()
        assert "noCdn=true" in index
        assert '<html lang="th">' in index
        assert "กำลังเปิดแอปตรวจประเมิน" in index
        fallback = thai_fallback_path(flet_web_dir())
        with urllib.request.urlopen(f"{app.url}assets/fonts/{fallback}") as font:
            assert len(font.read()) > 50_000
        with urllib.request.urlopen(app.url + "main.dart.mjs") as loader:
            assert "Working..." in loader.read().decode()  # answered with our own text
        with urllib.request.urlopen(app.url + "rive/wasm/rive_native.js") as stub:
            assert b"RiveNative" in stub.read()
    finally:
        app.stop()
    log = (tmp_path / f"app-{app.port}.log").read_text(encoding="utf-8")
    assert f"GECC Field Audit: {app.url}" in log
    assert "Ctrl+C" in log
    assert f"database:    {tmp_path / 'data' / DATABASE_FILE}" in log
    assert f"photos:      {tmp_path / 'data' / EVIDENCE_FOLDER}" in log


def test_the_prepared_client_asks_nothing_of_the_network(tmp_path: Path) -> None:
    folder = prepared_web_client(tmp_path)
    assert prepared_web_client(tmp_path) == folder  # made once
    for name in ("index.html", "main.dart.js"):
        text = (folder / name).read_text(encoding="utf-8")
        assert "cdn.jsdelivr.net" not in text, name
        assert '"Working..."' not in text, name
    # The WebAssembly build names its strings; the loader answers these two with ours.
    loader = (folder / "main.dart.mjs").read_text(encoding="utf-8")
    assert '{"Working...": "", "https://cdn.jsdelivr.net/npm/@rive-app/' in loader
    assert '/": "rive/"}' in loader


def test_the_web_clients_files_are_sent_in_one_piece_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(FileResponse, "chunk_size", FileResponse.chunk_size)  # put back after
    folder = prepared_web_client(tmp_path)
    largest = max((p for p in folder.rglob("*") if p.is_file()), key=lambda p: p.stat().st_size)
    run.send_files_whole()
    pieces = asyncio.run(body_pieces(StaticFiles(directory=folder), largest.relative_to(folder)))
    assert pieces == [largest.stat().st_size]


async def body_pieces(app: StaticFiles, path: Path) -> list[int]:
    """The sizes of the body messages the server sends for ``GET /path``."""
    scope = {
        "type": "http",
        "method": "GET",
        "path": f"/{path.as_posix()}",
        "root_path": "",
        "headers": [],
        "query_string": b"",
    }
    pieces: list[int] = []
    requested: list[bool] = []

    async def receive() -> dict[str, object]:
        if not requested:
            requested.append(True)
            return {"type": "http.request", "body": b"", "more_body": False}
        await asyncio.Event().wait()  # the client stays: the response's listener waits
        raise AssertionError("unreachable")

    async def send(message: dict[str, object]) -> None:
        if message["type"] == "http.response.body" and message.get("body"):
            body = message["body"]
            assert isinstance(body, bytes)
            pieces.append(len(body))

    await app(scope, receive, send)  # type: ignore[arg-type]
    return pieces


def test_the_prepared_client_loads_the_theme_fonts_as_it_boots(tmp_path: Path) -> None:
    folder = prepared_web_client(tmp_path)
    manifest = json.loads((folder / "assets" / "FontManifest.json").read_text(encoding="utf-8"))
    families = {family["family"]: family["fonts"] for family in manifest}
    for name, path in theme.FONTS.items():  # what the theme's text is drawn in
        assert families[name] == [{"asset": path}]
        assert (folder / "assets" / path).read_bytes() == (theme.ASSETS_DIR / path).read_bytes()
    assert "MaterialIcons" in families  # Flet's own stay: the icons are drawn from this font


def test_the_data_folder_is_named_as_the_device_lays_it_out(tmp_path: Path) -> None:
    lines = where_data_lives(tmp_path)
    assert lines[0].endswith(str(tmp_path))
    assert lines[1].endswith(str(tmp_path / DATABASE_FILE))
    assert lines[2].endswith(str(tmp_path / EVIDENCE_FOLDER))
    assert lines[3].endswith(str(keys_dir_in(tmp_path)))


def test_the_default_port_is_fixed_and_another_is_taken_when_it_is_busy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    said: list[str] = []
    port = free_port()
    monkeypatch.setattr(run, "DEFAULT_PORT", port)
    assert run.choose_port(run.Launch(web=True), said.append) == port
    assert said == []
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen()
        other = run.choose_port(run.Launch(web=True), said.append)
        assert other != port
        assert said == [f"port {port} is in use by another program; using port {other} instead"]
        with pytest.raises(run.PortBusy):
            run.choose_port(run.Launch(web=True, port=port), said.append)


def test_the_app_command_moves_off_a_busy_default_port(tmp_path: Path) -> None:
    with socket.socket() as taken:
        try:
            taken.bind(("127.0.0.1", run.DEFAULT_PORT))
            taken.listen()
        except OSError:
            pass  # another program holds it already, which is the case under test
        command = [field_audit_command(), "app", "--web", "--no-browser"]
        process = subprocess.Popen(
            [*command, "--data-dir", str(tmp_path / "data")],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "GECC_CENTRAL_URL": ""},
        )
        try:
            assert process.stdout is not None
            lines = [process.stdout.readline() for _ in range(6)]
        finally:
            process.terminate()
            process.communicate(timeout=10)
    moved = next(line for line in lines if line.startswith(f"port {run.DEFAULT_PORT} is in use"))
    other = int(moved.rsplit("using port ", 1)[1].split()[0])
    assert f"GECC Field Audit: http://127.0.0.1:{other}/\n" in lines


def test_a_bad_data_folder_is_said_in_words(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x", encoding="utf-8")
    port = free_port()
    command = [field_audit_command(), "app", "--web", "--no-browser", "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--data-dir", str(not_a_folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        assert line.startswith("error: ")
        assert "Traceback" not in line
    finally:
        process.terminate()
        process.communicate(timeout=10)


def test_help_stays_light() -> None:
    shown = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "from field_audit.cli.main import app"],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    assert " flet" not in shown
    assert "field_audit.ui" not in shown


def test_a_busy_port_is_said_in_one_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        command = [field_audit_command(), "app", "--web", "--no-browser", "--port", str(port)]
        result = subprocess.run(
            [*command, "--data-dir", str(tmp_path / "data")],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"error: port {port} on 127.0.0.1 is already in use; choose another with --port, "
        "or leave --port out to use port 8550 or a free one"
    ]
    assert "GECC Field Audit" not in result.stdout


def test_the_android_package_keeps_its_data_in_the_apps_own_folder(tmp_path: Path) -> None:
    assert mobile.data_dir({"FLET_APP_STORAGE_DATA": str(tmp_path)}) == (
        tmp_path / "gecc-field-audit"
    )
    root = UI.parents[1]
    pyproject = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    entry = pyproject["tool"]["flet"]["app"]
    assert (entry["path"], entry["module"]) == (".", "main")  # the staged folder's main.py
    staging = (root / "scripts" / "apk" / "build").read_text(encoding="utf-8")
    assert "cp scripts/apk/main.py" in staging
    assert "from field_audit.ui.mobile import main" in (root / "scripts/apk/main.py").read_text(
        encoding="utf-8"
    )
