"""Starting the whole fleet, and what a test or a benchmark needs of it.

``running_fleet(folder, database_url)`` makes a TLS test authority, starts moto's S3 server and
makes the bucket, brings the (empty) database to the schema with ``gecc-central db upgrade``,
starts the instances (``gecc-central serve``, production settings: a strong admin token, an
issuing keyring, nothing migrated on start) and then nginx in front of them; each is waited
for by its readiness probe. On the way out everything is stopped, whatever happened.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import ssl
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from scripts.fleet.nginx import Site, render_main
from scripts.fleet.processes import Child, answers, free_port
from scripts.fleet.tls import TestCertificates, make_certificates
from sync.issuing import KdfParams, create_keyring
from sync.server.settings import Settings

BUCKET = "gecc-photos"
REGION = "us-east-1"
PASSPHRASE = "กุญแจออกใบรับรอง-fleet"
MAX_PHOTO_BYTES = 64 * 1024 * 1024
CHEAP_KDF = KdfParams(iterations=1, lanes=1, memory_kib=8)  # a test keyring, quick to unlock
CENTRAL = [sys.executable, "-m", "sync.server.cli_main"]


@dataclass
class Fleet:
    folder: Path
    database_url: str
    env: dict[str, str]
    certificates: TestCertificates
    s3: Child
    s3_url: str
    instances: list[Child] = field(default_factory=list)
    ports: list[int] = field(default_factory=list)
    proxy: Child | None = None
    proxy_port: int = 0

    @property
    def base(self) -> str:
        return f"https://127.0.0.1:{self.proxy_port}"

    def instance_base(self, number: int) -> str:
        return f"http://127.0.0.1:{self.ports[number]}"

    def tls(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.certificates.authority))

    def client(self, **options: Any) -> httpx.Client:
        """An HTTPS client of the proxy that trusts the test authority."""
        return httpx.Client(base_url=self.base, verify=self.tls(), **options)

    def settings(self) -> Settings:
        """The instances' settings, for work done in this process (seeding, checks)."""
        return Settings.from_env({k: v for k, v in self.env.items() if k.startswith("GECC_")})

    def central(
        self, *args: str, env: dict[str, str] | None = None, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        """Run a ``gecc-central`` command with the instances' settings (or ``env``)."""
        found = subprocess.run(
            [*CENTRAL, *args], env=env or self.env, capture_output=True, text=True, check=False
        )
        if check and found.returncode != 0:
            raise RuntimeError(f"gecc-central {' '.join(args)}: {found.stdout}{found.stderr}")
        return found

    def start_instance(self, number: int) -> None:
        self.instances[number].start(answers(f"{self.instance_base(number)}/v1/ready"))

    @property
    def admin_token(self) -> str:
        return self.env["GECC_CENTRAL_ADMIN_TOKEN"]


@contextlib.contextmanager
def running_fleet(
    folder: Path, database_url: str, *, workers: tuple[int, ...] = (1, 1), verify_rate: int = 20
) -> Iterator[Fleet]:
    """The fleet (see the module docstring); ``workers`` gives each instance's process count."""
    folder.mkdir(parents=True, exist_ok=True)
    s3_port = free_port()
    s3_url = f"http://127.0.0.1:{s3_port}"
    env = _environment(folder, database_url, s3_url)
    s3 = Child(
        "moto",
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(s3_port)],
        env,
        folder / "moto.log",
    )
    fleet = Fleet(folder, database_url, env, make_certificates(folder / "tls"), s3, s3_url)
    try:
        s3.start(answers(s3_url))
        make_bucket(s3_url, BUCKET)
        fleet.central("db", "upgrade")
        for number, count in enumerate(workers):
            _add_instance(fleet, number, count)
        _start_proxy(fleet, verify_rate)
        yield fleet
    finally:
        for child in [fleet.proxy, *fleet.instances, s3]:
            if child is not None:
                child.stop()


def _environment(folder: Path, database_url: str, s3_url: str) -> dict[str, str]:
    keyring = folder / "keys" / "issuing-keys.json"
    if not keyring.exists():
        create_keyring(keyring, PASSPHRASE, kdf=CHEAP_KDF)
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("GECC_CENTRAL_", "AWS_", "PROMETHEUS_"))
    }
    return inherited | {
        "GECC_CENTRAL_ENV": "production",
        "GECC_CENTRAL_DATABASE_URL": database_url,
        "GECC_CENTRAL_DATA_DIR": str(folder / "data"),
        "GECC_CENTRAL_BLOB_BACKEND": "s3",
        "GECC_CENTRAL_S3_BUCKET": BUCKET,
        "GECC_CENTRAL_S3_ENDPOINT_URL": s3_url,
        "GECC_CENTRAL_S3_REGION": REGION,
        "GECC_CENTRAL_ADMIN_TOKEN": secrets.token_urlsafe(32),
        "GECC_CENTRAL_ISSUING_KEY_FILE": str(keyring),
        "GECC_CENTRAL_ISSUING_KEY_PASSPHRASE": PASSPHRASE,
        "GECC_CENTRAL_MAX_PHOTO_BYTES": str(MAX_PHOTO_BYTES),
        "AWS_ACCESS_KEY_ID": "fleet",
        "AWS_SECRET_ACCESS_KEY": "fleet-secret",
        "AWS_EC2_METADATA_DISABLED": "true",
    }


def make_bucket(s3_url: str, bucket: str) -> None:
    import boto3

    client = boto3.client(
        "s3",
        endpoint_url=s3_url,
        region_name=REGION,
        aws_access_key_id="fleet",
        aws_secret_access_key="fleet-secret",
    )
    client.create_bucket(Bucket=bucket)


def _add_instance(fleet: Fleet, number: int, workers: int) -> None:
    port = free_port()
    command = [*CENTRAL, "serve", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--workers", str(workers)]
    log = fleet.folder / f"instance-{number}.log"
    fleet.ports.append(port)
    fleet.instances.append(Child(f"instance {number}", command, fleet.env, log))
    fleet.start_instance(number)


def _start_proxy(fleet: Fleet, verify_rate: int) -> None:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    fleet.proxy_port = free_port()
    site = Site(
        listen=f"127.0.0.1:{fleet.proxy_port}",
        server_name="localhost",
        upstreams=tuple(f"127.0.0.1:{port}" for port in fleet.ports),
        certificate=str(fleet.certificates.certificate),
        key=str(fleet.certificates.key),
        access_log=str(fleet.folder / "nginx" / "access.log"),
        max_body_bytes=MAX_PHOTO_BYTES + 65536,
        verify_rate=verify_rate,
    )
    prefix = fleet.folder / "nginx"
    prefix.mkdir(exist_ok=True)
    (prefix / "nginx.conf").write_text(render_main(site, prefix), encoding="utf-8")
    command = [
        nginx,
        "-p",
        str(prefix),
        "-c",
        str(prefix / "nginx.conf"),
        "-e",
        str(prefix / "error.log"),
    ]
    fleet.proxy = Child("nginx", command, fleet.env, prefix / "console.log")
    fleet.proxy.start(answers(f"{fleet.base}/v1/ready", verify=fleet.tls()))
