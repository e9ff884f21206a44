"""Verifying a bundle's results before anything is imported: signatures, edition, score,
photos, revision chain, who signed (a member of the visit's committee, with the key this
device knows for them, for the visit it has on record), and — for a committee result — the
members' audits it rests on.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from field_audit.domain.committee import MemberVerdicts, Ruling, consolidate
from field_audit.domain.edition import Edition
from field_audit.domain.errors import DomainError
from field_audit.domain.scoring import Verdict, score_verdicts
from field_audit.seal.bundle_format import MAX_PHOTO_BYTES, BundleContent, read_entry, refuse
from sync.protocol.errors import ProtocolError
from sync.protocol.sealed import (
    COMMITTEE_RESULT,
    SEALED_AUDIT,
    SignedResult,
    from_envelope,
    photos_named,
    verify_result,
)
from sync.protocol.signatures import encode_public_key

HEAD_FIELDS = ("edition", "round", "lao", "assignment_id", "committee_id", "visit_date")


@dataclass(frozen=True)
class Visit:
    """A visit as this device has it on record."""

    round_id: str
    lao_id: str
    committee_id: str


@dataclass(frozen=True)
class Knowledge:
    """What the device already knows, asked by the checks (no writes).

    ``members`` gives a committee's members with the public key (base64url, as enrolled at the
    office) this device knows for each (None when it knows none), or None for a committee it
    does not know; ``visit`` an assignment.
    """

    edition: Callable[[str, str], Edition | None]
    superseded: Callable[[str], bool]
    known: Callable[[str], bool]
    members: Callable[[str], dict[str, str | None] | None]
    visit: Callable[[str], Visit | None]


@dataclass(frozen=True)
class VerifiedResult:
    signed: SignedResult
    payload: dict[str, Any]


def verify_results(content: BundleContent, knowledge: Knowledge) -> dict[str, VerifiedResult]:
    """Verify every result's bytes and signature, then the rules that tie them together."""
    verified = {
        h: _verified(h, payload, envelope) for h, (payload, envelope) in content.results.items()
    }
    main = verified[content.main].payload
    edition = _edition(main, knowledge)
    _check_visit_on_record(main, knowledge)
    for result in verified.values():
        _check_same_visit(result.payload, main)
        _check_signer(result, knowledge)
        _check_chain(result, verified, knowledge)
        if result.payload["type"] == SEALED_AUDIT:
            _check_audit_score(result.payload, edition)
    if knowledge.superseded(content.main):
        raise refuse(
            "SUPERSEDED",
            "this is an older revision: a newer one is already on this device",
            "ผลนี้เป็นฉบับเก่า มีฉบับแก้ไขที่ใหม่กว่าอยู่ในเครื่องแล้ว",
        )
    if main["type"] == COMMITTEE_RESULT:
        _check_committee(main, verified, edition)
    return verified


def verify_photos(
    archive: zipfile.ZipFile, content: BundleContent, verified: dict[str, VerifiedResult]
) -> dict[str, bytes]:
    """Every photo the results name is in the bundle, whole, and nothing else is."""
    named = {p["sha256"] for r in verified.values() for p in photos_named(r.payload)}
    if named != set(content.photo_entries):
        raise refuse(
            "PHOTO_MISMATCH",
            "the photos in the bundle are not the ones its results name",
            "ภาพถ่ายในชุดข้อมูลไม่ตรงกับที่ผลการประเมินระบุ",
        )
    photos = {}
    for sha256, info in content.photo_entries.items():
        data = read_entry(archive, info, MAX_PHOTO_BYTES)
        if hashlib.sha256(data).hexdigest() != sha256:
            raise refuse(
                "PHOTO_HASH_MISMATCH",
                f"photo {sha256[:12]} does not match its hash",
                f"ภาพถ่าย {sha256[:12]} ถูกแก้ไขหรือเสียหาย",
            )
        photos[sha256] = data
    return photos


def _verified(result_hash: str, payload_bytes: bytes, envelope: Any) -> VerifiedResult:
    if hashlib.sha256(payload_bytes).hexdigest() != result_hash:
        raise refuse(
            "HASH_MISMATCH",
            f"result {result_hash[:12]} does not match its name",
            "ผลการประเมินไม่ตรงกับรหัสของมัน (ถูกแก้ไข)",
        )
    try:
        signed = from_envelope(payload_bytes, envelope)
        return VerifiedResult(signed, verify_result(signed))
    except ProtocolError as error:
        raise refuse(
            error.code,
            f"result {result_hash[:12]}: {error}",
            f"ลายมือชื่อดิจิทัลของผล {result_hash[:12]} ไม่ถูกต้อง",
        ) from None


def _edition(main: dict[str, Any], knowledge: Knowledge) -> Edition:
    edition = knowledge.edition(main["edition"].get("id", ""), main["edition"].get("hash", ""))
    if edition is None:
        raise refuse(
            "CATALOG_MISMATCH",
            "the result was made against an edition this device does not have",
            "ผลนี้ใช้เกณฑ์ฉบับที่เครื่องนี้ไม่มี",
        )
    return edition


def _check_same_visit(payload: dict[str, Any], main: dict[str, Any]) -> None:
    for field in HEAD_FIELDS:
        if payload.get(field) != main.get(field):
            raise refuse(
                "OTHER_VISIT",
                f"a result in the bundle is for another visit ({field} differs)",
                "ชุดข้อมูลมีผลการประเมินของการตรวจอื่นปนมา",
            )


def _check_visit_on_record(main: dict[str, Any], knowledge: Knowledge) -> None:
    visit = knowledge.visit(str(main.get("assignment_id")))
    if visit is None:
        return  # a visit this device was not sent: the committee check below still applies
    named = (main["round"].get("id"), main["lao"].get("id"), main.get("committee_id"))
    if (visit.round_id, visit.lao_id, visit.committee_id) != named:
        raise refuse(
            "OTHER_VISIT",
            "the result names another LAO, round or committee than this device's assignment",
            "ผลนี้ระบุ อปท. รอบ หรือคณะกรรมการ ไม่ตรงกับงานที่ได้รับมอบหมายในเครื่องนี้",
        )


def _check_signer(result: VerifiedResult, knowledge: Knowledge) -> None:
    payload = result.payload
    committee_id = str(payload.get("committee_id"))
    members = knowledge.members(committee_id)
    if members is None:
        raise refuse(
            "UNKNOWN_COMMITTEE",
            f"this device does not know committee {committee_id}: sync first",
            f"เครื่องนี้ยังไม่มีข้อมูลคณะกรรมการ {committee_id} กรุณาซิงค์ก่อน",
        )
    signer = payload["signer"]
    inspector_id = str(signer["inspector_id"])
    if inspector_id not in members:
        raise refuse(
            "NOT_A_MEMBER",
            f"{inspector_id} who signed a result is not a member of committee {committee_id}",
            f"ผู้ลงนาม {inspector_id} ไม่ได้เป็นกรรมการในคณะกรรมการ {committee_id}",
        )
    known_key = members[inspector_id]
    if known_key is not None and known_key != encode_public_key(result.signed.public_key):
        raise refuse(
            "UNKNOWN_SIGNER_KEY",
            f"{inspector_id}'s result is signed with a key the office has not enrolled for them",
            f"ผลของ {inspector_id} ลงนามด้วยกุญแจที่ไม่ได้ลงทะเบียนไว้กับศูนย์ข้อมูลกลาง",
        )


def _check_chain(
    result: VerifiedResult, verified: dict[str, VerifiedResult], knowledge: Knowledge
) -> None:
    replaces = result.payload.get("replaces")
    if replaces is None:
        if result.payload.get("revision") != 1:
            raise refuse(
                "BROKEN_CHAIN",
                "a later revision names no revision it replaces",
                "ฉบับแก้ไขไม่ได้ระบุฉบับที่ถูกแทนที่",
            )
        return
    previous = verified.get(replaces)
    if previous is None and not knowledge.known(replaces):
        raise refuse(
            "BROKEN_CHAIN",
            "the revision this one replaces is neither in the bundle nor here",
            "ไม่พบฉบับก่อนหน้าที่ฉบับแก้ไขนี้อ้างถึง",
        )
    if previous is not None and (
        previous.payload["signer"]["inspector_id"] != result.payload["signer"]["inspector_id"]
        or previous.payload["revision"] + 1 != result.payload["revision"]
    ):
        raise refuse(
            "BROKEN_CHAIN",
            "the revision chain does not follow one inspector in order",
            "ลำดับฉบับแก้ไขไม่ถูกต้อง",
        )


def _verdicts(payload: dict[str, Any]) -> dict[str, Verdict]:
    return {f["criterion"]: Verdict(f["verdict"]) for f in payload["findings"]}


def _check_audit_score(payload: dict[str, Any], edition: Edition) -> None:
    try:
        score = score_verdicts(edition, _verdicts(payload)).to_json()
    except (KeyError, ValueError):
        score = None
    if score != payload.get("score"):
        raise refuse(
            "SCORE_MISMATCH",
            "the score in the result does not follow from its findings",
            "คะแนนในผลการประเมินไม่ตรงกับผลรายข้อ",
        )


def _check_committee(
    main: dict[str, Any], verified: dict[str, VerifiedResult], edition: Edition
) -> None:
    members = []
    for member in main["members"]:
        audit = verified.get(member["audit_hash"])
        if audit is None or audit.payload["type"] != SEALED_AUDIT:
            raise refuse(
                "MEMBER_AUDIT_MISSING",
                "a member's sealed audit named by the committee is missing",
                "ไม่พบผลการประเมินของกรรมการที่ผลคณะกรรมการอ้างถึง",
            )
        members.append(
            MemberVerdicts(audit.payload["signer"]["inspector_id"], _verdicts(audit.payload))
        )
    try:
        rulings = [
            Ruling(r["criterion"], Verdict(r["verdict"]), r["reason"]) for r in main["rulings"]
        ]
        result = consolidate(edition, members, rulings)
    except (DomainError, KeyError, ValueError) as error:
        raise refuse(
            "BAD_RULINGS",
            f"the committee's rulings do not hold: {error}",
            "การวินิจฉัยของประธานไม่ถูกต้อง",
        ) from None
    verdicts = {k: v.value for k, v in result.verdicts.items()}
    if (
        result.score is None
        or result.score.to_json() != main["score"]
        or verdicts != main["verdicts"]
    ):
        raise refuse(
            "SCORE_MISMATCH",
            "the committee's score does not follow from its members' audits",
            "คะแนนของคณะกรรมการไม่ตรงกับผลของกรรมการแต่ละคน",
        )
