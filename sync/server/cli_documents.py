"""``gecc-central document ...``: the office's documents, written to files.

    document certificate REFERENCE -o DIR        REFERENCE.pdf, REFERENCE-qr.png, -qr.svg
    document report --round R --lao L -o FILE    .pdf or .docx: the committee's report
    document notice --round R --lao L -o FILE    .pdf or .docx: the letter to the LAO
    document notice --round R --all -o FILE.zip  [--format pdf|docx]: a letter to every LAO
                                                 the office decided on
    document awards --round R -o FILE            .pdf or .xlsx: the round's certified LAOs

The format follows the output's extension. Letters are dated today unless ``--dated`` says
otherwise, and numbered ``--number`` in the office's registry (else left to be filled in).
Office settings the documents need and lack are named on stderr; the documents say so too.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar, cast

import typer

from sync.server.cli_common import OptionalDay, fail, optional_date, with_store
from sync.server.errors import InvalidInput

if TYPE_CHECKING:
    from sqlmodel import Session

    from sync.server.central import Central

T = TypeVar("T")
document_app = typer.Typer(help="The office's documents: certificate, report, notice, awards.")
Round = Annotated[str, typer.Option("--round", help="the round's id")]
Output = Annotated[Path, typer.Option("--output", "-o", help="the file to write")]


@document_app.command("certificate")
def certificate(
    reference: Annotated[str, typer.Argument(help="e.g. GECC-2570-30-0007")],
    output: Annotated[Path, typer.Option("--output", "-o", help="the folder to write into")],
) -> None:
    """The certificate as PDF (A4 landscape), and its QR code as PNG and SVG."""
    from sync.server.documents import certificate_files  # noqa: PLC0415

    files = _made(lambda c, s: certificate_files(c, s, reference))
    output.mkdir(parents=True, exist_ok=True)
    name = reference.strip().upper()
    for path, data in (
        (output / f"{name}.pdf", files.pdf),
        (output / f"{name}-qr.png", files.png),
        (output / f"{name}-qr.svg", files.svg),
    ):
        _write(path, data)


@document_app.command("report")
def report(round_id: Round, lao: Annotated[str, typer.Option("--lao")], output: Output) -> None:
    """The committee's report on the LAO (PDF or Word)."""
    from sync.server.documents import committee_report  # noqa: PLC0415

    fmt = _format(output, ("pdf", "docx"))
    _write(output, _made(lambda c, s: committee_report(c, s, round_id, lao, fmt=fmt)))


@document_app.command("notice")
def notice(
    round_id: Round,
    output: Output,
    *,
    lao: Annotated[str | None, typer.Option("--lao", help="one LAO")] = None,
    every: Annotated[bool, typer.Option("--all", help="every LAO decided on, as a zip")] = False,
    fmt: Annotated[str, typer.Option("--format", help="pdf or docx, in a zip")] = "pdf",
    dated: OptionalDay = None,
    number: Annotated[str, typer.Option(help="the letter's number in the registry")] = "",
) -> None:
    """The letter to an LAO on the office's decision (PDF or Word), or to every LAO (zip)."""
    from sync.server.documents import notice as one  # noqa: PLC0415
    from sync.server.documents import round_notices  # noqa: PLC0415

    day = optional_date(dated, "--dated") or date.today()
    if every == (lao is not None):
        raise fail(InvalidInput("give exactly one of --lao LAO or --all", []))
    if lao is not None:
        kind = _format(output, ("pdf", "docx"))
        data = _made(lambda c, s: one(c, s, round_id, lao, dated=day, fmt=kind, number=number))
    else:
        _format(output, ("zip",))
        kind = cast(Literal["pdf", "docx"], _choice(fmt, ("pdf", "docx"), "--format"))
        data = _made(lambda c, s: round_notices(c, s, round_id, dated=day, fmt=kind))
    _write(output, data)


@document_app.command("awards")
def awards(round_id: Round, output: Output) -> None:
    """The round's certified LAOs by province and kind, for the ceremony (PDF or Excel)."""
    from sync.server.documents import award_list  # noqa: PLC0415

    fmt = _format(output, ("pdf", "xlsx"))
    _write(output, _made(lambda c, s: award_list(c, s, round_id, fmt=fmt)))


def _made(make: Callable[[Central, Session], T]) -> T:
    """Make a document on the opened store; name the office settings it lacks on stderr."""
    from sync.server.documents.office import office_of, unset_settings  # noqa: PLC0415

    def run(central: Central, session: Session) -> T:
        made = make(central, session)
        for variable in unset_settings(office_of(central.settings)):
            typer.echo(f"note: {variable} is not set; the documents say so where it goes", err=True)
        return made

    return with_store(run)


def _format(output: Path, allowed: tuple[str, ...]) -> Any:
    return _choice(output.suffix.lower().lstrip("."), allowed, f"the output {output.name}")


def _choice(value: str, allowed: tuple[str, ...], what: str) -> str:
    if value not in allowed:
        words = " or ".join(f".{a}" for a in allowed)
        raise fail(InvalidInput(f"{what} must end in {words}", []))
    return value


def _write(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    typer.echo(f"wrote {path}")
