"""Reading a passphrase: from a hidden prompt, or the first line of stdin for scripts."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

StdinFlag = Annotated[
    bool,
    typer.Option("--passphrase-stdin", help="Read the passphrase from the first line of stdin."),
]


def read_passphrase(
    from_stdin: bool, *, prompt: str = "Passphrase / รหัสผ่าน", confirm: bool = False
) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    return str(typer.prompt(prompt, hide_input=True, confirmation_prompt=confirm))
