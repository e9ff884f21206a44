"""Photos first: which ones the server lacks, and resumable uploads of raw bytes in chunks."""

from __future__ import annotations

from typing import Annotated, Any

import anyio.to_thread
from fastapi import APIRouter, Body, Header, Request, Response
from starlette.convertors import Convertor, register_url_convertor

from sync.server.api.deps import CentralDep, CurrentInspector, SessionDep, UploadingInspector
from sync.server.api.params import MAX_SEQ, PhotoHash, Sha256Text
from sync.server.api.refusals import (
    BUSY_OR_ELSEWHERE,
    INVALID,
    JSON_BODY,
    SIGNED,
    answers,
    refused,
)
from sync.server.api.schemas import MissingPhotos, UploadStatePublic
from sync.server.errors import NotAuthenticated, TooLarge, TryLater, Unprocessable
from sync.server.store.photos import check_sha256, missing_photos, receive_chunk, upload_state

router = APIRouter(prefix="/v1/photos", tags=["photos"])
MAX_ASKED = 5000


class PhotoName(Convertor[str]):
    """A photo's name in a path: anything but ``missing``, its sibling route's, so that a method
    ``/v1/photos/missing`` does not take is METHOD_NOT_ALLOWED, not a malformed hash."""

    regex = "(?!missing$)[^/]+"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("photo", PhotoName())
UPLOAD_HEADERS: dict[str, Any] = {
    "Upload-Offset": {
        "description": "bytes the server holds; the next chunk starts here",
        "schema": {"type": "string", "pattern": "^[0-9]+$"},
    },
    "Upload-Complete": {
        "description": "?1 when the whole photo is stored and its SHA-256 checked, else ?0",
        "schema": {"type": "string", "enum": ["?1", "?0"]},
    },
}
STATE: dict[int | str, dict[str, Any]] = {200: {"headers": UPLOAD_HEADERS}}
CHUNK_REFUSED = (
    refused(NotAuthenticated, "BAD_SIGNATURE"),
    BUSY_OR_ELSEWHERE,
    refused(TooLarge, "PHOTO_TOO_LARGE", "REQUEST_TOO_LARGE"),
    INVALID,
    refused(Unprocessable, "PHOTO_HASH_MISMATCH"),
    refused(TryLater, "STORAGE_FULL"),
)
"""A chunk: not the signed bytes, not at the server's offset, past its photo's length or the
server's maximum, completing a photo whose bytes have another SHA-256, or no room for it."""


@router.post("/missing", responses=answers(SIGNED, JSON_BODY, INVALID))
def find_missing(
    caller: CurrentInspector,
    session: SessionDep,
    central: CentralDep,
    hashes: Annotated[list[Sha256Text], Body(max_length=MAX_ASKED)],
) -> MissingPhotos:
    """Of these SHA-256 hashes (a JSON array), the photos the server does not have whole, and
    how much of each it holds already (an upload cut short), so a device resumes at once."""
    missing = missing_photos(session, hashes)
    held = {sha256: offset for sha256 in missing if (offset := central.blobs.held(sha256))}
    return MissingPhotos(missing=missing, held=held)


@router.get("/{sha256:photo}", responses={**STATE, **answers(SIGNED, INVALID)})
async def get_upload_state(
    sha256: PhotoHash, caller: CurrentInspector, central: CentralDep, response: Response
) -> UploadStatePublic:
    """Where the photo's upload stands; also as ``Upload-Offset`` and ``Upload-Complete``."""
    state = await anyio.to_thread.run_sync(upload_state, central, check_sha256(sha256))
    response.headers["Upload-Offset"] = str(state.offset)
    response.headers["Upload-Complete"] = "?1" if state.complete else "?0"
    return UploadStatePublic(sha256=state.sha256, offset=state.offset, complete=state.complete)


@router.head("/{sha256:photo}", responses={**STATE, **answers(SIGNED, INVALID)})
async def head_upload_state(
    sha256: PhotoHash, caller: CurrentInspector, central: CentralDep, response: Response
) -> None:
    """The same as GET, in the headers only (``Upload-Offset``, ``Upload-Complete``)."""
    await get_upload_state(sha256, caller, central, response)


@router.patch(
    "/{sha256:photo}",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
            },
        }
    },
    responses=answers(SIGNED, CHUNK_REFUSED),
)
async def upload_chunk(
    sha256: PhotoHash,
    *,
    request: Request,
    caller: UploadingInspector,
    central: CentralDep,
    upload_offset: Annotated[int, Header(alias="Upload-Offset", ge=0, le=MAX_SEQ)],
    upload_length: Annotated[int, Header(alias="Upload-Length", ge=0, le=MAX_SEQ)],
) -> UploadStatePublic:
    """Append the raw bytes of the body at ``Upload-Offset`` to the photo of ``Upload-Length``
    bytes. When the last byte arrives the SHA-256 is checked and the photo stored."""
    state = await receive_chunk(
        central,
        caller,
        sha256=check_sha256(sha256),
        offset=upload_offset,
        length=upload_length,
        chunks=request.stream(),
    )
    return UploadStatePublic(sha256=state.sha256, offset=state.offset, complete=state.complete)
