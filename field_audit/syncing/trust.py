"""Keeping the device's certificate checks current: the central store's trust list and each
issuing key's revocation list, fetched during a sync and verified before they are kept.

- The trust list replaces the trusted keys when it differs from them. A centre with no issuing
  key yet (NO_ISSUING_KEY) leaves the device's trust as it is.
- Each trusted key's revocation list is asked for with the counter held (0 for none): an
  unchanged list costs one empty answer (304). A new list is kept only if it verifies against
  the trust list and is not older than the one held (``verify_revocation_list``,
  ``save_revocation_list``), so a replayed older list can never un-revoke a certificate.

A list that fails those checks stops the step with ``Refused`` carrying the protocol's code
(MALFORMED_DOCUMENT, BAD_SIGNATURE, UNKNOWN_ISSUING_KEY, REVOCATION_REPLAY); what was already
kept stays.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from field_audit.storage.certificates import (
    replace_trusted_keys,
    revocation_states,
    save_revocation_list,
    trusted_keys,
)
from field_audit.storage.database import Database
from field_audit.sync_client.errors import Refused
from field_audit.sync_client.http import CentralClient
from field_audit.sync_client.transfer import revocation_list, trust_list
from sync.protocol.certificates import (
    RevocationState,
    TrustedKey,
    parse_trust_list,
    verify_revocation_list,
)
from sync.protocol.errors import ProtocolError

NO_ISSUING_KEY = "NO_ISSUING_KEY"
T = TypeVar("T")


def pull_trust(db: Database, client: CentralClient) -> int:
    """Fetch, check and keep the trust list and the changed revocation lists; returns how
    many of them changed on the device."""
    keys = _fetched_trust_list(client)
    if not keys:
        return 0
    changed = _keep_trust_list(db, keys)
    states = revocation_states(db)
    for key_id in sorted(keys):
        changed += _pull_revocations(db, client, keys, states, key_id)
    return changed


def _fetched_trust_list(client: CentralClient) -> dict[str, TrustedKey]:
    try:
        document = trust_list(client)
    except Refused as refused:
        if refused.code == NO_ISSUING_KEY:
            return {}
        raise
    return _checked(lambda: parse_trust_list(document))


def _keep_trust_list(db: Database, keys: dict[str, TrustedKey]) -> int:
    if trusted_keys(db) == keys:
        return 0
    replace_trusted_keys(db, keys.values())
    return 1


def _pull_revocations(
    db: Database,
    client: CentralClient,
    keys: Mapping[str, TrustedKey],
    states: Mapping[str, RevocationState],
    key_id: str,
) -> int:
    held = states.get(key_id)
    document: Any = revocation_list(client, key_id, held.counter if held else 0)
    if document is None:
        return 0
    checked = _checked(lambda: verify_revocation_list(document, trust_list=keys, known=states))
    return 1 if _checked(lambda: save_revocation_list(db, checked)) else 0


def _checked(step: Callable[[], T]) -> T:
    """``step()``, its protocol refusal reported as the central store's answer being refused."""
    try:
        return step()
    except ProtocolError as error:
        raise Refused(error.code, str(error), 0, {}) from error
