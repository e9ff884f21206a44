"""The office's documents at the central store, on both databases: each a function returning
bytes (as a web route will send them) and a `gecc-central document` command; made from what
was signed and decided, refused with a code when what they rest on is missing."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import pytest
import zxingcpp
from docx import Document
from openpyxl import load_workbook
from PIL import Image
from typer.testing import CliRunner

from sync.server.cli import app
from sync.server.documents import (
    award_list,
    certificate_files,
    committee_report,
    notice,
    round_notices,
)
from sync.server.errors import CentralError
from sync.server.settings import Settings
from tests.documents.conftest import emblem_png
from tests.server.certified import (
    PASSPHRASE,
    certify,
    decide_to_certify,
    issued,
    revoke,
    with_issuing_key,
)
from tests.server.helpers import ROUND_ID, World

DAY = date(2017, 4, 3)
needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="no poppler-utils")


@pytest.fixture
def settings(settings: Settings, tmp_path: Path) -> Settings:
    emblem = tmp_path / "emblem.png"
    emblem.write_bytes(emblem_png())
    return with_issuing_key(settings, tmp_path).replace(
        office_name="กรมส่งเสริมการปกครองท้องถิ่น",
        office_address="ถนนนครราชสีมา เขตดุสิต | กรุงเทพมหานคร 10300",
        office_emblem_file=emblem,
        signatory_name="นายสมศักดิ์ ตัวอย่าง",
        signatory_position="อธิบดีกรมส่งเสริมการปกครองท้องถิ่น",
        verify_url="https://gecc.example.go.th/verify",
        letter_prefix="มท 0810.4/",
        responsible_unit="กองพัฒนาและส่งเสริมการบริหารงานท้องถิ่น",
    )


def text_of(pdf: bytes, work: Path) -> str:
    (work / "doc.pdf").write_bytes(pdf)
    done = subprocess.run(
        ["pdftotext", str(work / "doc.pdf"), "-"], check=True, capture_output=True
    )
    return " ".join(done.stdout.decode("utf-8").split())


def code_of(error: pytest.ExceptionInfo[CentralError]) -> str:
    return error.value.code


@needs_poppler
def test_the_certificate_files_carry_the_qr_code_the_store_issued(
    world: World, tmp_path: Path
) -> None:
    reference = issued(world)["reference"]
    with world.central.session() as session:
        files = certificate_files(world.central, session, reference.lower())
    with world.central.session() as session:
        from sync.server.models import CertificateRecord

        qr_text = session.get(CertificateRecord, reference).qr_text
    with Image.open(io.BytesIO(files.png)) as png:
        assert [c.text for c in zxingcpp.read_barcodes(png)] == [qr_text]
    assert files.svg.startswith(b"<svg")
    (tmp_path / "c.pdf").write_bytes(files.pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "150",
            "-png",
            "-singlefile",
            str(tmp_path / "c.pdf"),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    with Image.open(tmp_path / "page.png") as page:
        assert [c.text for c in zxingcpp.read_barcodes(page)] == [qr_text]
    text = text_of(files.pdf, tmp_path)
    assert "กรมส่งเสริมการปกครองท้องถิ่น" in text
    assert "https://gecc.example.go.th/verify" in text
    assert revoke(world, reference).status_code == 200
    with world.central.session() as session, pytest.raises(CentralError) as refused:
        certificate_files(world.central, session, reference)
    assert code_of(refused) == "CERTIFICATE_REVOKED"


@needs_poppler
def test_the_report_and_the_notices_rest_on_what_was_signed_and_decided(
    world: World, tmp_path: Path
) -> None:
    issued(world, "cm-city")
    certify(world, "pattaya", B07="not_met")
    decide_to_certify(world, "pattaya", certify=False)
    central = world.central
    with central.session() as session:
        report = committee_report(central, session, ROUND_ID, "cm-city")
        word = committee_report(central, session, ROUND_ID, "cm-city", fmt="docx")
        certified = notice(central, session, ROUND_ID, "cm-city", dated=DAY, number="55")
        not_certified = notice(central, session, ROUND_ID, "pattaya", dated=DAY, fmt="docx")
        letters = round_notices(central, session, ROUND_ID, dated=DAY)
    text = text_of(report, tmp_path)
    assert "คณะอนุกรรมการ c1" in text  # the committee by its name
    assert world.member_a.name in text
    assert "GECC-๒๕๖๐-๕๐-๐๐๐๑" in text_of(certified, tmp_path).replace(" ", "")
    assert "ที่ มท ๐๘๑๐.๔/๕๕" in text_of(certified, tmp_path)
    paragraphs = "\n".join(p.text for p in Document(io.BytesIO(not_certified)).paragraphs)
    assert "(๑) B07" in paragraphs
    assert "ประธานกรรมการ" in "\n".join(
        c.text for t in Document(io.BytesIO(word)).tables for r in t.rows for c in r.cells
    )
    with zipfile.ZipFile(io.BytesIO(letters)) as archive:
        assert archive.namelist() == ["notice-cm-city.pdf", "notice-pattaya.pdf"]


def test_documents_are_refused_until_what_they_rest_on_exists(world: World) -> None:
    central = world.central
    with central.session() as session, pytest.raises(CentralError) as refused:
        committee_report(central, session, ROUND_ID, "cm-city")
    assert code_of(refused) == "NO_COMMITTEE_RESULT"
    certify(world, "cm-city", decide=False)
    with central.session() as session, pytest.raises(CentralError) as refused:
        notice(central, session, ROUND_ID, "cm-city", dated=DAY)
    assert code_of(refused) == "NO_DECISION"
    decide_to_certify(world, "cm-city")
    with central.session() as session, pytest.raises(CentralError) as refused:
        notice(central, session, ROUND_ID, "cm-city", dated=DAY)
    assert code_of(refused) == "NO_CERTIFICATE"
    with central.session() as session, pytest.raises(CentralError) as refused:
        award_list(central, session, "no-such-round")
    assert code_of(refused) == "NOT_FOUND"


def test_the_award_list_holds_the_rounds_standing_certificates(world: World) -> None:
    issued(world, "cm-city")
    certify(world, "pattaya")
    with world.central.session() as session:
        book = load_workbook(io.BytesIO(award_list(world.central, session, ROUND_ID, fmt="xlsx")))
    rows = [[c.value for c in row] for row in book["รายชื่อ"].iter_rows(min_row=4)]
    assert [(r[3], r[7]) for r in rows] == [("เทศบาลนครเชียงใหม่", "GECC-2560-50-0001")]


def test_the_document_commands_write_files_and_name_what_the_office_lacks(
    database_url: str, world: World, tmp_path: Path
) -> None:
    issued(world, "cm-city")
    env = {
        "GECC_CENTRAL_DATABASE_URL": database_url,
        "GECC_CENTRAL_DATA_DIR": str(tmp_path),
        "GECC_CENTRAL_ISSUING_KEY_FILE": str(world.central.settings.issuing_key_file),
        "GECC_CENTRAL_ISSUING_KEY_PASSPHRASE": PASSPHRASE,
        "GECC_CENTRAL_OFFICE_NAME": "กรมส่งเสริมการปกครองท้องถิ่น",
    }
    runner = CliRunner()
    out = tmp_path / "out"
    done = runner.invoke(
        app, ["document", "certificate", "GECC-2560-50-0001", "-o", str(out)], env=env
    )
    assert done.exit_code == 0, done.output
    assert sorted(p.name for p in out.iterdir()) == [
        "GECC-2560-50-0001-qr.png",
        "GECC-2560-50-0001-qr.svg",
        "GECC-2560-50-0001.pdf",
    ]
    assert "note: GECC_CENTRAL_SIGNATORY_NAME is not set" in done.output
    for args in (
        ["report", "--round", ROUND_ID, "--lao", "cm-city", "-o", str(out / "r.docx")],
        ["notice", "--round", ROUND_ID, "--all", "-o", str(out / "n.zip"), "--format", "docx"],
        ["awards", "--round", ROUND_ID, "-o", str(out / "a.xlsx")],
    ):
        done = runner.invoke(app, ["document", *args], env=env)
        assert done.exit_code == 0, done.output
        assert f"wrote {args[-1] if args[-2] == '-o' else args[-3]}" in done.output
    wrong = runner.invoke(app, ["document", "awards", "--round", ROUND_ID, "-o", "a.txt"], env=env)
    assert wrong.exit_code == 2
    assert "must end in .pdf or .xlsx" in wrong.output
