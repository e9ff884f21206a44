"""Starting the inspector UI: as a desktop window when the Flet desktop client is installed,
otherwise (and with ``web=True``) as a local web app served on localhost to a browser, fully
offline (``no_cdn``: the renderer and fonts come from this machine; ``web_client`` lays our
files over Flet's so that nothing else is fetched either).

To show the assignments soon after the command starts, the server comes up first, with only
Flet and the web server imported; the device database is opened (``build``), and the views,
the app's state and Flet's controls are loaded, in a background thread while the browser is
still loading the app. A session waits for that before it renders.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import importlib.util
import os
import socket
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import flet as ft
import uvicorn
from starlette.responses import FileResponse

from field_audit.ui import theme
from field_audit.ui.flet_fixes import end_calls_to_removed_controls
from field_audit.ui.i18n import tr
from field_audit.ui.state.writer import SerialWriter
from field_audit.ui.web_client import prepared_web_client

if TYPE_CHECKING:
    from field_audit.app import Services

LOCALHOST = "127.0.0.1"
DEFAULT_PORT = 8550
"""The app's address stays http://127.0.0.1:8550/ (bookmarkable) unless that port is taken."""
SERVER_WAIT_S = 30.0
WEBSOCKET_MAX_BYTES = 512 * 1024 * 1024  # photos picked at once travel in one message
FILE_PIECE_BYTES = 16 * 1024 * 1024  # more than the web client's largest file (8.5 MB)

# Every Flet name the views use: Flet imports a control's module on first use, which costs
# the first session most of a second unless done before it arrives (tests keep this complete).
FLET_NAMES = (
    "AlertDialog",
    "Alignment",
    "AppView",
    "Border",
    "BorderRadius",
    "BorderSide",
    "BoxFit",
    "Button",
    "ButtonStyle",
    "ButtonTheme",
    "Checkbox",
    "Chip",
    "Colors",
    "Column",
    "Container",
    "Control",
    "CrossAxisAlignment",
    "Dropdown",
    "DropdownOption",
    "Event",
    "FilePicker",
    "FilePickerFileType",
    "FilledButton",
    "FilledButtonTheme",
    "FilterQuality",
    "Icon",
    "IconButton",
    "IconButtonTheme",
    "IconData",
    "Icons",
    "Image",
    "KeyboardType",
    "LayoutSizeChangeEvent",
    "ListView",
    "MainAxisAlignment",
    "Observable",
    "OnScrollEvent",
    "OutlinedButton",
    "OutlinedButtonTheme",
    "Padding",
    "Page",
    "ProgressBar",
    "ProgressRing",
    "ResponsiveNumber",
    "ResponsiveRow",
    "ResponsiveRowBreakpoint",
    "Row",
    "SafeArea",
    "ScrollKey",
    "ScrollMode",
    "Semantics",
    "Text",
    "TextButton",
    "TextButtonTheme",
    "TextField",
    "TextOverflow",
    "Theme",
    "ThemeMode",
    "VisualDensity",
)


class PortBusy(Exception):
    """The port asked for is taken by another program."""

    def __init__(self, host: str, port: int) -> None:
        super().__init__(
            f"port {port} on {host} is already in use; choose another with --port, or leave "
            f"--port out to use port {DEFAULT_PORT} or a free one"
        )
        self.port = port


@dataclass(frozen=True)
class Launch:
    """How to show the UI: ``web`` serves it on ``host:port`` (0 = ``DEFAULT_PORT``, or a free
    port when that one is taken; a port given is used or refused, never swapped)."""

    web: bool = False
    host: str = LOCALHOST
    port: int = 0
    open_browser: bool = True


class Startup:
    """The services, built once in a background thread; sessions await them."""

    def __init__(self, build: Callable[[], Services], *, after: Callable[[], None]) -> None:
        self._future: Future[Services] = Future()
        # Running, so no one can cancel it: a session that stops waiting (the server stopping
        # while the device opens) would otherwise cancel the build's result for everyone.
        self._future.set_running_or_notify_cancel()
        self._thread = threading.Thread(
            target=self._work, args=(build, after), name="startup", daemon=True
        )
        self._thread.start()

    def _work(self, build: Callable[[], Services], after: Callable[[], None]) -> None:
        try:
            services = _load(build, after)
        except BaseException as error:  # whatever stops the build must reach the sessions
            self._future.set_exception(error)
        else:
            self._future.set_result(services)

    async def services(self) -> Services:
        return await asyncio.wrap_future(self._future)

    def error(self, timeout: float | None = None) -> BaseException | None:
        return self._future.exception(timeout)

    def close(self) -> None:
        if self._future.done() and self._future.exception() is None:
            self._future.result().close()


def _load(build: Callable[[], Services], after: Callable[[], None]) -> Services:
    try:
        after()
        services = build()
        warm_up()
        read_first_screen(services)
        return services
    finally:
        resume_gc()


VIEW_MODULES = ("field_audit.ui.state.session", "field_audit.ui.views.root")
"""What a session needs, loaded by ``warm_up`` rather than before the server starts."""


def pause_gc() -> None:
    """No cyclic garbage collection while the app loads: its imports and first reads make
    hundreds of thousands of long-lived objects, which the collector would scan again and
    again for nothing (a tenth of the start)."""
    gc.disable()


def resume_gc() -> None:
    """Collection again, but not over what loading made (it lives as long as the process);
    nothing to do unless ``pause_gc`` paused it (as ``run`` does, not a test's ``Startup``)."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def warm_up() -> None:
    for module in VIEW_MODULES:
        importlib.import_module(module)
    for name in FLET_NAMES:
        getattr(ft, name)


def read_first_screen(services: Services) -> None:
    """Read what the first screen shows, once, before any session asks: its own reads then
    find their queries compiled and the editions parsed (a tenth of a second with a year of
    audits). What fails here fails again in the session, which says so."""
    with contextlib.suppress(Exception):
        inspector = services.inspector()
        if inspector is not None:
            views = services.assignments(inspector.id)
            services.progress([view.audit_id for view in views if view.audit_id])


def desktop_available() -> bool:
    """Whether the Flet desktop client package is installed (it downloads nothing here)."""
    return importlib.util.find_spec("flet_desktop") is not None


def session_main(startup: Startup, writer: SerialWriter) -> Callable[[ft.Page], object]:
    """The function Flet calls for each new session (each browser tab or window)."""

    async def main(page: ft.Page) -> None:
        theme.configure_page(page, tr("app.title", "th"))
        try:
            services = await startup.services()
        except Exception as error:
            from field_audit.ui.views.root import StartupFailed  # noqa: PLC0415  # see warm_up

            page.render(StartupFailed, error)
            return
        # Loaded by warm_up before the services came, so these imports cost nothing here.
        from field_audit.ui.state.connectivity import Connectivity  # noqa: PLC0415
        from field_audit.ui.state.notices import Notices  # noqa: PLC0415
        from field_audit.ui.state.session import AppState  # noqa: PLC0415
        from field_audit.ui.views.root import Root  # noqa: PLC0415

        notices = Notices()
        app = AppState(services, notices, writer, height=page.height)
        app.set_width(page.width)
        page.on_resize = lambda e: app.set_window(e.width, e.height)
        page.render(Root, app, notices, Connectivity(), services.central_reachable)

    return main


def run(
    build: Callable[[], Services],
    launch: Launch,
    *,
    say: Callable[[str], None] = print,
    complain: Callable[[str], None] = print,
    intro: Sequence[str] = (),
) -> None:
    """Show the UI until the window closes or the server stops. ``build`` opens the device
    (its failure is shown in the window and passed to ``complain``); ``say`` gets ``intro``
    (once the port is settled), the URL and how to stop the app.
    """
    end_calls_to_removed_controls()
    web = launch.web or not desktop_available()
    port = choose_port(launch, say) if web else 0
    for line in intro:
        say(line)
    pause_gc()  # Startup resumes it
    startup = Startup(build, after=(lambda: wait_for_server(launch.host, port)) if web else _now)
    threading.Thread(target=_report, args=(startup, complain), daemon=True).start()
    writer = SerialWriter()
    try:
        _serve(session_main(startup, writer), launch, port, say)
    finally:
        writer.close()
        startup.close()


def choose_port(launch: Launch, say: Callable[[str], None]) -> int:
    """The port to serve on: the one asked for (``PortBusy`` if taken), else ``DEFAULT_PORT``,
    else (said in one line) a free one."""
    if launch.port:
        if not port_free(launch.host, launch.port):
            raise PortBusy(launch.host, launch.port)
        return launch.port
    if port_free(launch.host, DEFAULT_PORT):
        return DEFAULT_PORT
    port = free_port(launch.host)
    say(f"port {DEFAULT_PORT} is in use by another program; using port {port} instead")
    return port


def _serve(
    main: Callable[[ft.Page], object], launch: Launch, port: int, say: Callable[[str], None]
) -> None:
    if not port:
        say("Close the app's window to stop it.")
        ft.run(main, view=ft.AppView.FLET_APP, assets_dir=str(theme.ASSETS_DIR))
        return
    if not launch.open_browser:
        # Flet opens no browser and binds exactly this port when forced to be a web server.
        os.environ["FLET_FORCE_WEB_SERVER"] = "true"
    client = prepared_web_client()
    say(f"GECC Field Audit: http://{launch.host}:{port}/")
    say("Press Ctrl+C here to stop it (what was saved stays on this device).")
    let_picked_photos_through()
    send_files_whole()
    ft.run(
        main,
        view=ft.AppView.WEB_BROWSER,
        host=launch.host,
        port=port,
        assets_dir=str(client),
        no_cdn=True,
    )


def let_picked_photos_through(max_bytes: int = WEBSOCKET_MAX_BYTES) -> None:
    """Raise the web server's cap on one websocket message (uvicorn's default is 16 MiB).

    The browser sends every file picked at once, with its bytes, in one message: four or five
    phone photos pass 16 MiB, and the server would drop the connection and the selection with
    it. Flet builds its ``uvicorn.Config`` without a way to set the cap, so the class is
    replaced (once, in this process, which serves only this app) by one with a larger default.
    """
    if getattr(uvicorn.Config, "field_audit_cap", None) == max_bytes:
        return
    base = uvicorn.Config

    class Config(base):  # type: ignore[misc,valid-type]  # a class made at run time
        field_audit_cap = max_bytes

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("ws_max_size", max_bytes)
            super().__init__(*args, **kwargs)

    uvicorn.Config = Config  # type: ignore[misc]


def send_files_whole(piece_bytes: int = FILE_PIECE_BYTES) -> None:
    """Send each of the web client's files in one piece, not in Starlette's 64 KiB ones.

    The browser fetches the client (12 MB of WebAssembly) while the loading thread opens the
    device, and that thread holds the GIL for up to 5 ms at a time. The server thread needs a
    turn at the GIL for every piece it reads and sends, so in 64 KiB pieces main.dart.wasm took
    0.3-0.45 s to arrive instead of 0.1 s, and the start waited for it. Set once, in this
    process, which serves only this app (a piece is read into memory whole: 8.5 MB at most).
    """
    FileResponse.chunk_size = max(FileResponse.chunk_size, piece_bytes)


def _report(startup: Startup, complain: Callable[[str], None]) -> None:
    error = startup.error()
    if error is not None:
        complain(f"error: {error}")


def _now() -> None:
    return None


def wait_for_server(host: str, port: int, timeout: float = SERVER_WAIT_S) -> None:
    """Return once ``host:port`` accepts connections (or after ``timeout`` seconds)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.02)


def port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server will
        try:
            probe.bind((host, port))
        except OSError:
            return False
        return True


def free_port(host: str = LOCALHOST) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
        return port
