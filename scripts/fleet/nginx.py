"""The reverse proxy's configuration: what the multi-instance test runs, and what
``sync/server/DEPLOYMENT.md`` shows (generated from ``example_site``; a check fails on drift).

``render_site`` is the ``http {}``-level part an operator puts in ``/etc/nginx/conf.d/``:
TLS, the upstream instances (a failed one left alone for ``fail_timeout``), request bodies
passed on as they arrive (``proxy_request_buffering off``: a photo chunk is never held whole
by the proxy, nor spooled to its disk), the path and query passed unchanged (they are signed),
the client's ``X-Request-ID`` passed on or one made, a JSON access log with it, a rate limit
on the public ``/verify`` page, the office's routes kept to the office network, and
``/metrics`` kept off the public side. ``render_main`` wraps it into a whole ``nginx.conf``
for a proxy run as a plain process (``nginx -p FOLDER -c FOLDER/nginx.conf``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Site:
    listen: str
    server_name: str
    upstreams: tuple[str, ...]
    certificate: str
    key: str
    access_log: str
    max_body_bytes: int
    verify_rate: int = 20  # /verify requests a second from one address, with a burst of 5x
    office_network: str = "127.0.0.1"


def render_site(site: Site) -> str:
    servers = "\n".join(
        f"    server {address} max_fails=1 fail_timeout=5s;" for address in site.upstreams
    )
    return SITE.format(
        count=len(site.upstreams),
        servers=servers,
        listen=site.listen,
        server_name=site.server_name,
        certificate=site.certificate,
        key=site.key,
        access_log=site.access_log,
        max_body=site.max_body_bytes,
        rate=site.verify_rate,
        burst=site.verify_rate * 5,
        office=site.office_network,
    )


def render_main(site: Site, folder: Path) -> str:
    """A whole configuration for a proxy run in the foreground from ``folder``."""
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must reach the folder
    body = "\n".join(f"    {line}" if line else "" for line in render_site(site).splitlines())
    return MAIN.format(user=user, folder=folder, site=body)


def example_site() -> Site:
    """The deployment guide's example: two instances on the application network."""
    return Site(
        listen="443",
        server_name="gecc.example.go.th",
        upstreams=("10.20.0.11:8000", "10.20.0.12:8000"),
        certificate="/etc/ssl/gecc/fullchain.pem",
        key="/etc/ssl/gecc/privkey.pem",
        access_log="/var/log/nginx/gecc-access.log",
        max_body_bytes=64 * 1024 * 1024 + 65536,
        office_network="10.30.0.0/16",
    )


SITE = """\
# The GECC central store: TLS in front of {count} gecc-central instances.
map $http_x_request_id $gecc_request_id {{
    default $http_x_request_id;
    ""      $request_id;
}}
log_format gecc_json escape=json '{{"time":"$time_iso8601","request_id":"$gecc_request_id",'
    '"client":"$remote_addr","method":"$request_method","uri":"$uri","status":$status,'
    '"bytes_in":$request_length,"bytes_out":$bytes_sent,"seconds":$request_time,'
    '"upstream":"$upstream_addr","upstream_status":"$upstream_status"}}';
limit_req_zone $binary_remote_addr zone=gecc_public:10m rate={rate}r/s;

upstream gecc_central {{
{servers}
    keepalive 32;
}}

server {{
    listen {listen} ssl;
    server_name {server_name};
    ssl_certificate {certificate};
    ssl_certificate_key {key};
    ssl_protocols TLSv1.2 TLSv1.3;
    access_log {access_log} gecc_json;

    client_max_body_size {max_body};
    proxy_request_buffering off;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_set_header X-Request-ID $gecc_request_id;
    proxy_next_upstream error timeout;
    proxy_connect_timeout 5s;
    proxy_send_timeout 120s;
    proxy_read_timeout 120s;

    location / {{
        proxy_pass http://gecc_central;
    }}
    location = /verify {{
        limit_req zone=gecc_public burst={burst} nodelay;
        limit_req_status 429;
        proxy_pass http://gecc_central;
    }}
    location /v1/admin/ {{
        allow {office};
        deny all;
        proxy_pass http://gecc_central;
    }}
    location = /metrics {{
        deny all;
    }}
}}
"""

MAIN = """\
{user}worker_processes 1;
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{
    worker_connections 1024;
}}
http {{
{site}
}}
"""
