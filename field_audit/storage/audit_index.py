"""Every audit on the device with the LAO it is of: what ``field-audit audit list`` shows."""

from __future__ import annotations

from sqlmodel import col, select

from field_audit.storage.database import Database
from field_audit.storage.errors import Ambiguous, NotFound
from field_audit.storage.models import Assignment, AuditRecord, Lao


def audits_with_lao(db: Database) -> list[tuple[AuditRecord, Lao]]:
    """Every audit (every revision), by LAO name, then assignment, inspector and revision."""
    with db.session() as session:
        rows = session.exec(
            select(AuditRecord, Lao)
            .join(Assignment, col(Assignment.id) == AuditRecord.assignment_id)
            .join(Lao, col(Lao.id) == Assignment.lao_id)
            .order_by(
                col(Lao.name_th),
                col(AuditRecord.assignment_id),
                col(AuditRecord.inspector_id),
                col(AuditRecord.revision),
            )
        ).all()
        return [(audit, lao) for audit, lao in rows]


def find_audit_id(db: Database, given: str) -> str:
    """The id of the one audit whose id is ``given`` or starts with it (at least 4
    characters); ``NotFound`` when none does, ``Ambiguous`` when several do."""
    with db.session() as session:
        if session.get(AuditRecord, given) is not None:
            return given
        if len(given) < 4:
            raise NotFound("audit", given)
        ids = session.exec(
            select(AuditRecord.id).where(col(AuditRecord.id).startswith(given)).limit(3)
        ).all()
    if not ids:
        raise NotFound("audit", given)
    if len(ids) > 1:
        raise Ambiguous("audit", given, list(ids))
    return ids[0]
