"""The OpenAPI document against the app: Schemathesis 4 runs every operation in process, with
every check, and finds nothing.

Its engine runs as ``st run`` does (probing, examples, coverage, fuzzing, stateful), seeded and
derandomized, with a bounded number of examples and no time limits. The auth hook signs each
request exactly as the device does: ``sign_request`` over the bytes about to be sent, a fresh
nonce and the current time, with an enrolled key (the chair of committee c1); the office's
routes get the admin token. A case that Schemathesis made to break the signature headers is
sent as it made it. The store is seeded so that operations can succeed too: a round with
assignments, two LAOs certified and approved, one certificate issued (GECC-2560-50-0001).

Two operations check what no JSON Schema can state: a result's signature and a photo's
SHA-256 over its bytes. A schema-valid request may still be refused there (422, and 413 for a
chunk longer than the photo it declares), and the positive-data check is told so; everything
else is the library's default. Each run writes ``artifacts/schemathesis-<backend>.json``
(operations, cases, responses by status), which the README quotes.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
from fastapi import FastAPI
from schemathesis import engine
from schemathesis.core.parameters import ParameterLocation
from schemathesis.engine import events
from starlette.types import Receive, Scope, Send

from sync.server.settings import Settings
from tests.server.certified import certify, issue, with_issuing_key
from tests.server.helpers import ADMIN_TOKEN, Device, World

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
SIGNATURE_HEADERS = frozenset({"signature-input", "signature", "content-digest"})
SIGNED_PATHS = r"^/v1/(?!admin/|trust$|revocations$|health$|ready$)"
UNPROVABLE_BY_SCHEMA = {
    ("POST", "/v1/results"): ["2xx", "3xx", "401", "403", "404", "409", "422", "429", "5xx"],
    ("PATCH", "/v1/photos/{sha256}"): ["2xx", "3xx", "401", "403", "404", "409", "413", "422"],
}
"""Operations whose bodies carry a signature or a content hash (see the module docstring)."""
CONFIG = {
    "seed": 20250101,
    "suppress-health-check": ["too_slow", "data_too_large"],
    "workers": 1,
    "request-timeout": 120,
    # Text never holds NUL (U+0000): PostgreSQL cannot keep it, so the store refuses it at the
    # door with INVALID_REQUEST (README-api.md); a client never sends one as valid data.
    "generation": {
        "max-examples": 25,
        "deterministic": True,
        "database": "none",
        "allow-x00": False,
    },
    "operations": [
        {
            "include-method": method,
            "include-path": path,
            "checks": {"positive_data_acceptance": {"expected-statuses": statuses}},
        }
        for (method, path), statuses in UNPROVABLE_BY_SCHEMA.items()
    ],
}


@pytest.fixture
def settings(settings: Settings, tmp_path: Path) -> Settings:
    return with_issuing_key(settings, tmp_path)


@pytest.fixture
def seeded(world: World) -> World:
    """The world, with cm-city certified and its certificate issued, pattaya certified."""
    certify(world, "cm-city")
    assert issue(world, "cm-city").status_code == 201
    certify(world, "pattaya")
    return world


class DeviceSignature(requests.auth.AuthBase):
    """Signs the prepared request, as the device's sync client signs its requests."""

    def __init__(self, device: Device) -> None:
        self.device = device

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        body = request.body or b""
        sent = body.encode("utf-8") if isinstance(body, str) else body
        assert isinstance(sent, bytes), "a streamed body is not signed here"
        signed = self.device.signed_headers(str(request.method), request.path_url, sent)
        request.headers.update(signed)
        return request


def breaks_the_signature(case: schemathesis.Case) -> bool:
    """Whether Schemathesis made this case to lack or spoil the signature headers."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_negative:
        return False
    data = meta.phase.data
    touched = [(data.parameter, data.parameter_location)]
    touched += [(m.parameter, m.parameter_location) for m in data.mutations]
    return any(
        where == ParameterLocation.HEADER and (name is None or name.lower() in SIGNATURE_HEADERS)
        for name, where in touched
    )


def without_lifespan(app: FastAPI) -> Any:
    """The app for Schemathesis, which would run its lifespan: the fixtures own the store."""

    async def asgi(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            raise RuntimeError("no lifespan here")
        await app(scope, receive, send)

    return asgi


@dataclass
class Run:
    """What a run did and found."""

    operations: set[str] = field(default_factory=set)
    statuses: Counter[str] = field(default_factory=Counter)
    phases: Counter[str] = field(default_factory=Counter)
    findings: list[str] = field(default_factory=list)

    @property
    def cases(self) -> int:
        return sum(self.statuses.values())

    def record(self, event: events.EngineEvent) -> None:
        if isinstance(event, events.ScenarioFinished):
            self._scenario(event)
        elif isinstance(event, events.NonFatalError):
            self.findings.append(f"{event.label}: {event.info.title}: {event.info.message}")
        elif isinstance(event, events.FatalError):
            self.findings.append(f"fatal: {event.exception!r}")
        elif isinstance(event, events.EngineFinished):
            self.findings += [f"{f.title}: {f.message}" for f in event.failures]

    def _scenario(self, event: events.ScenarioFinished) -> None:
        recorder = event.recorder
        self.operations.add(recorder.label)
        for interaction in recorder.interactions.values():
            if interaction.response is not None:
                self.statuses[str(interaction.response.status_code)] += 1
                self.phases[event.phase.value] += 1
        for checks in recorder.checks.values():
            for check in checks:
                if check.failure_info is not None:
                    failure, sample = check.failure_info.failure, check.failure_info.code_sample
                    title = f"{recorder.label}: {check.name}: {failure.title}"
                    self.findings.append(f"{title}\n{failure.message}\n{sample[:2000]}")


def run_schemathesis(app: FastAPI, device: Device) -> tuple[Run, set[str]]:
    """Every operation, every check; returns the run and the operations the document has."""
    config = schemathesis.Config.from_dict(CONFIG)
    schema = schemathesis.openapi.from_asgi("/openapi.json", without_lifespan(app), config=config)

    @schema.auth(refresh_interval=None).apply_to(path_regex=SIGNED_PATHS)
    class SignedByTheDevice:
        def get(self, case: schemathesis.Case, context: Any) -> DeviceSignature | None:
            return None if breaks_the_signature(case) else DeviceSignature(device)

        def set(self, case: schemathesis.Case, data: DeviceSignature, context: Any) -> None:
            case._auth = data  # the prepared request is signed as it is sent

    @schema.auth(refresh_interval=None).apply_to(path_regex="^/v1/admin/")
    class OfficeToken:
        def get(self, case: schemathesis.Case, context: Any) -> str:
            return ADMIN_TOKEN

        def set(self, case: schemathesis.Case, data: str, context: Any) -> None:
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}

    run = Run()
    for event in engine.from_schema(schema).execute():
        run.record(event)
    documented = {operation.label for operation in _operations(schema)}
    return run, documented


def _operations(schema: Any) -> Iterator[Any]:
    for result in schema.get_all_operations():
        yield result.ok()


def test_schemathesis_finds_nothing_in_any_operation(
    seeded: World, app: FastAPI, database_url: str
) -> None:
    started = time.monotonic()
    run, documented = run_schemathesis(app, seeded.chair)
    assert run.findings == [], "\n\n".join(run.findings)
    assert run.operations == documented
    assert len(documented) == 22
    backend = database_url.partition(":")[0].partition("+")[0]
    summary = {
        "backend": backend,
        "operations": len(run.operations),
        "cases": run.cases,
        "cases_by_phase": dict(run.phases),
        "responses_by_status": dict(sorted(run.statuses.items())),
        "seconds": round(time.monotonic() - started, 1),
    }
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"schemathesis-{backend}.json").write_text(json.dumps(summary, indent=1) + "\n")
    print(f"schemathesis on {backend}: {summary}")
