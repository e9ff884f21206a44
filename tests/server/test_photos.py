"""Photos first: which are missing, resumable chunked uploads, and their refusals."""

from __future__ import annotations

import hashlib
import os

from sync.server.models import PhotoRecord
from tests.server.helpers import World
from tests.server.test_results import refused

PHOTO = os.urandom(300_000)
SHA = hashlib.sha256(PHOTO).hexdigest()


def test_the_server_says_which_photos_it_lacks(world: World) -> None:
    other = os.urandom(1000)
    world.member_a.upload_photo(other)
    hashes = [SHA, hashlib.sha256(other).hexdigest(), SHA]
    answer = world.member_a.post_json("/v1/photos/missing", hashes)
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"missing": [SHA], "held": {}}
    bad = world.member_a.post_json("/v1/photos/missing", ["not-a-hash"])
    refused(bad, 422, "INVALID_REQUEST")


def test_an_upload_cut_in_half_resumes_from_the_offset_the_server_holds(world: World) -> None:
    device, half = world.member_a, len(PHOTO) // 2
    first = device.send_chunk(SHA, PHOTO[:half], offset=0, length=len(PHOTO))
    assert first.json() == {"sha256": SHA, "offset": half, "complete": False}
    state = device.get(f"/v1/photos/{SHA}")
    assert (state.json()["offset"], state.headers["Upload-Offset"]) == (half, str(half))
    assert state.headers["Upload-Complete"] == "?0"
    assert device.request("HEAD", f"/v1/photos/{SHA}").headers["Upload-Offset"] == str(half)
    missing = device.post_json("/v1/photos/missing", [SHA]).json()
    assert missing == {"missing": [SHA], "held": {SHA: half}}  # where to resume, in the same answer
    rest = device.send_chunk(SHA, PHOTO[half:], offset=half, length=len(PHOTO))
    assert rest.json() == {"sha256": SHA, "offset": len(PHOTO), "complete": True}
    assert device.post_json("/v1/photos/missing", [SHA]).json() == {"missing": [], "held": {}}
    assert b"".join(world.central.blobs.read(SHA)) == PHOTO


def test_a_chunk_at_the_wrong_offset_is_refused_with_the_servers_offset(world: World) -> None:
    device = world.member_a
    device.send_chunk(SHA, PHOTO[:1000], offset=0, length=len(PHOTO))
    answer = device.send_chunk(SHA, PHOTO[5000:6000], offset=5000, length=len(PHOTO))
    body = refused(answer, 409, "UPLOAD_OFFSET_MISMATCH")
    assert body["details"]["offset"] == 1000
    assert world.central.blobs.held(SHA) == 1000


def test_bytes_that_do_not_hash_to_the_name_are_discarded(world: World) -> None:
    device, wrong = world.member_a, bytearray(PHOTO)
    wrong[-1] ^= 1
    body = refused(
        device.send_chunk(SHA, bytes(wrong), offset=0, length=len(PHOTO)),
        422,
        "PHOTO_HASH_MISMATCH",
    )
    assert body["details"]["actual"] == hashlib.sha256(wrong).hexdigest()
    assert device.get(f"/v1/photos/{SHA}").json() == {"sha256": SHA, "offset": 0, "complete": False}
    with world.central.session() as session:
        assert session.get(PhotoRecord, SHA) is None


def test_a_chunk_beyond_the_declared_length_is_refused_and_nothing_kept(world: World) -> None:
    device = world.member_a
    device.send_chunk(SHA, PHOTO[:100], offset=0, length=len(PHOTO))
    answer = device.send_chunk(SHA, PHOTO[100:] + b"extra", offset=100, length=len(PHOTO))
    refused(answer, 413, "PHOTO_TOO_LARGE")
    assert world.central.blobs.held(SHA) == 100
    huge = world.central.settings.max_photo_bytes + 1
    refused(device.send_chunk(SHA, b"x", offset=100, length=huge), 413, "PHOTO_TOO_LARGE")


def test_a_chunk_that_does_not_match_its_signed_digest_is_refused(world: World) -> None:
    device = world.member_a
    target = f"/v1/photos/{SHA}"
    headers = device.signed_headers("PATCH", target, PHOTO[:1000])
    headers |= {"Upload-Offset": "0", "Upload-Length": str(len(PHOTO))}
    answer = world.api.request("PATCH", target, content=PHOTO[1:1001], headers=headers)
    body = refused(answer, 401, "BAD_SIGNATURE")
    assert body["details"]["reason"] == "content_digest"
    assert world.central.blobs.held(SHA) == 0


def test_a_complete_photo_is_not_uploaded_again(world: World) -> None:
    world.member_a.upload_photo(PHOTO)
    again = world.member_b.send_chunk(SHA, PHOTO[:10], offset=0, length=len(PHOTO))
    assert again.json() == {"sha256": SHA, "offset": len(PHOTO), "complete": True}


def test_raw_bytes_on_the_wire_cost_at_most_five_percent_more_than_the_photo(world: World) -> None:
    device, chunk = world.member_a, 64 * 1024
    photo = os.urandom(1024 * 1024)
    sha, wire = hashlib.sha256(photo).hexdigest(), 0
    for offset in range(0, len(photo), chunk):
        answer = device.send_chunk(
            sha, photo[offset : offset + chunk], offset=offset, length=len(photo)
        )
        request = answer.request
        line = f"{request.method} {request.url.raw_path.decode()} HTTP/1.1\r\n"
        headers = sum(len(k) + len(v) + 4 for k, v in request.headers.raw)
        wire += len(line) + headers + 2 + len(request.content)
    assert answer.json()["complete"] is True
    assert wire / len(photo) <= 1.05
