"""``field-audit sync``: push sealed results to the central store and pull assignments."""

from __future__ import annotations

from typing import Annotated

import typer

from field_audit.cli.errors import clear_errors
from field_audit.cli.passphrase import StdinFlag, read_passphrase
from field_audit.cli.paths import DataDirOption, data_dir_or_default

UrlOption = Annotated[
    str | None,
    typer.Option("--url", envvar="GECC_CENTRAL_URL", help="The central store's address."),
]


def sync(
    url: UrlOption = None,
    data_dir: DataDirOption = None,
    passphrase_stdin: StdinFlag = False,
    retry_refused: Annotated[
        bool,
        typer.Option(
            help="Send again now: queue refused items again, and send waiting ones without"
            " waiting out a network failure's backoff."
        ),
    ] = False,
) -> None:
    """Send what waits in the outbox (photos first), then pull what changed. An item that met
    a network failure waits a little before a sync sends it again (unless --retry-refused)."""
    import httpx

    from field_audit.device import open_device
    from field_audit.signing import keys_dir_in, unlock
    from field_audit.storage.assignments import inspector_profile
    from field_audit.storage.outbox import retry_refused as requeue
    from field_audit.sync_client.http import CentralClient
    from field_audit.syncing.run import sync_now

    folder = data_dir_or_default(data_dir)
    with clear_errors():
        key = unlock(keys_dir_in(folder), read_passphrase(passphrase_stdin))
        device = open_device(folder)
        profile = inspector_profile(device.db)
        address = url or (profile.central_url if profile else None)
        if not address:
            device.close()
            raise typer.BadParameter("no central store address: give --url or set it in the app")
        if retry_refused:
            requeue(device.db)
        with httpx.Client(base_url=address, timeout=60) as http:
            report = sync_now(device.db, device.photos, CentralClient(http, key))
        device.close()
    typer.echo(f"sent / ส่งแล้ว: {len(report.push.sent)}; pulled / รับ: {report.pulled} change(s)")
    for ref, reason in report.push.refused:
        typer.echo(f"refused / ถูกปฏิเสธ {ref[:12]}: {reason}", err=True)
    if report.push.deferred:
        typer.echo(
            f"waiting / รอ: {len(report.push.deferred)} item(s) after a network failure, sent by"
            " a later sync or now with --retry-refused / รายการที่ติดต่อไม่ได้ครั้งก่อน"
            " จะส่งในการซิงค์ครั้งถัดไป หรือส่งทันทีด้วย --retry-refused"
        )
    if report.error:
        typer.echo(f"stopped / หยุด: {report.error} — run again later / ลองใหม่ภายหลัง", err=True)
        raise typer.Exit(1)
