"""The office's documents, to download from the console: the committee's report on an LAO (PDF
or Word), the letter on the office's decision, every such letter of a round as a zip, the
round's award list (PDF or Excel) and a certificate with its QR code. Each is made by
``sync.server.documents``, as ``gecc-central document`` makes it; making one changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import anyio.to_thread
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from sqlmodel import Session

from sync.issuing.qr import certificate_qr_png
from sync.server.console.auth import Allowed, Officer, central_of, database
from sync.server.console.forms import optional_day
from sync.server.console.permissions import Permission
from sync.server.console.routes_round import today_of
from sync.server.documents import (
    award_list,
    certificate_files,
    committee_report,
    notice,
    round_notices,
)
from sync.server.store.certificate_list import certificate_detail

router = APIRouter(prefix="/office", include_in_schema=False)
View = Depends(Allowed(Permission.VIEW))
Db = Depends(database)

MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
    "png": "image/png",
}


@router.get("/rounds/{round_id}/laos/{lao_id}/report.{fmt}")
async def report(
    request: Request,
    round_id: str,
    lao_id: str,
    *,
    fmt: Literal["pdf", "docx"],
    officer: Officer = View,
    db: Session = Db,
) -> Response:
    """The committee's report on the LAO, with its photos."""
    central = central_of(request)
    return await _file(
        f"report-{round_id}-{lao_id}.{fmt}",
        lambda: committee_report(central, db, round_id, lao_id, fmt=fmt),
    )


@router.get("/rounds/{round_id}/laos/{lao_id}/notice.{fmt}")
async def notice_letter(
    request: Request,
    round_id: str,
    lao_id: str,
    *,
    fmt: Literal["pdf", "docx"],
    dated: str = Query(""),
    number: str = Query("", max_length=100),
    officer: Officer = View,
    db: Session = Db,
) -> Response:
    """The letter to the LAO on the office's decision, dated today unless ``dated`` says."""
    central, day = central_of(request), optional_day(dated, "dated") or today_of(request)
    return await _file(
        f"notice-{round_id}-{lao_id}.{fmt}",
        lambda: notice(central, db, round_id, lao_id, dated=day, fmt=fmt, number=number),
    )


@router.get("/rounds/{round_id}/notices.zip")
async def every_notice(
    request: Request,
    round_id: str,
    *,
    fmt: Literal["pdf", "docx"] = "pdf",
    dated: str = Query(""),
    officer: Officer = View,
    db: Session = Db,
) -> Response:
    """The letters to every LAO the office decided on in the round, as one zip."""
    central, day = central_of(request), optional_day(dated, "dated") or today_of(request)
    return await _file(
        f"notices-{round_id}.zip", lambda: round_notices(central, db, round_id, dated=day, fmt=fmt)
    )


@router.get("/rounds/{round_id}/awards.{fmt}")
async def awards(
    request: Request,
    round_id: str,
    *,
    fmt: Literal["pdf", "xlsx"],
    officer: Officer = View,
    db: Session = Db,
) -> Response:
    """The round's certified LAOs by province and kind, for the ceremony."""
    central = central_of(request)
    return await _file(
        f"awards-{round_id}.{fmt}", lambda: award_list(central, db, round_id, fmt=fmt)
    )


@router.get("/certificates/{reference}/certificate.pdf")
async def certificate_pdf(
    reference: str, request: Request, officer: Officer = View, db: Session = Db
) -> Response:
    """The printable certificate (A4 landscape) with the office's name and signer."""
    central = central_of(request)
    return await _file(f"{reference}.pdf", lambda: certificate_files(central, db, reference).pdf)


@router.get("/certificates/{reference}/qr.png")
async def certificate_qr_picture(
    reference: str, officer: Officer = View, db: Session = Db
) -> Response:
    """The certificate's QR code as a picture, for print or a web page (the QR alone: no PDF
    is drawn for it)."""
    record = certificate_detail(db, reference).row.record
    return await _file(f"{record.reference}-qr.png", lambda: certificate_qr_png(record.qr_text))


async def _file(name: str, make: Callable[[], bytes]) -> Response:
    """The document ``make`` makes (in a worker thread: PDFs take a while), as a download."""
    data = await anyio.to_thread.run_sync(make)
    return Response(
        data,
        media_type=MEDIA_TYPES[name.rsplit(".", 1)[-1]],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
