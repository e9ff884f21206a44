"""The floor for the inspector app's start: the smallest Flet app, one line of text, served
exactly as ``field-audit app --web`` serves ours (the same web client, offline, on localhost,
each file in one piece).
Whatever this takes from process start to its text on screen, no Flet app can beat here.

Run: ``python -m scripts.bench.floor_app PORT`` (``scripts.bench.ui_year`` starts and times it).
"""

from __future__ import annotations

import os
import sys

import flet as ft

from field_audit.ui.run import send_files_whole
from field_audit.ui.web_client import prepared_web_client

TEXT = "floor ready"


def main(page: ft.Page) -> None:
    page.add(ft.Text(TEXT))


if __name__ == "__main__":
    os.environ["FLET_FORCE_WEB_SERVER"] = "true"  # serve only, open no browser
    send_files_whole()  # as the app does
    ft.run(
        main,
        view=ft.AppView.WEB_BROWSER,
        host="127.0.0.1",
        port=int(sys.argv[1]),
        assets_dir=str(prepared_web_client()),
        no_cdn=True,
    )
