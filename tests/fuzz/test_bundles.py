"""Fuzzing ``field-audit bundle verify``: a real member's bundle, changed at random the ways
an attacker or a damaged card would (bytes flipped, the file cut, a manifest or a signed result
rewritten with one thing changed, entries added), is verified or refused with a code and words:
never a traceback, and the device it is checked on is never written to."""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from field_audit.cli.main import app
from field_audit.domain.edition import load_bundled_edition
from field_audit.seal.bundles import BundleReport, export_bundle, verify_bundle
from field_audit.seal.errors import BundleRefused
from field_audit.seal.sealing import seal_audit
from field_audit.storage.demo import DEMO_INSPECTOR_ID
from tests.protocol.test_documents import mutated
from tests.seal.conftest import complete_audit
from tests.seal.test_bundles import Device, put

runner = CliRunner()


@dataclass(frozen=True)
class Setting:
    chair: Device
    bundle: bytes
    entries: dict[str, bytes]


@pytest.fixture(scope="module")
def setting(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setting]:
    folder = tmp_path_factory.mktemp("fuzz-bundles")
    edition = load_bundled_edition()
    member, chair = Device(folder / "member", edition), Device(folder / "chair", edition)
    chair.enrol(DEMO_INSPECTOR_ID, member.key.public_key)
    audit = complete_audit(member.db, edition, store=member.store)
    signed = seal_audit(member.db, audit, member.key)
    path = export_bundle(member.db, member.store, signed.hash, folder / "member.gecc")
    with zipfile.ZipFile(path) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    yield Setting(chair, path.read_bytes(), entries)
    chair.db.close()
    member.db.close()


def rezipped(entries: dict[str, bytes], target: Path) -> bytes:
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in entries.items():
            put(archive, name, data)
    return target.read_bytes()


@st.composite
def damaged(draw: st.DrawFn, setting: Setting, folder: Path) -> bytes:
    kind = draw(st.sampled_from(["flip", "cut", "rewrite", "add", "photo"]))
    data = setting.bundle
    if kind == "flip":
        position = draw(st.integers(0, len(data) - 1))
        return (
            data[:position]
            + bytes([data[position] ^ draw(st.integers(1, 255))])
            + data[position + 1 :]
        )
    if kind == "cut":
        return data[: draw(st.integers(0, len(data) - 1))]
    entries = dict(setting.entries)
    if kind == "add":
        entries[draw(st.sampled_from(["../x", "photos/" + "0" * 64 + ".jpg", "notes.txt"]))] = b"x"
    elif kind == "photo":
        name = draw(st.sampled_from(sorted(n for n in entries if n.startswith("photos/"))))
        entries[name] = draw(st.binary(max_size=64))
    else:
        name = draw(st.sampled_from(sorted(n for n in entries if n.endswith(".json"))))
        changed = mutated(entries[name], draw(st.data()))
        entries[name] = changed if changed is not None else b"{}"
    return rezipped(entries, folder / "rewritten.gecc")


def verified_or_refused(setting: Setting, path: Path) -> BundleReport | BundleRefused:
    try:
        return verify_bundle(setting.chair.db, path)[0]
    except BundleRefused as refused:
        return refused


def held(setting: Setting) -> tuple[int, list[str]]:
    return setting.chair.stored_results(), sorted(setting.chair.store.hashes())


@settings(max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_a_damaged_or_forged_bundle_is_verified_or_refused_never_a_traceback(
    setting: Setting, tmp_path: Path, data: st.DataObject
) -> None:
    before = held(setting)
    bundle = data.draw(damaged(setting, tmp_path))
    path = tmp_path / "fuzzed.gecc"
    path.write_bytes(bundle)
    outcome = verified_or_refused(setting, path)
    if isinstance(outcome, BundleRefused):
        assert outcome.code
        assert outcome.message("th")
        assert outcome.message("en")
    else:  # the change left the bundle's meaning whole: the same signed result
        entry = setting.entries[f"results/{outcome.main}.json"]
        assert outcome.main == hashlib.sha256(entry).hexdigest()
    assert held(setting) == before


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_the_verify_command_says_valid_or_invalid_with_a_reason(
    setting: Setting, tmp_path: Path, data: st.DataObject
) -> None:
    path = tmp_path / "fuzzed.gecc"
    path.write_bytes(data.draw(damaged(setting, tmp_path)))
    result = runner.invoke(
        app, ["bundle", "verify", str(path), "--data-dir", str(setting.chair.folder)]
    )
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
