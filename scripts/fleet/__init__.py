"""The national deployment's shape on one machine: several ``gecc-central serve`` instances
behind nginx (TLS, request bodies streamed), PostgreSQL, and an S3-compatible store over HTTP
(moto's server mode, reached by the same boto3 code a real S3 or MinIO gets).

``fleet.running_fleet`` starts and stops it all; the multi-instance test
(``tests/fleet/test_fleet.py``), the benchmarks (``scripts/bench/fleet.py``) and a person
(``python -m scripts.fleet``) use the same parts, and ``nginx.render`` writes the proxy's
configuration that ``sync/server/DEPLOYMENT.md`` shows. Everything listens on 127.0.0.1 only.
"""
