"""Printable documents (PDF via fpdf2, Thai shaped by HarfBuzz): the one home of fpdf.

    certificate_pdf(certificate, *, qr_image, font_dir=None) -> bytes     A4 landscape
    committee_report_pdf(committee, members, *, thumbnail, criterion_titles=None,
                         font_dir=None) -> bytes                           A4 portrait

The QR code comes in as image bytes (``field_audit.evidence.qr`` draws it on the device,
``sync.issuing.qr`` on the central store), so this package imports neither. Errors:
``field_audit.documents.errors`` (``FontMissing``, ``BadReportInput``).
"""

from field_audit.documents.certificate import certificate_pdf
from field_audit.documents.errors import BadReportInput, DocumentError, FontMissing
from field_audit.documents.report import committee_report_pdf

__all__ = [
    "BadReportInput",
    "DocumentError",
    "FontMissing",
    "certificate_pdf",
    "committee_report_pdf",
]
