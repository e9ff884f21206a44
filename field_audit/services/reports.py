"""The inspector's own report as a file: the PDF of their sealed audit (criteria, verdicts,
notes, photos, score and key fingerprint), written to the exports folder for the seal bar's
button (the browser is also offered it) and for ``field-audit bundle report``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from field_audit.evidence.store import PhotoStore
from field_audit.storage.database import Database
from field_audit.storage.errors import NotFound
from field_audit.storage.models import AuditRecord

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class ExportedReport:
    path: Path
    file_name: str
    data: bytes


def own_report(db: Database, store: PhotoStore, exports_dir: Path, audit_id: str) -> ExportedReport:
    """The report of the audit's sealed revision; ``NotFound`` for an audit not sealed."""
    with db.session() as session:
        audit = session.get(AuditRecord, audit_id)
    if audit is None or audit.sealed_hash is None:
        raise NotFound("sealed audit", audit_id)
    # Imported when asked for: the PDF machinery (fpdf2, fonts, Word and Excel writers) would
    # otherwise load with the app, a few tenths of a second of every start.
    from field_audit.seal.report import sealed_report  # noqa: PLC0415

    data = sealed_report(db, store, audit.sealed_hash)
    stem = f"gecc-report-{audit.assignment_id}-{audit.inspector_id}-r{audit.revision}"
    file_name = _UNSAFE.sub("-", stem) + ".pdf"
    exports_dir.mkdir(parents=True, exist_ok=True)
    path = exports_dir / file_name
    path.write_bytes(data)
    return ExportedReport(path, file_name, data)
