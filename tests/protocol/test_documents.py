"""Every signed document's parser, by property: any bytes give a value or a refusal (never
another exception), and ``serialise(parse(x)) == x`` for every valid document.

The documents: the sealed audit and the committee result (``sync.protocol.sealed``), the bundle
manifest and a result's envelope, the certificate's payload, the trust list and an issuing
key's revocation list. Valid documents are generated; odd ones are arbitrary bytes, arbitrary
JSON, and valid documents with one thing changed (a value swapped for any JSON, a key dropped or
added), the shapes an attacker sends.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given
from hypothesis import strategies as st

from sync.protocol.canonical import SAFE_INTEGER, canonical_json
from sync.protocol.certificates import (
    CertificateError,
    CertificateFields,
    Revocation,
    SignedCertificate,
    TrustedKey,
    issue_certificate,
    issuing_key_id,
    make_revocation_list,
    parse_trust_list_bytes,
    read_revocation_list_bytes,
    revocation_list_bytes,
    trust_list_bytes,
)
from sync.protocol.documents import serialise
from sync.protocol.errors import ProtocolError
from sync.protocol.manifest import BundleManifest, parse_manifest
from sync.protocol.records import DocumentEntry, InterviewEntry, ObservationEntry
from sync.protocol.sealed import (
    AbsentMember,
    CommitteeResult,
    CountedMember,
    EditionRef,
    Envelope,
    Finding,
    Gps,
    LaoRef,
    PhotoRef,
    RoundRef,
    RulingEntry,
    ScoreSummary,
    SealedAudit,
    Signer,
    parse_envelope,
    parse_result,
)
from sync.protocol.signatures import public_key_of

tokens = st.from_regex(r"[A-Za-z0-9._:@-]{1,12}", fullmatch=True)
hex64 = st.text("0123456789abcdef", min_size=64, max_size=64)
names = st.text("กขคงจฉชซญฎabcXYZ 019.()-", min_size=1, max_size=24).map(str.strip).filter(bool)
notes = st.text("กขคงabc \n\t.,!", max_size=60)
counts = st.integers(0, 500)
moments = st.datetimes(datetime(2000, 1, 1), datetime(2099, 12, 31)).map(
    lambda m: m.strftime("%Y-%m-%dT%H:%M:%SZ")
)
days = st.dates(date(2000, 1, 1), date(2099, 12, 31)).map(date.isoformat)
verdicts = st.sampled_from(["met", "not_met"]) | st.integers(0, 10)
fingerprints = st.lists(st.from_regex(r"[0-9]{5}", fullmatch=True), min_size=6, max_size=6).map(
    " ".join
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-SAFE_INTEGER, SAFE_INTEGER) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)

photos = st.builds(
    PhotoRef,
    sha256=hex64,
    byte_size=st.integers(1, 1 << 30),
    caption=notes,
    captured_at=st.none() | moments,
    gps=st.none()
    | st.builds(
        Gps,
        lat_e6=st.integers(-90_000_000, 90_000_000),
        lon_e6=st.integers(-180_000_000, 180_000_000),
    ),
)
signers = st.builds(
    Signer, inspector_id=tokens, name=names, key_id=tokens, fingerprint=fingerprints
)
scores = st.builds(
    ScoreSummary,
    points=counts,
    max_points=counts,
    answered=counts,
    total=counts,
    meets_criteria=st.booleans(),
    level=st.none() | tokens,
)
heads = st.fixed_dictionaries(
    {
        "protocol": st.just(3),
        "result_id": tokens,
        "revision": st.integers(1, 50),
        "replaces": st.none() | hex64,
        "edition": st.builds(EditionRef, id=tokens, hash=hex64),
        "round": st.builds(RoundRef, id=tokens, fiscal_year_be=st.integers(2400, 3000)),
        "lao": st.builds(LaoRef, id=tokens, name_th=names, kind=names, province_code=tokens),
        "assignment_id": tokens,
        "committee_id": tokens,
        "visit_date": days,
        "signer": signers,
        "score": scores,
        "sealed_at": moments,
    }
)
summaries = st.text("กขคงabc .,!", min_size=1, max_size=60).filter(str.strip)
records = st.one_of(
    st.builds(
        InterviewEntry,
        kind=st.just("interview"),
        at=moments,
        whom=st.sampled_from(["citizen", "staff", "lao_officer"]),
        summary=summaries,
        identity=notes,
    ),
    st.builds(
        DocumentEntry,
        kind=st.just("document"),
        title=names,
        reference=notes,
        page_photo=st.none() | hex64,
    ),
    st.builds(ObservationEntry, kind=st.just("observation"), text=summaries),
)
findings = st.builds(
    Finding,
    criterion=tokens,
    verdict=verdicts,
    note=notes,
    recommendation=notes,
    recorded_at=moments,
    records=st.lists(records, max_size=3).map(tuple),
    photos=st.lists(photos, max_size=3).map(tuple),
)
audits = st.builds(
    lambda head, scope, found, advice: SealedAudit(
        **head,
        type="gecc.sealed-audit",
        scope=scope,
        findings=tuple(found),
        recommendation=advice,
    ),
    heads,
    st.none() | st.lists(tokens, min_size=1, max_size=5).map(tuple),
    st.lists(findings, max_size=6),
    notes,
)
members = st.one_of(
    st.builds(
        CountedMember,
        status=st.just("counted"),
        inspector_id=tokens,
        name=names,
        role=tokens,
        fingerprint=fingerprints,
        audit_hash=hex64,
    ),
    st.builds(
        AbsentMember,
        status=st.just("absent"),
        inspector_id=tokens,
        name=names,
        role=tokens,
        reason=names,
    ),
)
committees = st.builds(
    lambda head, people, rulings, chosen, advice: CommitteeResult(
        **head,
        type="gecc.committee-result",
        members=tuple(people),
        rulings=tuple(rulings),
        verdicts=chosen,
        recommendations=advice,
        recommendation="",
    ),
    heads,
    st.lists(members, min_size=1, max_size=5),
    st.lists(
        st.builds(RulingEntry, criterion=tokens, verdict=verdicts, reason=notes.filter(bool)),
        max_size=3,
    ),
    st.dictionaries(tokens, verdicts, max_size=6),
    st.dictionaries(tokens, notes, max_size=3),
)
manifests = st.builds(
    lambda results, pictures, pick: BundleManifest(
        format="gecc-bundle/2",
        main=sorted(results)[pick % len(results)],
        results=tuple(sorted(results)),
        photos=tuple(sorted(pictures)),
    ),
    st.sets(hex64, min_size=1, max_size=4),
    st.sets(hex64, max_size=4),
    st.integers(0, 10),
)
envelopes = st.builds(
    Envelope,
    public_key=st.from_regex(r"[A-Za-z0-9_-]{43}", fullmatch=True),
    signature=st.from_regex(r"[A-Za-z0-9_-]{86}", fullmatch=True),
)


def mutated(document: bytes, data: st.DataObject) -> bytes | None:
    """The document with one thing changed at a random place, as canonical bytes (None when
    the change has no canonical form, which no sender could sign either)."""
    value = json.loads(document)
    path = _random_path(value, data)
    change = data.draw(st.sampled_from(["swap", "drop", "add"]))
    _apply(value, path, change, data)
    try:
        return canonical_json(value)
    except ProtocolError:
        return None


def _random_path(value: Any, data: st.DataObject) -> list[Any]:
    path: list[Any] = []
    while isinstance(value, dict | list) and value and data.draw(st.booleans()):
        key = data.draw(
            st.sampled_from(sorted(value) if isinstance(value, dict) else range(len(value)))
        )
        path.append(key)
        value = value[key]
    return path


def _apply(root: Any, path: list[Any], change: str, data: st.DataObject) -> None:
    if not path:
        if isinstance(root, dict) and change == "add":
            root[data.draw(st.text(max_size=8))] = data.draw(json_values)
        return
    *parents, last = path
    holder = root
    for step in parents:
        holder = holder[step]
    if change == "drop" and isinstance(holder, dict):
        del holder[last]
    elif change == "drop":
        holder.pop(last)
    else:
        holder[last] = data.draw(json_values)


Parse = Callable[[bytes], Any]


def parses_or_refuses(parse: Parse, data: bytes, refusals: tuple[type[Exception], ...]) -> None:
    with contextlib.suppress(*refusals):
        parse(data)


# --- results, manifests, envelopes ---------------------------------------------------------


@given(st.one_of(audits, committees))
def test_every_valid_result_reads_back_to_the_same_bytes(
    result: SealedAudit | CommitteeResult,
) -> None:
    data = serialise(result)
    parsed = parse_result(data)
    assert parsed == result
    assert serialise(parsed) == data


@given(manifests)
def test_every_valid_manifest_reads_back_to_the_same_bytes(manifest: BundleManifest) -> None:
    data = serialise(manifest)
    assert serialise(parse_manifest(data)) == data


@given(envelopes)
def test_every_valid_envelope_reads_back_to_the_same_bytes(envelope: Envelope) -> None:
    data = serialise(envelope)
    assert serialise(parse_envelope(data)) == data


@given(st.binary(max_size=300) | json_values.map(lambda v: json.dumps(v).encode()))
def test_any_bytes_are_a_result_manifest_or_envelope_or_a_refusal(data: bytes) -> None:
    for parse in (parse_result, parse_manifest, parse_envelope):
        parses_or_refuses(parse, data, (ProtocolError,))


@given(st.one_of(audits, committees, manifests), st.data())
def test_a_document_with_one_thing_changed_is_read_or_refused_naming_the_field(
    document: SealedAudit | CommitteeResult | BundleManifest, data: st.DataObject
) -> None:
    changed = mutated(serialise(document), data)
    if changed is None:
        return
    parse = parse_manifest if isinstance(document, BundleManifest) else parse_result
    outcome = outcome_of(parse, changed)
    if isinstance(outcome, ProtocolError):
        assert outcome.code in {"NOT_CANONICAL", "MALFORMED_RESULT", "MALFORMED_MANIFEST"}
        assert str(outcome)
    else:
        assert serialise(outcome) == changed


def outcome_of(parse: Parse, data: bytes) -> Any:
    """What ``parse`` made of ``data``: the document, or the protocol's refusal."""
    try:
        return parse(data)
    except ProtocolError as refusal:
        return refusal


# --- the certificate, the trust list, a revocation list ------------------------------------

ISSUING = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
KEY_ID = issuing_key_id(public_key_of(ISSUING))
TRUST = {KEY_ID: TrustedKey(KEY_ID, public_key_of(ISSUING), date(2026, 1, 1))}

certificate_fields = st.builds(
    lambda year, province, number, name, points, issued: CertificateFields(
        reference=f"GECC-{year}-{province:02d}-{number:04d}",
        lao_id="lao-1",
        lao_name_th=name,
        service_centre_th=f"ศูนย์บริการ {name}",
        fiscal_year_be=year,
        edition_id="gecc-2560",
        points=points,
        max_points=80,
        level=None,
        result_hash="ab" * 32,
        issued_on=issued,
    ),
    st.integers(2560, 2599),
    st.integers(10, 96),
    st.integers(1, 9999),
    names,
    st.integers(0, 80),
    st.dates(date(2026, 1, 1), date(2040, 1, 1)),
)


@given(certificate_fields)
def test_every_issued_certificate_reads_back_to_the_same_bytes(fields: CertificateFields) -> None:
    signed = issue_certificate(fields, sign=ISSUING.sign, key_id=KEY_ID)
    again = SignedCertificate.from_stored(signed.payload_bytes, signed.signature)
    assert again.certificate == signed.certificate
    assert again.payload_bytes == signed.payload_bytes


@given(st.binary(max_size=300) | json_values.map(canonical_json))
def test_any_bytes_are_a_certificate_or_a_refusal(data: bytes) -> None:
    parses_or_refuses(
        lambda d: SignedCertificate.from_stored(d, bytes(64)), data, (CertificateError,)
    )


def _trusted(seed: bytes, start: date, days_valid: int | None) -> TrustedKey:
    public = public_key_of(Ed25519PrivateKey.from_private_bytes(seed))
    until = None if days_valid is None else start + timedelta(days=days_valid)
    return TrustedKey(issuing_key_id(public), public, start, until)


trusted_keys = st.lists(
    st.builds(
        _trusted,
        st.binary(min_size=32, max_size=32),
        st.dates(date(2020, 1, 1), date(2040, 1, 1)),
        st.none() | st.integers(0, 3000),
    ),
    max_size=4,
    unique_by=lambda key: key.key_id,
)


@given(trusted_keys, st.datetimes(datetime(2020, 1, 1), datetime(2050, 1, 1)))
def test_every_trust_list_reads_back_to_the_same_bytes(
    keys: list[TrustedKey], at: datetime
) -> None:
    data = trust_list_bytes(keys, exported_at=at.replace(tzinfo=UTC, microsecond=0))
    parsed = parse_trust_list_bytes(data)
    assert set(parsed) == {k.key_id for k in keys}
    assert (
        trust_list_bytes(parsed.values(), exported_at=at.replace(tzinfo=UTC, microsecond=0)) == data
    )


revocations = st.lists(
    st.builds(
        lambda number, reason, at: Revocation(f"GECC-2570-30-{number:04d}", KEY_ID, reason, at),
        st.integers(1, 9999),
        names,
        st.datetimes(datetime(2026, 1, 1), datetime(2040, 1, 1), timezones=st.just(UTC)).map(
            lambda m: m.replace(microsecond=0)
        ),
    ),
    max_size=5,
    unique_by=lambda r: r.reference,
)


@given(revocations, st.integers(1, 1000))
def test_every_revocation_list_reads_back_to_the_same_bytes(
    revoked: list[Revocation], counter: int
) -> None:
    issued = make_revocation_list(
        key_id=KEY_ID,
        counter=counter,
        revocations=revoked,
        issued_at=datetime(2030, 1, 1, tzinfo=UTC),
        signed_by=KEY_ID,
        sign=ISSUING.sign,
    )
    data = revocation_list_bytes(issued)
    again = read_revocation_list_bytes(data, trust_list=TRUST)
    assert revocation_list_bytes(again) == data


@given(st.binary(max_size=300) | json_values.map(canonical_json), st.data())
def test_any_bytes_are_a_trust_or_revocation_list_or_a_refusal(
    data: bytes, more: st.DataObject
) -> None:
    parses_or_refuses(parse_trust_list_bytes, data, (ProtocolError,))
    parses_or_refuses(
        lambda d: read_revocation_list_bytes(d, trust_list=TRUST), data, (ProtocolError,)
    )
    issued = make_revocation_list(
        key_id=KEY_ID,
        counter=3,
        revocations=[],
        issued_at=datetime(2030, 1, 1, tzinfo=UTC),
        signed_by=KEY_ID,
        sign=ISSUING.sign,
    )
    changed = mutated(revocation_list_bytes(issued), more)
    if changed is not None:
        parses_or_refuses(
            lambda d: read_revocation_list_bytes(d, trust_list=TRUST), changed, (ProtocolError,)
        )


# --- protocol 2 results, sealed by earlier versions ----------------------------------------

V2_AUDIT = {
    "type": "gecc.sealed-audit",
    "protocol": 2,
    "result_id": "r-1",
    "revision": 1,
    "replaces": None,
    "edition": {"id": "gecc-2560", "hash": "ab" * 32},
    "round": {"id": "fy2560", "fiscal_year_be": 2560},
    "lao": {"id": "cm", "name_th": "เทศบาลนครเชียงใหม่", "kind": "เทศบาลนคร", "province_code": "50"},
    "assignment_id": "a-1",
    "committee_id": "c1",
    "visit_date": "2017-03-14",
    "signer": {
        "inspector_id": "insp-1",
        "name": "นาย ก",
        "key_id": "k1",
        "fingerprint": "12345 12345 12345 12345 12345 12345",
    },
    "findings": [
        {
            "criterion": "B01",
            "verdict": "met",
            "note": "ดี",
            "recorded_at": "2017-03-14T03:00:00Z",
            "photos": [],
        }
    ],
    "score": {
        "points": 1,
        "max_points": 80,
        "answered": 1,
        "total": 60,
        "meets_criteria": False,
        "level": None,
    },
    "sealed_at": "2017-03-14T05:00:00Z",
}


def test_a_protocol_2_audit_is_read_as_covering_every_criterion_and_recommending_nothing() -> None:
    audit = parse_result(canonical_json(V2_AUDIT))
    assert isinstance(audit, SealedAudit)
    assert (audit.protocol, audit.scope, audit.recommendation) == (2, None, "")
    assert audit.findings[0].records == ()
    assert audit.verdicts == {"B01": "met"}


def test_a_protocol_2_result_with_protocol_3_fields_or_graded_verdicts_is_refused() -> None:
    hybrid = {**V2_AUDIT, "scope": None, "recommendation": ""}
    refusal = outcome_of(parse_result, canonical_json(hybrid))
    assert isinstance(refusal, ProtocolError)
    assert refusal.code == "MALFORMED_RESULT"
    graded = json.loads(json.dumps(V2_AUDIT))
    graded["findings"][0]["verdict"] = 4
    assert isinstance(outcome_of(parse_result, canonical_json(graded)), ProtocolError)
