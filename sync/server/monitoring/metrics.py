"""The Prometheus metrics of one instance (prometheus-client), exposed at ``/metrics``.

Each app has its own ``Metrics`` (and registry), built by ``create_app``: nothing at import
time. What is counted:

- ``gecc_http_requests_total{method, route, status}``: requests by route template
  (``/v1/photos/{sha256}``, never the hash itself) and status; ``unmatched`` for a path no
  route takes;
- ``gecc_http_request_duration_seconds{method, route}``: latency histogram;
- ``gecc_refusals_total{code}``: every refusal by its stable code (``sync.server.errors``);
- ``gecc_http_received_bytes_total{route}``: request body bytes received;
- ``gecc_sync_step_duration_seconds{step}``: how long each step of a device's sync takes at
  the store (``identity``, ``pull``, ``photos_missing``, ``photo_chunk``, ``result``).

Several worker processes (``gecc-central serve --workers N``) each count their own requests in
files under ``PROMETHEUS_MULTIPROC_DIR`` (prometheus-client's multiprocess mode, which the
serve command switches on); ``/metrics`` then adds up every worker's files, so whichever worker
answers the scrape reports the whole instance.
"""

from __future__ import annotations

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)

MULTIPROCESS_DIR = "PROMETHEUS_MULTIPROC_DIR"
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
UNMATCHED = "unmatched"
PULL_VIEWS = frozenset(
    f"/v1/{view}" for view in ("rounds", "committees", "assignments", "certificates", "results")
)
SYNC_STEPS = {
    ("GET", "/v1/me"): "identity",
    ("POST", "/v1/photos/missing"): "photos_missing",
    ("PATCH", "/v1/photos/{sha256}"): "photo_chunk",
    ("POST", "/v1/results"): "result",
}
"""The requests a device's sync makes, by the step they are (the pull views are ``pull``)."""


class Metrics:
    """The counters and histograms above, in a registry of their own."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "gecc_http_requests",
            "HTTP requests by route template and status",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "gecc_http_request_duration_seconds",
            "time from a request's arrival to its last response byte",
            ["method", "route"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.refusals = Counter(
            "gecc_refusals", "refusals by stable code", ["code"], registry=self.registry
        )
        self.received = Counter(
            "gecc_http_received_bytes",
            "request body bytes received",
            ["route"],
            registry=self.registry,
        )
        self.sync_steps = Histogram(
            "gecc_sync_step_duration_seconds",
            "time the store takes for each step of a device's sync",
            ["step"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )

    def observe(
        self,
        *,
        method: str,
        route: str,
        status: int,
        seconds: float,
        received: int,
        refusal: str | None,
    ) -> None:
        """Count one finished request."""
        self.requests.labels(method, route, str(status)).inc()
        self.latency.labels(method, route).observe(seconds)
        if received:
            self.received.labels(route).inc(received)
        if refusal is not None:
            self.refusals.labels(refusal).inc()
        step = sync_step(method, route)
        if step is not None:
            self.sync_steps.labels(step).observe(seconds)

    def exposition(self) -> bytes:
        """The text format of every metric: every worker's, in multiprocess mode."""
        if os.environ.get(MULTIPROCESS_DIR):
            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
            return generate_latest(registry)
        return generate_latest(self.registry)


CONTENT_TYPE = CONTENT_TYPE_LATEST


def sync_step(method: str, route: str) -> str | None:
    """The step of a device's sync this request is, if it is one."""
    if method == "GET" and route in PULL_VIEWS:
        return "pull"
    return SYNC_STEPS.get((method, route))
