"""Each office document as bytes (see the package docstring)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import date
from typing import Literal

from sqlmodel import Session

from field_audit.documents import (
    award_list_pdf,
    award_list_xlsx,
    certificate_pdf,
    notice_docx,
    notice_pdf,
    report_docx,
    report_pdf,
)
from sync.issuing.qr import certificate_qr_png, certificate_qr_svg
from sync.server.central import Central
from sync.server.documents import gather
from sync.server.documents.office import office_of
from sync.server.models import CertificateRecord
from sync.server.store.revocations import reference_of
from sync.server.store.rows import require

WordOrPdf = Literal["pdf", "docx"]
SheetOrPdf = Literal["pdf", "xlsx"]
ZIP_TIME = (2000, 1, 1, 0, 0, 0)  # fixed, so the same notices make the same zip


@dataclass(frozen=True)
class CertificateFiles:
    pdf: bytes
    png: bytes
    svg: bytes


def certificate_files(central: Central, session: Session, reference: str) -> CertificateFiles:
    """The certificate (A4 landscape PDF) and its QR code as PNG and SVG."""
    record = require(session, CertificateRecord, reference_of(reference), "certificate")
    certificate = gather.certificate_in(record)
    svg = certificate_qr_svg(record.qr_text)
    office = office_of(central.settings)
    pdf = certificate_pdf(certificate, qr_image=svg.encode(), office=office)
    return CertificateFiles(pdf=pdf, png=certificate_qr_png(record.qr_text), svg=svg.encode())


def committee_report(
    central: Central, session: Session, round_id: str, lao_id: str, *, fmt: WordOrPdf = "pdf"
) -> bytes:
    """The committee's report on the LAO, its photos from the blob store."""
    view = gather.report_view(session, central.editions, round_id, lao_id)

    def photo(sha256: str) -> bytes | None:
        return b"".join(central.blobs.read(sha256)) if central.blobs.has(sha256) else None

    if fmt == "docx":
        return report_docx(view, photos=photo)
    return report_pdf(view, photos=photo)


def notice(
    central: Central,
    session: Session,
    round_id: str,
    lao_id: str,
    *,
    dated: date,
    fmt: WordOrPdf = "pdf",
    number: str = "",
) -> bytes:
    """The letter to the LAO on the office's decision."""
    view = gather.notice_view(
        session, central.editions, round_id, lao_id, dated=dated, number=number
    )
    office = office_of(central.settings)
    return notice_docx(view, office=office) if fmt == "docx" else notice_pdf(view, office=office)


def round_notices(
    central: Central, session: Session, round_id: str, *, dated: date, fmt: WordOrPdf = "pdf"
) -> bytes:
    """A zip of the letters to every LAO the office decided on in the round (all or none)."""
    letters = {
        f"notice-{lao_id}.{fmt}": notice(central, session, round_id, lao_id, dated=dated, fmt=fmt)
        for lao_id in gather.decided_laos(session, round_id)
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in letters.items():
            archive.writestr(zipfile.ZipInfo(name, ZIP_TIME), data)
    return out.getvalue()


def award_list(
    central: Central, session: Session, round_id: str, *, fmt: SheetOrPdf = "pdf"
) -> bytes:
    """The round's certified LAOs by province and kind."""
    awards = gather.award_list(session, round_id)
    if fmt == "xlsx":
        return award_list_xlsx(awards)
    return award_list_pdf(awards, office=office_of(central.settings))
