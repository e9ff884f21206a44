"""The central store's push and pull calls, in plain values (no device tables here).

The trust list and the revocation lists come back unchecked: ``field_audit.syncing.trust``
verifies them before they are kept.

Photos go up resumably: the list of missing photos says how much of each the server holds
(or the client asks, ``GET /v1/photos/{sha256}``), and the upload appends from there, so after
a cut only the missing remainder goes out — never the photo again from 0. A cut costs at most
the chunk in flight. The raw bytes are the request body (no base64). A store that holds every
byte of a photo but never checked them (it went down in between) gets an empty chunk at the
photo's length, which makes it finish.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlencode

from field_audit.sync_client.errors import Refused
from field_audit.sync_client.http import CentralClient
from sync.protocol.sealed import Envelope

CHUNK_BYTES = 1024 * 1024
NOT_MODIFIED = 304
BytesSent = Callable[[int], object]


def missing_photos(client: CentralClient, hashes: list[str]) -> dict[str, int | None]:
    """The photos the server lacks, each with the bytes it already holds (None: not said, by a
    server that does not tell; ``upload_photo`` then asks)."""
    if not hashes:
        return {}
    answer = client.post_json("/v1/photos/missing", sorted(set(hashes))).json()
    held = answer.get("held")
    if not isinstance(held, dict):
        return dict.fromkeys(answer["missing"])
    return {sha256: int(held.get(sha256, 0)) for sha256 in answer["missing"]}


def upload_photo(
    client: CentralClient,
    sha256: str,
    path: Path,
    *,
    held: int | None = None,
    on_bytes: BytesSent | None = None,
) -> None:
    """Send what the server lacks of one photo, appending from the offset it holds (``held``
    as the missing-list said it, or asked for now).

    ``on_bytes`` hears how far the server's copy advanced (the bytes it already held first), so
    the progress of a photo ends at its size whether or not it was resumed."""
    size = path.stat().st_size
    offset, complete = (held, False) if held is not None else held_offset(client, sha256)
    told = _tell(on_bytes, 0, offset, size)
    with path.open("rb") as source:
        while not complete:
            offset, complete = _send_next(client, sha256, source, offset=offset, size=size)
            told = _tell(on_bytes, told, offset, size)


def _send_next(
    client: CentralClient, sha256: str, source: BinaryIO, *, offset: int, size: int
) -> tuple[int, bool]:
    """Send the chunk at ``offset``; the offset the store then holds, and whether it is done.

    At the end the chunk is empty: the store holds every byte but was cut off before it
    checked them (a server killed there), and an empty chunk asks it to finish."""
    source.seek(offset)
    chunk = source.read(CHUNK_BYTES) if offset < size else b""
    try:
        status = _append(client, sha256, chunk, offset=offset, size=size)
    except Refused as refused:
        # Another upload of the same photo moved the offset since we asked: follow it.
        if refused.code != "UPLOAD_OFFSET_MISMATCH":
            raise
        return int(refused.details["offset"]), False
    held, complete = int(status["offset"]), bool(status.get("complete"))
    if not (chunk or complete):
        raise Refused("UPLOAD_NOT_FINISHED", "the store did not finish the photo", 0, {})
    return held, complete


def held_offset(client: CentralClient, sha256: str) -> tuple[int, bool]:
    """How many bytes of the photo the server holds, and whether it holds it whole.

    GET rather than HEAD: a refusal (e.g. CLOCK_SKEW, which the client corrects and retries)
    comes back in a JSON body, which a HEAD answer cannot carry."""
    state = client.get_json(f"/v1/photos/{sha256}")
    return int(state["offset"]), bool(state["complete"])


def _tell(on_bytes: BytesSent | None, told: int, offset: int, size: int) -> int:
    """Report the advance from ``told`` to ``offset`` (capped at ``size``); returns the new mark."""
    reached = max(told, min(offset, size))
    if on_bytes is not None and reached > told:
        on_bytes(reached - told)
    return reached


def _append(client: CentralClient, sha256: str, chunk: bytes, *, offset: int, size: int) -> Any:
    headers = {"Upload-Offset": str(offset), "Upload-Length": str(size)}
    response = client.call(
        "PATCH",
        f"/v1/photos/{sha256}",
        body=chunk,
        headers=headers,
        content_type="application/octet-stream",
    )
    return response.json()


def push_result(client: CentralClient, payload: bytes, envelope: Envelope) -> dict[str, Any]:
    """Send a signed result (idempotent: the same result twice gets the same answer)."""
    body = {"payload": payload.decode("utf-8"), "envelope": envelope.model_dump()}
    answer: dict[str, Any] = client.post_json("/v1/results", body).json()
    return answer


def pull_view(client: CentralClient, view: str, since: int) -> tuple[list[dict[str, Any]], int]:
    """Every change of one view after ``since``; returns the changes and the new cursor."""
    changes: list[dict[str, Any]] = []
    while True:
        page = client.get_json(f"/v1/{view}?since={since}")
        changes += page["changes"]
        since = int(page["cursor"])
        if not page.get("more"):
            return changes, since


def edition_document(client: CentralClient, content_hash: str) -> dict[str, Any]:
    answer: dict[str, Any] = client.get_json(f"/v1/editions/{content_hash}")
    return answer


def trust_list(client: CentralClient) -> dict[str, Any]:
    """The central store's trust list document (``gecc-trust-list/1``), unchecked."""
    answer: dict[str, Any] = client.get_json("/v1/trust")
    return answer


def revocation_list(client: CentralClient, key_id: str, counter: int) -> dict[str, Any] | None:
    """The signed revocation list of ``key_id``'s certificates (unchecked), or None when the
    list held, with ``counter`` (0: none), is the current one."""
    query = urlencode({"key_id": key_id, "counter": counter})
    response = client.call("GET", f"/v1/revocations?{query}")
    if response.status_code == NOT_MODIFIED:
        return None
    answer: dict[str, Any] = response.json()
    return answer
