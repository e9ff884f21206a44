"""Values for every path parameter of the console's routes, from the server tests' world with
a document kept and a committee result received, so each route has something real to show (or
to refuse)."""

from __future__ import annotations

import functools
import hashlib

from sync.server.store.certificates import issue_for
from sync.server.store.documents import keep_document
from tests.server.certified import certify
from tests.server.helpers import EVIDENCE, World

SECRETS = ("เทศบาลนครเชียงใหม่", "นางสาวพิมพ์ชนก ศรีสวัสดิ์", "GECC-2560")
"""Data of the world that no refused page may show."""


def issued_certificate(world: World, lao_id: str) -> str:
    """The reference of the certificate issued to ``lao_id``, certified and decided on."""
    with world.central.session() as session:
        issued = issue_for(
            session,
            world.central.issuer,
            world.central.editions,
            round_id="fy2560",
            lao_id=lao_id,
            actor="approver",
            now=world.central.clock(),
        )
        return issued.record.reference


def sample_values(world: World) -> dict[str, str]:
    keep = functools.partial(
        keep_document,
        world.central,
        round_id="fy2560",
        lao_id="cm-city",
        filename="ใบสมัคร.pdf",
        content_type="application/pdf",
        data=b"%PDF-1.4 sample",
        actor="clerk",
    )
    document = world.api.portal.call(keep)
    signed = certify(world, "cm-city")
    reference = issued_certificate(world, "cm-city")
    return {
        "round_id": "fy2560",
        "lao_id": "cm-city",
        "username": "viewer",
        "name": "console.css",
        "committee_id": "c1",
        "inspector_id": "insp-b",
        "key_id": world.member_b.key_id,
        "document_id": document.id,
        "assignment_id": world.assignments["cm-city"],
        "result_hash": signed.hash,
        "sha256": hashlib.sha256(EVIDENCE).hexdigest(),
        "reference": reference,
        "chart": "provinces",
        "fmt": "pdf",
    }
