"""The OpenAPI document (``/openapi.json``): FastAPI's, with the request signature as one
security requirement.

FastAPI lists each security dependency of a route as a requirement of its own, which OpenAPI
reads as "any one of them". A signed request carries all three headers (``deps``), so a
route's ``SignatureInput``, ``Signature`` and ``ContentDigest`` become one requirement.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from sync.server.api.deps import SIGNATURE_SCHEMES

SIGNED_TOGETHER = frozenset(scheme.scheme_name for scheme in SIGNATURE_SCHEMES)


def install_document(app: FastAPI) -> None:
    """Serve the document described above (built once, on the first request for it)."""
    fastapis = app.openapi

    def document() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = signed_together(fastapis())
        return app.openapi_schema

    app.openapi = document  # type: ignore[method-assign]


def signed_together(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with each operation's signature schemes merged into one requirement."""
    for operation in _operations(document):
        requirements = operation.get("security", [])
        named = {name for requirement in requirements for name in requirement}
        if named == SIGNED_TOGETHER:
            operation["security"] = [{name: [] for name in sorted(SIGNED_TOGETHER)}]
    return document


def _operations(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [operation for item in document.get("paths", {}).values() for operation in item.values()]
