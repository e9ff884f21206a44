"""One way out for bad input: one clear line on stderr and exit status 2, nothing written."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer

BAD_INPUT = 2


class InputError(Exception):
    """Input the command cannot use (a missing file, malformed JSON, a wrong shape)."""


@contextmanager
def clear_errors() -> Iterator[None]:
    """Turn the errors a user can cause into ``error: ...`` and exit status 2."""
    from field_audit.domain.errors import DomainError
    from field_audit.seal.errors import SealError
    from field_audit.signing.errors import SigningError
    from field_audit.storage.errors import StorageError
    from sync.protocol.errors import ProtocolError

    try:
        yield
    except (InputError, DomainError, StorageError, SigningError, ProtocolError, SealError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(BAD_INPUT) from None
