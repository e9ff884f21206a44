"""``field-audit certificate ...``: check GECC certificates offline, and what that needs.

    verify --image PICTURE | --text TEXT [--json] [--today YYYY-MM-DD]
    list [--json] [--today YYYY-MM-DD]    the certificates of this inspector's LAOs, checked
    trust FILE          load the central store's trust list (replaces the trusted keys)
    revocations FILE    load one issuing key's signed revocation list (newer counters only)
    pdf --text TEXT -o FILE    print a certificate this device verifies as valid

``verify`` exits 0 for a valid certificate, 1 for any other verdict, 2 for unusable input.
``field-audit sync`` fetches both lists from the central store (``field_audit.syncing.trust``);
``trust`` and ``revocations`` load them from files, for a device that cannot reach it.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from field_audit.cli.errors import BAD_INPUT, InputError, clear_errors
from field_audit.cli.paths import DataDirOption, data_dir_or_default

app = typer.Typer(help="GECC certificates: verify offline, load trust and revocation lists.")
NOT_VALID = 1

ImageOption = Annotated[
    Path | None, typer.Option("--image", help="A picture (PNG, JPEG...) with the QR code.")
]
TextOption = Annotated[str | None, typer.Option("--text", help="The QR code's text (GECC1:...).")]
TodayOption = Annotated[
    str | None, typer.Option("--today", help="Check as of this date (default: today).")
]


@app.command("verify")
def verify(
    image: ImageOption = None,
    text: TextOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    today: TodayOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Check a certificate against the trust and revocation lists on this device."""
    with clear_errors():
        scanned = _scanned_text(image, text)
        verdict = _verdict(scanned, data_dir, _day(today))
    if as_json:
        typer.echo(json.dumps(verdict.to_json(), ensure_ascii=False, indent=2))
    else:
        typer.echo(f"{verdict.status.value} ({verdict.code})")
        typer.echo(verdict.message_th)
        typer.echo(verdict.message_en)
    if verdict.code != "VALID":
        raise typer.Exit(NOT_VALID)


@app.command("list")
def list_held(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    today: TodayOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """The certificates issued to this inspector's LAOs (brought by sync), each checked."""
    from field_audit.services.certificates import CertificateDesk
    from field_audit.storage.database import open_database

    with clear_errors():
        day = _day(today)
        db = open_database(data_dir_or_default(data_dir))
        try:
            held = CertificateDesk(db).held(today=day)
        finally:
            db.close()
    if as_json:
        rows = [
            {
                "reference": h.reference,
                "lao_id": h.lao_id,
                **h.verdict.to_json(),
                "qr_text": h.qr_text,
            }
            for h in held
        ]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for h in held:
        typer.echo(f"{h.reference}  {h.lao_id}  {h.verdict.status.value}: {h.verdict.message_th}")
    if not held:
        typer.echo("no certificates held / ยังไม่มีใบรับรองของ อปท. ที่ได้รับมอบหมาย")


@app.command("trust")
def trust(
    file: Annotated[Path, typer.Argument(help="Trust list JSON (gecc-trust-list/1).")],
    data_dir: DataDirOption = None,
) -> None:
    """Trust exactly the issuing keys in this list from now on."""
    from field_audit.storage.certificates import replace_trusted_keys
    from field_audit.storage.database import open_database
    from sync.protocol.certificates import parse_trust_list

    with clear_errors():
        keys = parse_trust_list(_read_json(file))
        db = open_database(data_dir_or_default(data_dir))
        count = replace_trusted_keys(db, keys.values())
        db.close()
    typer.echo(f"trusted issuing keys / กุญแจออกใบรับรองที่เชื่อถือ: {count}")


@app.command("revocations")
def revocations(
    file: Annotated[Path, typer.Argument(help="A signed revocation list JSON.")],
    data_dir: DataDirOption = None,
) -> None:
    """Accept an issuing key's revocation list if it is signed, trusted and newer."""
    from field_audit.storage.certificates import (
        revocation_states,
        save_revocation_list,
        trusted_keys,
    )
    from field_audit.storage.database import open_database
    from sync.protocol.certificates import verify_revocation_list

    with clear_errors():
        document = _read_json(file)
        db = open_database(data_dir_or_default(data_dir))
        try:
            checked = verify_revocation_list(
                document, trust_list=trusted_keys(db), known=revocation_states(db)
            )
            changed = save_revocation_list(db, checked)
        finally:
            db.close()
    state = "accepted / รับแล้ว" if changed else "unchanged / ไม่มีการเปลี่ยนแปลง"
    typer.echo(
        f"{state}: key {checked.key_id}, counter {checked.counter},"
        f" {len(checked.revocations)} revoked"
    )


@app.command("pdf")
def pdf(
    text: Annotated[str, typer.Option("--text", help="The certificate's QR text (GECC1:...).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The PDF file to write.")],
    today: TodayOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Print (A4 landscape PDF) a certificate that this device verifies as valid."""
    from field_audit.documents import DocumentError, certificate_pdf
    from field_audit.evidence.qr import certificate_qr_png

    with clear_errors():
        verdict = _verdict(text, data_dir, _day(today))
    if verdict.certificate is None or verdict.code != "VALID":
        typer.echo(f"error: {verdict.message_en}", err=True)
        raise typer.Exit(NOT_VALID)
    try:
        output.write_bytes(certificate_pdf(verdict.certificate, qr_image=certificate_qr_png(text)))
    except DocumentError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(BAD_INPUT) from None
    typer.echo(f"wrote {output}")


def _verdict(text: str, data_dir: Path | None, today: date) -> Any:
    from field_audit.services.certificates import CertificateDesk
    from field_audit.storage.database import open_database

    db = open_database(data_dir_or_default(data_dir))
    try:
        return CertificateDesk(db).verifier(today)(text)
    finally:
        db.close()


def _scanned_text(image: Path | None, text: str | None) -> str:
    """The one QR text to check: from ``--text``, or the GECC code found in ``--image``."""
    if (image is None) == (text is None):
        raise InputError("give exactly one of --image PICTURE or --text TEXT")
    if text is not None:
        return text
    assert image is not None
    return _text_in_picture(image)


def _text_in_picture(image: Path) -> str:
    from field_audit.evidence.errors import PhotoRefused
    from field_audit.evidence.qr_decode import decode_qr_texts
    from sync.protocol.certificates import QR_PREFIX

    try:
        texts = decode_qr_texts(image.read_bytes())
    except (OSError, PhotoRefused) as error:
        raise InputError(f"cannot read a picture from {image}: {error}") from error
    if not texts:
        raise InputError(f"no QR code found in {image}")
    return next((t for t in texts if t.startswith(QR_PREFIX)), texts[0])


def _read_json(file: Path) -> object:
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InputError(f"cannot read JSON from {file}: {error}") from error


def _day(text: str | None) -> date:
    if text is None:
        from field_audit.storage.models import now_utc
        from sync.protocol.certificates import thai_date

        return thai_date(now_utc())
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise InputError(f"--today {text!r} is not a date like 2027-03-15") from error
