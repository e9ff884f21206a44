"""Members' shares of the criteria on the device: the division the office planned (pulled with
the assignments) and each audit's own scope, which the member may change while it is a draft.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from sqlmodel import Session, col, delete, select

from field_audit.domain.audit import AuditStatus
from field_audit.domain.errors import VerdictError
from field_audit.domain.shares import Scope, in_order, scope_problems
from field_audit.storage.audits import editable_audit, edition_by_hash, refresh_status
from field_audit.storage.database import Database
from field_audit.storage.models import PlannedShare


def replace_planned_shares(
    session: Session, assignment_id: str, shares: Mapping[str, Iterable[str]]
) -> None:
    """The office's division for a visit, replaced whole (member -> criterion ids)."""
    session.exec(delete(PlannedShare).where(col(PlannedShare.assignment_id) == assignment_id))
    session.flush()
    session.add_all(
        PlannedShare(assignment_id=assignment_id, inspector_id=member, criteria=_text(criteria))
        for member, criteria in shares.items()
    )


def planned_shares(session: Session, assignment_id: str) -> dict[str, Scope]:
    rows = session.exec(select(PlannedShare).where(PlannedShare.assignment_id == assignment_id))
    return {row.inspector_id: frozenset(json.loads(row.criteria)) for row in rows.all()}


def set_scope(db: Database, audit_id: str, scope: Scope | None) -> AuditStatus:
    """The criteria this audit covers (None: all); refused on a sealed audit or for criteria
    the edition lacks. Answers outside the scope stay, unsealed, should it widen again."""
    with db.session() as session:
        audit = editable_audit(session, audit_id)
        edition = edition_by_hash(session, audit.edition_hash)
        if scope is not None:
            problems = scope_problems(edition, scope)
            if problems:
                raise VerdictError(problems[0].en)
        audit.scope = None if scope is None else _text(in_order(edition, scope))
        status = refresh_status(session, audit, edition)
        session.commit()
        return status


def _text(criteria: Iterable[str]) -> str:
    return json.dumps(list(criteria))
