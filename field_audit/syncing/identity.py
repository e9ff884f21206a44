"""Who this device's key is enrolled to at the central store, learned before anything is sent.

The office enrols a key under the inspector id it chooses (``gecc-central key enrol ID``);
a device set up on its own first run calls its inspector by a random id until then. Each sync
first asks (``GET /v1/me``) and, when the office's id differs, the device takes it: the
profile and the audits not yet sealed move to it, so what is sealed from then on names the
enrolled inspector and is accepted. Results sealed earlier under the old id keep it (a
signature cannot be renamed); the store refuses them with SIGNER_MISMATCH, and a correction
revision seals them again under the new id.
"""

from __future__ import annotations

from field_audit.storage.database import Database
from field_audit.storage.profile import adopt_inspector_id
from field_audit.sync_client.http import CentralClient


def adopt_enrolled_identity(db: Database, client: CentralClient) -> None:
    """Ask the store whose key this is and take that inspector id. Raises ``SyncError``
    (unreachable, unknown or revoked key) before anything changes."""
    me = client.get_json("/v1/me")
    adopt_inspector_id(db, str(me["inspector_id"]), name=str(me["name"]))
