"""Photos first: which ones the server lacks, and resumable uploads of raw bytes in chunks."""

from __future__ import annotations

from typing import Annotated

import anyio.to_thread
from fastapi import APIRouter, Body, Header, Request, Response

from sync.server.api.deps import CentralDep, CurrentInspector, SessionDep, UploadingInspector
from sync.server.api.schemas import MissingPhotos, UploadStatePublic
from sync.server.store.photos import check_sha256, missing_photos, receive_chunk, upload_state

router = APIRouter(prefix="/v1/photos", tags=["photos"])
MAX_ASKED = 5000


@router.post("/missing")
def find_missing(
    caller: CurrentInspector,
    session: SessionDep,
    central: CentralDep,
    hashes: Annotated[list[str], Body(max_length=MAX_ASKED)],
) -> MissingPhotos:
    """Of these SHA-256 hashes (a JSON array), the photos the server does not have whole, and
    how much of each it holds already (an upload cut short), so a device resumes at once."""
    missing = missing_photos(session, hashes)
    held = {sha256: offset for sha256 in missing if (offset := central.blobs.held(sha256))}
    return MissingPhotos(missing=missing, held=held)


@router.get("/{sha256}")
async def get_upload_state(
    sha256: str, caller: CurrentInspector, central: CentralDep, response: Response
) -> UploadStatePublic:
    """Where the photo's upload stands; also as ``Upload-Offset`` and ``Upload-Complete``."""
    state = await anyio.to_thread.run_sync(upload_state, central, check_sha256(sha256))
    response.headers["Upload-Offset"] = str(state.offset)
    response.headers["Upload-Complete"] = "?1" if state.complete else "?0"
    return UploadStatePublic(sha256=state.sha256, offset=state.offset, complete=state.complete)


@router.head("/{sha256}")
async def head_upload_state(
    sha256: str, caller: CurrentInspector, central: CentralDep, response: Response
) -> None:
    """The same as GET, in the headers only (``Upload-Offset``, ``Upload-Complete``)."""
    await get_upload_state(sha256, caller, central, response)


@router.patch(
    "/{sha256}",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
            },
        }
    },
)
async def upload_chunk(
    sha256: str,
    *,
    request: Request,
    caller: UploadingInspector,
    central: CentralDep,
    upload_offset: Annotated[int, Header(alias="Upload-Offset", ge=0)],
    upload_length: Annotated[int, Header(alias="Upload-Length", ge=0)],
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
