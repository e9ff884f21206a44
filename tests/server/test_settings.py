"""Settings: typed, read from GECC_CENTRAL_*, documented, and refusing unsafe production ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from sync.server.app import create_app
from sync.server.errors import UnsafeSettings
from sync.server.settings import SETTINGS, Settings, settings_table

DEPLOYMENT = Path(__file__).parents[2] / "sync" / "server" / "DEPLOYMENT.md"
TOKEN = "Zq3V9k_Lr2mXc8Tn0Yw-HbJ5sPd7GfA4uEo1iKy6"  # as secrets.token_urlsafe makes them


def test_the_embedded_default_needs_no_setup() -> None:
    settings = Settings.from_env({})
    assert settings.sqlalchemy_url.startswith("sqlite:///")
    assert settings.migrates_on_start
    assert settings.problems() == []


def test_production_refuses_placeholder_secrets_and_a_missing_issuing_key() -> None:
    with pytest.raises(UnsafeSettings) as error:
        Settings.from_env({"GECC_CENTRAL_ENV": "production"}).check()
    joined = " ".join(error.value.problems)
    for name in ("ADMIN_TOKEN", "ISSUING_KEY_FILE", "ISSUING_KEY_PASSPHRASE", "DATABASE_URL"):
        assert f"GECC_CENTRAL_{name}" in joined


@pytest.mark.parametrize("passphrase", ["change-me", "secret", "short words"])
def test_production_refuses_a_placeholder_or_short_issuing_passphrase(
    passphrase: str, tmp_path: Path
) -> None:
    key = tmp_path / "issuing.key"
    key.write_bytes(b"k")
    settings = Settings(
        env="production",
        admin_token=TOKEN,
        issuing_key_file=key,
        issuing_key_passphrase=passphrase,
        database_url="postgresql+psycopg://gecc@db/gecc",
    )
    [problem] = settings.problems()
    assert "GECC_CENTRAL_ISSUING_KEY_PASSPHRASE" in problem
    assert passphrase not in repr(settings)  # the passphrase is never printed


def production(tmp_path: Path, **secrets: str) -> Settings:
    key = tmp_path / "issuing.key"
    key.write_bytes(b"k")
    given = {"admin_token": TOKEN, "issuing_key_passphrase": "ผ่านได้เฉพาะผู้ดูแลกุญแจ 2570"}
    return Settings(
        env="production",
        issuing_key_file=key,
        database_url="postgresql+psycopg://gecc@db/gecc",
        **(given | secrets),
    )


@pytest.mark.parametrize(
    "token", ["a" * 32, "x" * 40, "ab" * 20, "0123456" * 5, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1"]
)
def test_production_refuses_an_admin_token_of_few_different_characters(
    token: str, tmp_path: Path
) -> None:
    [problem] = production(tmp_path, admin_token=token).problems()
    assert problem.startswith(
        "GECC_CENTRAL_ADMIN_TOKEN is a placeholder, shorter than 32 characters or has fewer than"
        " 8 different characters"
    )
    assert token not in problem


@pytest.mark.parametrize("passphrase", ["a" * 12, "ab" * 10, "กกกกกกกกกกกกกก", "aaaaa11111"])
def test_production_refuses_an_issuing_passphrase_of_few_different_characters(
    passphrase: str, tmp_path: Path
) -> None:
    [problem] = production(tmp_path, issuing_key_passphrase=passphrase).problems()
    assert problem.startswith(
        "GECC_CENTRAL_ISSUING_KEY_PASSPHRASE is unset, a placeholder, shorter than 12 characters"
        " or has fewer than 6 different characters"
    )


@pytest.mark.parametrize(
    "token", [TOKEN, "3f9a0c5e7b21d4f86a0e9c3b5d7f1a2e", "0123456789abcdef0123456789abcdef"]
)
def test_production_takes_a_random_token_in_any_usual_alphabet(token: str, tmp_path: Path) -> None:
    assert production(tmp_path, admin_token=token).problems() == []


def test_production_starts_with_real_secrets(tmp_path: Path) -> None:
    key = tmp_path / "issuing.key"
    key.write_bytes(b"k")
    settings = Settings.from_env(
        {
            "GECC_CENTRAL_ENV": "production",
            "GECC_CENTRAL_ADMIN_TOKEN": TOKEN,
            "GECC_CENTRAL_ISSUING_KEY_FILE": str(key),
            "GECC_CENTRAL_ISSUING_KEY_PASSPHRASE": "ผ่านได้เฉพาะผู้ดูแลกุญแจ 2570",
            "GECC_CENTRAL_DATABASE_URL": "postgresql+psycopg://gecc@db/gecc",
        }
    )
    assert settings.check() is settings
    assert not settings.migrates_on_start


def test_the_app_refuses_to_start_with_unsafe_settings(tmp_path: Path) -> None:
    with pytest.raises(UnsafeSettings):
        create_app(Settings(env="production", data_dir=tmp_path))


def test_unknown_or_malformed_variables_are_refused() -> None:
    with pytest.raises(UnsafeSettings) as error:
        Settings.from_env({"GECC_CENTRAL_PROT": "80", "GECC_CENTRAL_PORT": "eighty"})
    assert len(error.value.problems) == 2
    with pytest.raises(UnsafeSettings):
        Settings.from_env({"GECC_CENTRAL_BLOB_BACKEND": "s3"}).check()


def test_every_setting_is_documented_in_the_deployment_guide() -> None:
    fields = set(Settings.__dataclass_fields__)
    assert {s.field for s in SETTINGS} == fields
    assert settings_table() in DEPLOYMENT.read_text(encoding="utf-8")
