"""Every console route x every office role, from the permission table: allowed, or 403 with
nothing of the data on the page; every route is in the table or public, and names its
permission on the server."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute

from sync.server.console.permissions import ROLES_FOR, Permission, permission_of
from sync.server.console.site import PUBLIC, ROUTERS
from sync.server.settings import Settings
from sync.server.store.accounts import OfficeRole
from tests.server.certified import with_issuing_key
from tests.server.console.office import Office
from tests.server.console.samples import SECRETS, sample_values
from tests.server.helpers import World

ROLE_USER = {
    OfficeRole.ADMIN: "admin",
    OfficeRole.CLERK: "clerk",
    OfficeRole.SECRETARY: "secretary",
    OfficeRole.APPROVER: "approver",
    OfficeRole.VIEWER: "viewer",
}
PARAMETER = re.compile(r"{(\w+)}")
LAST = ("POST", "/office/logout")


@pytest.fixture
def settings(settings: Settings, tmp_path: Path) -> Settings:
    return with_issuing_key(settings, tmp_path)


def console_routes(_app: FastAPI) -> list[tuple[str, str, APIRoute]]:
    """Every route of the routers ``install_console`` adds."""
    found = [
        (method, route.path, route)
        for router in ROUTERS
        for route in router.routes
        if isinstance(route, APIRoute)
        for method in sorted(route.methods)
        if method != "HEAD"
    ]
    return sorted(found, key=lambda r: (r[:2] == LAST, r[1], r[0]))


def test_every_route_is_public_or_names_its_permission(app: FastAPI) -> None:
    routes = console_routes(app)
    assert len(routes) > 10
    for method, path, route in routes:
        if (method, path) in PUBLIC:
            assert permission_of(route) is None
        else:
            assert permission_of(route) is not None, f"{method} {path} checks no role"


@pytest.mark.parametrize("role", list(OfficeRole))
def test_each_role_reaches_what_the_table_allows_and_nothing_else(
    role: OfficeRole, app: FastAPI, world: World, office: Callable[[str], Office]
) -> None:
    values = sample_values(world)
    browser = office(ROLE_USER[role])
    for method, path, route in console_routes(app):
        permission = permission_of(route)
        if permission is None:
            continue
        url = PARAMETER.sub(lambda m: values[m.group(1)], path)
        answer = browser.post(url) if method == "POST" else browser.get(url)
        where = f"{role} {method} {url}"
        if role in ROLES_FOR[permission]:
            assert answer.status_code not in (401, 403, 500), f"{where}: {answer.status_code}"
        else:
            assert answer.status_code == 403, f"{where}: {answer.status_code}"
            assert 'data-code="ROLE_REQUIRED"' in answer.text, where
            leaked = [s for s in SECRETS if s in answer.text]
            assert leaked == [], f"{where} shows {leaked}"


def test_the_table_gives_each_permission_to_someone() -> None:
    assert all(ROLES_FOR[p] for p in Permission)
    assert ROLES_FOR[Permission.ACCOUNTS] == {OfficeRole.ADMIN}
    assert OfficeRole.VIEWER not in set().union(
        *(ROLES_FOR[p] for p in Permission if p not in (Permission.VIEW, Permission.SIGNED_IN))
    )
