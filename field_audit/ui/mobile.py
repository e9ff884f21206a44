"""The app as an Android (or iOS) package built with ``flet build apk``: Flutter runs in the
package and Python beside it, so there is no server and no browser. The device's data lives in
the folder the platform gives the app (``FLET_APP_STORAGE_DATA``), which only this app can read.

The package's entry is ``scripts/apk/main.py`` (staged as ``main.py`` by ``scripts/apk/build``;
``[tool.flet.app]`` in pyproject.toml), which calls ``main``. Not built nor run on this project's
machine (it has no Flutter SDK); see the README, "On an Android tablet".
"""

from __future__ import annotations

import os
from pathlib import Path

import flet as ft

from field_audit.app import AppConfig, build_services
from field_audit.ui import theme
from field_audit.ui.run import Startup, session_main
from field_audit.ui.state.writer import SerialWriter

DATA_FOLDER = "gecc-field-audit"


def data_dir(environ: dict[str, str] | None = None) -> Path:
    """The app's private data folder on the device (a home folder's when run elsewhere)."""
    env = os.environ if environ is None else environ
    base = env.get("FLET_APP_STORAGE_DATA") or str(Path.home())
    return Path(base) / DATA_FOLDER


def main() -> None:
    folder = data_dir()
    startup = Startup(
        lambda: build_services(AppConfig(data_dir=folder, demo_if_empty=False)),
        after=lambda: None,
    )
    writer = SerialWriter()
    try:
        ft.run(session_main(startup, writer), assets_dir=str(theme.ASSETS_DIR))
    finally:
        writer.close()
        startup.close()
