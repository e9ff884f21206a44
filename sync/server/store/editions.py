"""Editions at the centre: each round keeps its edition's document, named by content hash.

Parsed editions are cached by content hash; a hash names one document forever, so the cache
can never be stale and holds no state that matters across instances.
"""

from __future__ import annotations

import json
import threading

from sqlmodel import Session

from field_audit.domain.edition import Edition, parse_edition
from sync.server.errors import NotFound
from sync.server.models import EditionRecord


def edition_document_text(edition: Edition) -> str:
    return json.dumps(edition.document, ensure_ascii=False, sort_keys=True)


def store_edition(session: Session, edition: Edition) -> None:
    """Add the edition's document unless a document with its hash is already kept."""
    if session.get(EditionRecord, edition.content_hash) is None:
        session.add(
            EditionRecord(
                content_hash=edition.content_hash,
                edition_id=edition.id,
                document=edition_document_text(edition),
            )
        )


class EditionCache:
    """Parsed editions by content hash, read from the database on first use."""

    def __init__(self) -> None:
        self._by_hash: dict[str, Edition] = {}
        self._lock = threading.Lock()

    def get(self, session: Session, content_hash: str) -> Edition:
        """The edition with this content hash; ``NotFound`` if none is kept."""
        with self._lock:
            cached = self._by_hash.get(content_hash)
        if cached is not None:
            return cached
        record = session.get(EditionRecord, content_hash)
        if record is None:
            raise NotFound("edition", content_hash)
        edition = parse_edition(json.loads(record.document), source=record.edition_id)
        with self._lock:
            self._by_hash[content_hash] = edition
        return edition
