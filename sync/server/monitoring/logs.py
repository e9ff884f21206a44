"""Log lines as JSON objects, one a line, each carrying the id of the request it belongs to.

The request id is the client's ``X-Request-ID`` when it sends a usable one (the device's sync
client sends one with every request), else one made here; ``sync.server.api.observe`` puts it
in ``REQUEST_ID`` for the request's lifetime and echoes it in the response. ``JsonFormatter``
writes ``time`` (UTC), ``level``, ``logger``, ``message``, ``request_id`` when there is one,
the fields a call passes as ``extra={"fields": {...}}``, and ``exception`` with the traceback.
``log_config()`` is the ``logging.config`` dictionary ``gecc-central serve`` gives uvicorn, so
its own lines are JSON too.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

REQUEST_ID: ContextVar[str | None] = ContextVar("gecc_request_id", default=None)
USABLE_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
"""A request id taken from a client: short, and nothing a log reader could trip over."""


def request_id_from(header: str | None) -> str:
    """The client's request id when it is usable, else a new one (32 hex digits)."""
    if header is not None and USABLE_ID.fullmatch(header):
        return header
    return uuid.uuid4().hex


class JsonFormatter(logging.Formatter):
    """One JSON object a line (see the module docstring)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = REQUEST_ID.get()
        if request_id is not None:
            entry["request_id"] = request_id
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def log_config(level: str = "INFO") -> dict[str, Any]:
    """JSON lines on stderr for the store's loggers and uvicorn's."""
    handler = {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
    logger = {"handlers": ["stderr"], "level": level, "propagate": False}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": f"{__name__}.JsonFormatter"}},
        "handlers": {"stderr": handler},
        "loggers": dict.fromkeys(("sync.server", "uvicorn", "uvicorn.error"), logger),
    }
