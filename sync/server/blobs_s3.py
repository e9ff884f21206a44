"""The S3-compatible blob backend (AWS S3, MinIO, Ceph...): the same contract as ``blobs``.

Layout under the prefix: ``photos/<sha256>`` for finished blobs and ``partial/<sha256>/
<offset, 16 digits>`` for the chunks of an unfinished upload, so the bytes held are the
contiguous run of chunk objects from offset 0, and any instance can continue an upload.
A chunk is spooled (in memory up to 1 MiB, then on disk) and stored only once it has arrived
whole and matches its signed digest, so a chunk cut off by a disconnect leaves nothing.
``finish`` streams the chunks into a multipart upload in ``PART_SIZE`` parts while hashing,
and completes it only when the SHA-256 matches; otherwise it is aborted and the chunks
deleted. S3 has no lock: two requests racing on one offset both write the same key, and the
final SHA-256 check is what guards the blob.

boto3 is imported only when this backend is chosen; credentials come from boto3's usual
chain (environment, instance profile, config files).
"""

from __future__ import annotations

import hashlib
import importlib
import tempfile
from collections.abc import AsyncIterator, Iterator
from typing import Any

import anyio.to_thread

from sync.server.blobs import digest_mismatch, hash_mismatch, offset_mismatch, too_large
from sync.server.settings import Settings

PART_SIZE = 8 * 1024 * 1024
SPOOL_IN_MEMORY = 1024 * 1024
OFFSET_DIGITS = 16
CONNECT_TIMEOUT_SECONDS = 5  # a store that does not answer fails a health check in seconds
POOL_CONNECTIONS = 64  # above the worker threads that may call the store at once (40)


class S3BlobStore:
    """Blobs in one bucket under a prefix; ``client`` is a boto3 S3 client."""

    def __init__(self, client: Any, bucket: str, prefix: str = "") -> None:
        self.client = client
        self.bucket = bucket
        self.prefix = prefix

    @classmethod
    def from_settings(cls, settings: Settings) -> S3BlobStore:
        boto3 = importlib.import_module("boto3")
        config = importlib.import_module("botocore.config").Config(
            connect_timeout=CONNECT_TIMEOUT_SECONDS,
            max_pool_connections=POOL_CONNECTIONS,
            retries={"mode": "standard", "max_attempts": 3},
        )
        client = boto3.client(
            "s3",
            endpoint_url=settings.s3_endpoint_url,
            region_name=settings.s3_region,
            config=config,
        )
        return cls(client, settings.s3_bucket or "", settings.s3_prefix)

    def held(self, sha256: str) -> int:
        held = 0
        for offset, size, _key in self._chunks(sha256):
            if offset != held:
                break
            held += size
        return held

    def has(self, sha256: str) -> bool:
        found = self.client.list_objects_v2(
            Bucket=self.bucket, Prefix=self._final(sha256), MaxKeys=1
        )
        return any(item["Key"] == self._final(sha256) for item in found.get("Contents", []))

    async def append(
        self,
        sha256: str,
        offset: int,
        chunks: AsyncIterator[bytes],
        *,
        limit: int,
        expected_sha256: bytes | None,
    ) -> int:
        held = await anyio.to_thread.run_sync(self.held, sha256)
        if held != offset:
            raise offset_mismatch(held, offset)
        with tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY) as spool:
            digest, size = hashlib.sha256(), 0
            async for chunk in chunks:
                size += len(chunk)
                if size > limit:
                    raise too_large(limit)
                digest.update(chunk)
                spool.write(chunk)
            if expected_sha256 is not None and digest.digest() != expected_sha256:
                raise digest_mismatch()
            if size:  # an empty chunk (a request to finish) leaves no object behind
                spool.seek(0)
                key = self._chunk(sha256, offset)
                await anyio.to_thread.run_sync(lambda: self._put(key, spool))
        return offset + size

    def finish(self, sha256: str) -> int:
        chunks = self._chunks(sha256)
        upload = self.client.create_multipart_upload(Bucket=self.bucket, Key=self._final(sha256))
        try:
            digest, parts, size = self._copy_parts(chunks, upload["UploadId"], sha256)
        except BaseException:
            self._abort(sha256, upload["UploadId"])
            raise
        if digest != sha256:
            self._abort(sha256, upload["UploadId"])
            self.discard(sha256)
            raise hash_mismatch(sha256, digest)
        self.client.complete_multipart_upload(
            Bucket=self.bucket,
            Key=self._final(sha256),
            UploadId=upload["UploadId"],
            MultipartUpload={"Parts": parts},
        )
        self.discard(sha256)
        return size

    def discard(self, sha256: str) -> None:
        for _offset, _size, key in self._chunks(sha256):
            self.client.delete_object(Bucket=self.bucket, Key=key)

    def read(self, sha256: str) -> Iterator[bytes]:
        body = self.client.get_object(Bucket=self.bucket, Key=self._final(sha256))["Body"]
        yield from body.iter_chunks(chunk_size=1024 * 1024)

    def names(self) -> Iterator[str]:
        paginator = self.client.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=self.bucket, Prefix=f"{self.prefix}photos/"):
            for item in page.get("Contents", []):
                yield item["Key"].rsplit("/", 1)[1]

    def problem(self) -> str | None:
        botocore = importlib.import_module("botocore.exceptions")
        try:
            self.client.head_bucket(Bucket=self.bucket)
        except (botocore.BotoCoreError, botocore.ClientError) as error:
            return f"the bucket {self.bucket} does not answer: {error}"
        return None

    def _copy_parts(
        self, chunks: list[tuple[int, int, str]], upload_id: str, sha256: str
    ) -> tuple[str, list[dict[str, Any]], int]:
        """Stream the chunk objects into parts of ``PART_SIZE``; return hash, parts, size."""
        digest, buffer, size = hashlib.sha256(), bytearray(), 0
        parts: list[dict[str, Any]] = []
        for block in self._blocks(chunks):
            digest.update(block)
            buffer += block
            size += len(block)
            if len(buffer) >= PART_SIZE:
                parts.append(self._part(sha256, upload_id, len(parts) + 1, bytes(buffer)))
                buffer.clear()
        if buffer or not parts:
            parts.append(self._part(sha256, upload_id, len(parts) + 1, bytes(buffer)))
        return digest.hexdigest(), parts, size

    def _blocks(self, chunks: list[tuple[int, int, str]]) -> Iterator[bytes]:
        expected = 0
        for offset, size, key in chunks:
            if offset != expected:
                break
            body = self.client.get_object(Bucket=self.bucket, Key=key)["Body"]
            yield from body.iter_chunks(chunk_size=1024 * 1024)
            expected += size

    def _part(self, sha256: str, upload_id: str, number: int, data: bytes) -> dict[str, Any]:
        answer = self.client.upload_part(
            Bucket=self.bucket,
            Key=self._final(sha256),
            UploadId=upload_id,
            PartNumber=number,
            Body=data,
        )
        return {"PartNumber": number, "ETag": answer["ETag"]}

    def _abort(self, sha256: str, upload_id: str) -> None:
        self.client.abort_multipart_upload(
            Bucket=self.bucket, Key=self._final(sha256), UploadId=upload_id
        )

    def _put(self, key: str, body: Any) -> None:
        self.client.put_object(Bucket=self.bucket, Key=key, Body=body)

    def _chunks(self, sha256: str) -> list[tuple[int, int, str]]:
        """The chunk objects of an unfinished upload: (offset, size, key), by offset."""
        found = []
        paginator = self.client.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=self.bucket, Prefix=self._chunk_prefix(sha256)):
            for item in page.get("Contents", []):
                offset = int(item["Key"].rsplit("/", 1)[1])
                found.append((offset, int(item["Size"]), item["Key"]))
        return sorted(found)

    def _final(self, sha256: str) -> str:
        return f"{self.prefix}photos/{sha256}"

    def _chunk_prefix(self, sha256: str) -> str:
        return f"{self.prefix}partial/{sha256}/"

    def _chunk(self, sha256: str, offset: int) -> str:
        return f"{self._chunk_prefix(sha256)}{offset:0{OFFSET_DIGITS}d}"
