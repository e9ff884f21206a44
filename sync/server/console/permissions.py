"""Who may do what in the console: each route needs one permission, each permission is held by
some office roles. The table is the whole rule; the route x role test reads it."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sync.server.store.accounts import OfficeRole


class Permission(StrEnum):
    SIGNED_IN = "signed_in"  # one's own account and session
    VIEW = "view"  # read rounds, LAOs, committees, results, decisions, certificates
    EDIT_ROUND = "edit_round"  # rounds, LAOs, pipeline facts, screening, documents
    COMMITTEES = "committees"  # committees, members, visits, inspectors' keys
    REVIEW = "review"  # the review state of received results
    OVERRIDE = "override"  # waive an eligibility condition, with the reason
    DECIDE = "decide"  # the office's decision to certify or not
    PREPARE = "prepare"  # prepare a certificate (the first pair of eyes)
    CONFIRM = "confirm"  # confirm and issue it (the second pair: another officer)
    REVOKE = "revoke"  # revoke a certificate, with the reason
    LOG = "log"  # read the audit log
    ACCOUNTS = "accounts"  # office accounts


EVERYONE = frozenset(OfficeRole)
ROLES_FOR: dict[Permission, frozenset[OfficeRole]] = {
    Permission.SIGNED_IN: EVERYONE,
    Permission.VIEW: EVERYONE,
    Permission.EDIT_ROUND: frozenset({OfficeRole.CLERK}),
    Permission.COMMITTEES: frozenset({OfficeRole.CLERK}),
    Permission.REVIEW: frozenset({OfficeRole.SECRETARY}),
    Permission.OVERRIDE: frozenset({OfficeRole.APPROVER}),
    Permission.DECIDE: frozenset({OfficeRole.APPROVER}),
    Permission.PREPARE: frozenset({OfficeRole.CLERK, OfficeRole.APPROVER}),
    Permission.CONFIRM: frozenset({OfficeRole.APPROVER}),
    Permission.REVOKE: frozenset({OfficeRole.APPROVER}),
    Permission.LOG: frozenset({OfficeRole.ADMIN, OfficeRole.APPROVER}),
    Permission.ACCOUNTS: frozenset({OfficeRole.ADMIN}),
}


MEANING: dict[Permission, str] = {
    Permission.SIGNED_IN: "one's own password; sign out",
    Permission.VIEW: "read rounds, LAOs, committees, keys, results, visits, decisions,"
    " certificates, statistics; export a round",
    Permission.EDIT_ROUND: "open rounds, import LAOs, record facts, screening, documents,"
    " self-assessments, locations",
    Permission.COMMITTEES: "committees and members, visits, inspectors' keys",
    Permission.REVIEW: "the review state of received results",
    Permission.OVERRIDE: "waive an eligibility condition, with the reason",
    Permission.DECIDE: "record the office's decision",
    Permission.PREPARE: "prepare a certificate (the first pair of eyes)",
    Permission.CONFIRM: "confirm and issue it (another officer than who prepared it)",
    Permission.REVOKE: "revoke a certificate, with the reason",
    Permission.LOG: "read the audit log",
    Permission.ACCOUNTS: "office accounts: add, role, unlock, disable, password",
}


def permissions_table() -> str:
    """The Markdown table of who may do what, as the README shows it."""
    roles = list(OfficeRole)
    rows = ["| permission | what it allows | " + " | ".join(roles) + " |"]
    rows.append("|---|---|" + "---|" * len(roles))
    for permission in Permission:
        marks = ["yes" if role in ROLES_FOR[permission] else "" for role in roles]
        rows.append(f"| `{permission}` | {MEANING[permission]} | " + " | ".join(marks) + " |")
    return "\n".join(rows)


def may(role: str, permission: Permission) -> bool:
    return role in ROLES_FOR[permission]


def permission_of(route: Any) -> Permission | None:
    """The permission a route's dependencies ask for (``auth.allowed``), if any."""
    dependant = getattr(route, "dependant", None)
    pending = list(dependant.dependencies) if dependant is not None else []
    while pending:
        dependant = pending.pop()
        found = getattr(dependant.call, "permission", None)
        if isinstance(found, Permission):
            return found
        pending.extend(dependant.dependencies)
    return None
