"""The OpenAPI document says what the API does: how each route is authenticated, that every
refusal is the error body, what a reference looks like; and a method a path does not take is
405 naming every method it does take."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from sync.protocol.certificates.reference import read_reference
from sync.server.api.params import REFERENCE_PATTERN
from tests.server.helpers import Api

SIGNED = [{"ContentDigest": [], "Signature": [], "SignatureInput": []}]
PUBLIC = {
    ("get", "/v1/trust"),
    ("get", "/v1/revocations"),
    ("get", "/v1/health"),
    ("get", "/v1/ready"),
}


def operations(api: Api) -> list[tuple[str, str, dict[str, Any]]]:
    document = api.request("GET", "/openapi.json").json()
    return [
        (method, path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
    ]


def test_signed_routes_need_the_three_signature_headers_together_and_admin_ones_the_token(
    api: Api,
) -> None:
    for method, path, operation in operations(api):
        if (method, path) in PUBLIC:
            assert "security" not in operation, path
        elif path.startswith("/v1/admin/"):
            assert operation["security"] == [{"AdminToken": []}], path
        else:
            assert operation["security"] == SIGNED, (method, path)


def test_every_refusal_is_the_error_body_with_the_codes_it_carries(api: Api) -> None:
    for method, path, operation in operations(api):
        for status, response in operation["responses"].items():
            if int(status) < 400:
                continue
            schema = response["content"]["application/json"]["schema"]
            assert schema["$ref"] == "#/components/schemas/ErrorBody", (method, path, status)
            codes = schema["properties"]["code"]["enum"]
            assert codes, (method, path, status)
            assert all(f"`{code}`" in response["description"] for code in codes)


def test_a_method_a_path_does_not_take_is_405_naming_every_method_it_takes(api: Api) -> None:
    photo = "ab" * 32
    answer = api.request("OPTIONS", f"/v1/photos/{photo}")
    assert (answer.status_code, answer.headers["Allow"]) == (405, "GET, HEAD, PATCH")
    assert api.request("DELETE", "/v1/results").headers["Allow"] == "GET, POST"
    # /v1/photos/missing is not a photo's name: before, PATCH took it for a malformed hash (422)
    answer = api.request("PATCH", "/v1/photos/missing", content=b"x")
    assert (answer.status_code, answer.json()["code"]) == (405, "METHOD_NOT_ALLOWED")
    assert answer.headers["Allow"] == "POST"


def test_the_typed_references_the_readme_shows_are_in_the_document() -> None:
    for typed in ("GECC-2560-50-0001", "gecc-2560-50-1", "GECC ๒๕๖๐ ๕๐ ๑", "gecc_2570.50–0007"):
        assert _matches(typed), typed
    for not_one in ("GECC-2560-50-0000", "GECC-2499-50-1", "GECC-2560-123-1", "GECC/2560/50/1"):
        assert not _matches(not_one), not_one


@given(st.from_regex(REFERENCE_PATTERN, fullmatch=True))
def test_every_reference_the_document_admits_reads(typed: str) -> None:
    read_reference(typed)


def _matches(text: str) -> bool:
    return re.fullmatch(REFERENCE_PATTERN, text) is not None
