"""Reading stored results: revision chains, and the verdicts an audit's findings give."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, select

from field_audit.domain.edition import Edition
from field_audit.domain.errors import DomainError
from field_audit.domain.scoring import Verdict, parse_verdicts
from sync.server.errors import Unprocessable
from sync.server.models import ResultRecord


def successor_of(session: Session, result_hash: str) -> ResultRecord | None:
    """The result that replaces ``result_hash``, if any."""
    return session.exec(select(ResultRecord).where(ResultRecord.chain_key == result_hash)).first()


def current_of(session: Session, record: ResultRecord) -> ResultRecord:
    """The latest revision in ``record``'s chain."""
    while (successor := successor_of(session, record.hash)) is not None:
        record = successor
    return record


def verdicts_in(edition: Edition, payload: Mapping[str, Any]) -> dict[str, Verdict]:
    """The verdicts of an audit's findings; MALFORMED_RESULT if they do not parse."""
    findings = payload.get("findings")
    if not isinstance(findings, list) or not all(isinstance(f, dict) for f in findings):
        raise malformed("findings must be a list of objects")
    raw = {str(f.get("criterion")): f.get("verdict") for f in findings}
    if len(raw) != len(findings):
        raise malformed("a criterion has more than one finding")
    try:
        return parse_verdicts(edition, raw)
    except DomainError as error:
        raise malformed(str(error)) from error


def malformed(message: str) -> Unprocessable:
    return Unprocessable(message, code="MALFORMED_RESULT")
