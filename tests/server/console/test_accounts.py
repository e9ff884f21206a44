"""Office accounts: Argon2id passwords, database sessions that expire, a CSRF token on every
form, logins throttled per address and accounts locked after repeated failures; the first
admin made with ``gecc-central user add``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from typer.testing import CliRunner

from sync.server.central import Central
from sync.server.cli import app as cli
from sync.server.console.auth import SESSION_COOKIE
from sync.server.console_tables import OfficeAccount, OfficeSession
from sync.server.store.accounts import ADDRESS_LIMIT, IDLE, MAX_FAILED_LOGINS
from sync.server.store.listing import audit_log
from tests.server.console.office import PASSWORD, Office, flash_of


def test_an_officer_signs_in_and_the_cookie_is_strict(anonymous: Office, officers: None) -> None:
    answer = anonymous.log_in("clerk")
    assert answer.status_code == 303
    cookie = next(
        v for k, v in answer.headers.multi_items() if k == "set-cookie" and SESSION_COOKIE in v
    )
    for flag in ("HttpOnly", "Secure", "SameSite=strict", "Path=/"):
        assert flag.lower() in cookie.lower()
    page = anonymous.get("/office/rounds")
    assert page.status_code == 200
    assert "นายสมศักดิ์ ธุรการ" in page.text
    assert "script-src" not in page.headers["content-security-policy"]  # no script at all


def test_the_password_is_kept_only_as_an_argon2id_hash(central: Central, officers: None) -> None:
    with central.session() as session:
        account = session.get(OfficeAccount, "clerk")
        assert account is not None
        assert account.password_hash.startswith("$argon2id$")
        assert PASSWORD not in account.password_hash
        tokens = session.exec(__import__("sqlmodel").select(OfficeSession)).all()
        assert tokens == []


def test_a_page_without_a_session_asks_to_sign_in(anonymous: Office) -> None:
    answer = anonymous.get("/office/rounds/fy2560?step=3")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/office/login?next=/office/rounds/fy2560?step=3"
    refused = anonymous.post("/office/rounds", {"round_id": "x"})
    assert refused.status_code == 403
    assert 'data-code="LOGIN_REQUIRED"' in refused.text


def test_a_form_without_its_csrf_token_is_refused(
    office: Callable[[str], Office], central: Central
) -> None:
    clerk = office("clerk")
    form = {"round_id": "fy2570", "fiscal_year_be": "2570", "deadline": "2027-01-31"}
    for token in ("", "not-the-token"):
        answer = clerk.request("POST", "/office/rounds", data={**form, "csrf": token})
        assert answer.status_code == 403
        assert 'data-code="CSRF_FAILED"' in answer.text
    assert "round.create" not in [e.action for e in _log(central)]
    assert flash_of(clerk, clerk.post("/office/rounds", form)).startswith("ok")


def test_a_locked_account_stays_locked(
    anonymous: Office, office: Callable[[str], Office], central: Central
) -> None:
    for _ in range(MAX_FAILED_LOGINS):
        answer = anonymous.log_in("secretary", "not the password at all")
        assert answer.status_code == 401
        assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in answer.text or "LOGIN_FAILED" in answer.text
    for password in (PASSWORD, "not the password at all", PASSWORD):
        answer = anonymous.log_in("secretary", password)
        assert answer.status_code == 401
        assert "ACCOUNT_LOCKED" in answer.text or "ล็อก" in answer.text
    started = central.clock()
    central.clock = lambda: started + timedelta(days=30)
    assert anonymous.log_in("secretary").status_code == 401  # time does not unlock it
    admin = office("admin")
    assert flash_of(admin, admin.post("/office/accounts/secretary", {"unlock": "on"})).startswith(
        "ok"
    )
    assert anonymous.log_in("secretary").status_code == 303
    assert "account.locked" in [e.action for e in _log(central)]


def test_many_failures_from_one_address_are_throttled(anonymous: Office, officers: None) -> None:
    for n in range(ADDRESS_LIMIT):
        assert anonymous.log_in(f"nobody{n}", "wrong password").status_code == 401
    answer = anonymous.log_in("clerk")
    assert answer.status_code == 429
    assert answer.headers["retry-after"] == "900"


def test_a_session_ends_when_idle_and_at_logout(
    anonymous: Office, central: Central, officers: None
) -> None:
    assert anonymous.log_in("viewer").status_code == 303
    assert anonymous.get("/office/rounds").status_code == 200
    started = central.clock()
    central.clock = lambda: started + IDLE + timedelta(seconds=1)
    assert anonymous.get("/office/rounds").status_code == 303
    central.clock = lambda: started
    assert anonymous.log_in("viewer").status_code == 303
    assert anonymous.post("/office/logout").status_code == 303
    assert anonymous.get("/office/rounds").status_code == 303


def test_the_first_admin_is_made_on_the_command_line(database_url: str, tmp_path: Path) -> None:
    env = {"GECC_CENTRAL_DATABASE_URL": database_url, "GECC_CENTRAL_DATA_DIR": str(tmp_path)}
    runner = CliRunner()
    typed = f"{PASSWORD}\n{PASSWORD}\n"
    made = runner.invoke(
        cli,
        ["user", "add", "duangjai", "--name", "ดวงใจ", "--role", "admin", "--actor", "root"],
        env=env,
        input=typed,
    )
    assert made.exit_code == 0, made.output
    assert "account duangjai (admin) added" in made.output
    assert PASSWORD not in made.output.replace(typed, "")
    listed = runner.invoke(cli, ["user", "list"], env=env)
    assert "duangjai\tadmin\tactive\tดวงใจ" in listed.output
    weak = runner.invoke(
        cli,
        ["user", "add", "somchai", "--name", "สมชาย", "--role", "admin"],
        env=env,
        input="short\nshort\n",
    )
    assert weak.exit_code == 2
    assert "at least 12 characters" in weak.output


def _log(central: Central) -> list:  # type: ignore[type-arg]
    with central.session() as session:
        return audit_log(session, limit=1000)
