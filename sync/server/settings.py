"""The central store's settings: typed, read once from ``GECC_CENTRAL_*`` variables, documented.

``Settings.from_env(os.environ)`` is the only reader of the environment; everything else is
handed a ``Settings``. Each setting is one row of ``SETTINGS`` (its variable, its parser and
its help), and the table in ``sync/server/DEPLOYMENT.md`` is generated from those rows (a test
fails when they drift). An unknown ``GECC_CENTRAL_*`` variable is refused, so a typo is not
silently ignored.

The embedded default (``GECC_CENTRAL_ENV=development``) runs with no setup: SQLite and a
blob folder under ``./gecc-central-data``, migrated on start. ``production`` refuses to start
(``UnsafeSettings`` naming every problem) with a weak admin token, without an issuing key file,
with a weak passphrase for it, or without an explicit database URL, and never migrates on
start. A secret is weak when it is a placeholder, shorter than its minimum (32 characters for
the token, 12 for the passphrase) or made of too few different characters (8 and 6): 32 `a`s
or `abab...` are refused, any random token (hex, base64) passes.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sync.server.errors import UnsafeSettings

PREFIX = "GECC_CENTRAL_"
PLACEHOLDER_TOKENS = frozenset({"", "change-me", "changeme", "secret", "admin", "password"})
MIN_TOKEN_LENGTH = 32
MIN_TOKEN_DISTINCT = 8  # a random token in any usual alphabet (hex, base64) has many more
MIN_PASSPHRASE_LENGTH = 12  # as sync.issuing asks of a new issuing key's passphrase
MIN_PASSPHRASE_DISTINCT = 6  # likewise
ENVIRONMENTS = ("development", "production")
BLOB_BACKENDS = ("local", "s3")
MIB = 1024 * 1024


@dataclass(frozen=True)
class Settings:
    """Every setting of the central store; see ``SETTINGS`` for what each one means."""

    env: str = "development"
    data_dir: Path = Path("gecc-central-data")
    database_url: str | None = None
    db_pool_size: int = 10
    auto_migrate: bool | None = None
    blob_backend: str = "local"
    blob_dir: Path | None = None
    s3_bucket: str | None = None
    s3_prefix: str = "gecc/"
    s3_endpoint_url: str | None = None
    s3_region: str | None = None
    admin_token: str = "change-me"
    issuing_key_file: Path | None = None
    issuing_key_passphrase: str | None = dataclasses.field(default=None, repr=False)
    host: str = "127.0.0.1"
    port: int = 8000
    max_clock_skew: int = 300
    max_request_bytes: int = 4 * MIB
    max_photo_bytes: int = 64 * MIB
    max_verify_upload_bytes: int = 12 * MIB
    office_name: str = ""
    office_address: str = ""
    office_emblem_file: Path | None = None
    signatory_name: str = ""
    signatory_position: str = ""
    verify_url: str = ""
    letter_prefix: str = ""
    responsible_unit: str = ""
    contact_phone: str = ""
    contact_email: str = ""

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> Settings:
        """Read ``GECC_CENTRAL_*`` variables; raise ``UnsafeSettings`` for bad or unknown ones."""
        problems: list[str] = []
        values: dict[str, Any] = {}
        known = {s.variable for s in SETTINGS}
        for name in sorted(n for n in environ if n.startswith(PREFIX) and n not in known):
            problems.append(f"{name} is not a setting (see `gecc-central settings`)")
        for setting in SETTINGS:
            if setting.variable in environ:
                try:
                    values[setting.field] = setting.parse(environ[setting.variable])
                except ValueError as error:
                    problems.append(f"{setting.variable}: {error}")
        if problems:
            raise UnsafeSettings(problems)
        return cls(**values)

    @property
    def production(self) -> bool:
        return self.env == "production"

    @property
    def sqlalchemy_url(self) -> str:
        """The database URL; the embedded default is a SQLite file in ``data_dir``."""
        return self.database_url or f"sqlite:///{self.data_dir / 'central.sqlite3'}"

    @property
    def blob_path(self) -> Path:
        return self.blob_dir or self.data_dir / "blobs"

    @property
    def migrates_on_start(self) -> bool:
        """Development migrates on start unless told not to; production never does."""
        if self.production:
            return False
        return True if self.auto_migrate is None else self.auto_migrate

    def problems(self) -> list[str]:
        """Every reason these settings are unsafe or inconsistent; empty when they are fine."""
        found = _consistency_problems(self)
        if self.production:
            found += _production_problems(self)
        return found

    def check(self) -> Settings:
        """Return these settings, or raise ``UnsafeSettings`` listing every problem."""
        found = self.problems()
        if found:
            raise UnsafeSettings(found)
        return self

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)


def _consistency_problems(settings: Settings) -> list[str]:
    found = []
    if settings.env not in ENVIRONMENTS:
        found.append(f"{PREFIX}ENV must be one of {', '.join(ENVIRONMENTS)}")
    if settings.blob_backend not in BLOB_BACKENDS:
        found.append(f"{PREFIX}BLOB_BACKEND must be one of {', '.join(BLOB_BACKENDS)}")
    if settings.blob_backend == "s3" and not settings.s3_bucket:
        found.append(f"{PREFIX}S3_BUCKET is needed when {PREFIX}BLOB_BACKEND is s3")
    emblem = settings.office_emblem_file
    if emblem is not None and emblem_kind(emblem) is None:
        found.append(f"{PREFIX}OFFICE_EMBLEM_FILE {emblem} is not a PNG, JPEG or SVG file")
    return found


def emblem_kind(path: Path) -> str | None:
    """``png``, ``jpeg`` or ``svg`` by the file's first bytes; None if it is none of them."""
    try:
        with path.open("rb") as file:
            head = file.read(512)
    except OSError:
        return None
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    return "svg" if b"<svg" in head else None


def weak_secret(secret: str, *, min_length: int, min_distinct: int) -> bool:
    """Whether ``secret`` is a placeholder, shorter than ``min_length`` characters or made of
    fewer than ``min_distinct`` different characters (after NFC normalisation): the rule for
    production's admin token and issuing passphrase, simple enough to state in the refusal."""
    text = unicodedata.normalize("NFC", secret)
    if text.strip().lower() in PLACEHOLDER_TOKENS:
        return True
    return len(text) < min_length or len(set(text)) < min_distinct


def _production_problems(settings: Settings) -> list[str]:
    found = []
    if weak_secret(
        settings.admin_token, min_length=MIN_TOKEN_LENGTH, min_distinct=MIN_TOKEN_DISTINCT
    ):
        found.append(
            f"{PREFIX}ADMIN_TOKEN is a placeholder, shorter than {MIN_TOKEN_LENGTH} characters"
            f" or has fewer than {MIN_TOKEN_DISTINCT} different characters (make one with"
            " `python -c 'import secrets; print(secrets.token_urlsafe(32))'`)"
        )
    if settings.issuing_key_file is None:
        found.append(f"{PREFIX}ISSUING_KEY_FILE is not set (the key that signs certificates)")
    elif not settings.issuing_key_file.is_file():
        found.append(f"{PREFIX}ISSUING_KEY_FILE {settings.issuing_key_file} is not a file")
    if settings.database_url is None:
        found.append(f"{PREFIX}DATABASE_URL is not set (production names its database)")
    passphrase = settings.issuing_key_passphrase or ""
    if weak_secret(
        passphrase, min_length=MIN_PASSPHRASE_LENGTH, min_distinct=MIN_PASSPHRASE_DISTINCT
    ):
        found.append(
            f"{PREFIX}ISSUING_KEY_PASSPHRASE is unset, a placeholder, shorter than"
            f" {MIN_PASSPHRASE_LENGTH} characters or has fewer than {MIN_PASSPHRASE_DISTINCT}"
            " different characters (it unlocks the key that signs certificates)"
        )
    return found


def _text(value: str) -> str:
    return value


def _optional_text(value: str) -> str | None:
    return value or None


def _path(value: str) -> Path:
    if not value:
        raise ValueError("a path cannot be empty")
    return Path(value)


def _optional_path(value: str) -> Path | None:
    return Path(value) if value else None


def _web_address(value: str) -> str:
    if value and not value.startswith(("https://", "http://")):
        raise ValueError(f"{value!r} must be a web address starting with https://")
    return value


def _positive_int(value: str) -> int:
    number = int(value)
    if number <= 0:
        raise ValueError(f"{value!r} must be a positive whole number")
    return number


def _optional_bool(value: str) -> bool | None:
    words = {"1": True, "true": True, "yes": True, "0": False, "false": False, "no": False}
    if value == "":
        return None
    if value.lower() not in words:
        raise ValueError(f"{value!r} must be true or false")
    return words[value.lower()]


@dataclass(frozen=True)
class Setting:
    """One documented setting: its field, parser, default as shown, and what it does."""

    field: str
    parse: Callable[[str], Any]
    default: str
    help: str

    @property
    def variable(self) -> str:
        return PREFIX + self.field.upper()


SETTINGS: tuple[Setting, ...] = (
    Setting("env", _text, "development", "`development` or `production` (strict checks)"),
    Setting("data_dir", _path, "./gecc-central-data", "folder of the embedded database and blobs"),
    Setting(
        "database_url",
        _optional_text,
        "SQLite in the data folder",
        "SQLAlchemy URL, e.g. `postgresql+psycopg://gecc@db/gecc`; required in production",
    ),
    Setting("db_pool_size", _positive_int, "10", "database connections kept per process"),
    Setting(
        "auto_migrate",
        _optional_bool,
        "true in development",
        "migrate the schema on start; production never does (run `gecc-central db upgrade`)",
    ),
    Setting("blob_backend", _text, "local", "where photos are kept: `local` or `s3`"),
    Setting("blob_dir", _optional_path, "`<data_dir>/blobs`", "the local blob folder"),
    Setting("s3_bucket", _optional_text, "(none)", "bucket of the `s3` backend"),
    Setting("s3_prefix", _text, "gecc/", "key prefix inside the bucket"),
    Setting(
        "s3_endpoint_url", _optional_text, "(AWS)", "endpoint of an S3-compatible store (MinIO)"
    ),
    Setting("s3_region", _optional_text, "(boto3 default)", "region of the bucket"),
    Setting(
        "admin_token",
        _text,
        "change-me",
        "bearer token of the admin HTTP endpoints; production needs 32+ characters, 8+ of them"
        " different (random: `secrets.token_urlsafe(32)`)",
    ),
    Setting(
        "issuing_key_file",
        _optional_path,
        "(none)",
        "the issuing keyring (`gecc-central issuing-key create`): the passphrase-sealed key"
        " that signs certificates, kept outside the database; required in production",
    ),
    Setting(
        "issuing_key_passphrase",
        _optional_text,
        "(none)",
        "the passphrase that unlocks the issuing key (unlocked on first use, kept in memory);"
        " required in production, 12+ characters, 6+ of them different; keep it in the"
        " platform's secret store",
    ),
    Setting("host", _text, "127.0.0.1", "address `gecc-central serve` listens on"),
    Setting("port", _positive_int, "8000", "port `gecc-central serve` listens on"),
    Setting("max_clock_skew", _positive_int, "300", "seconds a signed request's time may be off"),
    Setting("max_request_bytes", _positive_int, "4194304", "largest body of a JSON request"),
    Setting(
        "max_photo_bytes", _positive_int, "67108864", "largest photo (and photo chunk) accepted"
    ),
    Setting(
        "max_verify_upload_bytes",
        _positive_int,
        "12582912",
        "largest picture of a QR code the public `/verify` page accepts",
    ),
    Setting(
        "office_name",
        _text,
        "(none)",
        "the issuing office as its documents name it (e.g. กรมส่งเสริมการปกครองท้องถิ่น); where"
        " a setting of the office is unset, the documents say so in its place",
    ),
    Setting("office_address", _text, "(none)", "its address in letters; `\\|` separates the lines"),
    Setting(
        "office_emblem_file",
        _optional_path,
        "(none)",
        "its emblem (PNG, JPEG or SVG) on certificates and letters",
    ),
    Setting("signatory_name", _text, "(none)", "who signs certificates and letters"),
    Setting("signatory_position", _text, "(none)", "the signatory's position"),
    Setting(
        "verify_url",
        _web_address,
        "(none)",
        "the public `/verify` page's address, printed beside every certificate's QR code",
    ),
    Setting("letter_prefix", _text, "(none)", "the registry's prefix of a letter's number (ที่)"),
    Setting(
        "responsible_unit", _text, "(none)", "the unit that owns the matter, at a letter's foot"
    ),
    Setting("contact_phone", _text, "(none)", "its telephone, at a letter's foot"),
    Setting("contact_email", _text, "(none)", "its e-mail, at a letter's foot"),
)


def settings_table() -> str:
    """The Markdown table of every setting, as the deployment guide shows it."""
    rows = ["| variable | default | meaning |", "|---|---|---|"]
    rows += [f"| `{s.variable}` | {s.default} | {s.help} |" for s in SETTINGS]
    return "\n".join(rows)
