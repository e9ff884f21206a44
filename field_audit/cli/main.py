"""``field-audit``: the inspector side's command line (Typer)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from field_audit.cli import audits, bundles, certificates, keys, photos, syncing
from field_audit.cli.errors import clear_errors
from field_audit.cli.paths import DataDirOption, data_dir_or_default, where_data_lives

if TYPE_CHECKING:
    from field_audit.app import Services

app = typer.Typer(
    help="GECC field audit: criteria, scoring, committee results and the device database.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

EditionOption = Annotated[
    Path | None, typer.Option("--edition", help="Edition JSON file (default: bundled GECC 2560).")
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def emit(value: Any) -> None:
    typer.echo(json.dumps(value, ensure_ascii=False, indent=2))


@app.command()
def catalog(edition_file: EditionOption = None, as_json: JsonFlag = False) -> None:
    """List the criteria of an edition."""
    from field_audit.cli.inputs import choose_edition
    from field_audit.cli.render import catalog_json, catalog_text

    with clear_errors():
        edition = choose_edition(edition_file)
    typer.echo(
        json.dumps(catalog_json(edition), ensure_ascii=False, indent=2)
        if as_json
        else catalog_text(edition)
    )


@app.command()
def score(
    verdicts_file: Annotated[Path, typer.Argument(help='JSON: {"verdicts": {"B01": "met", ...}}')],
    edition_file: EditionOption = None,
    as_json: JsonFlag = False,
    lang: Annotated[str, typer.Option(help="th or en, for the text output")] = "th",
) -> None:
    """Score one set of verdicts against the edition's rule."""
    from field_audit.cli.inputs import choose_edition, read_verdicts
    from field_audit.cli.render import score_text
    from field_audit.domain.scoring import score_verdicts

    with clear_errors():
        edition = choose_edition(edition_file)
        result = score_verdicts(edition, read_verdicts(verdicts_file, edition))
    if as_json:
        emit(result.to_json())
    else:
        typer.echo(score_text(result, lang))


@app.command()
def committee(
    member_files: Annotated[list[Path], typer.Argument(help="One verdicts file per member.")],
    rulings_file: Annotated[
        Path | None, typer.Option("--rulings", help="The chair's rulings.")
    ] = None,
    edition_file: EditionOption = None,
    as_json: JsonFlag = False,
    lang: Annotated[str, typer.Option(help="th or en, for the text output")] = "th",
) -> None:
    """Consolidate committee members' verdicts; list disagreements, disputes and criteria
    nobody assessed (a member file may give the member's share as "scope")."""
    from field_audit.cli.inputs import choose_edition, read_member, read_rulings
    from field_audit.cli.render import committee_text
    from field_audit.domain.committee import consolidate

    with clear_errors():
        edition = choose_edition(edition_file)
        members = [read_member(path, edition) for path in member_files]
        result = consolidate(edition, members, read_rulings(rulings_file, edition))
    if as_json:
        emit(result.to_json())
    else:
        typer.echo(committee_text(result, lang))


@app.command()
def demo(data_dir: DataDirOption = None) -> None:
    """Fill the device database with demo rounds, LAOs, a committee and assignments."""
    from field_audit.domain.edition import CURRENT_EDITION_ID, load_bundled_edition
    from field_audit.storage.database import open_database
    from field_audit.storage.demo import load_demo_data

    folder = data_dir_or_default(data_dir)
    with clear_errors():
        db = open_database(folder)
        added = load_demo_data(db, load_bundled_edition(CURRENT_EDITION_ID))
        db.close()
    typer.echo(f"demo data {'loaded into' if added else 'already in'} {folder}")


@app.command("app")
def run_app(
    *,
    data_dir: DataDirOption = None,
    web: Annotated[
        bool, typer.Option("--web", help="Serve to a browser on this machine (fully offline).")
    ] = False,
    port: Annotated[
        int,
        typer.Option(help="Port for --web (default: 8550, or a free one when 8550 is taken)."),
    ] = 0,
    demo_if_empty: Annotated[
        bool, typer.Option("--demo-if-empty", help="Load the demo when there are no assignments.")
    ] = False,
    no_browser: Annotated[
        bool, typer.Option("--no-browser", help="Serve without opening a browser (headless).")
    ] = False,
    central_url: Annotated[
        str | None,
        typer.Option(envvar="GECC_CENTRAL_URL", help="The central store's URL, if any."),
    ] = None,
    demo_edition: Annotated[
        str,
        typer.Option(help="The bundled edition of the demo's current round (gecc-2560 or 2563)."),
    ] = "gecc-2563",
) -> None:
    """Start the inspector app: a window, or with --web a local web app on
    http://127.0.0.1:8550/; prints where the data lives, the address and how to stop it."""
    from field_audit.ui.run import Launch, PortBusy, run

    folder = data_dir_or_default(data_dir)

    def build() -> Services:  # runs in the background once the server is up
        from field_audit.app import AppConfig, build_services

        return build_services(
            AppConfig(
                data_dir=folder,
                demo_if_empty=demo_if_empty,
                central_url=central_url,
                edition_id=demo_edition,
            )
        )

    launch = Launch(web=web, port=port, open_browser=not no_browser)
    try:
        run(
            build,
            launch,
            say=_say,
            complain=lambda line: typer.echo(line, err=True),
            intro=where_data_lives(folder),
        )
    except PortBusy as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None


def _say(line: str) -> None:
    typer.echo(line)
    sys.stdout.flush()


app.add_typer(keys.app, name="key")
app.add_typer(audits.app, name="audit")
app.add_typer(bundles.app, name="bundle")
app.add_typer(photos.app, name="photo")
app.add_typer(certificates.app, name="certificate")
app.command("seal")(bundles.seal)
app.command("sync")(syncing.sync)


def run() -> None:
    app()
