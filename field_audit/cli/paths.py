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


# The data folder's layout (field_audit.device), named here without importing the storage
# layer, so that ``field-audit app`` can say it before anything heavy loads (a test keeps the
# names in step).
DATABASE_FILE = "field-audit.sqlite3"
PHOTOS_FOLDER = "evidence"
KEYS_FOLDER = "keys"


def where_data_lives(folder: Path) -> list[str]:
    """Lines telling a person where this device's data is kept."""
    return [
        f"Data folder:   {folder}",
        f"  database:    {folder / DATABASE_FILE}",
        f"  photos:      {folder / PHOTOS_FOLDER}",
        f"  signing key: {folder / KEYS_FOLDER}",
    ]
