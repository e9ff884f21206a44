"""Printable documents, in the app and at the central store: the one home of fpdf2,
python-docx and openpyxl (Thai shaped by HarfBuzz, a text layer that copies as written).

Each takes a plain view (``views``) and returns bytes, so a command writes them to a file and
a web route sends them:

    certificate_pdf(certificate, *, qr_image, office=None, font_dir=None)   A4 landscape
    report_pdf(view, *, photos) / report_docx(view, *, photos)              A4 portrait
    notice_pdf(notice, *, office) / notice_docx(notice, *, office)          an official letter
    award_list_pdf(awards, *, office) / award_list_xlsx(awards)             for the ceremony

``report_model`` makes a report's view from signed results (``committee_report_view``,
``inspector_report_view``). The QR code comes in as image bytes (``field_audit.evidence.qr``
draws it on the device, ``sync.issuing.qr`` at the central store), so this package imports
neither. Errors: ``field_audit.documents.errors`` (``FontMissing``, ``BadReportInput``).
"""

from field_audit.documents.awards import award_list_pdf
from field_audit.documents.awards_xlsx import award_list_xlsx
from field_audit.documents.certificate import certificate_pdf
from field_audit.documents.errors import BadReportInput, DocumentError, FontMissing
from field_audit.documents.notice_docx import notice_docx
from field_audit.documents.notice_pdf import notice_pdf
from field_audit.documents.report import report_pdf
from field_audit.documents.report_docx import report_docx
from field_audit.documents.report_model import committee_report_view, inspector_report_view

__all__ = [
    "BadReportInput",
    "DocumentError",
    "FontMissing",
    "award_list_pdf",
    "award_list_xlsx",
    "certificate_pdf",
    "committee_report_view",
    "inspector_report_view",
    "notice_docx",
    "notice_pdf",
    "report_docx",
    "report_pdf",
]
