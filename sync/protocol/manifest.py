"""The manifest of a ``.gecc`` bundle: a canonical JSON document (``sync.protocol.documents``)::

    {"format": "gecc-bundle/2", "main": <hash>, "results": [<hash>, ...],
     "photos": [<sha256>, ...]}       both lists sorted, without repeats; main among the results

(Each result's envelope beside it is ``sync.protocol.sealed.Envelope``.)
The manifest names everything the bundle holds and nothing more (the reader checks the zip
against it). Limits keep a hostile manifest small: at most 500 results and 2,000 photos.
"""

from __future__ import annotations

from typing import Annotated, Final, Literal, Self

from pydantic import Field, model_validator

from sync.protocol.documents import Document, DocumentError, Hex64, parse_document

BUNDLE_FORMAT: Final = "gecc-bundle/2"
MAX_RESULTS = 500
MAX_PHOTOS = 2_000


class MalformedManifest(DocumentError):
    code = "MALFORMED_MANIFEST"


class BundleManifest(Document):
    format: Literal["gecc-bundle/2"]
    main: Hex64
    results: Annotated[tuple[Hex64, ...], Field(min_length=1, max_length=MAX_RESULTS)]
    photos: Annotated[tuple[Hex64, ...], Field(max_length=MAX_PHOTOS)]

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        for name in ("results", "photos"):
            listed = getattr(self, name)
            if list(listed) != sorted(set(listed)):
                raise ValueError(f"{name} must be sorted, without repeats")
        if self.main not in self.results:
            raise ValueError("main must be one of the results")
        return self


def parse_manifest(data: bytes) -> BundleManifest:
    """The manifest in ``data``; raises ``NotCanonical`` or ``MalformedManifest``."""
    return parse_document(BundleManifest, data, error=MalformedManifest)
