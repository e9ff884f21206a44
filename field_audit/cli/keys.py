"""``field-audit key ...``: the inspector's signing key on this device."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from field_audit.cli.errors import clear_errors
from field_audit.cli.passphrase import StdinFlag, read_passphrase
from field_audit.cli.paths import DataDirOption, data_dir_or_default

app = typer.Typer(help="The inspector's signing key: create, show, change passphrase, replace.")


@app.command("create")
def create(data_dir: DataDirOption = None, passphrase_stdin: StdinFlag = False) -> None:
    """Make this device's key pair, sealed under a passphrase."""
    from field_audit.signing import create_identity, keys_dir_in

    passphrase = read_passphrase(passphrase_stdin, confirm=True)
    with clear_errors():
        identity = create_identity(keys_dir_in(data_dir_or_default(data_dir)), passphrase)
    typer.echo(f"fingerprint / ลายนิ้วมือกุญแจ: {identity.fingerprint}")


@app.command("show")
def show(
    data_dir: DataDirOption = None,
    qr: Annotated[
        Path | None, typer.Option(help="Also write the enrolment QR code as PNG.")
    ] = None,
) -> None:
    """Print the fingerprint and enrolment text the office needs (no passphrase needed)."""
    from field_audit.signing import keys_dir_in, public_keys

    with clear_errors():
        keys = public_keys(keys_dir_in(data_dir_or_default(data_dir)))
    current = keys[0]
    typer.echo(f"fingerprint / ลายนิ้วมือกุญแจ: {current.fingerprint}")
    typer.echo(f"enrolment / ข้อความลงทะเบียน: {current.enrolment_text}")
    for retired in keys[1:]:
        typer.echo(f"retired / เลิกใช้แล้ว: {retired.fingerprint}")
    if qr is not None:
        from field_audit.evidence.qr import enrolment_qr_png

        qr.write_bytes(enrolment_qr_png(current.enrolment_text))


@app.command("passwd")
def change(data_dir: DataDirOption = None, passphrase_stdin: StdinFlag = False) -> None:
    """Change the passphrase (with --passphrase-stdin: old on line 1, new on line 2)."""
    from field_audit.signing import change_passphrase, keys_dir_in

    old = read_passphrase(passphrase_stdin, prompt="Current passphrase / รหัสผ่านเดิม")
    new = read_passphrase(passphrase_stdin, prompt="New passphrase / รหัสผ่านใหม่", confirm=True)
    with clear_errors():
        change_passphrase(keys_dir_in(data_dir_or_default(data_dir)), old=old, new=new)
    typer.echo("passphrase changed / เปลี่ยนรหัสผ่านแล้ว")


@app.command("replace")
def replace(data_dir: DataDirOption = None, passphrase_stdin: StdinFlag = False) -> None:
    """Replace a lost or compromised key; results sealed with the old one still verify."""
    from field_audit.signing import keys_dir_in, replace_key

    passphrase = read_passphrase(
        passphrase_stdin, prompt="New passphrase / รหัสผ่านใหม่", confirm=True
    )
    with clear_errors():
        identity = replace_key(keys_dir_in(data_dir_or_default(data_dir)), passphrase)
    typer.echo(f"new fingerprint / ลายนิ้วมือกุญแจใหม่: {identity.fingerprint}")
    typer.echo("enrol the new key at the office / นำกุญแจใหม่ไปลงทะเบียนที่สำนักงาน")
