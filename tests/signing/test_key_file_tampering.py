"""An altered or broken key file is refused with KeyFileDamaged (a clear error), never a crash."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from field_audit.signing import (
    KdfParams,
    KeyFileDamaged,
    SigningError,
    WrongPassphrase,
    create_identity,
    public_keys,
    replace_key,
    unlock,
)
from field_audit.signing.keyfile import KEY_FILE_NAME
from sync.protocol.canonical import canonical_json
from sync.protocol.signatures import encode_public_key, public_key_of

Document = dict[str, Any]


def flip_base64url_byte(text: str, index: int = 0) -> str:
    raw = bytearray(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    raw[index] ^= 0x01
    return base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()


def flip_ciphertext(document: Document) -> None:
    document["ciphertext"] = flip_base64url_byte(document["ciphertext"], 5)


def flip_tag(document: Document) -> None:
    document["ciphertext"] = flip_base64url_byte(document["ciphertext"], -1)


def swap_public_key(document: Document) -> None:
    other = public_key_of(Ed25519PrivateKey.generate())
    document["key"]["public_key"] = encode_public_key(other)


def change_key_id(document: Document) -> None:
    document["key"]["key_id"] = "00000000-0000-4000-8000-000000000000"


def change_created_at(document: Document) -> None:
    document["key"]["created_at"] = "2020-01-01T00:00:00Z"


def forge_history(document: Document) -> None:
    forged = encode_public_key(public_key_of(Ed25519PrivateKey.generate()))
    document["retired"].append(
        {
            "key_id": "forged",
            "public_key": forged,
            "created_at": "2020-01-01T00:00:00Z",
            "retired_at": "2020-02-01T00:00:00Z",
        }
    )


def flip_nonce(document: Document) -> None:
    document["aead"]["nonce"] = flip_base64url_byte(document["aead"]["nonce"])


def rewrite(keys_dir: Path, change: Callable[[Document], None]) -> None:
    path = keys_dir / KEY_FILE_NAME
    document = json.loads(path.read_bytes())
    change(document)
    path.write_bytes(canonical_json(document))


@pytest.fixture
def made(keys_dir: Path, passphrase: str, cheap_kdf: KdfParams) -> Path:
    create_identity(keys_dir, passphrase, kdf=cheap_kdf)
    return keys_dir


@pytest.mark.parametrize(
    "change",
    [
        flip_ciphertext,
        flip_tag,
        flip_nonce,
        swap_public_key,
        change_key_id,
        change_created_at,
        forge_history,
    ],
)
def test_an_altered_sealed_key_or_public_part_is_detected(
    made: Path, passphrase: str, change: Callable[[Document], None]
) -> None:
    rewrite(made, change)
    with pytest.raises(KeyFileDamaged) as caught:
        unlock(made, passphrase)
    assert str(made / KEY_FILE_NAME) in caught.value.message_en
    assert "ไฟล์กุญแจ" in caught.value.message_th


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: d.update(format="gecc-inspector-key/9"), "format"),
        (lambda d: d.update(extra="field"), "fields"),
        (lambda d: d.pop("check"), "'check' is missing"),
        (lambda d: d["kdf"].update(name="scrypt"), "argon2id"),
        (lambda d: d["kdf"].update(iterations=True), "'iterations' is not a int"),
        (lambda d: d["kdf"].update(lanes=0), "Argon2id needs"),
        (lambda d: d["key"].update(public_key="not a key"), "public key"),
        (lambda d: d["key"].update(created_at="yesterday"), "'created_at'"),
        (lambda d: d.update(ciphertext="AAAA"), "bytes"),
        (lambda d: d.update(retired={}), "'retired' is not a list"),
        (lambda d: d["key"].update(retired_at="2025-01-31T08:30:00Z"), "fields"),
        (lambda d: d["retired"].append(dict(d["key"])), "'retired_at' is missing"),
    ],
)
def test_a_malformed_document_is_refused_with_its_reason(
    made: Path, passphrase: str, change: Callable[[Document], None], reason: str
) -> None:
    rewrite(made, change)
    with pytest.raises(KeyFileDamaged) as caught:
        unlock(made, passphrase)
    assert reason in caught.value.reason
    with pytest.raises(KeyFileDamaged):
        public_keys(made)


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\xff garbage", b'{"format":', b"[]", b"null"],
)
def test_a_broken_file_is_refused_not_a_crash(made: Path, passphrase: str, content: bytes) -> None:
    (made / KEY_FILE_NAME).write_bytes(content)
    with pytest.raises(KeyFileDamaged):
        unlock(made, passphrase)


def test_a_reformatted_file_is_refused(made: Path, passphrase: str) -> None:
    path = made / KEY_FILE_NAME
    path.write_text(json.dumps(json.loads(path.read_bytes()), indent=2))
    with pytest.raises(KeyFileDamaged, match="canonical"):
        unlock(made, passphrase)


def test_a_file_asking_for_huge_costs_is_refused_without_running_them(
    made: Path, passphrase: str
) -> None:
    rewrite(made, lambda document: document["kdf"].update(memory_kib=64 * 1024 * 1024))
    started = time.perf_counter()
    with pytest.raises(KeyFileDamaged, match="more work"):
        unlock(made, passphrase)
    assert time.perf_counter() - started < 1


def test_an_altered_salt_never_unlocks_and_looks_like_a_wrong_passphrase(
    made: Path, passphrase: str
) -> None:
    # The key derivation's own inputs cannot be told from a mistyped passphrase: both derive
    # another key. What matters is that the file still never opens.
    rewrite(
        made,
        lambda document: document["kdf"].update(salt=flip_base64url_byte(document["kdf"]["salt"])),
    )
    with pytest.raises(WrongPassphrase):
        unlock(made, passphrase)


def test_a_damaged_sealed_key_can_still_be_replaced(
    made: Path, passphrase: str, cheap_kdf: KdfParams
) -> None:
    old = public_keys(made)[0]
    rewrite(made, flip_ciphertext)
    new = replace_key(made, passphrase, kdf=cheap_kdf)
    assert unlock(made, passphrase).identity == new
    assert public_keys(made)[1].public_key == old.public_key


def test_damage_is_a_signing_error(made: Path, passphrase: str) -> None:
    rewrite(made, flip_ciphertext)
    with pytest.raises(SigningError):
        unlock(made, passphrase)
