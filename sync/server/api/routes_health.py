"""For load balancers, monitoring and devices: ``/v1/ready``, ``/v1/health`` and ``/metrics``.

- ``/v1/ready`` is the load balancer's probe: answered by the process alone, touching no
  backend, 200 from the moment the instance serves. A database outage therefore does not take
  every instance out of the pool at once; they keep answering, DATABASE_UNAVAILABLE with
  ``Retry-After``, which devices understand (Kinto's ``__lbheartbeat__``).
- ``/v1/health`` checks every backend (``sync.server.monitoring.health``): 200 when the
  database answers at the schema this release needs and the blob store answers, else 503
  STORE_UNHEALTHY with each check in ``details.checks``. The device app asks it whether the
  store is reachable.
- ``/metrics`` is Prometheus's text format (``sync.server.monitoring.metrics``); it is not in
  the OpenAPI document, and the proxy does not pass it from outside.

None of them needs credentials.
"""

from __future__ import annotations

from typing import Literal

import anyio.to_thread
from fastapi import APIRouter, Request, Response
from pydantic import BaseModel

from sync.server.api.deps import CentralDep
from sync.server.api.refusals import answers, refused
from sync.server.errors import TryLater
from sync.server.monitoring.health import Check, check_health
from sync.server.monitoring.metrics import CONTENT_TYPE, Metrics

router = APIRouter(tags=["health"])
HEALTH_RETRY_SECONDS = 30


class CheckPublic(BaseModel):
    name: Literal["database", "schema", "blobs"]
    ok: bool
    detail: str


class HealthPublic(BaseModel):
    status: Literal["ok"]
    checks: list[CheckPublic]


class ReadyPublic(BaseModel):
    status: Literal["ready"]


@router.get("/v1/ready")
def ready() -> ReadyPublic:
    """200 while this process serves; no backend is asked (see the module docstring)."""
    return ReadyPublic(status="ready")


@router.get("/v1/health", responses=answers(refused(TryLater, "STORE_UNHEALTHY")))
async def health(central: CentralDep) -> HealthPublic:
    """The database (answers, at this release's schema) and the blob store (answers)."""
    checks = await anyio.to_thread.run_sync(check_health, central)
    public = [_public(check) for check in checks]
    if not all(check.ok for check in checks):
        failed = ", ".join(check.name for check in checks if not check.ok)
        raise TryLater(
            f"the central store cannot do its work now ({failed}): try again shortly",
            code="STORE_UNHEALTHY",
            retry_after=HEALTH_RETRY_SECONDS,
            checks=[check.model_dump() for check in public],
        )
    return HealthPublic(status="ok", checks=public)


@router.get("/metrics", include_in_schema=False)
def metrics(request: Request) -> Response:
    """Every metric of this instance, in Prometheus's text format."""
    kept: Metrics = request.app.state.metrics
    return Response(kept.exposition(), media_type=CONTENT_TYPE)


def _public(check: Check) -> CheckPublic:
    return CheckPublic.model_validate(check, from_attributes=True)
