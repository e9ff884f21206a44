"""Reading the JSON files the commands take, with messages that name the file and the problem."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from field_audit.cli.errors import InputError
from field_audit.domain.answers import Answer, parse_answer
from field_audit.domain.committee import MemberVerdicts, Ruling
from field_audit.domain.edition import Edition, load_bundled_edition, load_edition_file
from field_audit.domain.errors import VerdictError
from field_audit.domain.json_text import JsonRefused, loads_strict
from field_audit.domain.scoring import parse_verdicts
from field_audit.domain.shares import Scope, scope_problems


def read_json_object(path: Path) -> dict[str, Any]:
    try:
        value = loads_strict(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise InputError(f"{path} does not exist") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path} cannot be read: {error}") from None
    except (json.JSONDecodeError, JsonRefused) as error:
        raise InputError(f"{path} is not valid JSON: {error}") from None
    if not isinstance(value, dict):
        raise InputError(f"{path} must hold a JSON object")
    return value


def choose_edition(path: Path | None) -> Edition:
    return load_bundled_edition() if path is None else load_edition_file(path)


def read_verdicts(path: Path, edition: Edition) -> dict[str, Answer]:
    """``{"verdicts": {"B01": "met", "O1": 4, ...}}``; an absent criterion is unanswered."""
    raw = read_json_object(path).get("verdicts")
    if not isinstance(raw, dict):
        raise InputError(f'{path} needs a "verdicts" object mapping criterion ids to met/not_met')
    try:
        return parse_verdicts(edition, raw)
    except VerdictError as error:
        raise InputError(f"{path}: {error}") from None


def read_member(path: Path, edition: Edition) -> MemberVerdicts:
    """``{"member": "name", "verdicts": {...}, "scope": [...]}``; the member defaults to the
    file name, the scope (the member's share of the criteria) to every criterion."""
    document = read_json_object(path)
    member = document.get("member") or path.stem
    if not isinstance(member, str):
        raise InputError(f'{path}: "member" must be the member\'s name as text')
    return MemberVerdicts(member, read_verdicts(path, edition), _scope(path, document, edition))


def _scope(path: Path, document: dict[str, Any], edition: Edition) -> Scope | None:
    raw = document.get("scope")
    if raw is None:
        return None
    if not isinstance(raw, list) or not all(isinstance(c, str) for c in raw):
        raise InputError(f'{path}: "scope" must list criterion ids')
    problems = scope_problems(edition, raw)
    if problems:
        raise InputError(f"{path}: {problems[0].en}")
    return frozenset(raw)


def read_rulings(path: Path | None, edition: Edition) -> list[Ruling]:
    """``{"rulings": {"A03": {"verdict": "met", "reason": "..."}}}``."""
    if path is None:
        return []
    raw = read_json_object(path).get("rulings")
    if not isinstance(raw, dict):
        raise InputError(f'{path} needs a "rulings" object')
    return [_ruling(path, criterion_id, body, edition) for criterion_id, body in raw.items()]


def _ruling(path: Path, criterion_id: str, body: Any, edition: Edition) -> Ruling:
    criterion = edition.criterion(criterion_id)
    if criterion is None:
        raise InputError(f"{path}: there is no criterion {criterion_id} in {edition.id}")
    try:
        verdict = parse_answer(criterion, body.get("verdict") if isinstance(body, dict) else None)
    except VerdictError as error:
        raise InputError(f"{path}: the ruling on {criterion_id}: {error}") from None
    reason = body.get("reason", "")
    if not isinstance(reason, str):
        raise InputError(f"{path}: the reason for the ruling on {criterion_id} must be text")
    return Ruling(criterion_id, verdict, reason)
