"""The office's documents at the central store, each a function that returns bytes, so a
command writes a file and a web route sends the same bytes (``produce``):

    certificate_files(central, session, reference) -> CertificateFiles(pdf, png, svg)
    committee_report(central, session, round_id, lao_id, *, fmt="pdf"|"docx") -> bytes
    notice(central, session, round_id, lao_id, *, fmt="pdf"|"docx", dated, number="")
    round_notices(central, session, round_id, *, fmt, dated) -> bytes    a zip, one per LAO
    award_list(central, session, round_id, *, fmt="pdf"|"xlsx") -> bytes

The documents themselves are drawn by ``field_audit.documents``, shared with the app: this
package only maps the store's tables into its views (``gather``) and the settings into the
``Office`` (``office``). Refusals are ``CentralError``s (see ``gather``).
"""

from sync.server.documents.produce import (
    CertificateFiles,
    award_list,
    certificate_files,
    committee_report,
    notice,
    round_notices,
)

__all__ = [
    "CertificateFiles",
    "award_list",
    "certificate_files",
    "committee_report",
    "notice",
    "round_notices",
]
