"""``gecc-central certificate ...`` and ``gecc-central issuing-key ...``.

    certificate issue --round R --lao L [--reissue] [--svg FILE] [--png FILE]
                                   after approval (idempotent)
    certificate prepare --round R --lao L / confirm --round R --lao L  the four-eyes way:
                                   one officer prepares, another confirms (as the console does)
    certificate revoke REFERENCE --reason TEXT
    certificate show REFERENCE [--svg FILE] [--png FILE]
    issuing-key create | rotate [--new-passphrase] | show [--trust-list FILE]

The keyring is the file ``GECC_CENTRAL_ISSUING_KEY_FILE``; its passphrase comes from
``GECC_CENTRAL_ISSUING_KEY_PASSPHRASE`` or is asked for. Issuing, revoking and every change of
the keyring are written to the audit log.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from sync.server.cli_common import Actor, fail, read_settings, who, with_store

if TYPE_CHECKING:
    from sqlmodel import Session

    from sync.server.central import Central
    from sync.server.models import CertificateRecord
    from sync.server.settings import Settings

T = TypeVar("T")
certificate_app = typer.Typer(help="GECC certificates: issue after approval, revoke, show.")
issuing_key_app = typer.Typer(help="The issuing key that signs certificates (a sealed file).")
SvgOption = Annotated[Path | None, typer.Option(help="also write the QR code as SVG here")]
PngOption = Annotated[Path | None, typer.Option(help="also write the QR code as PNG here")]


@certificate_app.command("issue")
def certificate_issue(
    round_id: Annotated[str, typer.Option("--round")],
    lao_id: Annotated[str, typer.Option("--lao")],
    *,
    reissue: Annotated[bool, typer.Option(help="issue anew after a revocation")] = False,
    svg: SvgOption = None,
    png: PngOption = None,
    actor: Actor = "",
) -> None:
    """Issue the LAO's certificate for the round (its committee result approved, certified)."""
    from sync.server.store.certificates import issue_for  # noqa: PLC0415

    issued = with_store(
        lambda c, s: issue_for(
            s,
            c.issuer,
            c.editions,
            round_id=round_id,
            lao_id=lao_id,
            actor=who(actor),
            now=c.clock(),
            reissue=reissue,
        )
    )
    state = "issued" if issued.created else "already issued"
    _print_certificate(issued.record, state, svg, png)


@certificate_app.command("prepare")
def certificate_prepare(
    round_id: Annotated[str, typer.Option("--round")],
    lao_id: Annotated[str, typer.Option("--lao")],
    actor: Actor = "",
) -> None:
    """Prepare the LAO's certificate: a second officer confirms it (``certificate confirm``)."""
    from sync.server.store.four_eyes import prepare_certificate  # noqa: PLC0415

    with_store(
        lambda c, s: prepare_certificate(
            s, c.editions, round_id=round_id, lao_id=lao_id, actor=who(actor)
        )
    )
    typer.echo(f"certificate of {lao_id} prepared: another officer must confirm it")


@certificate_app.command("confirm")
def certificate_confirm(
    round_id: Annotated[str, typer.Option("--round")],
    lao_id: Annotated[str, typer.Option("--lao")],
    reissue: Annotated[bool, typer.Option(help="issue anew after a revocation")] = False,
    svg: SvgOption = None,
    png: PngOption = None,
    actor: Actor = "",
) -> None:
    """Confirm a certificate another officer prepared: it is issued."""
    from sync.server.store.four_eyes import confirm_certificate  # noqa: PLC0415

    issued = with_store(
        lambda c, s: confirm_certificate(
            s,
            c.issuer,
            c.editions,
            round_id=round_id,
            lao_id=lao_id,
            actor=who(actor),
            now=c.clock(),
            reissue=reissue,
        )
    )
    _print_certificate(issued.record, "issued", svg, png)


@certificate_app.command("revoke")
def certificate_revoke(
    reference: Annotated[str, typer.Argument(help="e.g. GECC-2570-50-0007")],
    reason: Annotated[str, typer.Option(help="shown to everyone who checks the certificate")],
    actor: Actor = "",
) -> None:
    """Revoke a certificate; its issuing key's revocation list gets a higher counter."""
    from sync.server.store.revocations import revoke  # noqa: PLC0415

    record = with_store(
        lambda c, s: revoke(s, c.issuer, reference, reason=reason, actor=who(actor), now=c.clock())
    )
    typer.echo(f"certificate {record.reference} revoked: {record.revocation_reason}")


@certificate_app.command("show")
def certificate_show(
    reference: Annotated[str, typer.Argument(help="e.g. GECC-2570-50-0007")],
    svg: SvgOption = None,
    png: PngOption = None,
) -> None:
    """An issued certificate: what it states, its QR text, and its revocation if any."""
    from sync.server.models import CertificateRecord  # noqa: PLC0415
    from sync.server.store.revocations import reference_of  # noqa: PLC0415
    from sync.server.store.rows import require  # noqa: PLC0415

    record = with_store(
        lambda _c, s: require(s, CertificateRecord, reference_of(reference), "certificate")
    )
    _print_certificate(record, "revoked" if record.revoked_at else "standing", svg, png)
    typer.echo(json.dumps(json.loads(record.payload), ensure_ascii=False, indent=2))


@issuing_key_app.command("create")
def issuing_key_create(actor: Actor = "") -> None:
    """Make the first issuing key, sealed under the passphrase, at GECC_CENTRAL_ISSUING_KEY_FILE."""
    from sync.issuing import create_keyring  # noqa: PLC0415

    settings = read_settings()
    path = _keyring_path(settings)
    passphrase = _passphrase(settings, confirm=True)
    key = _keyring_action(lambda: create_keyring(path, passphrase))
    _log(actor, "issuing_key.create", key.key_id, fingerprint=key.fingerprint)
    typer.echo(f"issuing key {key.key_id} created in {path}")
    typer.echo(f"fingerprint: {key.fingerprint}")


@issuing_key_app.command("rotate")
def issuing_key_rotate(
    new_passphrase: Annotated[
        bool, typer.Option(help="seal the new key under a new passphrase (asked for)")
    ] = False,
    actor: Actor = "",
) -> None:
    """Make a new issuing key; the old one is retired and kept (its certificates still verify)."""
    from sync.issuing import read_keyring, rotate_issuing_key  # noqa: PLC0415

    settings = read_settings()
    path = _keyring_path(settings)
    passphrase = _passphrase(settings, confirm=False)
    fresh = _ask_passphrase("New passphrase", confirm=True) if new_passphrase else None
    old = _keyring_action(lambda: read_keyring(path)).current
    key = _keyring_action(lambda: rotate_issuing_key(path, passphrase, new_passphrase=fresh))
    _log(actor, "issuing_key.rotate", key.key_id, retired=old.key_id, fingerprint=key.fingerprint)
    typer.echo(f"issuing key {key.key_id} is current; {old.key_id} retired")
    typer.echo(f"fingerprint: {key.fingerprint}")
    if fresh is not None:
        typer.echo("set GECC_CENTRAL_ISSUING_KEY_PASSPHRASE to the new passphrase before serving")


@issuing_key_app.command("show")
def issuing_key_show(
    trust_list: Annotated[
        Path | None, typer.Option(help="write the trust list (gecc-trust-list/1) here")
    ] = None,
) -> None:
    """Every issuing key: id, fingerprint, when it was made and retired (no passphrase)."""
    from sync.issuing import export_trust_list, read_keyring  # noqa: PLC0415

    path = _keyring_path(read_settings())
    keyring = _keyring_action(lambda: read_keyring(path))
    for key in keyring.keys:
        until = key.retired_at.isoformat() if key.retired_at else "current"
        typer.echo(f"{key.key_id}  {key.fingerprint}  {key.created_at.isoformat()} .. {until}")
    if trust_list is not None:
        document = _keyring_action(lambda: export_trust_list(path))
        trust_list.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        typer.echo(f"wrote {trust_list}")


def _print_certificate(
    record: CertificateRecord, state: str, svg: Path | None, png: Path | None
) -> None:
    typer.echo(
        f"certificate {record.reference} {state} for {record.lao_id} (round {record.round_id}),"
        f" valid {record.issued_on.isoformat()} to {record.valid_until.isoformat()},"
        f" key {record.key_id}"
    )
    typer.echo(record.qr_text)
    if svg is not None:
        from sync.issuing.qr import certificate_qr_svg  # noqa: PLC0415

        svg.write_text(certificate_qr_svg(record.qr_text), encoding="utf-8")
        typer.echo(f"wrote {svg}")
    if png is not None:
        from sync.issuing.qr import certificate_qr_png  # noqa: PLC0415

        png.write_bytes(certificate_qr_png(record.qr_text))
        typer.echo(f"wrote {png}")


def _keyring_path(settings: Settings) -> Path:
    if settings.issuing_key_file is None:
        typer.echo("error: set GECC_CENTRAL_ISSUING_KEY_FILE (where the keyring is)", err=True)
        raise typer.Exit(2)
    return settings.issuing_key_file


def _passphrase(settings: Settings, *, confirm: bool) -> str:
    return settings.issuing_key_passphrase or _ask_passphrase("Passphrase", confirm=confirm)


def _ask_passphrase(prompt: str, *, confirm: bool) -> str:
    answer: str = typer.prompt(
        f"{prompt} of the issuing key", hide_input=True, confirmation_prompt=confirm
    )
    return answer


def _keyring_action(action: Callable[[], T]) -> T:
    from sync.issuing import IssuingKeyError  # noqa: PLC0415

    try:
        return action()
    except IssuingKeyError as error:
        raise fail(error) from None


def _log(actor: str, action: str, subject: str, **details: str) -> None:
    from sync.server.store.changes import log_action  # noqa: PLC0415

    def record(_central: Central, session: Session) -> None:
        log_action(session, actor=who(actor), action=action, subject=subject, **details)
        session.commit()

    with_store(record)
