"""Helpers of the office commands: reading their arguments and printing what they found."""

from __future__ import annotations

from pathlib import Path

import typer

from field_audit.domain.edition import Edition, load_bundled_edition, load_edition_file
from field_audit.domain.errors import EditionError
from field_audit.domain.pipeline import PipelineStatus
from field_audit.domain.roles import Role, parse_role
from sync.server.errors import InvalidInput
from sync.server.models import EligibilityOverride
from sync.server.store.admin import Member
from sync.server.store.reviews import ReviewState


def load_edition(edition_id: str, edition_file: Path | None) -> Edition:
    """The edition a round will use: a file if given, else a bundled edition by id."""
    try:
        return load_edition_file(edition_file) if edition_file else load_bundled_edition(edition_id)
    except EditionError as error:
        raise _refused(InvalidInput(str(error), error.problems)) from None


def parse_member(text: str, role: str) -> Member:
    """``INSPECTOR_ID:NAME`` as a committee member with ``role``, or ``INSPECTOR_ID:NAME:ROLE``
    naming the role (``expert``, ``opdc_representative``, ``joint_secretary``,
    ``assistant_secretary``, ``member``, or its Thai name)."""
    inspector_id, _, rest = text.partition(":")
    name, _, named_role = rest.partition(":")
    if not inspector_id.strip() or not name.strip():
        raise _refused(InvalidInput(f"{text!r} is not INSPECTOR_ID:NAME[:ROLE]", []))
    chosen = parse_role(named_role) if named_role.strip() else parse_role(role)
    if chosen is None:
        roles = ", ".join(r.value for r in Role)
        raise _refused(InvalidInput(f"{named_role!r} is not a committee role ({roles})", []))
    return Member(inspector_id=inspector_id.strip(), name=name.strip(), role=chosen.value)


def review_state(text: str) -> ReviewState:
    try:
        return ReviewState(text)
    except ValueError:
        choices = ", ".join(s.value for s in ReviewState)
        raise _refused(InvalidInput(f"{text!r} is not a review state ({choices})", [])) from None


def print_status(status: PipelineStatus) -> None:
    """Where an application stands, in Thai and English: the step, what holds it there in
    words (its blockers, or what it waits for), then every other blocker."""
    current = status.current_step
    if current is None:
        outcome = "certified / ผ่านการรับรอง" if status.certified else "not certified / ไม่ให้การรับรอง"
        typer.echo(f"every step is done — {outcome}")
    else:
        typer.echo(f"step {int(current)}: {current.title.th} ({current.title.en})")
    typer.echo(f"steps done: {', '.join(str(int(s)) for s in status.steps_done) or 'none yet'}")
    typer.echo(f"eligible: {'yes' if status.eligible else 'no'}")
    for blocker in status.holding:
        typer.echo(f"  now [{blocker.code}] {blocker.message_th}")
        typer.echo(f"    {blocker.message_en}")
    for blocker in status.blockers:
        if blocker not in status.holding:
            typer.echo(f"  ! [{blocker.code}] {blocker.message_th}")
            typer.echo(f"    {blocker.message_en}")


def print_overrides(overrides: list[EligibilityOverride]) -> None:
    """The office's overrides of the LAO's eligibility gates, as its record shows them."""
    for override in overrides:
        typer.echo(
            f"  override: {', '.join(override.codes)} waived by {override.officer}"
            f" ({override.reason})"
        )


def _refused(error: InvalidInput) -> typer.Exit:
    typer.echo(f"error: {error}", err=True)
    for problem in error.problems:
        typer.echo(f"  - {problem}", err=True)
    return typer.Exit(2)
