"""Watching the central store run: backend health, Prometheus metrics, JSON logs with request ids.

``health`` checks the database, the schema and the blob store; ``metrics`` keeps the counters
and histograms an instance exposes at ``/metrics``; ``logs`` formats every log line as one JSON
object carrying the request id. The HTTP side (the middleware and the routes) is in
``sync.server.api.observe`` and ``sync.server.api.routes_health``.
"""
