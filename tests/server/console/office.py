"""An officer at the console in a test: a browser-like client of the app in process (its own
cookies, over https so the Secure cookies travel), signed in with an office account."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

import httpx
from fastapi import FastAPI

from sync.server.central import Central
from sync.server.store.accounts import NewAccount, create_account
from tests.server.helpers import Api

PASSWORD = "รหัสผ่านของสำนักงาน-2570"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
OFFICERS = {
    "admin": ("นางสาวดวงใจ ผู้ดูแล", "admin"),
    "clerk": ("นายสมศักดิ์ ธุรการ", "clerk"),
    "secretary": ("นางวิไล เลขานุการ", "secretary"),
    "approver": ("นายอนุมัติ ลงนาม", "approver"),
    "approver2": ("นางสาวยืนยัน สองคน", "approver"),
    "viewer": ("นายดูแต่ ไม่แก้", "viewer"),
}


def make_officers(central: Central, names: dict[str, tuple[str, str]] = OFFICERS) -> None:
    with central.session() as session:
        for username, (name, role) in names.items():
            new = NewAccount(username=username, name=name, role=role, password=PASSWORD)
            create_account(session, new, actor="setup", now=central.clock())


@dataclass
class Office:
    """One browser: its own cookie jar, and the CSRF token of its session once signed in."""

    api: Api
    client: httpx.AsyncClient
    csrf: str = ""

    @classmethod
    def over(cls, api: Api, app: FastAPI) -> Office:
        transport = httpx.ASGITransport(app=app, client=("192.0.2.10", 50000))
        client = httpx.AsyncClient(transport=transport, base_url="https://central.test")
        return cls(api, client)

    def request(self, method: str, url: str, **options: Any) -> httpx.Response:
        call = functools.partial(self.client.request, method, url, **options)
        return self.api.portal.call(call)

    def get(self, url: str) -> httpx.Response:
        return self.request("GET", url)

    def post(self, url: str, data: dict[str, Any] | None = None, **options: Any) -> httpx.Response:
        form = {"csrf": self.csrf, **(data or {})}
        return self.request("POST", url, data=form, **options)

    def log_in(self, username: str, password: str = PASSWORD) -> httpx.Response:
        form = self.get("/office/login")
        token = CSRF.search(form.text)
        assert token is not None, form.text
        answer = self.request(
            "POST",
            "/office/login",
            data={"csrf": token.group(1), "username": username, "password": password},
        )
        if answer.status_code == 303:
            page = self.get("/office/account")
            found = CSRF.search(page.text)
            assert found is not None
            self.csrf = found.group(1)
        return answer

    def close(self) -> None:
        self.api.portal.call(self.client.aclose)


def flash_of(office: Office, answer: httpx.Response) -> str:
    """The message shown on the page a form went back to."""
    assert answer.status_code == 303, answer.text
    page = office.get(answer.headers["location"])
    found = re.search(r'<div class="flash (\w+)" role="status">(.*?)</div>', page.text, re.S)
    assert found is not None, page.text
    return f"{found.group(1)}: {re.sub(r'<[^>]+>', ' ', found.group(2)).split()}"
