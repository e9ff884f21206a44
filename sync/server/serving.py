"""``gecc-central serve``: uvicorn over the app, with JSON logs, in one or several processes.

The settings and the database are checked before anything listens (a refusal is one line and
exit 2, as for every command). With ``workers`` above one, uvicorn starts that many processes
on the one port, each building its app with ``app_from_env``, and prometheus-client's
multiprocess mode is switched on in a fresh folder (or in ``PROMETHEUS_MULTIPROC_DIR`` when the
operator names one, emptied first), so ``/metrics`` reports the whole instance. Access lines
are the store's own (``sync.server.api.observe``, with the request id), not uvicorn's.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import uvicorn

from sync.server.app import create_app
from sync.server.monitoring.logs import log_config
from sync.server.monitoring.metrics import MULTIPROCESS_DIR
from sync.server.settings import Settings

FACTORY = "sync.server.app:app_from_env"


def serve(settings: Settings, *, host: str, port: int, workers: int) -> None:
    """Serve until stopped; raises ``StartupRefused`` before listening when it cannot."""
    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "log_config": log_config(),
        "access_log": False,
    }
    if workers <= 1:
        uvicorn.run(create_app(settings), **options)
        return
    with metrics_folder():
        create_app(settings).state.central.close()  # refuse now, not in every worker
        uvicorn.run(FACTORY, factory=True, workers=workers, **options)


@contextlib.contextmanager
def metrics_folder() -> Iterator[Path]:
    """The multiprocess metrics folder, emptied; one made here is removed afterwards."""
    named = os.environ.get(MULTIPROCESS_DIR)
    folder = Path(named) if named else Path(tempfile.mkdtemp(prefix="gecc-metrics-"))
    for stale in folder.glob("*.db"):
        stale.unlink()
    os.environ[MULTIPROCESS_DIR] = str(folder)
    try:
        yield folder
    finally:
        if not named:
            shutil.rmtree(folder, ignore_errors=True)
            os.environ.pop(MULTIPROCESS_DIR, None)
