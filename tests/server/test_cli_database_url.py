"""A database URL that cannot be used stops every gecc-central command with one line saying
what is wrong (and exit 2), never a traceback; a password in the URL is not printed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sync.server.cli import app

runner = CliRunner()
COMMANDS = (["serve"], ["db", "upgrade"], ["db", "current"], ["decisions"], ["log"])


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def bad_urls(tmp_path: Path) -> dict[str, tuple[str, str]]:
    """Each kind of bad URL, and the words its one line must hold."""
    folder = tmp_path / "central.sqlite3"
    folder.mkdir(exist_ok=True)
    return {
        "malformed": (
            "postgresql+psycopg://gecc:s3cret@db:port/gecc",
            "error: GECC_CENTRAL_DATABASE_URL is not a database URL",
        ),
        "not a url": ("no url at all", "error: GECC_CENTRAL_DATABASE_URL is not a database URL"),
        "unknown driver": (
            "nosuchdb://gecc:s3cret@db/gecc",
            "error: GECC_CENTRAL_DATABASE_URL names a database this store cannot use (nosuchdb)",
        ),
        "closed port": (
            f"postgresql+psycopg://gecc:s3cret@127.0.0.1:{closed_port()}/gecc",
            "error: cannot reach the database postgresql+psycopg://gecc:***@127.0.0.1:",
        ),
        "sqlite folder": (
            f"sqlite:///{folder}",
            f"error: cannot reach the database sqlite:///{folder}: unable to open database file",
        ),
    }


@pytest.mark.parametrize("kind", ["malformed", "not a url", "unknown driver", "closed port"])
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_says_in_one_line_what_is_wrong(
    tmp_path: Path, kind: str, command: list[str]
) -> None:
    url, words = bad_urls(tmp_path)[kind]
    env = {"GECC_CENTRAL_DATABASE_URL": url, "GECC_CENTRAL_DATA_DIR": str(tmp_path / "data")}
    result = runner.invoke(app, command, env=env)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(words), line
    assert "s3cret" not in line


def test_an_sqlite_file_that_cannot_be_opened(tmp_path: Path) -> None:
    url, words = bad_urls(tmp_path)["sqlite folder"]
    result = runner.invoke(app, ["decisions"], env={"GECC_CENTRAL_DATABASE_URL": url})
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [words]


def test_serve_prints_one_line_and_no_traceback(tmp_path: Path) -> None:
    url, words = bad_urls(tmp_path)["closed port"]
    env = {**os.environ, "GECC_CENTRAL_DATABASE_URL": url, "GECC_CENTRAL_DATA_DIR": str(tmp_path)}
    completed = subprocess.run(
        [sys.executable, "-m", "sync.server.cli_main", "serve"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert completed.returncode == 2
    assert completed.stdout == ""
    [line] = completed.stderr.splitlines()
    assert line.startswith(words)
    assert "Connection refused" in line
