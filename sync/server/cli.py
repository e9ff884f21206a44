"""``gecc-central``: serve the central store, and the office's commands (Typer, light imports).

Settings come from ``GECC_CENTRAL_*`` (``gecc-central settings`` lists them). Every command
that changes something records who did it (``--actor``, default the login name) in the
audit log. A refusal prints ``error: ...`` and each problem on stderr and exits with 2;
nothing is half-done, since each command is one transaction.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from sync.server.cli_accounts import user_app
from sync.server.cli_certificates import certificate_app, issuing_key_app
from sync.server.cli_common import (
    Actor,
    Day,
    OptionalDay,
    fail,
    optional_date,
    read_settings,
    settings_database,
    to_date,
    who,
    with_store,
)
from sync.server.cli_decisions import decide, pipeline_override, pipeline_screen
from sync.server.cli_documents import document_app
from sync.server.cli_listing import results_app, show_decisions, show_log
from sync.server.cli_office import (
    assign_lao,
    committee_app,
    key_app,
    review_app,
    unassign_lao,
)
from sync.server.cli_result_show import results_show
from sync.server.cli_upkeep import backup, restore, verify_all
from sync.server.cli_visits import visit_app
from sync.server.errors import InvalidInput, StartupRefused

app = typer.Typer(help="The GECC central store: serve it, and run the office's work.")
db_app = typer.Typer(help="The database schema (Alembic migrations shipped in the package).")
round_app = typer.Typer(help="Assessment rounds.")
lao_app = typer.Typer(help="Local administrative organisations (LAOs).")
pipeline_app = typer.Typer(help="Each LAO's application steps in a round.")
for sub, name in (
    (db_app, "db"),
    (round_app, "round"),
    (lao_app, "lao"),
    (pipeline_app, "pipeline"),
    (committee_app, "committee"),
    (key_app, "key"),
    (review_app, "review"),
    (certificate_app, "certificate"),
    (issuing_key_app, "issuing-key"),
    (results_app, "results"),
    (visit_app, "visit"),
    (document_app, "document"),
    (user_app, "user"),
):
    app.add_typer(sub, name=name)
app.command("assign")(assign_lao)
app.command("unassign")(unassign_lao)
app.command("decisions")(show_decisions)
app.command("decide")(decide)
pipeline_app.command("screen")(pipeline_screen)
pipeline_app.command("override")(pipeline_override)
app.command("log")(show_log)
results_app.command("show")(results_show)
app.command("backup")(backup)
app.command("restore")(restore)
app.command("verify-all")(verify_all)


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="default GECC_CENTRAL_HOST")] = None,
    port: Annotated[int | None, typer.Option(help="default GECC_CENTRAL_PORT")] = None,
    workers: Annotated[int, typer.Option(min=1, help="processes on the one port")] = 1,
) -> None:
    """Serve the HTTP API with uvicorn (OpenAPI docs at /docs; JSON logs on stderr)."""
    from sync.server.serving import serve as run_server  # noqa: PLC0415

    try:
        settings = read_settings()
        address, number = host or settings.host, port or settings.port
        run_server(settings, host=address, port=number, workers=workers)
    except StartupRefused as error:
        raise fail(error) from None


@app.command("settings")
def show_settings() -> None:
    """Every setting, its variable, default and meaning."""
    from sync.server.settings import settings_table  # noqa: PLC0415

    typer.echo(settings_table())


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Bring the database to the newest schema."""
    from sync.server.schema import current_revision, upgrade  # noqa: PLC0415

    with settings_database() as engine:
        upgrade(engine)
        typer.echo(f"schema at {current_revision(engine)}")


@db_app.command("current")
def db_current() -> None:
    """The schema revision the database is at, and the newest one."""
    from sync.server.schema import current_revision, head_revision  # noqa: PLC0415

    with settings_database() as engine:
        typer.echo(f"current: {current_revision(engine) or '(empty)'}; head: {head_revision()}")


@round_app.command("create")
def round_create(
    *,
    round_id: Annotated[str, typer.Option("--id", help="e.g. fy2560")],
    fiscal_year: Annotated[int, typer.Option(help="Buddhist Era, e.g. 2560")],
    deadline: Day,
    edition: Annotated[str, typer.Option(help="a bundled edition id")] = "gecc-2560",
    edition_file: Annotated[Path | None, typer.Option(help="an edition JSON file")] = None,
    title_th: Annotated[str, typer.Option()] = "",
    briefing_on: OptionalDay = None,
    visits_from: OptionalDay = None,
    visits_until: OptionalDay = None,
    opens_on: OptionalDay = None,
    screening_until: OptionalDay = None,
    results_on: OptionalDay = None,
    kind: Annotated[list[str] | None, typer.Option(help="an accepted LAO kind (repeat)")] = None,
    actor: Actor = "",
) -> None:
    """Open a round: its fiscal year, its calendar (applications open, the deadline, document
    screening ends, the visit window, the results; in that order), briefing and edition (kept
    with its hash). With no briefing date, the round holds no briefing."""
    from sync.server.office import load_edition  # noqa: PLC0415
    from sync.server.store.admin import NewRound, create_round  # noqa: PLC0415

    chosen = load_edition(edition, edition_file)
    new = NewRound(
        id=round_id,
        fiscal_year_be=fiscal_year,
        deadline=to_date(deadline, "--deadline"),
        title_th=title_th,
        briefing_on=optional_date(briefing_on, "--briefing-on"),
        visits_from=optional_date(visits_from, "--visits-from"),
        visits_until=optional_date(visits_until, "--visits-until"),
        opens_on=optional_date(opens_on, "--opens-on"),
        screening_until=optional_date(screening_until, "--screening-until"),
        results_on=optional_date(results_on, "--results-on"),
        accepted_kinds=tuple(kind) if kind else None,
    )
    record = with_store(lambda _c, s: create_round(s, new, chosen, actor=who(actor)))
    typer.echo(f"round {record.id}: edition {record.edition_id} ({record.edition_hash[:16]}…)")


@lao_app.command("import")
def lao_import(
    csv_file: Annotated[Path, typer.Argument(help="lao_id,name_th,kind,province_code[,...]")],
    actor: Actor = "",
) -> None:
    """Import LAOs from a CSV file (UTF-8, BOM or not); all rows or none."""
    from sync.server.store.laos import import_laos  # noqa: PLC0415

    try:
        data = csv_file.read_bytes()
    except OSError as error:
        raise fail(InvalidInput(f"cannot read {csv_file}: {error.strerror}", [])) from None
    report = with_store(lambda _c, s: import_laos(s, data, actor=who(actor), source=csv_file.name))
    typer.echo(f"{report.added} LAO(s) added, {report.updated} already known")


@pipeline_app.command("set")
def pipeline_set(
    round_id: Annotated[str, typer.Argument()],
    lao_id: Annotated[str, typer.Argument()],
    *,
    self_points: Annotated[int | None, typer.Option(help="self-assessment points")] = None,
    self_assessed_on: OptionalDay = None,
    form_filled_on: OptionalDay = None,
    endorsed_on: OptionalDay = None,
    word: Annotated[bool | None, typer.Option("--word/--no-word")] = None,
    pdf: Annotated[bool | None, typer.Option("--pdf/--no-pdf")] = None,
    posted_on: OptionalDay = None,
    emailed_on: OptionalDay = None,
    scope: Annotated[str | None, typer.Option(help="office or department")] = None,
    information_only: Annotated[
        bool | None, typer.Option("--information-only/--full-service")
    ] = None,
    actor: Actor = "",
) -> None:
    """Record the LAO's pipeline facts for the round; prints where it then stands."""
    from sync.server.office import print_status  # noqa: PLC0415
    from sync.server.store.pipeline import record_pipeline  # noqa: PLC0415

    given: dict[str, Any] = {
        "self_assessment_points": self_points,
        "self_assessed_on": optional_date(self_assessed_on, "--self-assessed-on"),
        "form_filled_on": optional_date(form_filled_on, "--form-filled-on"),
        "governor_endorsed_on": optional_date(endorsed_on, "--endorsed-on"),
        "word": word,
        "pdf": pdf,
        "posted_on": optional_date(posted_on, "--posted-on"),
        "emailed_on": optional_date(emailed_on, "--emailed-on"),
        "scope": scope,
        "information_only": information_only,
    }
    facts = {name: value for name, value in given.items() if value is not None}
    status = with_store(
        lambda c, s: record_pipeline(
            s,
            c.editions,
            round_id=round_id,
            lao_id=lao_id,
            facts=facts,
            actor=who(actor),
            today=date.today(),
        )
    )
    print_status(status)


@pipeline_app.command("self-assessment")
def pipeline_self_assessment(
    round_id: Annotated[str, typer.Argument()],
    csv_file: Annotated[Path, typer.Argument(help="lao_id,criterion_id,claim (met / not_met)")],
    actor: Actor = "",
) -> None:
    """Record each LAO's self-assessment per criterion from a CSV file; all LAOs or none. The
    claims go to the inspectors with the assignments; the points follow from them."""
    from sync.server.store.self_assessment import (  # noqa: PLC0415
        parse_self_claims_csv,
        record_self_assessment_file,
    )

    try:
        data = csv_file.read_bytes()
    except OSError as error:
        raise fail(InvalidInput(f"cannot read {csv_file}: {error.strerror}", [])) from None
    statuses = with_store(
        lambda c, s: record_self_assessment_file(
            s,
            c.editions,
            round_id=round_id,
            by_lao=parse_self_claims_csv(data),
            actor=who(actor),
            today=date.today(),
        )
    )
    typer.echo(f"self-assessments recorded / บันทึกผลการประเมินตนเองแล้ว: {len(statuses)} LAO")


@pipeline_app.command("show")
def pipeline_show(round_id: str, lao_id: str) -> None:
    """Where the LAO's application stands in the round, with what holds it, in words, and the
    office's overrides of its eligibility gates."""
    from sync.server.office import print_overrides, print_status  # noqa: PLC0415
    from sync.server.store.eligibility import overrides_of  # noqa: PLC0415
    from sync.server.store.pipeline import pipeline_of  # noqa: PLC0415

    status, overrides = with_store(
        lambda c, s: (
            pipeline_of(s, c.editions, round_id=round_id, lao_id=lao_id, today=date.today()),
            overrides_of(s, round_id, lao_id),
        )
    )
    print_status(status)
    print_overrides(overrides)


def run() -> None:
    """The console script's entry point."""
    app()
