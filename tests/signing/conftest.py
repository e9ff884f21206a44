"""Fixtures for the device key: a fresh keys folder and a cheap KDF so tests stay fast."""

from __future__ import annotations

from pathlib import Path

import pytest

from field_audit.signing import KdfParams, keys_dir_in

PASSPHRASE = "ตรวจศูนย์ราชการ-2568"


@pytest.fixture
def cheap_kdf() -> KdfParams:
    """The smallest Argon2id costs: the tests check behaviour, not strength."""
    return KdfParams(iterations=1, lanes=1, memory_kib=8)


@pytest.fixture
def keys_dir(tmp_path: Path) -> Path:
    return keys_dir_in(tmp_path / "data")


@pytest.fixture
def passphrase() -> str:
    return PASSPHRASE
