"""Office accounts of the console: roles, Argon2id passwords, sessions kept in the database,
and the guards on logging in.

An officer has one office role (``OfficeRole``), apart from the committee roles inspectors
have. Passwords are hashed with Argon2id (argon2-cffi's RFC 9106 low-memory profile) and never
stored or logged. A login opens a session: a random token in the browser's cookie, only its
SHA-256 in the database (``office_session``), so any instance serves any request, and a stolen
database holds no usable token. A session ends at logout, after ``IDLE`` without a request, or
``LONGEST`` after login, whichever comes first.

Guards: ``MAX_FAILED_LOGINS`` failures in a row lock the account (ACCOUNT_LOCKED, even with
the right password, until an admin unlocks it); ``ADDRESS_LIMIT`` failures from one address
within ``ADDRESS_WINDOW`` throttle that address (LOGIN_THROTTLED, 429). A wrong password and an
unknown name get the same answer (LOGIN_FAILED) after the same work. Every login, failure,
lock and change of an account is in the audit log under the officer's username.
"""

from __future__ import annotations

import functools
import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from sync.server.console_tables import LoginFailure, OfficeAccount, OfficeSession
from sync.server.errors import Conflict, InvalidInput, NotAuthenticated, NotFound, Throttled
from sync.server.plain_text import control_characters
from sync.server.store.changes import log_action

MAX_FAILED_LOGINS = 5
ADDRESS_LIMIT = 20
ADDRESS_WINDOW = timedelta(minutes=15)
IDLE = timedelta(minutes=30)
LONGEST = timedelta(hours=10)
SEEN_EVERY = timedelta(seconds=60)  # how often a session's last request is written down
MIN_PASSWORD = 12
USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,39}")
HASHER = PasswordHasher()  # Argon2id, t=3, m=64 MiB, p=4 (RFC 9106, second recommendation)


class OfficeRole(StrEnum):
    """What an officer may do in the console (``sync.server.console.permissions``)."""

    ADMIN = "admin"
    CLERK = "clerk"
    SECRETARY = "secretary"
    APPROVER = "approver"
    VIEWER = "viewer"


@dataclass(frozen=True)
class NewAccount:
    username: str
    name: str
    role: str
    password: str


@dataclass(frozen=True)
class Opened:
    """A session just opened: the token goes to the browser, never to the database."""

    token: str
    record: OfficeSession
    account: OfficeAccount


def create_account(
    session: Session, new: NewAccount, *, actor: str, now: datetime
) -> OfficeAccount:
    """A new office account (INVALID_INPUT naming each problem; ALREADY_EXISTS)."""
    problems = _account_problems(new)
    if problems:
        raise InvalidInput("the account is refused", problems)
    if session.get(OfficeAccount, new.username) is not None:
        raise Conflict(f"the username {new.username!r} is taken", code="ALREADY_EXISTS")
    account = OfficeAccount(
        username=new.username,
        name=new.name.strip(),
        role=new.role,
        password_hash=HASHER.hash(new.password),
        created_at=now,
        created_by=actor,
        password_changed_at=now,
    )
    session.add(account)
    log_action(session, actor=actor, action="account.create", subject=new.username, role=new.role)
    session.commit()
    return account


def log_in(
    session: Session, *, username: str, password: str, address: str, now: datetime
) -> Opened:
    """Check the password and open a session; refuses as the module docstring says."""
    _check_address(session, address, now)
    account = session.get(OfficeAccount, username.strip().lower())
    if account is None:
        _verified(_unknown_hash(), password)  # an unknown name costs what a wrong password does
        raise _failed(session, username, address, now)
    if account.locked_at is not None or not account.active:
        _record_failure(session, account.username, address, now)
        session.commit()
        raise NotAuthenticated(
            "this account is locked: an admin must unlock it",
            code="ACCOUNT_LOCKED",
            thai="บัญชีนี้ถูกล็อกหรือปิดใช้งาน กรุณาติดต่อผู้ดูแลระบบให้ปลดล็อก",
        )
    if not _verified(account.password_hash, password):
        _count_failure(session, account, now)
        raise _failed(session, account.username, address, now)
    if HASHER.check_needs_rehash(account.password_hash):  # the parameters were raised
        account.password_hash = HASHER.hash(password)
    return _open(session, account, now)


def session_of(session: Session, token: str, now: datetime) -> OfficeSession | None:
    """The live session of a cookie's token, its last request noted; None when there is none,
    it ended, or its account is locked or disabled."""
    record = session.get(OfficeSession, token_hash(token)) if token else None
    if record is None:
        return None
    account = session.get(OfficeAccount, record.username)
    over = now >= record.expires_at or now - record.seen_at >= IDLE
    if over or account is None or account.locked_at is not None or not account.active:
        session.delete(record)
        session.commit()
        return None
    if now - record.seen_at >= SEEN_EVERY:
        record.seen_at = now
        session.add(record)
        session.commit()
    return record


def log_out(session: Session, token: str) -> None:
    record = session.get(OfficeSession, token_hash(token))
    if record is not None:
        log_action(session, actor=record.username, action="account.logout", subject="")
        session.delete(record)
        session.commit()


def set_flash(session: Session, record: OfficeSession, flash: dict[str, str] | None) -> None:
    """A message for the session's next page (a refusal, or what was done)."""
    session.commit()  # whatever the request read: the write below begins its own transaction
    record.flash = flash
    session.add(record)
    session.commit()


def accounts(session: Session) -> list[OfficeAccount]:
    return list(session.exec(select(OfficeAccount).order_by(col(OfficeAccount.username))).all())


def change_account(
    session: Session,
    username: str,
    *,
    actor: str,
    role: str | None = None,
    active: bool | None = None,
    unlock: bool = False,
) -> OfficeAccount:
    """An admin changes an account's role, turns it off or on, or unlocks it."""
    account = _account(session, username)
    if role is not None and role not in set(OfficeRole):
        raise InvalidInput("the role is refused", [f"{role!r} is not an office role"])
    changes: dict[str, object] = {}
    if role is not None and role != account.role:
        account.role = changes["role"] = role
    if active is not None and active != account.active:
        account.active = changes["active"] = active
    if unlock and account.locked_at is not None:
        account.locked_at, account.failed_logins, changes["unlocked"] = None, 0, True
    session.add(account)
    if not account.active or "role" in changes:
        _end_sessions(session, username)
    log_action(session, actor=actor, action="account.change", subject=username, **changes)
    session.commit()
    return account


def set_password(
    session: Session,
    username: str,
    password: str,
    *,
    actor: str,
    now: datetime,
    current: str | None = None,
) -> None:
    """A new password: by the officer (``current`` checked) or by an admin; every other
    session of the account ends."""
    account = _account(session, username)
    if current is not None and not _verified(account.password_hash, current):
        raise InvalidInput("the current password is wrong", ["the current password is wrong"])
    problems = _password_problems(password, username)
    if problems:
        raise InvalidInput("the password is refused", problems)
    account.password_hash, account.password_changed_at = HASHER.hash(password), now
    session.add(account)
    _end_sessions(session, username)
    log_action(session, actor=actor, action="account.password", subject=username)
    session.commit()


@functools.cache
def _unknown_hash() -> str:
    return HASHER.hash(secrets.token_urlsafe(16))


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _open(session: Session, account: OfficeAccount, now: datetime) -> Opened:
    token = secrets.token_urlsafe(32)
    record = OfficeSession(
        token_hash=token_hash(token),
        username=account.username,
        csrf=secrets.token_urlsafe(32),
        created_at=now,
        expires_at=now + LONGEST,
        seen_at=now,
    )
    account.failed_logins = 0
    session.add_all([account, record])
    log_action(session, actor=account.username, action="account.login", subject="")
    session.commit()
    return Opened(token, record, account)


def _check_address(session: Session, address: str, now: datetime) -> None:
    recent = session.exec(
        select(func.count())
        .select_from(LoginFailure)
        .where(LoginFailure.address == address)
        .where(col(LoginFailure.at) >= now - ADDRESS_WINDOW)
    ).one()
    if recent >= ADDRESS_LIMIT:
        raise Throttled(
            "too many failed logins from this address: wait a quarter of an hour",
            thai="เข้าสู่ระบบไม่สำเร็จหลายครั้งเกินไปจากเครื่องนี้ กรุณารอ 15 นาทีแล้วลองใหม่",
            retry_after=int(ADDRESS_WINDOW.total_seconds()),
        )


def _count_failure(session: Session, account: OfficeAccount, now: datetime) -> None:
    account.failed_logins += 1
    if account.failed_logins >= MAX_FAILED_LOGINS:
        account.locked_at = now
        log_action(session, actor=account.username, action="account.locked", subject="")
    session.add(account)


def _failed(session: Session, username: str, address: str, now: datetime) -> NotAuthenticated:
    """Record the failure (committed) and the refusal to raise."""
    _record_failure(session, username, address, now)
    session.commit()
    return NotAuthenticated(
        "the username or the password is wrong",
        code="LOGIN_FAILED",
        thai="ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง",
    )


def _record_failure(session: Session, username: str, address: str, now: datetime) -> None:
    session.execute(delete(LoginFailure).where(col(LoginFailure.at) < now - ADDRESS_WINDOW))
    session.add(LoginFailure(at=now, address=address, username=username[:100]))
    log_action(
        session, actor=username[:100], action="account.login_failed", subject="", address=address
    )


def _verified(password_hash: str, password: str) -> bool:
    try:
        return HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _account(session: Session, username: str) -> OfficeAccount:
    account = session.get(OfficeAccount, username)
    if account is None:
        raise NotFound("account", username)
    return account


def _end_sessions(session: Session, username: str) -> None:
    session.execute(delete(OfficeSession).where(col(OfficeSession.username) == username))


def _account_problems(new: NewAccount) -> list[str]:
    problems = []
    if not USERNAME.fullmatch(new.username):
        problems.append("a username is 2-40 lower-case letters, digits and . _ -")
    if new.role not in set(OfficeRole):
        problems.append(f"{new.role!r} is not an office role")
    name = new.name.strip()
    if not name or len(name) > 200 or control_characters(name):
        problems.append("the name is empty, too long or holds control characters")
    return problems + _password_problems(new.password, new.username)


def _password_problems(password: str, username: str) -> list[str]:
    problems = []
    if len(password) < MIN_PASSWORD:
        problems.append(f"a password has at least {MIN_PASSWORD} characters")
    if len(set(password)) < 6 or (username and username in password.lower()):
        problems.append("the password is too easy to guess")
    return problems
