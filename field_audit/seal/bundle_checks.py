"""Verifying a bundle's results before anything is imported: signatures, edition, score,
completeness, revision chains, who signed (a member of the visit's committee, with a key the
office enrolled for them and has not revoked), the visit on record, and — for a committee
result — the roll of members it states and the consolidation of the audits it counts.

The rules are the domain's, the same the central store applies: ``missing_for_seal``
(completeness), ``chain_fault`` (revisions), ``key_fault`` (keys over time), ``roll_problems``
(every member accounted for, the quorum) and ``consolidate`` (the committee's verdicts).
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from field_audit.domain.attendance import Seat
from field_audit.domain.edition import Edition
from field_audit.domain.revisions import ChainFault, Revision, chain_fault
from field_audit.domain.signing_keys import KeyPeriod, key_fault
from field_audit.seal.bundle_format import MAX_PHOTO_BYTES, BundleContent, entry_chunks, refuse
from field_audit.seal.errors import BundleRefused
from sync.checks.results import Problem, audit_problem, committee_problem, revision_of
from sync.protocol.errors import ProtocolError
from sync.protocol.sealed import (
    CommitteeResult,
    Envelope,
    Result,
    SealedAudit,
    SignedResult,
    from_envelope,
    photos_named,
    verify_result,
)
from sync.protocol.signatures import encode_public_key

CHAIN_CODES = {
    ChainFault.FIRST_ALREADY_HELD: "SUPERSEDED",
    ChainFault.ALREADY_REPLACED: "SUPERSEDED",
}  # a fork of what is held here; every other fault breaks the chain (BROKEN_CHAIN)


@dataclass(frozen=True)
class Visit:
    """A visit as this device has it on record."""

    round_id: str
    lao_id: str
    committee_id: str


@dataclass(frozen=True)
class Knowledge:
    """What the device already knows, asked by the checks (no writes).

    ``held`` gives a stored result's place in its chain by hash; ``replaced_by`` the hash of a
    stored result that replaces the given one; ``first_held`` the hash of a stored revision 1
    of a chain (kind, visit, member); ``seats`` a committee's members (None: unknown
    committee); ``keys`` every key the office enrolled for an inspector; ``current_audits`` the
    members' current sealed audits of a visit held here (member -> hash, with the audits).
    """

    edition: Callable[[str, str], Edition | None]
    held: Callable[[str], Revision | None]
    replaced_by: Callable[[str], str | None]
    first_held: Callable[[tuple[str, str, str]], str | None]
    seats: Callable[[str], list[Seat] | None]
    keys: Callable[[str], list[KeyPeriod]]
    visit: Callable[[str], Visit | None]
    current_audits: Callable[[str], dict[str, tuple[str, SealedAudit]]]


@dataclass(frozen=True)
class VerifiedResult:
    signed: SignedResult
    result: Result

    @property
    def revision(self) -> Revision:
        return revision_of(self.signed.hash, self.result)


def verify_results(content: BundleContent, knowledge: Knowledge) -> dict[str, VerifiedResult]:
    """Verify every result's bytes and signature, then the rules that tie them together."""
    verified = {
        h: _verified(h, payload, envelope) for h, (payload, envelope) in content.results.items()
    }
    main = verified[content.main].result
    edition = _edition(main, knowledge)
    _check_visit_on_record(main, knowledge)
    seats = _seats(main.committee_id, knowledge)
    for found in verified.values():
        _check_same_visit(found.result, main)
        _check_signer(found, seats, knowledge)
        _check_chain(found, verified, knowledge)
        if isinstance(found.result, SealedAudit):
            _refuse_problem(audit_problem(found.result, edition))
    previous = knowledge.replaced_by(main.replaces) if main.replaces else None
    if knowledge.replaced_by(content.main) is not None or previous not in (None, content.main):
        raise refuse(
            "SUPERSEDED",
            "this is an older revision: a newer one is already on this device",
            "ผลนี้เป็นฉบับเก่า มีฉบับแก้ไขที่ใหม่กว่าอยู่ในเครื่องแล้ว",
        )
    if isinstance(main, CommitteeResult):
        current = _audits_after_import(main.assignment_id, verified, knowledge)
        at_hand = dict(current.values())
        at_hand |= {h: v.result for h, v in verified.items() if isinstance(v.result, SealedAudit)}
        held = {member: h for member, (h, _audit) in current.items()}
        _refuse_problem(committee_problem(main, edition, seats, held, at_hand))
    return verified


def verify_photos(
    archive: zipfile.ZipFile, content: BundleContent, verified: dict[str, VerifiedResult]
) -> int:
    """Every photo the results name is in the bundle, whole, and nothing else is; each is
    hashed as it streams, never held. Returns how many there are."""
    check_photos_named(content, verified)
    for sha256, info in content.photo_entries.items():
        digest = hashlib.sha256()
        for chunk in entry_chunks(archive, info, MAX_PHOTO_BYTES):
            digest.update(chunk)
        if digest.hexdigest() != sha256:
            raise photo_hash_mismatch(sha256)
    return len(content.photo_entries)


def photo_hash_mismatch(sha256: str) -> BundleRefused:
    return refuse(
        "PHOTO_HASH_MISMATCH",
        f"photo {sha256[:12]} does not match its hash",
        f"ภาพถ่าย {sha256[:12]} ถูกแก้ไขหรือเสียหาย",
    )


def check_photos_named(content: BundleContent, verified: dict[str, VerifiedResult]) -> None:
    named = {p.sha256 for v in verified.values() for p in photos_named(v.result)}
    if named != set(content.photo_entries):
        raise refuse(
            "PHOTO_MISMATCH",
            "the photos in the bundle are not the ones its results name",
            "ภาพถ่ายในชุดข้อมูลไม่ตรงกับที่ผลการประเมินระบุ",
        )


def _verified(result_hash: str, payload_bytes: bytes, envelope: Envelope) -> VerifiedResult:
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
        field = getattr(error, "field", "")
        where = f" ({field})" if field else ""
        raise refuse(
            error.code,
            f"result {result_hash[:12]}: {error}",
            f"ผล {result_hash[:12]} ไม่ถูกต้องหรือลายมือชื่อดิจิทัลไม่ถูกต้อง{where}",
        ) from None


def _edition(main: Result, knowledge: Knowledge) -> Edition:
    edition = knowledge.edition(main.edition.id, main.edition.hash)
    if edition is None:
        raise refuse(
            "CATALOG_MISMATCH",
            "the result was made against an edition this device does not have",
            "ผลนี้ใช้เกณฑ์ฉบับที่เครื่องนี้ไม่มี",
        )
    return edition


def _same_visit_fields(result: Result) -> tuple[object, ...]:
    return (
        result.edition,
        result.round,
        result.lao,
        result.assignment_id,
        result.committee_id,
        result.visit_date,
    )


def _check_same_visit(result: Result, main: Result) -> None:
    if _same_visit_fields(result) != _same_visit_fields(main):
        raise refuse(
            "OTHER_VISIT",
            "a result in the bundle is for another visit",
            "ชุดข้อมูลมีผลการประเมินของการตรวจอื่นปนมา",
        )


def _check_visit_on_record(main: Result, knowledge: Knowledge) -> None:
    visit = knowledge.visit(main.assignment_id)
    if visit is None:
        return  # a visit this device was not sent: the committee check below still applies
    named = (main.round.id, main.lao.id, main.committee_id)
    if (visit.round_id, visit.lao_id, visit.committee_id) != named:
        raise refuse(
            "OTHER_VISIT",
            "the result names another LAO, round or committee than this device's assignment",
            "ผลนี้ระบุ อปท. รอบ หรือคณะกรรมการ ไม่ตรงกับงานที่ได้รับมอบหมายในเครื่องนี้",
        )


def _seats(committee_id: str, knowledge: Knowledge) -> list[Seat]:
    seats = knowledge.seats(committee_id)
    if seats is None:
        raise refuse(
            "UNKNOWN_COMMITTEE",
            f"this device does not know committee {committee_id}: sync first",
            f"เครื่องนี้ยังไม่มีข้อมูลคณะกรรมการ {committee_id} กรุณาซิงค์ก่อน",
        )
    return seats


def _check_signer(found: VerifiedResult, seats: list[Seat], knowledge: Knowledge) -> None:
    signer = found.result.signer.inspector_id
    if signer not in {s.inspector_id for s in seats}:
        committee_id = found.result.committee_id
        raise refuse(
            "NOT_A_MEMBER",
            f"{signer} who signed a result is not a member of committee {committee_id}",
            f"ผู้ลงนาม {signer} ไม่ได้เป็นกรรมการในคณะกรรมการ {committee_id}",
        )
    public_key = encode_public_key(found.signed.public_key)
    fault = key_fault(knowledge.keys(signer), public_key, used_at=None)
    if fault is not None:
        text = fault.text(signer)
        raise refuse(fault.value, text.en, text.th)


def _check_chain(
    found: VerifiedResult, verified: dict[str, VerifiedResult], knowledge: Knowledge
) -> None:
    new = found.revision
    others = [v.revision for v in verified.values() if v.signed.hash != new.hash]
    previous = _previous(new, verified, knowledge)
    replaced_by = None
    if new.replaces is not None:
        rivals = (o.hash for o in others if o.replaces == new.replaces)
        replaced_by = next(rivals, None) or knowledge.replaced_by(new.replaces)
    roots = (o.hash for o in others if o.replaces is None and o.chain == new.chain)
    first = next(roots, None) or knowledge.first_held(new.chain)
    fault = chain_fault(new, previous=previous, replaced_by=replaced_by, first_held=first)
    if fault is not None:
        raise refuse(CHAIN_CODES.get(fault, "BROKEN_CHAIN"), fault.text.en, fault.text.th)


def _previous(
    new: Revision, verified: dict[str, VerifiedResult], knowledge: Knowledge
) -> Revision | None:
    if new.replaces is None:
        return None
    in_bundle = verified.get(new.replaces)
    return in_bundle.revision if in_bundle else knowledge.held(new.replaces)


def _audits_after_import(
    assignment_id: str, verified: dict[str, VerifiedResult], knowledge: Knowledge
) -> dict[str, tuple[str, SealedAudit]]:
    """Each member's current sealed audit of the visit once the bundle's are added: the
    device's own, unless the bundle carries a later revision of it (chains checked before)."""
    current = dict(knowledge.current_audits(assignment_id))
    for found in sorted(verified.values(), key=lambda v: v.result.revision):
        result = found.result
        if isinstance(result, SealedAudit) and result.assignment_id == assignment_id:
            held = current.get(result.signer.inspector_id)
            if held is None or held[1].revision <= result.revision:
                current[result.signer.inspector_id] = (found.signed.hash, result)
    return current


def _refuse_problem(problem: Problem | None) -> None:
    if problem is not None:
        raise refuse(problem.code, problem.english, problem.thai)
