"""Evidence images: inspectors' photos taken in, stored by content hash and checked (this
package's modules but ``qr`` and ``qr_decode``), QR codes drawn (``qr``: the inspector's
enrolment code, a certificate's code) and read from pictures (``qr_decode``, zxing-cpp).

The only package that imports Pillow, pillow-heif and qrcode. Typical use of the photos::

    store = PhotoStore.open(data_dir / "photos")
    photo = ingest_photo(path)          # raises PhotoRefused with a code and Thai/English text
    outcome = store.put(photo)          # Outcome.STORED or Outcome.DUPLICATE
    record(photo.metadata)              # the caller's table: sha256, sizes, captured_at, gps, ...

    future = ingest_batch(store, paths, on_progress=show)   # returns at once; two workers
"""

from field_audit.evidence.batch import BatchResult, ProgressCallback, ingest_batch
from field_audit.evidence.errors import (
    DamagedPhoto,
    EvidenceError,
    PhotoRefused,
    Refusal,
    RefusalCode,
    StorageFull,
)
from field_audit.evidence.files import DiskWrites, OsDiskWrites
from field_audit.evidence.formats import PhotoFormat
from field_audit.evidence.model import (
    STORED_MEDIA_TYPE,
    GeoPoint,
    IngestedPhoto,
    IngestOptions,
    Outcome,
    PhotoMetadata,
    PhotoSource,
)
from field_audit.evidence.photos import ingest_photo
from field_audit.evidence.store import Kind, PhotoStore

__all__ = [
    "STORED_MEDIA_TYPE",
    "BatchResult",
    "DamagedPhoto",
    "DiskWrites",
    "EvidenceError",
    "GeoPoint",
    "IngestOptions",
    "IngestedPhoto",
    "Kind",
    "OsDiskWrites",
    "Outcome",
    "PhotoFormat",
    "PhotoMetadata",
    "PhotoRefused",
    "PhotoSource",
    "PhotoStore",
    "ProgressCallback",
    "Refusal",
    "RefusalCode",
    "StorageFull",
    "ingest_batch",
    "ingest_photo",
]
