"""``field-audit seal`` and ``field-audit bundle ...``: sealing and offline exchange."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from field_audit.cli.errors import BAD_INPUT, clear_errors
from field_audit.cli.passphrase import StdinFlag, read_passphrase
from field_audit.cli.paths import DataDirOption, data_dir_or_default

app = typer.Typer(help="Bundles (.gecc) to exchange sealed results between committee members.")
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def seal(
    audit_id: Annotated[str, typer.Argument(help="The audit to seal.")],
    data_dir: DataDirOption = None,
    passphrase_stdin: StdinFlag = False,
) -> None:
    """Seal (sign) a complete audit with this device's key; it never changes afterwards."""
    from field_audit.device import open_device
    from field_audit.seal.sealing import seal_audit
    from field_audit.signing import keys_dir_in, unlock

    folder = data_dir_or_default(data_dir)
    with clear_errors():
        key = unlock(keys_dir_in(folder), read_passphrase(passphrase_stdin))
        device = open_device(folder)
        signed = seal_audit(device.db, audit_id, key)
        device.close()
    typer.echo(f"sealed / ปิดผนึกแล้ว: {signed.hash}")


@app.command("export")
def export(
    result_hash: Annotated[str, typer.Argument(help="The sealed result's hash.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The .gecc file to write.")],
    data_dir: DataDirOption = None,
) -> None:
    """Write a sealed result, what it rests on and its photos to a .gecc bundle."""
    from field_audit.device import open_device
    from field_audit.seal.bundles import export_bundle

    with clear_errors():
        device = open_device(data_dir_or_default(data_dir))
        export_bundle(device.db, device.photos, result_hash, output)
        device.close()
    typer.echo(f"wrote / บันทึกแล้ว: {output}")


@app.command("import")
def import_(
    bundle: Annotated[Path, typer.Argument(help="The .gecc file.")],
    data_dir: DataDirOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Verify a bundle completely, then import it; a bad bundle imports nothing."""
    from field_audit.device import open_device
    from field_audit.seal.bundles import import_bundle

    with clear_errors():
        device = open_device(data_dir_or_default(data_dir))
        report = import_bundle(device.db, device.photos, bundle)
        device.close()
    if as_json:
        typer.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        typer.echo(
            f"imported / นำเข้าแล้ว: {len(report.newly_imported)} result(s), {report.photos} photo(s)"
        )


@app.command("verify")
def verify(
    bundle: Annotated[Path, typer.Argument(help="The .gecc file.")],
    data_dir: DataDirOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Verify a bundle without importing it: signatures, photos, edition, revisions, score."""
    from field_audit.device import open_device
    from field_audit.seal.bundles import verify_bundle
    from field_audit.seal.errors import BundleRefused

    device = open_device(data_dir_or_default(data_dir))
    try:
        report, _ = verify_bundle(device.db, bundle)
    except BundleRefused as refused:
        _refused_verdict(refused, as_json)
    finally:
        device.close()
    typer.echo(
        json.dumps(report.to_json(), ensure_ascii=False, indent=2) if as_json else "valid / ถูกต้อง"
    )


def _refused_verdict(refused: Exception, as_json: bool) -> None:
    code = getattr(refused, "code", "REFUSED")
    if as_json:
        body = {
            "valid": False,
            "code": code,
            "en": str(refused),
            "th": getattr(refused, "message_th", ""),
        }
        typer.echo(json.dumps(body, ensure_ascii=False, indent=2))
    else:
        typer.echo(f"invalid / ไม่ถูกต้อง: {refused}", err=True)
    raise typer.Exit(1)


@app.command("report")
def report(
    result_hash: Annotated[
        str, typer.Argument(help="A committee result's hash, or a sealed audit's.")
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="The PDF file to write.")],
    data_dir: DataDirOption = None,
) -> None:
    """A report as a PDF: the committee's for a committee result (every member's verdicts,
    notes, photos, the score), the inspector's own for a sealed audit."""
    from field_audit.device import open_device
    from field_audit.documents import DocumentError
    from field_audit.seal.report import sealed_report

    with clear_errors():
        device = open_device(data_dir_or_default(data_dir))
        try:
            pdf = sealed_report(device.db, device.photos, result_hash)
        except DocumentError as error:
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(BAD_INPUT) from None
        finally:
            device.close()
    output.write_bytes(pdf)
    typer.echo(f"wrote / บันทึกแล้ว: {output}")
