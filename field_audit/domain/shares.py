"""Dividing the work: each member's share of the criteria, and what a sealed audit covers.

The chair (or the joint secretary) may divide the criteria among the members, by block, by
category or item by item. A member's audit then covers their share (its **scope**); the rest is
"not assessed by me", and sealing needs only the scope complete. Without a division every
member assesses every criterion, as before. The committee counts, for each criterion, the
members whose scope holds it (``committee.consolidate``); a criterion nobody assessed blocks
the committee's seal.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from field_audit.domain.edition import Edition, Text

Scope = frozenset[str]


@dataclass(frozen=True)
class Share:
    """The criteria the committee gave one member."""

    inspector_id: str
    criteria: Scope


def share_of(
    edition: Edition,
    *,
    blocks: Iterable[str] = (),
    categories: Iterable[str] = (),
    items: Iterable[str] = (),
) -> Scope:
    """The criteria in the named blocks and categories, plus the named items."""
    wanted_blocks, wanted_categories = set(blocks), set(categories)
    chosen = {
        c.id
        for c in edition.criteria
        if c.block in wanted_blocks or c.category.value in wanted_categories
    }
    return frozenset(chosen | set(items))


def whole(edition: Edition) -> Scope:
    return frozenset(edition.criterion_ids)


def in_order(edition: Edition, scope: Iterable[str]) -> tuple[str, ...]:
    """The scope's criteria in the edition's order (how a signed audit lists them)."""
    wanted = set(scope)
    return tuple(c for c in edition.criterion_ids if c in wanted)


def scope_problems(edition: Edition, scope: Iterable[str]) -> list[Text]:
    """Why ``scope`` cannot be an audit's scope: empty, or naming criteria the edition lacks."""
    ids = set(scope)
    if not ids:
        return [Text("ต้องมีเกณฑ์ที่ท่านประเมินอย่างน้อย 1 ข้อ", "the share needs at least one criterion")]
    unknown = sorted(ids - set(edition.criterion_ids))
    if unknown:
        listed = ", ".join(unknown[:5])
        return [Text(f"ไม่มีเกณฑ์ข้อ {listed} ในฉบับนี้", f"no criterion {listed} in this edition")]
    return []


def unshared(edition: Edition, shares: Sequence[Share]) -> tuple[str, ...]:
    """Criteria a division leaves to nobody, in the edition's order."""
    given = set().union(*(s.criteria for s in shares)) if shares else set()
    return tuple(c for c in edition.criterion_ids if c not in given)


def assessors(scopes: Mapping[str, Scope], criterion_id: str) -> tuple[str, ...]:
    """The members whose audit covers ``criterion_id``."""
    return tuple(member for member, scope in scopes.items() if criterion_id in scope)
