"""The ``--data-dir`` option shared by every command that touches the device's data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

DataDirOption = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        envvar="GECC_DATA_DIR",
        help="Where the device database and photos live (default: the user's data folder).",
    ),
]


def data_dir_or_default(data_dir: Path | None) -> Path:
    if data_dir is not None:
        return data_dir
    from platformdirs import user_data_path

    return user_data_path("gecc-field-audit", appauthor=False)
