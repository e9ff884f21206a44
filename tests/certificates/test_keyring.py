"""The issuing keyring: sealed under a passphrase, rotated with old keys kept public."""

from __future__ import annotations

import json
import os
import stat
from datetime import date
from pathlib import Path

import pytest

from sync.issuing import (
    KeyringDamaged,
    KeyringExists,
    NoKeyring,
    WeakPassphrase,
    WrongPassphrase,
    create_keyring,
    export_trust_list,
    read_keyring,
    rotate_issuing_key,
    unlock_issuing_key,
)
from sync.protocol.certificates import parse_trust_list
from sync.protocol.signatures import verify_signature
from tests.certificates.conftest import CHEAP_KDF, CREATED, PASSPHRASE, ROTATED, Issuer


def test_the_key_signs_and_the_file_holds_no_secret_in_clear(issuer: Issuer) -> None:
    key = unlock_issuing_key(issuer.path, PASSPHRASE)
    signature = key.sign(b"data")
    verify_signature(public_key_bytes=key.public_key, data=b"data", signature=signature)
    assert "private" not in repr(key)
    document = json.loads(issuer.path.read_text())
    assert set(document) == {"format", "current", "retired", "kdf", "aead", "check", "ciphertext"}
    if os.name == "posix":
        assert stat.S_IMODE(issuer.path.stat().st_mode) == 0o600


def test_wrong_weak_missing_and_existing_are_refused(issuer: Issuer, tmp_path: Path) -> None:
    with pytest.raises(WrongPassphrase):
        unlock_issuing_key(issuer.path, "not the passphrase at all")
    with pytest.raises(KeyringExists):
        create_keyring(issuer.path, PASSPHRASE, kdf=CHEAP_KDF)
    with pytest.raises(WeakPassphrase):
        create_keyring(tmp_path / "other.json", "short", kdf=CHEAP_KDF)
    with pytest.raises(WeakPassphrase) as few:  # production would refuse to unlock it
        create_keyring(tmp_path / "other.json", "a" * 12, kdf=CHEAP_KDF)
    assert str(few.value).endswith("needs 12 characters, 6 of them different; not 12, 1 different")
    with pytest.raises(NoKeyring):
        read_keyring(tmp_path / "none.json")


def test_an_altered_keyring_is_damaged(issuer: Issuer) -> None:
    document = json.loads(issuer.path.read_text())
    document["current"]["created_at"] = "2020-01-01T00:00:00Z"
    issuer.path.write_text(json.dumps(document, separators=(",", ":"), sort_keys=True))
    with pytest.raises(KeyringDamaged):
        unlock_issuing_key(issuer.path, PASSPHRASE)


def test_rotation_needs_the_passphrase_and_keeps_the_old_public_key(issuer: Issuer) -> None:
    first = read_keyring(issuer.path).current
    with pytest.raises(WrongPassphrase):
        rotate_issuing_key(issuer.path, "wrong passphrase, long enough", kdf=CHEAP_KDF)
    second = rotate_issuing_key(
        issuer.path, PASSPHRASE, new_passphrase="รหัสผ่านใหม่สำหรับกุญแจ", kdf=CHEAP_KDF, now=ROTATED
    )
    keyring = read_keyring(issuer.path)
    assert keyring.current == second
    assert [k.key_id for k in keyring.retired] == [first.key_id]
    assert keyring.retired[0].retired_at == ROTATED
    assert unlock_issuing_key(issuer.path, "รหัสผ่านใหม่สำหรับกุญแจ").key_id == second.key_id


def test_the_exported_trust_list_gives_each_key_its_thai_dates(issuer: Issuer) -> None:
    rotate_issuing_key(issuer.path, PASSPHRASE, kdf=CHEAP_KDF, now=ROTATED)
    document = export_trust_list(issuer.path, now=ROTATED)
    assert document["format"] == "gecc-trust-list/1"
    keys = parse_trust_list(json.loads(json.dumps(document)))
    periods = sorted((k.valid_from, k.valid_until) for k in keys.values())
    assert periods == [(date(2026, 10, 1), date(2028, 1, 10)), (date(2028, 1, 10), None)]
    assert CREATED.date() == date(2026, 10, 1)


def test_a_trust_list_entry_whose_id_is_not_its_keys_is_refused(issuer: Issuer) -> None:
    from sync.protocol.certificates import MalformedDocument

    document = export_trust_list(issuer.path)
    document["keys"][0]["key_id"] = "AAAAAAAAAAA"
    with pytest.raises(MalformedDocument):
        parse_trust_list(document)
