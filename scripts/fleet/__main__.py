"""``python -m scripts.fleet``: the fleet for a person to try, until Ctrl-C.

Makes (afresh) the PostgreSQL database ``gecc_fleet_try`` on ``--postgres-url`` (default
``GECC_TEST_POSTGRES_URL`` or the local test server), starts moto's S3, ``--instances``
instances and nginx, and prints where each listens and the ``gecc-central`` environment to run
office commands against it.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import threading
from pathlib import Path

from scripts.bench.sync_server import DEFAULT_POSTGRES
from scripts.fleet.fleet import running_fleet


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--postgres-url", default=os.environ.get("GECC_TEST_POSTGRES_URL", DEFAULT_POSTGRES)
    )
    parser.add_argument("--instances", type=int, default=2)
    parser.add_argument("--workers", type=int, default=1, help="processes per instance")
    args = parser.parse_args()
    from scripts.bench.bulk import fresh_database

    url = fresh_database(args.postgres_url, "gecc_fleet_try")
    with tempfile.TemporaryDirectory(prefix="gecc-fleet-") as folder:
        workers = (args.workers,) * args.instances
        with running_fleet(Path(folder), url, workers=workers) as fleet:
            print(f"proxy      {fleet.base}  (trust {fleet.certificates.authority})")
            for number, child in enumerate(fleet.instances):
                print(f"instance   {fleet.instance_base(number)}  (log {child.log})")
            print(f"S3         {fleet.s3_url}")
            print("environment of gecc-central commands against it:")
            for name, value in sorted(fleet.env.items()):
                if name.startswith(("GECC_CENTRAL_", "AWS_")):
                    print(f"  export {name}='{value}'")
            print("Ctrl-C stops everything")
            try:
                threading.Event().wait()
            except KeyboardInterrupt:
                print("stopping")


if __name__ == "__main__":
    main()
