"""Key, photo, seal and bundle commands, as an inspector would run them at a terminal."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from typer.testing import CliRunner

from field_audit.cli.main import app
from field_audit.domain.edition import Edition
from field_audit.evidence.store import PhotoStore
from field_audit.signing import KdfParams, create_identity, find_identity, keys_dir_in
from field_audit.storage.database import open_database
from field_audit.storage.models import MemberKey
from sync.protocol.signatures import encode_public_key
from tests.evidence.conftest import noisy
from tests.seal.conftest import PASSPHRASE, complete_audit

runner = CliRunner()


def invoke(*args: str, stdin: str | None = None, code: int = 0) -> str:
    result = runner.invoke(app, list(args), input=stdin)
    assert result.exit_code == code, result.output
    return result.output


@pytest.fixture
def data_dir(tmp_path: Path, edition: Edition) -> Path:
    folder = tmp_path / "device"
    invoke("demo", "--data-dir", str(folder))
    create_identity(keys_dir_in(folder), PASSPHRASE, kdf=KdfParams(1, 1, 8))
    return folder


def test_key_show_prints_the_fingerprint_and_a_decodable_qr(data_dir: Path, tmp_path: Path) -> None:
    qr = tmp_path / "key.png"
    output = invoke("key", "show", "--data-dir", str(data_dir), "--qr", str(qr))
    fingerprint = output.splitlines()[0].split(": ")[1]
    assert len(fingerprint.replace(" ", "")) == 30
    [decoded] = zxingcpp.read_barcodes(Image.open(qr))
    assert decoded.text.startswith("GECC-KEY:1:")
    assert decoded.text.endswith(fingerprint.replace(" ", ""))


def test_a_wrong_passphrase_is_one_clear_line(data_dir: Path, edition: Edition) -> None:
    db = open_database(data_dir)
    audit = complete_audit(db, edition)
    db.close()
    result = runner.invoke(
        app,
        ["seal", audit, "--data-dir", str(data_dir), "--passphrase-stdin"],
        input="not the passphrase\n",
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")


def test_photo_add_then_check_then_damage_is_reported(
    data_dir: Path, tmp_path: Path, edition: Edition
) -> None:
    from field_audit.storage.audits import open_audit

    db = open_database(data_dir)
    audit = open_audit(db, assignment_id="a-cm", inspector_id="insp-somchai", edition=edition).id
    db.close()
    photo = tmp_path / "ramp.jpg"
    buffer = io.BytesIO()
    noisy((400, 300), seed=4).save(buffer, "JPEG")
    photo.write_bytes(buffer.getvalue())
    not_photo = tmp_path / "notes.txt"
    not_photo.write_text("บันทึก", encoding="utf-8")
    output = invoke(
        "photo",
        "add",
        audit,
        "B09",
        str(photo),
        str(not_photo),
        "--caption",
        "ทางลาด",
        "--data-dir",
        str(data_dir),
        code=2,
    )
    assert "stored" in output
    assert "refused" in output
    assert "time taken unknown / ไม่ทราบเวลาถ่าย" in output  # no EXIF: said, not left blank
    assert "0 damaged" in invoke("photo", "check", "--data-dir", str(data_dir))
    stored = next((data_dir / "evidence" / "photos").glob("*/*"))
    stored.write_bytes(stored.read_bytes()[:-10] + b"0123456789")
    assert "1 damaged" in invoke("photo", "check", "--data-dir", str(data_dir), code=1)


def test_photo_check_names_missing_files_in_both_languages_and_fails(
    data_dir: Path, tmp_path: Path, edition: Edition
) -> None:
    from field_audit.storage.audits import open_audit
    from field_audit.storage.photos import photos_of

    db = open_database(data_dir)
    audit = open_audit(db, assignment_id="a-cm", inspector_id="insp-somchai", edition=edition).id
    db.close()
    photo = tmp_path / "ramp.jpg"
    buffer = io.BytesIO()
    noisy((400, 300), seed=5).save(buffer, "JPEG")
    photo.write_bytes(buffer.getvalue())
    invoke("photo", "add", audit, "B09", str(photo), "--data-dir", str(data_dir))
    assert "0 damaged, 0 missing" in invoke("photo", "check", "--data-dir", str(data_dir))
    db = open_database(data_dir)
    [row] = photos_of(db, audit, "B09")
    db.close()
    (data_dir / "evidence" / "photos" / row.sha256[:2] / row.sha256).unlink()
    (data_dir / "evidence" / "thumbnails" / row.thumb_sha256[:2] / row.thumb_sha256).unlink()

    result = runner.invoke(app, ["photo", "check", "--data-dir", str(data_dir)])

    assert result.exit_code == 1, result.output
    assert "0 damaged, 2 missing / เสียหาย 0 ไฟล์ ไม่พบ 2 ไฟล์" in result.stdout
    photo_line, thumb_line = result.stderr.splitlines()
    assert photo_line.startswith("missing / ไม่พบไฟล์ photo / ภาพถ่าย " + row.sha256)
    assert thumb_line.startswith("missing / ไม่พบไฟล์ thumbnail / ภาพย่อ " + row.thumb_sha256)
    assert f"needed by / ใช้ใน audit / การตรวจ {audit} B09" in photo_line


def test_seal_export_verify_import_round_trip(
    data_dir: Path, tmp_path: Path, edition: Edition
) -> None:
    db = open_database(data_dir)
    audit = complete_audit(db, edition, store=PhotoStore.open(data_dir / "evidence"))
    db.close()
    sealed = invoke(
        "seal", audit, "--data-dir", str(data_dir), "--passphrase-stdin", stdin=PASSPHRASE + "\n"
    )
    result_hash = sealed.strip().split(": ")[1]
    bundle = tmp_path / "mine.gecc"
    invoke("bundle", "export", result_hash, "-o", str(bundle), "--data-dir", str(data_dir))
    other = tmp_path / "other"
    invoke("demo", "--data-dir", str(other))
    refused = json.loads(
        invoke("bundle", "verify", str(bundle), "--json", "--data-dir", str(other), code=1)
    )
    assert refused["code"] == "NO_ENROLLED_KEY"  # the other device has not synced keys yet
    identity = find_identity(keys_dir_in(data_dir))
    assert identity is not None
    enrol_on(other, "insp-somchai", identity.public_key)
    report = json.loads(invoke("bundle", "verify", str(bundle), "--json", "--data-dir", str(other)))
    assert report["valid"] is True
    assert report["main"] == result_hash
    imported = json.loads(
        invoke("bundle", "import", str(bundle), "--json", "--data-dir", str(other))
    )
    assert imported["imported"] == [result_hash]


def enrol_on(data_dir: Path, inspector_id: str, public_key: bytes) -> None:
    """A member's enrolled key, as a sync records it on the device in ``data_dir``."""
    db = open_database(data_dir)
    with db.session() as session:
        session.add(MemberKey(inspector_id=inspector_id, public_key=encode_public_key(public_key)))
        session.commit()
    db.close()


def test_verify_json_says_why_a_bundle_is_invalid(data_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.gecc"
    bad.write_bytes(b"PK\x03\x04 cut")
    report = json.loads(
        invoke("bundle", "verify", str(bad), "--json", "--data-dir", str(data_dir), code=1)
    )
    assert report == {"valid": False, "code": "DAMAGED", "en": report["en"], "th": report["th"]}
    assert report["th"]


def test_export_refuses_when_a_photo_is_missing_on_the_device(
    data_dir: Path, tmp_path: Path, edition: Edition
) -> None:
    db = open_database(data_dir)
    audit = complete_audit(db, edition)  # photo rows whose files were never stored
    db.close()
    sealed = invoke(
        "seal", audit, "--data-dir", str(data_dir), "--passphrase-stdin", stdin=PASSPHRASE + "\n"
    )
    result = runner.invoke(
        app,
        [
            "bundle",
            "export",
            sealed.strip().split(": ")[1],
            "-o",
            str(tmp_path / "x.gecc"),
            "--data-dir",
            str(data_dir),
        ],
    )
    assert result.exit_code == 2
    assert "is missing or damaged on this device" in result.stderr
    assert not (tmp_path / "x.gecc").exists()


def test_bundle_report_of_a_sealed_audit_is_the_inspectors_own(
    data_dir: Path, tmp_path: Path, edition: Edition
) -> None:
    import shutil
    import subprocess

    db = open_database(data_dir)
    audit = complete_audit(db, edition, store=PhotoStore.open(data_dir / "evidence"))
    db.close()
    sealed = invoke(
        "seal", audit, "--data-dir", str(data_dir), "--passphrase-stdin", stdin=PASSPHRASE + "\n"
    )
    result_hash = sealed.strip().split(": ")[1]
    pdf = tmp_path / "mine.pdf"
    invoke("bundle", "report", result_hash, "-o", str(pdf), "--data-dir", str(data_dir))
    assert pdf.read_bytes().startswith(b"%PDF")
    missing = invoke(
        "bundle", "report", "0" * 64, "-o", str(pdf), "--data-dir", str(data_dir), code=2
    )
    assert "no sealed result 000000000000 on this device" in missing
    if shutil.which("pdftotext") is None:
        return
    done = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True)
    text = done.stdout
    identity = find_identity(keys_dir_in(data_dir))
    assert identity is not None
    assert "รายงานผลการตรวจประเมินของผู้ตรวจประเมิน (รายบุคคล)" in text
    assert identity.fingerprint in text  # the inspector's key, to compare with the office's
    assert "คะแนน 80 จาก 80 — ผ่านเกณฑ์" in text
    assert "บันทึก: ที่จอดรถ 40 คัน แยกจากเจ้าหน้าที่" in text
    assert result_hash in text.replace("\n", "")


def test_photo_add_says_which_exif_tag_gave_the_capture_time(
    data_dir: Path, tmp_path: Path, edition: Edition
) -> None:
    from PIL import ExifTags

    from field_audit.storage.audits import open_audit

    db = open_database(data_dir)
    audit = open_audit(db, assignment_id="a-cm", inspector_id="insp-somchai", edition=edition).id
    db.close()
    exif = Image.Exif()
    exif[ExifTags.Base.DateTime] = "2026:12:04 10:15:00"
    photo, empty = tmp_path / "scan.jpg", tmp_path / "empty.jpg"
    noisy((400, 300), seed=6).save(photo, "JPEG", exif=exif.tobytes())
    empty.write_bytes(b"")
    result = runner.invoke(
        app, ["photo", "add", audit, "B09", str(photo), str(empty), "--data-dir", str(data_dir)]
    )
    assert result.exit_code == 2
    assert "(EXIF DateTime (no DateTimeOriginal))" in result.stdout
    assert "2026-12-04 10:15" in result.stdout
    assert f"refused / ไม่รับ {empty}: The file is empty." in result.stderr
