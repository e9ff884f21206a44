"""What a device pulls: who it is, the edition, and its views with ``?since=<seq>``
(rounds, committees, assignments, certificates, results)."""

from __future__ import annotations

import json
import time
from typing import Any

from fastapi import APIRouter

from sync.server.api.deps import CentralDep, CurrentInspector, SessionDep
from sync.server.api.params import EditionHash, Limit, Since
from sync.server.api.refusals import INVALID, NOT_FOUND, SIGNED, answers
from sync.server.api.schemas import (
    AssignmentPublic,
    AuditPublicSigned,
    ChangePublic,
    CommitteePublic,
    EditionPublic,
    HeldCertificatePublic,
    MePublic,
    PagePublic,
    RoundPublic,
    audit_public_signed,
)
from sync.server.errors import NotFound
from sync.server.models import DeviceKeyRecord, EditionRecord, InspectorRecord
from sync.server.store.pull import (
    DEFAULT_LIMIT,
    Page,
    View,
    assignments_view,
    certificates_view,
    committees_view,
    pull,
    results_view,
    rounds_view,
)

router = APIRouter(prefix="/v1", tags=["pull"])
VIEW = answers(SIGNED, INVALID)


@router.get("/me", responses=answers(SIGNED))
def who_am_i(caller: CurrentInspector, session: SessionDep) -> MePublic:
    """The inspector the signing key is enrolled to, and the server's clock."""
    inspector = session.get(InspectorRecord, caller.inspector_id)
    key = session.get(DeviceKeyRecord, caller.key_id)
    assert inspector is not None
    assert key is not None
    return MePublic(
        inspector_id=inspector.id,
        name=inspector.name,
        key_id=key.key_id,
        fingerprint=key.fingerprint,
        server_time=int(time.time()),
    )


@router.get("/editions/{content_hash}", responses=answers(SIGNED, NOT_FOUND, INVALID))
def get_edition(
    content_hash: EditionHash, caller: CurrentInspector, session: SessionDep
) -> EditionPublic:
    """An edition's document by its content hash (immutable: cache it forever)."""
    record = session.get(EditionRecord, content_hash)
    if record is None:
        raise NotFound("edition", content_hash)
    return EditionPublic(
        id=record.edition_id, hash=record.content_hash, document=json.loads(record.document)
    )


@router.get("/rounds", responses=VIEW)
def pull_rounds(
    caller: CurrentInspector, session: SessionDep, since: Since = 0, limit: Limit = DEFAULT_LIMIT
) -> PagePublic[RoundPublic]:
    """The rounds of the inspector's committees, each naming its edition (id and hash)."""
    page: PagePublic[RoundPublic] = _page(
        pull(session, caller.inspector_id, rounds_view, since=since, limit=limit)
    )
    return page


@router.get("/committees", responses=VIEW)
def pull_committees(
    caller: CurrentInspector, session: SessionDep, since: Since = 0, limit: Limit = DEFAULT_LIMIT
) -> PagePublic[CommitteePublic]:
    """The inspector's committees: members, roles, and every member's keys (revoked marked)."""
    page: PagePublic[CommitteePublic] = _page(
        pull(session, caller.inspector_id, committees_view, since=since, limit=limit)
    )
    return page


@router.get("/assignments", responses=VIEW)
def pull_assignments(
    caller: CurrentInspector, session: SessionDep, since: Since = 0, limit: Limit = DEFAULT_LIMIT
) -> PagePublic[AssignmentPublic]:
    """The LAOs assigned to the inspector's committees, with visit dates and self-assessment."""
    page: PagePublic[AssignmentPublic] = _page(
        pull(session, caller.inspector_id, assignments_view, since=since, limit=limit)
    )
    return page


@router.get("/certificates", responses=VIEW)
def pull_certificates(
    caller: CurrentInspector, session: SessionDep, since: Since = 0, limit: Limit = DEFAULT_LIMIT
) -> PagePublic[HeldCertificatePublic]:
    """The certificates issued to the LAOs assigned to the inspector's committees."""
    page: PagePublic[HeldCertificatePublic] = _page(
        pull(session, caller.inspector_id, certificates_view, since=since, limit=limit)
    )
    return page


@router.get("/results", responses=VIEW)
def pull_results(
    caller: CurrentInspector,
    session: SessionDep,
    central: CentralDep,
    since: Since = 0,
    limit: Limit = DEFAULT_LIMIT,
) -> PagePublic[AuditPublicSigned]:
    """Results uploaded for the inspector's committees' assignments, signed bytes included."""
    view: View = results_view
    page = pull(session, caller.inspector_id, view, since=since, limit=limit)
    changes: list[ChangePublic[Any]] = [
        ChangePublic(
            id=c.id,
            seq=c.seq,
            deleted=c.deleted,
            record=audit_public_signed(session, *c.data) if c.data else None,
        )
        for c in page.changes
    ]
    return PagePublic(cursor=page.cursor, more=page.more, changes=changes)


def _page(page: Page) -> Any:
    changes = [
        ChangePublic(id=c.id, seq=c.seq, deleted=c.deleted, record=c.data) for c in page.changes
    ]
    return PagePublic[Any](cursor=page.cursor, more=page.more, changes=changes)
