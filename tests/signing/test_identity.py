"""The inspector's key: created once, sealed under a passphrase, re-sealed, replaced."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from field_audit.signing import (
    DEFAULT_KDF,
    IdentityExists,
    KdfParams,
    NoIdentity,
    SigningError,
    WeakPassphrase,
    WrongPassphrase,
    change_passphrase,
    create_identity,
    find_identity,
    public_keys,
    replace_key,
    unlock,
)
from field_audit.signing.keyfile import KEY_FILE_NAME
from sync.protocol.canonical import canonical_json
from sync.protocol.errors import BadSignature
from sync.protocol.signatures import verify_signature

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
PAYLOAD = canonical_json({"audit": "a-1", "total": 57})


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The most careless umask, to prove the modes come from the code, not the environment."""
    previous = os.umask(0)
    yield
    os.umask(previous)


def test_a_created_key_unlocks_and_signs(
    keys_dir: Path, passphrase: str, cheap_kdf: KdfParams
) -> None:
    created = create_identity(keys_dir, passphrase, kdf=cheap_kdf)
    key = unlock(keys_dir, passphrase)
    assert key.identity == created
    assert (key.key_id, key.public_key, key.fingerprint) == (
        created.key_id,
        created.public_key,
        created.fingerprint,
    )
    verify_signature(public_key_bytes=created.public_key, data=PAYLOAD, signature=key.sign(PAYLOAD))
    assert find_identity(keys_dir) == created
    assert public_keys(keys_dir) == [created]


def test_the_unlocked_key_never_shows_its_secret(
    keys_dir: Path, passphrase: str, cheap_kdf: KdfParams
) -> None:
    create_identity(keys_dir, passphrase, kdf=cheap_kdf)
    key = unlock(keys_dir, passphrase)
    assert "private" not in repr(key).lower()
    assert key.fingerprint in repr(key)


@posix_only
@pytest.mark.usefixtures("open_umask")
def test_the_key_file_is_0600_in_a_0700_folder(
    keys_dir: Path, passphrase: str, cheap_kdf: KdfParams
) -> None:
    create_identity(keys_dir, passphrase, kdf=cheap_kdf)
    assert mode(keys_dir) == 0o700
    assert mode(keys_dir / KEY_FILE_NAME) == 0o600
    assert os.listdir(keys_dir) == [KEY_FILE_NAME]  # no temporary file left behind


@posix_only
@pytest.mark.usefixtures("open_umask")
def test_the_key_file_is_never_readable_by_others_even_before_it_is_in_place(
    keys_dir: Path, passphrase: str, cheap_kdf: KdfParams, monkeypatch: pytest.MonkeyPatch
) -> None:
    modes_before_rename: list[int] = []
    real_replace = os.replace

    def spying_replace(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        modes_before_rename.append(mode(Path(source)))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", spying_replace)
    create_identity(keys_dir, passphrase, kdf=cheap_kdf)
    change_passphrase(keys_dir, old=passphrase, new="another passphrase", kdf=cheap_kdf)
    assert modes_before_rename == [0o600, 0o600]


@posix_only
def test_a_loose_keys_folder_is_tightened(
    keys_dir: Path, passphrase: str, cheap_kdf: KdfParams
) -> None:
    keys_dir.mkdir(parents=True)
    keys_dir.chmod(0o755)
    create_identity(keys_dir, passphrase, kdf=cheap_kdf)
    assert mode(keys_dir) == 0o700


def test_a_second_identity_is_refused_and_the_first_is_kept(
    keys_dir: Path, passphrase: str, cheap_kdf: KdfParams
) -> None:
    first = create_identity(keys_dir, passphrase, kdf=cheap_kdf)
    with pytest.raises(IdentityExists):
        create_identity(keys_dir, passphrase, kdf=cheap_kdf)
    assert unlock(keys_dir, passphrase).identity == first


@pytest.mark.parametrize(
    "action",
    [
        lambda keys_dir: unlock(keys_dir, "passphrase"),
        lambda keys_dir: change_passphrase(keys_dir, old="passphrase", new="passphrase 2"),
        lambda keys_dir: replace_key(keys_dir, "passphrase"),
        public_keys,
    ],
)
def test_without_an_identity_actions_say_so(
    keys_dir: Path, action: Callable[[Path], object]
) -> None:
    assert find_identity(keys_dir) is None
    with pytest.raises(NoIdentity):
        action(keys_dir)


def test_a_wrong_passphrase_is_refused_in_thai_and_english(
    keys_dir: Path, passphrase: str, cheap_kdf: KdfParams
) -> None:
    create_identity(keys_dir, passphrase, kdf=cheap_kdf)
    with pytest.raises(WrongPassphrase) as caught:
        unlock(keys_dir, passphrase + "x")
    assert "รหัสผ่านไม่ถูกต้อง" in caught.value.message_th
    assert "Wrong passphrase" in caught.value.message_en
    assert caught.value.message("en") == caught.value.message_en
    assert caught.value.message("th") == caught.value.message_th


@pytest.mark.parametrize("weak", ["", "1234567", "สั้นไป"])
def test_a_passphrase_under_eight_characters_is_refused(
    keys_dir: Path, cheap_kdf: KdfParams, weak: str
) -> None:
    with pytest.raises(WeakPassphrase) as caught:
        create_identity(keys_dir, weak, kdf=cheap_kdf)
    assert (caught.value.length, caught.value.min_length) == (len(weak), 8)
    assert "8" in caught.value.message_en
    assert "8" in caught.value.message_th
    assert find_identity(keys_dir) is None


def test_eight_thai_characters_are_enough(keys_dir: Path, cheap_kdf: KdfParams) -> None:
    create_identity(keys_dir, "รหัสผ่าน", kdf=cheap_kdf)  # 8 code points, 24 bytes
    unlock(keys_dir, "รหัสผ่าน")


def test_the_order_thai_marks_were_typed_in_does_not_matter(
    keys_dir: Path, cheap_kdf: KdfParams
) -> None:
    typed_at_setup, typed_later = "ก\u0e48\u0e38 ตรวจประเมิน", "ก\u0e38\u0e48 ตรวจประเมิน"
    assert typed_at_setup != typed_later
    create_identity(keys_dir, typed_at_setup, kdf=cheap_kdf)
    unlock(keys_dir, typed_later)


def test_changing_the_passphrase_keeps_the_key_and_locks_out_the_old_one(
    keys_dir: Path, passphrase: str, cheap_kdf: KdfParams
) -> None:
    created = create_identity(keys_dir, passphrase, kdf=cheap_kdf)
    before = (keys_dir / KEY_FILE_NAME).read_bytes()
    stronger = KdfParams(iterations=2, lanes=1, memory_kib=16)
    kept = change_passphrase(keys_dir, old=passphrase, new="ใหม่ new passphrase", kdf=stronger)
    assert kept == created
    with pytest.raises(WrongPassphrase):
        unlock(keys_dir, passphrase)
    key = unlock(keys_dir, "ใหม่ new passphrase")
    assert key.identity == created
    document = json.loads((keys_dir / KEY_FILE_NAME).read_bytes())
    assert document["kdf"]["iterations"] == 2  # re-sealing takes the new costs
    assert (keys_dir / KEY_FILE_NAME).read_bytes() != before


def test_a_failed_passphrase_change_leaves_the_file_alone(
    keys_dir: Path, passphrase: str, cheap_kdf: KdfParams
) -> None:
    create_identity(keys_dir, passphrase, kdf=cheap_kdf)
    before = (keys_dir / KEY_FILE_NAME).read_bytes()
    with pytest.raises(WrongPassphrase):
        change_passphrase(keys_dir, old="not the passphrase", new="whatever new", kdf=cheap_kdf)
    with pytest.raises(WeakPassphrase):
        change_passphrase(keys_dir, old=passphrase, new="short", kdf=cheap_kdf)
    assert (keys_dir / KEY_FILE_NAME).read_bytes() == before


def test_a_replaced_key_is_new_and_the_old_public_key_still_verifies_old_seals(
    keys_dir: Path, passphrase: str, cheap_kdf: KdfParams
) -> None:
    old = create_identity(keys_dir, passphrase, kdf=cheap_kdf, now=datetime(2025, 1, 5, tzinfo=UTC))
    old_signature = unlock(keys_dir, passphrase).sign(PAYLOAD)
    moment = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)
    new = replace_key(keys_dir, "new device passphrase", kdf=cheap_kdf, now=moment)
    assert new.public_key != old.public_key
    assert new.key_id != old.key_id
    assert new.fingerprint != old.fingerprint
    current, retired = public_keys(keys_dir)
    assert current == new
    assert retired.public_key == old.public_key
    assert retired.retired_at == moment
    assert retired.created_at == datetime(2025, 1, 5, tzinfo=UTC)
    verify_signature(public_key_bytes=retired.public_key, data=PAYLOAD, signature=old_signature)
    with pytest.raises(BadSignature):
        verify_signature(public_key_bytes=new.public_key, data=PAYLOAD, signature=old_signature)
    assert unlock(keys_dir, "new device passphrase").public_key == new.public_key


def test_keys_retire_newest_first(keys_dir: Path, passphrase: str, cheap_kdf: KdfParams) -> None:
    first = create_identity(keys_dir, passphrase, kdf=cheap_kdf)
    second = replace_key(keys_dir, passphrase, kdf=cheap_kdf)
    third = replace_key(keys_dir, passphrase, kdf=cheap_kdf)
    keys = public_keys(keys_dir)
    assert [key.key_id for key in keys] == [third.key_id, second.key_id, first.key_id]
    assert [key.retired_at is None for key in keys] == [True, False, False]


def test_every_error_speaks_thai_and_english() -> None:
    errors: list[SigningError] = [
        WrongPassphrase(Path("k")),
        NoIdentity(Path("k")),
        IdentityExists(Path("k")),
        WeakPassphrase(length=3, min_length=8),
    ]
    for error in errors:
        assert error.message_th
        assert error.message_en
        assert any("\u0e00" <= char <= "\u0e7f" for char in error.message_th)
        assert str(error) == f"{error.message_en} / {error.message_th}"


def test_the_default_costs_are_memory_hard_and_recorded_in_the_file(
    keys_dir: Path, passphrase: str
) -> None:
    assert DEFAULT_KDF.memory_kib >= 64 * 1024
    assert DEFAULT_KDF.iterations >= 3
    create_identity(keys_dir, passphrase)  # one run of the real costs
    document = json.loads((keys_dir / KEY_FILE_NAME).read_bytes())
    assert document["kdf"] == {
        "name": "argon2id",
        "iterations": DEFAULT_KDF.iterations,
        "lanes": DEFAULT_KDF.lanes,
        "memory_kib": DEFAULT_KDF.memory_kib,
        "salt": document["kdf"]["salt"],
    }
